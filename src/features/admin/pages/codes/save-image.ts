/**
 * Saving a code image to the device. Taro picks `save-image.weapp.ts` (photo album, with WeChat's
 * permission flow) or `save-image.h5.ts` (a browser download); this file is what tests and the type
 * checker see.
 */
export { saveCodeImage } from './save-image.h5'

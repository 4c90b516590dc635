/**
 * Printing the sheet. Taro picks `print-support.h5.ts` (the browser prints, with print-only CSS) or
 * `print-support.weapp.ts` (WeChat cannot print); this file is what tests and the type checker see.
 */
export { printSheet, printSupported } from './print-support.h5'

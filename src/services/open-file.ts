/**
 * Opening a file the function made (the Excel exports). Taro picks `open-file.weapp.ts` (WeChat's
 * document viewer) or `open-file.h5.ts` (the browser's download); this file is what tests and the
 * type checker see.
 */
export { openFile } from './open-file.h5'

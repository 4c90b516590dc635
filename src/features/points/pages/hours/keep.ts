/**
 * Keeping the record. Taro picks `keep.h5.ts` (the browser prints or saves as PDF, with print-only
 * CSS) or `keep.weapp.ts` (WeChat cannot print: the text version is copied to paste into a chat or a
 * document); this file is what tests and the type checker see.
 */
export { keepMode, keepRecord } from './keep.h5'

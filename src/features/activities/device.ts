/**
 * Platform bits of the activity pages. Taro picks `device.weapp.ts` (scan with WeChat's scanner, open the
 * Excel file in WeChat's document viewer) or `device.h5.ts` (the browser's camera where it has one,
 * the code typed otherwise; the file opens in a new browser tab); this file is what tests and the type checker see.
 */
export { canScan, scanCheckin, openExport } from './device.h5'

/**
 * Handing the file over. Taro picks `device.weapp.ts` (WeChat's document viewer) or `device.h5.ts`
 * (the browser's download); this file is what tests and the type checker see. As the hours export
 * (src/features/activities/device*.ts) does it.
 */
export { openExport } from './device.h5'

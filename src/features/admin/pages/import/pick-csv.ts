/**
 * Picking a CSV file. Taro picks pick-csv.weapp.ts (chooseMessageFile + file system manager) or
 * pick-csv.h5.ts (paste only); this file is what tests and the type checker see.
 */
export { canPickFile, pickCsvFile } from './pick-csv.h5'

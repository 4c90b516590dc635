/**
 * Scanning a code with the camera. Taro picks `scan.weapp.ts` (WeChat's own scanner,
 * `Taro.scanCode`, which also reads mini-program codes) or `scan.h5.ts` (the browser's camera,
 * decoded by jsQR, loaded only when a scan starts); this file is what tests and the type checker
 * see. A page always offers typing the code too: a browser without a camera, or a person who
 * declines it, is told so and types it.
 */
export { canScanCode, scanCode, ScanUnavailableError } from './scan.h5'
export type { ScanResult } from './scan.h5'

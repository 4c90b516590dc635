/**
 * Platform start-up. Taro picks platform.weapp.ts (connects wx.cloud) or platform.h5.ts (labels the
 * H5 tab bar for screen readers); this file is what tests and the type checker see.
 */
export { initPlatform } from './platform.h5'

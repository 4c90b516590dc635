import Taro from '@tarojs/taro'

/** Connects wx.cloud to the CloudBase environment named at build time (TARO_APP_CLOUD_ENV). */
export function initPlatform(): void {
  const env = process.env.TARO_APP_CLOUD_ENV
  Taro.cloud.init(env ? { env, traceUser: true } : { traceUser: true })
}

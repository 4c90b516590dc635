import Taro from '@tarojs/taro'
import { TransportError, type Transport } from './transport-types'

/** WeChat build: wx.cloud.callFunction; the platform attaches the caller's identity. */
export const transport: Transport = async (name, data) => {
  try {
    const res = await Taro.cloud.callFunction({ name, data: data as Record<string, unknown> })
    return res.result
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    throw new TransportError(message, 0)
  }
}

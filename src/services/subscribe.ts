/**
 * One-time subscriptions to subscribe messages (订阅消息). Taro picks `subscribe.weapp.ts`
 * (wx.requestSubscribeMessage, which must run inside a tap) or `subscribe.h5.ts` (the local
 * CloudBase's `POST /dev/subscriptions` plays WeChat's part); this file is what tests and the type
 * checker see.
 */
export { requestSubscription } from './subscribe.h5'

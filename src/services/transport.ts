/**
 * How the app reaches a cloud function. Taro picks `transport.weapp.ts` for the WeChat build and
 * `transport.h5.ts` for the H5 build; this file is what tests and the type checker see.
 */
export type { Transport } from './transport-types'
export { transport } from './transport.h5'

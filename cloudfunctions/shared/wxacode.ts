/**
 * Mini-program codes through wx-server-sdk's `cloud.openapi.wxacode.getUnlimited`: the documented
 * cloud-call way, which answers image bytes as a Buffer. (node-sdk's `callWxOpenApi` is the JSON
 * `wx.api` channel; how it carries image bytes is undocumented.) The function must list
 * `wxacode.getUnlimited` in `config.json` `permissions.openapi`. wx-server-sdk is loaded on the
 * first image only, so other actions keep their cold start lean.
 */
import { DomainError } from '../../src/core/errors'

type WxServerSdk = typeof import('wx-server-sdk')

let sdk: Promise<WxServerSdk> | undefined

function wxCloud(): Promise<WxServerSdk> {
  sdk ??= import('wx-server-sdk').then((mod) => {
    const cloud = ((mod as { default?: WxServerSdk }).default ?? mod) as WxServerSdk
    // The typings want a string; the SDK takes its own symbol for "the environment of this function".
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
    return cloud
  })
  return sdk
}

export interface WxacodeRequest {
  readonly scene: string
  readonly page: string
  readonly width: number
  readonly checkPath: boolean
}

/** The PNG of a mini-program code; WX.<errcode> domain error when WeChat refuses. */
export async function getUnlimitedWxacode(request: WxacodeRequest): Promise<Buffer> {
  const cloud = await wxCloud()
  let res: { buffer?: unknown; errCode?: number; errMsg?: string }
  try {
    res = (await cloud.openapi.wxacode.getUnlimited({ ...request })) as typeof res
  } catch (err) {
    const e = err as { errCode?: number; errMsg?: string }
    if (typeof e?.errCode === 'number')
      throw new DomainError('WX.WXACODE_FAILED', `wxacode ${e.errCode}: ${e.errMsg ?? ''}`)
    throw err
  }
  if (res.errCode !== undefined && res.errCode !== 0)
    throw new DomainError('WX.WXACODE_FAILED', `wxacode ${res.errCode}: ${res.errMsg ?? ''}`)
  if (!Buffer.isBuffer(res.buffer) || res.buffer.length === 0)
    throw new Error('wxacode answered without image bytes')
  return res.buffer
}

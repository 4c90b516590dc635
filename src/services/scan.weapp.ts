import Taro from '@tarojs/taro'

/** What a scan read: the code's text and, for a mini-program code, the page path it opens. */
export interface ScanResult {
  readonly result: string
  readonly path?: string
}

/** The camera could not be used (no camera, permission refused): the page asks to type the code. */
export class ScanUnavailableError extends Error {}

/** WeChat always has its scanner. */
export const canScanCode = (): boolean => true

/** WeChat accepts `wxCode` (a mini-program code on site); Taro's typings list only the generic kinds. */
const KINDS = ['wxCode', 'qrCode'] as unknown as (keyof Taro.scanCode.ScanType)[]

/** Scans with WeChat's scanner; null when the person closed it. */
export async function scanCode(): Promise<ScanResult | null> {
  try {
    const res = await Taro.scanCode({ onlyFromCamera: true, scanType: KINDS })
    return { result: res.result, ...(res.path ? { path: res.path } : {}) }
  } catch (err) {
    const msg = (err as { errMsg?: string } | null)?.errMsg ?? ''
    if (/cancel/.test(msg)) return null
    throw new ScanUnavailableError(msg || 'scanCode failed')
  }
}

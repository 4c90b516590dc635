/**
 * Each voucher carries a mini-program code (scene `v=<code>`, opening the staff verify page), made
 * after the commit; when that fails the voucher has no image yet and `market.vouchers` retries.
 */
import type { VoucherView } from '../../../src/core/market/api'
import {
  VOUCHER_WXACODE,
  voucherImagePath,
  voucherScene,
  type VoucherRecord,
} from '../../../src/core/market/model'
import { voucherView } from '../../../src/core/market/rules'
import { jsonLog } from '../kit'
import { cloud, db } from '../sdk'
import { getUnlimitedWxacode } from '../wxacode'
import { VOUCHERS } from './market-base'

const TEMP_URL_MAX_AGE_S = 2 * 60 * 60
/** Voucher images still missing after this long in one listing wait for the next one. */
const IMAGE_BUDGET_MS = 4000

/** The voucher's mini-program code in storage (made once); null when WeChat or storage failed. */
async function ensureImage(v: VoucherRecord): Promise<string | null> {
  if (v.qrFileID) return v.qrFileID
  try {
    const png = await getUnlimitedWxacode({ scene: voucherScene(v.code), ...VOUCHER_WXACODE })
    const uploaded = await cloud().uploadFile({
      cloudPath: voucherImagePath(v.communityId, v._id),
      fileContent: png,
    })
    await db().collection(VOUCHERS).doc(v._id).update({ qrFileID: uploaded.fileID })
    return uploaded.fileID
  } catch (err) {
    jsonLog({
      level: 'error',
      what: 'voucher wxacode',
      voucherId: v._id,
      error: err instanceof Error ? err.message : String(err),
    })
    return null
  }
}

/** fileID → temporary URL, 50 a request (the platform's batch limit). */
async function tempUrls(fileIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  const unique = [...new Set(fileIds)]
  for (let i = 0; i < unique.length; i += 50) {
    const batch = unique.slice(i, i + 50)
    try {
      const res = await cloud().getTempFileURL({
        fileList: batch.map((fileID) => ({ fileID, maxAge: TEMP_URL_MAX_AGE_S })),
      })
      for (const f of res.fileList ?? [])
        if (f.code === 'SUCCESS' && f.tempFileURL) out.set(f.fileID, f.tempFileURL)
    } catch (err) {
      jsonLog({
        level: 'error',
        what: 'voucher temp urls',
        error: err instanceof Error ? err.message : String(err),
      })
    }
  }
  return out
}

/** Holder views: issued vouchers carry their QR (made now when missing, within a time budget). */
export async function holderViews(list: readonly VoucherRecord[], retried = false): Promise<VoucherView[]> {
  const started = Date.now()
  const files = new Map<string, string>()
  for (const v of list) {
    if (v.status !== 'issued') continue
    const fileId = v.qrFileID ?? (Date.now() - started < IMAGE_BUDGET_MS ? await ensureImage(v) : null)
    if (fileId) files.set(v._id, fileId)
  }
  const urls = await tempUrls([...files.values()])
  return list.map((v) => {
    const fileId = files.get(v._id)
    return voucherView(v, { qrUrl: (fileId && urls.get(fileId)) ?? null, retried })
  })
}

export async function holderView(v: VoucherRecord, retried = false): Promise<VoucherView> {
  const [view] = await holderViews([v], retried)
  if (!view) throw new Error('voucher view vanished')
  return view
}

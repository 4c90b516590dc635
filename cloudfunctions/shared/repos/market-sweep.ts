/** The timer: issued vouchers past their expiry expire, refunded and restocked (`closeInTx`). */
import { withRetry } from '../tx'
import { SWEEP_BATCH, type VoucherRecord } from '../../../src/core/market/model'
import { jsonLog } from '../kit'
import { db } from '../sdk'
import { VOUCHERS } from './market-base'
import { closeInTx } from './market-vouchers'

export interface VoucherSweepReport {
  readonly found: number
  readonly expired: number
  readonly failed: number
}

/** Issued vouchers past their expiry → expired, points refunded, stock returned (100 a run, oldest first). */
export async function sweepVouchers(now: Date, limit = SWEEP_BATCH): Promise<VoucherSweepReport> {
  const _ = db().command
  const res = await db()
    .collection(VOUCHERS)
    .where({ status: 'issued', expiresAt: _.lt(now) })
    .orderBy('expiresAt', 'asc')
    .limit(limit)
    .get()
  const due = res.data as VoucherRecord[]
  let expired = 0
  let failed = 0
  for (const v of due) {
    try {
      if (await withRetry((tx) => closeInTx(tx, v._id, 'expire', 'system', 'system', now))) expired += 1
    } catch (err) {
      failed += 1
      jsonLog({
        level: 'error',
        what: 'voucher expiry',
        voucherId: v._id,
        error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      })
    }
  }
  return { found: due.length, expired, failed }
}

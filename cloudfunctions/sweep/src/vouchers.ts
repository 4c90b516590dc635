/**
 * The love-supermarket part of the sweep: issued vouchers past their expiry expire, their points
 * refunded and the unit returned to stock (100 a run). Each expiry is one transaction keyed on the
 * voucher's status and one refund cause, so racing sweeps expire and refund once.
 */
import { sweepVouchers, type VoucherSweepReport } from '../../shared/repos/market'

export async function expireVouchers(now: Date): Promise<VoucherSweepReport> {
  const report = await sweepVouchers(now)
  console.log(JSON.stringify({ level: 'info', what: 'sweep.vouchers', now: now.toISOString(), ...report }))
  return report
}

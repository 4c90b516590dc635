/**
 * The errands part of the sweep: open errands whose time window ended expire (requester notified).
 * Each expiry is a conditional write on the errand's version, so racing sweeps expire once.
 */
import { sweepErrands, type ErrandSweepReport } from '../../shared/repos/errands'

export async function expireErrands(now: Date): Promise<ErrandSweepReport> {
  const report = await sweepErrands(now)
  console.log(JSON.stringify({ level: 'info', what: 'sweep.errands', now: now.toISOString(), ...report }))
  return report
}

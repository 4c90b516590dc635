/**
 * The points' part of the per-day buckets (src/core/dashboard/days.ts, namespace `p`), in the
 * community's own bucket of the day of the transfer: `p.issued`, points paid out of the community's
 * issuance account (errands, activities, wishes, awards, donations), and `p.spent`, points paid into
 * its love supermarket. A correction or a refund going the other way counts back.
 */
import { dayCount } from '../dashboard/days'
import type { Count } from '../effects'
import { parseAccount } from './model'
import type { TransferRequest } from './ledger'

export function ledgerDayCounts(
  t: Pick<TransferRequest, 'from' | 'to' | 'amount' | 'communityId'>,
  at: Date,
): Count[] {
  const from = parseAccount(t.from)?.kind
  const to = parseAccount(t.to)?.kind
  const sign = (k: string) => (from === k ? 1 : 0) - (to === k ? 1 : 0)
  return dayCount({ communityId: t.communityId }, at, {
    'p.issued': sign('issuance') * t.amount,
    'p.spent': -sign('market') * t.amount,
  })
}

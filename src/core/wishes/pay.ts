/** What a confirmed wish pays: its points, shared exactly among the claimants (src/core/points ledger). */
import { clipThing } from '../notify/templates'
import { Causes, issuanceAccount, personAccount } from '../points/model'
import type { TransferRequest } from '../points/ledger'
import type { WishRecord } from './model'

/**
 * The wish's points shared among `k` members exactly: each gets ⌊points ÷ k⌋ and the first
 * `points mod k` one more, so the shares always add up to the points.
 */
export function splitPoints(points: number, k: number): number[] {
  if (k <= 0) return []
  const base = Math.floor(points / k)
  const rest = points - base * k
  return Array.from({ length: k }, (_, i) => base + (i < rest ? 1 : 0))
}

/** What a confirmation pays: one transfer to the claimant, or one per member with a share (cause per member). */
export function payOf(w: Pick<WishRecord, '_id' | 'points' | 'claim' | 'title' | 'path'>): TransferRequest[] {
  if (!w.claim || w.points <= 0) return []
  const members = w.claim.group?.members ?? [{ userId: w.claim.by, name: w.claim.byName }]
  const shares = splitPoints(w.points, members.length)
  const alone = members.length === 1
  return members.flatMap((m, i) =>
    (shares[i] ?? 0) > 0
      ? [
          {
            cause: alone ? Causes.wish(w._id) : `${Causes.wish(w._id)}:${m.userId}`,
            from: issuanceAccount(w.path.communityId),
            to: personAccount(m.userId),
            amount: shares[i] ?? 0,
            reason: `实现微心愿：${clipThing(w.title, 20)}`,
            communityId: w.path.communityId,
            by: 'system',
          },
        ]
      : [],
  )
}

/**
 * Wish-wall metrics, kept incrementally through the wish's outbox (exactly once), like the
 * deliberation's: collection `wish_stats`, one document per grid (`grid:<id>`) and one per
 * community (`community:<id>`). A dashboard reads them, never the wishes.
 */
import type { Count } from '../effects'
import type { WishRecord } from './model'

export const WISH_STATS = 'wish_stats'

export const WishStatsFields = [
  'posted',
  'published',
  'declined',
  'claimed',
  'closed',
  'expired',
  'promoted',
  /** Points paid to claimants. */
  'points',
] as const
export type WishStatsField = (typeof WishStatsFields)[number]
export type WishStats = Readonly<Record<WishStatsField, number>>

export const wishStatsId = (level: 'grid' | 'community', id: string) => `${level}:${id}`

export function wishCounts(
  path: WishRecord['path'],
  incs: Readonly<Partial<Record<WishStatsField, number>>>,
): Count[] {
  const clean = Object.fromEntries(Object.entries(incs).filter(([, n]) => typeof n === 'number' && n !== 0))
  if (Object.keys(clean).length === 0) return []
  return (['grid', 'community'] as const).map((level) => {
    const refId = level === 'grid' ? path.gridId : path.communityId
    return {
      kind: 'count' as const,
      collection: WISH_STATS,
      id: wishStatsId(level, refId),
      incs: clean as Record<string, number>,
      init: { level, refId, communityId: path.communityId, streetId: path.streetId },
    }
  })
}

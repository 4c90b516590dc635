/**
 * The dashboards' store: it loads the counters of a scope (the per-day buckets of its grids and
 * communities, the wish wall's counter documents, the grid names and the communities'
 * categories) and core folds them (src/core/dashboard/view.ts). Never a read of the orders: a
 * dashboard costs O(grids × days) small documents, whatever the number of orders.
 */
import type { DashboardView } from '../../../src/core/dashboard/api'
import { DAY_STATS, fieldKey, type DayDoc } from '../../../src/core/dashboard/days'
import type { Period } from '../../../src/core/dashboard/period'
import { dashboardOf, readFrom } from '../../../src/core/dashboard/view'
import { DefaultCategories, OTHER_CATEGORY, type CategoryOverride } from '../../../src/core/orders/categories'
import { sumOf } from '../../../src/core/dashboard/sum'
import { WISH_STATS, wishStatsId, type WishStats } from '../../../src/core/wishes/stats'
import type { ResolvedPlace } from '../kit'
import { db } from '../sdk'
import { ORDER_CONFIG } from './orders-base'
import { allById } from './paging'

interface Named {
  readonly _id: string
  readonly name: string
  readonly communityId?: string
}

/** The day buckets of these communities (their grids' and their own) from `from` to `to`. */
export function daysOf(communityIds: readonly string[], from: string, to: string): Promise<DayDoc[]> {
  const _ = db().command
  const inScope =
    communityIds.length === 1 ? { communityId: communityIds[0] } : { communityId: _.in([...communityIds]) }
  return allById<DayDoc>(DAY_STATS, { ...inScope, day: _.gte(from).and(_.lte(to)) })
}

/**
 * A street's, a community's or one grid's dashboard for a period (the kit has checked the caller's
 * scope). A grid's reads its community's buckets and keeps its own: a community's own things
 * (activities, points) belong to no grid.
 */
export async function dashboard(place: ResolvedPlace, period: Period): Promise<DashboardView> {
  const _ = db().command
  const level = place.level === 'street' ? 'street' : place.level === 'grid' ? 'grid' : 'community'
  const { streetId = '', communityId = '', gridId = '' } = place.path
  const communities =
    level === 'street' ? await allById<Named>('communities', { streetId }) : [{ _id: communityId, name: '' }]
  const ids = communities.map((c) => c._id)
  const scope = level === 'street' ? { streetId } : level === 'grid' ? { _id: gridId } : { communityId }
  const [inScope, grids, configs, wishes] = await Promise.all([
    // Every bucket of the scope: its grids' and its communities' own (activities, points).
    daysOf(ids, readFrom(period), period.to),
    allById<Named>('grids', scope),
    allById<CategoryOverride & { _id: string }>(ORDER_CONFIG, { _id: ids.length === 1 ? ids[0] : _.in(ids) }),
    level === 'grid'
      ? allById<Partial<WishStats> & { _id: string }>(WISH_STATS, { _id: wishStatsId('grid', gridId) })
      : allById<Partial<WishStats> & { _id: string }>(WISH_STATS, { ...scope, level: 'community' }),
  ])
  const days = level === 'grid' ? inScope.filter((d) => d.gridId === gridId) : inScope
  const communityName = new Map(communities.map((c) => [c._id, c.name]))
  const names = new Map<string, string>()
  for (const c of [...DefaultCategories, OTHER_CATEGORY]) names.set(fieldKey(c.id), c.name)
  for (const cfg of configs) for (const c of cfg.categories ?? []) names.set(fieldKey(c.id), c.name)
  return dashboardOf({
    level,
    id: level === 'street' ? streetId : level === 'grid' ? gridId : communityId,
    name: place.name,
    period,
    grids: grids.map((g) => ({
      id: g._id,
      name: g.name,
      communityId: g.communityId ?? '',
      community: level === 'street' ? (communityName.get(g.communityId ?? '') ?? null) : null,
    })),
    days,
    categoryName: (key) => names.get(key) ?? '已停用的类别',
    wishes: sumOf(wishes),
  })
}

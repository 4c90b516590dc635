/** The rates of a unit (grid, community, street or worker) and its children, read from the per-grid counter documents. */
import { AdminRoles, grantOver, holdsOver } from '../../../src/core/access'
import type { RatesView, StatsLevel } from '../../../src/core/orders/api'
import {
  ratesOf,
  statsIdFor,
  sumCounters,
  workerKey,
  type StatsCounters,
} from '../../../src/core/orders/metrics'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import { db } from '../sdk'
import { firstDoc, getDoc, namesByIds } from './docs'
import { type Caller, ORDER_STATS, userOf } from './orders-base'
import type { Counters } from './orders-counters'

type GridCounters = Counters & { readonly refId: string; readonly parentId: string }

/**
 * The rates of one unit and its children, from the per-grid counter documents: a grid reads its
 * document, a community or street the documents of its grids (one query; children are its grids or
 * communities), a worker their entries in the grids of their street(s).
 */
export async function rates({ actor, user }: Caller, level: StatsLevel, id: string): Promise<RatesView> {
  let workerGrants = level === 'worker' && id === actor.userId ? user.grants : []
  if (level === 'worker' && id !== actor.userId) {
    // A worker's own figures: that worker, and staff above their grid.
    const worker = await userOf(id)
    const grid = worker ? grantOver(worker, 'grid_worker')?.scope : undefined
    const above = grid && holdsOver(actor, AdminRoles, grid)
    if (!above || !worker) throw new DomainError(CommonErrorCodes.FORBIDDEN, '您无权查看')
    workerGrants = worker.grants
  }
  const _ = db().command
  const col = db().collection(ORDER_STATS)
  const gridsWhere =
    level === 'community'
      ? { level: 'grid', parentId: id }
      : level === 'street'
        ? { level: 'grid', streetId: id }
        : null
  const streets = [
    ...new Set(workerGrants.map((g) => g.scope.streetId).filter((s): s is string => Boolean(s))),
  ]
  const key = workerKey(id)
  const [selfDoc, grids, name] = await Promise.all([
    level === 'grid' ? getDoc<Counters>(ORDER_STATS, statsIdFor('grid', id)) : Promise.resolve(null),
    gridsWhere
      ? col.where(gridsWhere).field({ workers: false }).limit(1000).get()
      : level === 'worker' && streets.length > 0
        ? col
            .where({ level: 'grid', streetId: _.in(streets) })
            .field({ refId: true, [`workers.${key}`]: true })
            .limit(1000)
            .get()
        : Promise.resolve({ data: [] }),
    nameOf(level, id),
  ])
  const docs = grids.data as GridCounters[]
  let self: Partial<StatsCounters> | null = selfDoc
  let kids: { id: string; counters: Partial<StatsCounters> }[] = []
  if (level === 'worker') self = sumCounters(docs.map((d) => d.workers?.[key]))
  if (gridsWhere) self = sumCounters(docs)
  if (level === 'community') kids = docs.map((d) => ({ id: d.refId, counters: d }))
  if (level === 'street') {
    const byCommunity = new Map<string, GridCounters[]>()
    for (const d of docs) byCommunity.set(d.parentId, [...(byCommunity.get(d.parentId) ?? []), d])
    kids = [...byCommunity].map(([communityId, list]) => ({ id: communityId, counters: sumCounters(list) }))
  }
  const names =
    kids.length > 0
      ? await namesByIds(
          level === 'community' ? 'grids' : 'communities',
          kids.map((k) => k.id),
        )
      : new Map<string, string>()
  return {
    level,
    id,
    name,
    rates: ratesOf(self),
    children: kids
      .map((k) => ({ id: k.id, name: names.get(k.id) ?? k.id, rates: ratesOf(k.counters) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true })),
  }
}

async function nameOf(level: StatsLevel, id: string): Promise<string> {
  const collection = { worker: 'users', grid: 'grids', community: 'communities', street: 'streets' }[level]
  const doc = firstDoc<{ name?: string; displayName?: string }>(
    (await db().collection(collection).doc(id).field({ name: true, displayName: true }).get()).data,
  )
  if (!doc) throw new DomainError(CommonErrorCodes.NOT_FOUND, '不存在')
  return doc.name ?? doc.displayName ?? ''
}

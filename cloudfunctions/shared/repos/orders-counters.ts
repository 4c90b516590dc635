/**
 * Counters: one document per grid in `order_stats` (src/core/orders/metrics.ts), its grid's and its
 * workers' counts. A move off the hot path applies its delta as one atomic increment right after
 * the move's write (`countMove`) — the move happens once, so its delta is applied once; a crash
 * between the two writes loses that one delta (logged). The dispatcher applies the outbox's deltas
 * inside its transaction (`countInTx`), exactly once.
 */
import type { Tx } from '../tx'
import {
  counterIncrements,
  statsDelta,
  statsIdFor,
  type StatsCounters,
} from '../../../src/core/orders/metrics'
import type { OrderRecord } from '../../../src/core/orders/model'
import { db } from '../sdk'
import { txGet } from './docs'
import { acceptDeadlineOf, type Config, ORDER_STATS } from './orders-base'

export type Counters = Partial<StatsCounters> & {
  readonly workers?: Readonly<Record<string, Partial<StatsCounters>>>
}

/** A grid's counter document as its first counted change creates it (`workers.<key>.<field>` nested). */
function newStatsDoc(o: OrderRecord, incs: Record<string, number>): Record<string, unknown> {
  const workers: Record<string, Record<string, number>> = {}
  const doc: Record<string, unknown> = {
    level: 'grid',
    refId: o.path.gridId,
    parentId: o.path.communityId,
    streetId: o.path.streetId,
    workers,
  }
  for (const [f, n] of Object.entries(incs)) {
    const [head, key, field] = f.split('.')
    if (head === 'workers' && key && field) workers[key] = { ...(workers[key] ?? {}), [field]: n }
    else doc[f] = n
  }
  return doc
}

/**
 * The move's counter changes: ONE atomic increment of the order's grid document (its grid's and its
 * first receiver's counters). The first order of a grid creates the document (a racing creator
 * makes the insert fail: then the increment is simply applied to theirs).
 */
export async function countMove(
  before: OrderRecord | null,
  after: OrderRecord,
  config: Config,
): Promise<void> {
  try {
    const { area, worker } = statsDelta(before, after, acceptDeadlineOf(after, config))
    const incs = counterIncrements(area, worker, after.firstReceiverId)
    if (Object.keys(incs).length === 0) return
    const _ = db().command
    const id = statsIdFor('grid', after.path.gridId)
    const col = db().collection(ORDER_STATS)
    const apply = async () =>
      (
        (await col
          .where({ _id: id })
          .update(Object.fromEntries(Object.entries(incs).map(([f, n]) => [f, _.inc(n)])))) as {
          updated?: number
        }
      ).updated ?? 0
    if ((await apply()) === 1) return
    try {
      await col.add({ _id: id, ...newStatsDoc(after, incs) })
    } catch {
      // Created meanwhile by a racing move of the same grid: count on theirs.
      if ((await apply()) !== 1) throw new Error(`counter document ${id} neither updated nor created`)
    }
  } catch (err) {
    console.log(
      JSON.stringify({ level: 'error', what: 'orders.countMove', orderId: after._id, error: String(err) }),
    )
  }
}

/** The counter document of the order's grid, inside the dispatcher's transaction (created by the grid's first order). */
export async function countInTx(tx: Tx, o: OrderRecord, incs: Record<string, number>): Promise<void> {
  const _ = db().command
  const id = statsIdFor('grid', o.path.gridId)
  const current = await txGet<Counters>(tx, ORDER_STATS, id)
  if (current) {
    await tx
      .collection(ORDER_STATS)
      .doc(id)
      .update(Object.fromEntries(Object.entries(incs).map(([f, n]) => [f, _.inc(n)])))
    return
  }
  await tx.collection(ORDER_STATS).doc(id).set(newStatsDoc(o, incs))
}

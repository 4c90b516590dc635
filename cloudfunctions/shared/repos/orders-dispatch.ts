/** The outbox of the one-write submit and accept (docs/adr/0011-order-outbox.md): carried out once, nudged by the app, swept by the timer. */
import { withRetry } from '../tx'
import { counterIncrements } from '../../../src/core/orders/metrics'
import type { OrderRecord } from '../../../src/core/orders/model'
import { DISPATCH_GRACE_MS, DISPATCH_LEASE_MS, entryDelta } from '../../../src/core/orders/outbox'
import { viewerOf } from '../../../src/core/orders/view'
import type { Actor } from '../../../src/core/roles'
import { db } from '../sdk'
import { txGet } from './docs'
import { acceptDeadlineOf, configOf, notFound, ORDERS, readOrder, withDeadline } from './orders-base'
import { countInTx } from './orders-counters'
import { announceToHandlers } from './orders-announce'

/**
 * Carries out what an order's outbox entries owe: claims the order (a lease, so one dispatcher at a
 * time), then in ONE transaction applies the counters, stores the reply deadline an accept left
 * open and removes the entries it handled — so counters change exactly once — and then tells the
 * grid workers of a new order. A crash after the transaction and before the message leaves the
 * order `unnotified` (the inbox's and the supervisors' overdue lists), never silent, never told
 * twice; the flag is cleared once a message got through. Returns how many entries it carried out
 * (0 when nothing was owed or another dispatcher holds the order).
 */
export async function dispatch(orderId: string, now: Date): Promise<number> {
  const _ = db().command
  const claim = (await db()
    .collection(ORDERS)
    .where(
      _.and([
        { _id: orderId, outboxAt: _.neq(null) },
        _.or([{ outboxLease: null }, { outboxLease: _.lt(now) }]),
      ]),
    )
    // `outboxAt` moves to now: an order whose dispatch keeps failing goes to the back of the timer's queue.
    .updateAndReturn({ outboxLease: new Date(now.getTime() + DISPATCH_LEASE_MS), outboxAt: now })) as {
    updated?: number
    doc?: OrderRecord | null
  }
  if (claim.updated !== 1 || !claim.doc) return 0
  const entries = claim.doc.outbox ?? []
  const config = await configOf(claim.doc.path.communityId)
  const handled = new Set(entries.map((e) => e.id))
  const o = await withRetry(async (tx) => {
    const fresh = await txGet<OrderRecord>(tx, ORDERS, orderId)
    if (!fresh) return null
    const owed = (fresh.outbox ?? []).filter((e) => handled.has(e.id))
    const rest = (fresh.outbox ?? []).filter((e) => !handled.has(e.id))
    const incs: Record<string, number> = {}
    for (const e of owed) {
      const d = entryDelta(fresh, e, acceptDeadlineOf(fresh, config))
      for (const [f, n] of Object.entries(counterIncrements(d.area, d.worker, d.workerId)))
        incs[f] = (incs[f] ?? 0) + n
    }
    if (Object.keys(incs).length > 0) await countInTx(tx, fresh, incs)
    const update: Record<string, unknown> = {
      outbox: rest,
      outboxAt: rest.length > 0 ? now : null,
      outboxLease: null,
    }
    // An accepted order always has a reply deadline: the one-write accept left it to us.
    const settled = withDeadline(fresh, config)
    if (settled !== fresh) {
      update.dueAt = settled.dueAt
      update.dueAction = settled.dueAction
    }
    await tx.collection(ORDERS).doc(orderId).update(update)
    return { ...fresh, ...update } as OrderRecord
  })
  // Only news still true: an order accepted or escalated meanwhile was told by that move.
  if (
    o &&
    entries.some((e) => e.kind === 'submit') &&
    o.status === 'submitted' &&
    o.tier === 'grid' &&
    o.unnotified
  ) {
    await announceToHandlers(o, false, now, 'order.new.grid.submit')
  }
  // An accept tells nobody (ProgressPushKinds: the reporter's one message is kept for the reply).
  return entries.length
}

/** `order.dispatch`, the app's nudge right after a submit or accept: for anyone who may see the order. */
export async function dispatchFor(
  actor: Actor,
  orderId: string,
  now: Date,
): Promise<{ readonly dispatched: number }> {
  const o = await readOrder(orderId)
  if (!o || !viewerOf(actor, o)) throw notFound()
  if (!o.outbox || o.outbox.length === 0) return { dispatched: 0 }
  return { dispatched: await dispatch(orderId, now) }
}

/** The timer's part: orders whose entries were not dispatched by the app's nudge (index `outbox`), oldest first. */
export async function dispatchPending(
  now: Date,
  limit = 50,
): Promise<{ readonly found: number; readonly dispatched: number }> {
  const _ = db().command
  const res = await db()
    .collection(ORDERS)
    .where({ outboxAt: _.lte(new Date(now.getTime() - DISPATCH_GRACE_MS)) })
    .orderBy('outboxAt', 'asc')
    .field({ _id: true })
    .limit(limit)
    .get()
  let dispatched = 0
  for (const { _id } of res.data as { _id: string }[]) {
    try {
      dispatched += await dispatch(_id, now)
    } catch (err) {
      console.log(
        JSON.stringify({ level: 'error', what: 'orders.dispatch', orderId: _id, error: String(err) }),
      )
    }
  }
  return { found: res.data.length, dispatched }
}

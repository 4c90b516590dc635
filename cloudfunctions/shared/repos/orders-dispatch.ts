/**
 * The orders' part of the one effects path (cloudfunctions/shared/outbox.ts): the follow-on work of
 * the one-write accept, and the app's nudge right after a submit or accept.
 */
import { countOf } from '../../../src/core/orders/effects'
import { orderDayCounts } from '../../../src/core/orders/metrics-days'
import { acceptDeadline } from '../../../src/core/orders/sla'
import type { OrderRecord } from '../../../src/core/orders/model'
import { acceptedDelta } from '../../../src/core/orders/outbox'
import { viewerOf } from '../../../src/core/orders/view'
import type { Actor } from '../../../src/core/roles'
import { dispatch, registerFollow } from '../outbox'
import { configOf, hazardOf, notFound, ORDERS, readOrder, withDeadline } from './orders-base'

/**
 * `orders.accepted`: a one-write accept is counted (its first acceptance, against the accept
 * deadline) and gets its reply deadline, in the dispatcher's transaction: exactly once.
 */
registerFollow('orders.accepted', async (subject, effect) => {
  const o = subject as unknown as OrderRecord
  const config = await configOf(o.path.communityId)
  const by = String(effect.args?.by ?? '')
  const at = new Date(effect.args?.at as Date)
  const { area, worker } = acceptedDelta(
    o,
    by,
    at,
    acceptDeadline(o.submittedAt, config.sla, hazardOf(config, o.categoryId)),
  )
  const settled = withDeadline(o, config)
  return {
    counts: [...countOf(o, area, worker, by), ...orderDayCounts(o, area, 'submitted', 'accepted', [])],
    set: settled === o ? {} : { dueAt: settled.dueAt, dueAction: settled.dueAction },
  }
})

/** `order.dispatch`, the app's nudge right after a submit or accept: for anyone who may see the order. */
export async function dispatchFor(
  actor: Actor,
  orderId: string,
  now: Date,
): Promise<{ readonly dispatched: number }> {
  const o = await readOrder(orderId)
  if (!o || !viewerOf(actor, o)) throw notFound()
  if (!o.outbox || o.outbox.length === 0) return { dispatched: 0 }
  return { dispatched: await dispatch(ORDERS, orderId, now, o as unknown as Parameters<typeof dispatch>[3]) }
}

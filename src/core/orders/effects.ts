/**
 * What follows from a move on a work order, as data (src/core/effects.ts): who is told what, and
 * how the counters change. Written once, here; the store only stores the entry with the move and
 * the dispatcher (cloudfunctions/shared/outbox.ts) carries it out.
 *
 * Who is told what:
 * - a new order (submit): the handlers of the tier it starts at (the grid's, or for an order filed
 *   higher, the community's or street's), while it is still new, unaccepted and nobody was reached
 *   (`unnotified`, cleared when a message gets through);
 * - an escalation: the new tier's handlers (`unnotified` raised by the move, cleared the same way);
 * - a deadline passed (the sweep's overdue or automatic escalation): whoever held it (`lateHolders`)
 *   is told what is late and since when, then the supervisors of the tier it now lies at, not
 *   twice to one person;
 * - a 不满意 rating: the supervisors of its tier;
 * - a reply (ProgressPushKinds): the reporter and followers, not the mover.
 * Every move is also counted in its grid's day buckets (./metrics-days.ts), for the dashboards.
 * Message kinds carry the order's new version, so each is sent at most once per move.
 */
import type { Count, Effect, Follow, Notify } from '../effects'
import { TierHandlers, TierSupervisors, type MoveResult } from './decide'
import {
  lateHolders,
  orderLateMessage,
  orderNewMessage,
  orderProgressMessage,
  orderUnsatisfiedMessage,
  pushesProgress,
} from './messages'
import { counterIncrements, statsDelta, statsIdFor, type StatsDelta } from './metrics'
import { orderMoveDayCounts } from './metrics-days'
import { concluded, startTierOf, type OrderRecord } from './model'
import { acceptDeadline, type SlaTable } from './sla'

export const ORDER_STATS = 'order_stats'

/** The grid's counter document's increments for a change (area delta, and the worker's under their key). */
export function countOf(
  o: Pick<OrderRecord, 'path'>,
  area: StatsDelta,
  worker: StatsDelta,
  workerId: string | null,
): Count[] {
  const incs = counterIncrements(area, worker, workerId)
  if (Object.keys(incs).length === 0) return []
  return [
    {
      kind: 'count',
      collection: ORDER_STATS,
      id: statsIdFor('grid', o.path.gridId),
      incs,
      init: {
        level: 'grid',
        refId: o.path.gridId,
        parentId: o.path.communityId,
        streetId: o.path.streetId,
        workers: {},
      },
    },
  ]
}

const newWork = (o: OrderRecord, escalated: boolean, key: string, onlyIf?: Notify['onlyIf']): Notify => ({
  kind: 'notify',
  key,
  to: { staff: TierHandlers[o.tier], over: o.path },
  template: 'orderNew',
  data: orderNewMessage(o, escalated),
  ...(onlyIf ? { onlyIf } : {}),
  onReached: { unnotified: false },
})

/**
 * A new order's effects: counted as received and open (in its grid's document, whatever tier it
 * starts at); the handlers of the tier it starts at (a report: the grid's; an order filed at the
 * community or street: theirs over its place, as an escalation tells them) told while it is still news.
 */
export function submitEffects(o: OrderRecord, sla: SlaTable, hazard: boolean): Effect[] {
  const { area, worker } = statsDelta(null, o, acceptDeadline(o.submittedAt, sla, hazard, o.tier))
  return [
    ...countOf(o, area, worker, null),
    ...orderMoveDayCounts(null, o, area),
    newWork(o, false, `order.new.${o.tier}.submit`, {
      status: 'submitted',
      tier: o.tier,
      unnotified: true,
    }),
  ]
}

/**
 * The one-write accept's effects (src/core/orders/outbox.ts): it cannot read the community's SLA, so
 * counting it and storing its reply deadline are follow-on work (`orders.accepted`, registered by
 * the store). An accept tells nobody (the reporter's one message is kept for the reply).
 */
export function acceptedFollow(by: string, at: Date): Follow {
  return { kind: 'follow', name: 'orders.accepted', args: { by, at } }
}

/** Collection of deliberation topics (src/core/deliberation/model.ts). */
const TOPICS = 'topics'

/**
 * An order carrying out a deliberation topic's decision: when it becomes concluded (or is reopened)
 * the topic's count of orders still to do moves by one, with its version (the topic's moves are
 * conditional on it, so none overwrites the count).
 */
export function topicWork(before: OrderRecord, o: OrderRecord): Count[] {
  const was = concluded(before)
  const is = concluded(o)
  if (!o.topicId || was === is) return []
  return [
    {
      kind: 'count',
      collection: TOPICS,
      id: o.topicId,
      incs: { 'work.ordersLeft': is ? -1 : 1, version: 1 },
      init: {},
    },
  ]
}

/** A move's effects: its counter change, and who is told what (see the file comment). */
export function moveEffects(
  before: OrderRecord,
  r: MoveResult,
  sla: SlaTable,
  hazard: boolean,
  now: Date,
): Effect[] {
  const o = r.next
  const e = r.event
  const { area, worker } = statsDelta(before, o, acceptDeadline(o.submittedAt, sla, hazard, startTierOf(o)))
  const out: Effect[] = [
    ...countOf(o, area, worker, o.firstReceiverId),
    ...orderMoveDayCounts(before, o, area),
    ...topicWork(before, o),
  ]
  if (e.kind === 'escalate') out.push(newWork(o, true, `order.new.${o.tier}.v${o.version}`))
  if (e.kind === 'overdue' || (e.kind === 'escalate' && e.auto)) {
    const data = orderLateMessage(before, o, now)
    const holders = lateHolders(before)
    out.push(
      {
        kind: 'notify',
        key: `order.late.v${o.version}`,
        to:
          'userId' in holders
            ? { users: [holders.userId] }
            : { staff: TierHandlers[holders.tier], over: before.path },
        once: 'late',
        template: 'orderOverdue',
        data,
      },
      {
        kind: 'notify',
        key: `order.overdue.v${o.version}`,
        to: { staff: TierSupervisors[o.tier], over: o.path },
        once: 'late',
        template: 'orderOverdue',
        data,
      },
    )
  }
  if (e.kind === 'rate' && o.status === 'unsatisfied')
    out.push({
      kind: 'notify',
      key: `order.unsatisfied.v${o.version}`,
      to: { staff: TierSupervisors[o.tier], over: o.path },
      template: 'orderOverdue',
      data: orderUnsatisfiedMessage(o, e.at),
    })
  if (pushesProgress(e))
    out.push({
      kind: 'notify',
      key: `order.progress.v${o.version}`,
      to: { users: [o.reporterId, ...o.followerIds] },
      ...(e.by === 'system' ? {} : { except: [e.by] }),
      template: 'orderProgress',
      data: orderProgressMessage(o, e, before),
    })
  return out
}

/**
 * Who is told what after a move (`afterMove`, the side effects of a move written off the hot path:
 * counters and announcements, in parallel). An escalation writes `unnotified: true` in the move and
 * clears it once a message got through; notify.ts `sendAndRecord` records the outcomes in one insert.
 */
import { TierHandlers, TierSupervisors, type MoveResult } from '../../../src/core/orders/decide'
import {
  lateHolders,
  orderLateMessage,
  orderNewMessage,
  orderProgressMessage,
  orderUnsatisfiedMessage,
  pushesProgress,
} from '../../../src/core/orders/messages'
import type { OrderEvent, OrderRecord } from '../../../src/core/orders/model'
import type { UserRecord } from '../../../src/core/me/model'
import type { MessageData } from '../../../src/core/notify/templates'
import { sendAndRecord, type Addressed } from '../notify'
import { db } from '../sdk'
import { type Config, ORDERS, staffFor, userOf } from './orders-base'
import { countMove } from './orders-counters'

/**
 * New (or newly escalated) work for the tier's handlers. The order was written with
 * `unnotified: true`; the flag is cleared only when a message got through, and only if the order
 * has not moved meanwhile (the version). `kind` names the messages (their records' ids). Returns
 * whether a message got through.
 */
export async function announceToHandlers(
  o: OrderRecord,
  escalated: boolean,
  now: Date,
  kind = `order.new.${o.tier}.v${o.version}`,
): Promise<boolean> {
  try {
    const staff = await staffFor(TierHandlers[o.tier], o.path)
    const data = orderNewMessage(o, escalated)
    const clear = async (reached: boolean) => {
      if (reached)
        await db().collection(ORDERS).where({ _id: o._id, version: o.version }).update({ unnotified: false })
    }
    const outcomes = await sendAndRecord(
      staff.map((u) => ({
        kind,
        sourceId: o._id,
        recipientId: u._id,
        openid: u.openid,
        template: 'orderNew' as const,
        data,
      })),
      now,
      clear,
    )
    return Object.values(outcomes).includes('sent')
  } catch (err) {
    console.log(
      JSON.stringify({
        level: 'error',
        what: 'orders.announceToHandlers',
        orderId: o._id,
        error: String(err),
      }),
    )
    return false
  }
}

/** To the reporter and followers (not the mover): one read for their OPENIDs, the sends, one insert. */
async function announceProgress(
  o: OrderRecord,
  e: OrderEvent,
  now: Date,
  before?: OrderRecord,
): Promise<void> {
  try {
    const ids = [...new Set([o.reporterId, ...o.followerIds])].filter(
      (id) => id !== (e.by === 'system' ? '' : e.by),
    )
    if (ids.length === 0) return
    const _ = db().command
    const res = await db()
      .collection('users')
      .where({ _id: _.in(ids) })
      .field({ openid: true })
      .limit(ids.length)
      .get()
    const openids = new Map(
      (res.data as { _id: string; openid?: string }[]).map((u) => [u._id, u.openid ?? null]),
    )
    const data = orderProgressMessage(o, e, before)
    const messages: Addressed[] = ids.map((r) => ({
      kind: `order.progress.v${o.version}`,
      sourceId: o._id,
      recipientId: r,
      openid: openids.get(r) ?? null,
      template: 'orderProgress' as const,
      data,
    }))
    await sendAndRecord(messages, now)
  } catch (err) {
    console.log(
      JSON.stringify({ level: 'error', what: 'orders.announceProgress', orderId: o._id, error: String(err) }),
    )
  }
}

/** Supervisors of the order's (new) tier, except `skip` (told already), get `data` as `kind`. */
async function announceToSupervisors(
  o: OrderRecord,
  kind: string,
  data: MessageData,
  now: Date,
  skip: ReadonlySet<string> = new Set(),
): Promise<void> {
  try {
    const staff = (await staffFor(TierSupervisors[o.tier], o.path)).filter((u) => !skip.has(u._id))
    await sendAndRecord(
      staff.map((u) => ({
        kind,
        sourceId: o._id,
        recipientId: u._id,
        openid: u.openid,
        template: 'orderOverdue' as const,
        data,
      })),
      now,
    )
  } catch (err) {
    console.log(
      JSON.stringify({
        level: 'error',
        what: 'orders.announceToSupervisors',
        orderId: o._id,
        error: String(err),
      }),
    )
  }
}

/**
 * The sweep found a deadline passed and moved the order (up a tier, or marked it overdue at the top):
 * whoever held it (core `lateHolders`) is told what is late and since when, then the supervisors of
 * the tier it now lies at, the same message (not twice to one person). Only the sweep whose
 * version-conditional write won gets here, and the kinds carry the new version: at most once per
 * deadline passing.
 */
async function announceLate(before: OrderRecord, o: OrderRecord, now: Date): Promise<void> {
  const data = orderLateMessage(before, o, now)
  const told = new Set<string>()
  try {
    const holders = lateHolders(before)
    const staff =
      'userId' in holders
        ? [await userOf(holders.userId)].filter((u): u is UserRecord => u !== null)
        : await staffFor(TierHandlers[holders.tier], before.path)
    for (const u of staff) told.add(u._id)
    await sendAndRecord(
      staff.map((u) => ({
        kind: `order.late.v${o.version}`,
        sourceId: o._id,
        recipientId: u._id,
        openid: u.openid,
        template: 'orderOverdue' as const,
        data,
      })),
      now,
    )
  } catch (err) {
    console.log(
      JSON.stringify({ level: 'error', what: 'orders.announceLate', orderId: o._id, error: String(err) }),
    )
  }
  await announceToSupervisors(o, `order.overdue.v${o.version}`, data, now, told)
}

/** Side effects of a move that was written: counters and announcements, in parallel. */
export async function afterMove(
  before: OrderRecord,
  r: MoveResult,
  config: Config,
  now: Date,
): Promise<void> {
  const o = r.next
  const work: Promise<unknown>[] = [countMove(before, o, config)]
  if (r.event.kind === 'escalate') work.push(announceToHandlers(o, true, now))
  if (r.event.kind === 'overdue' || (r.event.kind === 'escalate' && r.event.auto))
    work.push(announceLate(before, o, now))
  if (r.event.kind === 'rate' && o.status === 'unsatisfied')
    work.push(
      announceToSupervisors(
        o,
        `order.unsatisfied.v${o.version}`,
        orderUnsatisfiedMessage(o, r.event.at),
        now,
      ),
    )
  if (pushesProgress(r.event)) work.push(announceProgress(o, r.event, now, before))
  await Promise.all(work)
}

/** Subscribe-message data for work orders (templates: src/core/notify/templates.ts). */
import { beijingTime, clipThing, type MessageData } from '../notify/templates'
import type { OrderEventKind, OrderEvent, OrderRecord, OrderStatus, Tier } from './model'

export const StatusLabel: Readonly<Record<OrderStatus, string>> = {
  submitted: '待接单',
  accepted: '已接单',
  in_progress: '办理中',
  promised: '限期办理',
  replied: '已答复',
  unsatisfied: '督办中',
  closed: '已办结',
}

const OutcomeLabel = {
  handled: '当场办结',
  deadline: '限期办理',
  explained: '解释说明',
  transferred: '已转办',
} as const

/** The tiers as a resident reads them (已转至社区处理). */
export const TierLabel: Readonly<Record<Tier, string>> = {
  grid: '网格',
  community: '社区',
  street: '街道',
  department: '职能部门',
}

/** Which deadline passed, from the order as the sweep found it (src/core/orders/sla.ts nextDeadline). */
export type Lateness = 'accept' | 'reply' | 'promise'
export function latenessOf(o: Pick<OrderRecord, 'status'>): Lateness {
  if (o.status === 'submitted') return 'accept'
  return o.status === 'promised' ? 'promise' : 'reply'
}
const LateLabel: Readonly<Record<Lateness, string>> = {
  accept: '超时未接单',
  reply: '超时未答复',
  promise: '限期办理已超时',
}

/** Where an order now lies: 已转至社区处理, or the named outside department. */
export function movedToText(o: Pick<OrderRecord, 'tier' | 'department'>): string {
  const to = o.tier === 'department' && o.department ? o.department : TierLabel[o.tier]
  return `已转至${to}处理`
}

/**
 * Who holds an order whose deadline just passed, as the sweep found it (`before`): the staff member
 * who accepted it, else every handler of its tier (a new order is theirs until one accepts it).
 */
export function lateHolders(
  before: Pick<OrderRecord, 'handlerId' | 'tier'>,
): { readonly userId: string } | { readonly tier: Tier } {
  return before.handlerId ? { userId: before.handlerId } : { tier: before.tier }
}

/**
 * To whoever held an order when its deadline passed (and to the supervisors the sweep alerts): what
 * is late, what happened to the order (moved up a tier, or listed for supervision at the top), and
 * since when (`time4`: the deadline, China time). `before` is the order as the sweep found it,
 * `after` as it left it.
 */
export function orderLateMessage(before: OrderRecord, after: OrderRecord, now: Date): MessageData {
  const moved = after.tier !== before.tier
  return {
    thing1: { value: clipThing(before.categoryName) },
    thing2: { value: clipThing(before.placeName) },
    thing3: {
      value: clipThing(`${LateLabel[latenessOf(before)]}，${moved ? movedToText(after) : '已列入督办'}`),
    },
    time4: { value: beijingTime(before.dueAt ? new Date(before.dueAt) : now) },
  }
}

/** To the staff who should pick it up. */
export function orderNewMessage(o: OrderRecord, escalated: boolean): MessageData {
  return {
    thing1: { value: clipThing(o.categoryName) },
    thing2: { value: clipThing(o.placeName) },
    time3: { value: beijingTime(new Date(o.submittedAt)) },
    thing4: {
      value: escalated
        ? '工单已上报至您，请及时接单'
        : o.held
          ? '新工单待审核，请及时处理'
          : '新工单，请及时接单',
    },
  }
}

/** To the reporter and followers after a move. */
/**
 * Which timeline events are pushed to the reporter and followers. A one-time subscription is good for
 * one message, so it is spent on the one that answers them: the reply (当场办/限期办/解释说明/转办).
 * Everything else (accepted, escalated, reopened…) is on the timeline they open from that message.
 */
export const ProgressPushKinds: readonly OrderEventKind[] = ['reply']

/**
 * Is this event pushed to the reporter and followers: the reply, and the sweep moving their order
 * up a tier because a deadline passed (they are told it moved, and to whom).
 */
export function pushesProgress(e: Pick<OrderEvent, 'kind' | 'auto'>): boolean {
  return ProgressPushKinds.includes(e.kind) || (e.kind === 'escalate' && e.auto === true)
}

/** `before` (the order before the move) lets an automatic escalation say which deadline passed. */
export function orderProgressMessage(o: OrderRecord, e: OrderEvent, before?: OrderRecord): MessageData {
  const note =
    e.kind === 'reply' && e.outcome
      ? `${OutcomeLabel[e.outcome]}：${e.text ?? ''}`
      : e.kind === 'escalate'
        ? `${e.auto && before ? `${LateLabel[latenessOf(before)]}，` : ''}${movedToText(o)}`
        : e.kind === 'accept'
          ? `${e.byName}已接单`
          : StatusLabel[o.status]
  return {
    thing1: { value: clipThing(o.categoryName) },
    phrase2: { value: clipThing(StatusLabel[o.status], 5) },
    thing3: { value: clipThing(note) },
    time4: { value: beijingTime(e.at) },
  }
}

/** To supervisors: the resident rated the reply 不满意 (`at`: when). Late orders: orderLateMessage. */
export function orderUnsatisfiedMessage(o: OrderRecord, at: Date): MessageData {
  return {
    thing1: { value: clipThing(o.categoryName) },
    thing2: { value: clipThing(o.placeName) },
    thing3: { value: '居民不满意，请督办' },
    time4: { value: beijingTime(at) },
  }
}

/** Subscribe-message data for work orders (templates: src/core/notify/templates.ts). */
import { beijingTime, clipThing, type MessageData } from '../notify/templates'
import type { OrderEventKind, OrderEvent, OrderRecord, OrderStatus } from './model'

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

export function orderProgressMessage(o: OrderRecord, e: OrderEvent): MessageData {
  const note =
    e.kind === 'reply' && e.outcome
      ? `${OutcomeLabel[e.outcome]}：${e.text ?? ''}`
      : e.kind === 'escalate'
        ? '已上报上级处理'
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

/** To supervisors: late, or rated 不满意. */
export function orderOverdueMessage(o: OrderRecord, what: 'overdue' | 'unsatisfied'): MessageData {
  return {
    thing1: { value: clipThing(o.categoryName) },
    thing2: { value: clipThing(o.placeName) },
    thing3: { value: what === 'overdue' ? '工单已超时，请督办' : '居民不满意，请督办' },
    time4: { value: beijingTime(new Date(o.submittedAt)) },
  }
}

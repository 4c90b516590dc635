/**
 * WeChat subscribe-message templates (订阅消息), as data: which template, which page it opens, and
 * how a message's fields are filled.
 *
 * Template ids are per-account configuration: each mini-program picks templates from the public
 * library in 小程序后台 → 功能 → 订阅消息 and gets its own ids. Replace the `id` values below with the
 * ids of your account (the field keys, e.g. `thing1`, must match the chosen template's keywords).
 * The client asks for subscriptions to the same ids (`wx.requestSubscribeMessage`), so this file is
 * the one place they live.
 */

import { stamp } from '../china-time'
import { clipLine } from '../text'

/** Keyword value limits WeChat enforces per type (the key's prefix): `thing` ≤ 20 characters, etc. */
export const FIELD_LIMITS = { thing: 20, name: 10, phrase: 5 } as const

export interface TemplateDef {
  /** The account's template id (per-account configuration, see above). */
  readonly id: string
  /** The template's title in the public library, for whoever configures the account. */
  readonly title: string
  /**
   * Page the message opens: a page of src/app.config.ts, without a leading slash or query. The message
   * carries its subject's id in `param` (`pagePathFor`), which is what that page reads
   * (`useRouter().params[param]`).
   */
  readonly page: string
  /** The query parameter the page reads the subject's id from. */
  readonly param: string
  /** The collection of the message's subject: a message's `sourceId` is the id of one of its records. */
  readonly subject: string
  /** keyword key → what it shows (documentation; the keys are what WeChat checks). */
  readonly fields: Readonly<Record<string, string>>
}

export const NotifyTemplates = {
  /** To the primary decider(s) of a join: a neighbour asks to join and waits for approval. */
  joinPending: {
    id: 'tmpl-join-pending',
    title: '入格申请待审核提醒',
    page: 'features/grid/pages/joins/index',
    param: 'id',
    subject: 'join_requests',
    fields: { thing1: '申请人', thing2: '申请房屋', time3: '申请时间', thing4: '温馨提示' },
  },
  /** To the grid worker(s) of the grid (or the staff of the tier it was escalated to): a new work order. */
  orderNew: {
    id: 'tmpl-order-new',
    title: '工单待处理提醒',
    page: 'features/reports/pages/detail/index',
    param: 'id',
    subject: 'orders',
    fields: { thing1: '问题类别', thing2: '问题地点', time3: '上报时间', thing4: '温馨提示' },
  },
  /** To the reporter and followers: their order moved (accepted, replied, escalated…). */
  orderProgress: {
    id: 'tmpl-order-progress',
    title: '工单进度通知',
    page: 'features/reports/pages/detail/index',
    param: 'id',
    subject: 'orders',
    fields: { thing1: '问题类别', phrase2: '当前状态', thing3: '办理说明', time4: '更新时间' },
  },
  /**
   * To the handler(s) of an order whose deadline passed (what is late; `time4` since when) and to
   * supervisors (late, or rated 不满意; `time4` when that happened).
   */
  orderOverdue: {
    id: 'tmpl-order-overdue',
    title: '工单超时提醒',
    page: 'features/reports/pages/detail/index',
    param: 'id',
    subject: 'orders',
    fields: { thing1: '问题类别', thing2: '问题地点', thing3: '提醒事项', time4: '发生时间' },
  },
  /** To the grid's helpers who may take it: a neighbour posted an errand (互助). */
  errandNew: {
    id: 'tmpl-errand-new',
    title: '邻里互助提醒',
    page: 'features/errands/pages/detail/index',
    param: 'id',
    subject: 'errands',
    fields: { thing1: '互助内容', thing2: '时间', thing3: '爱心积分', thing4: '温馨提示' },
  },
  /** To the other party of an errand: accepted, released, cancelled, done, expired, confirmed… */
  errandProgress: {
    id: 'tmpl-errand-progress',
    title: '互助进度通知',
    page: 'features/errands/pages/detail/index',
    param: 'id',
    subject: 'errands',
    fields: { thing1: '互助内容', phrase2: '当前状态', thing3: '说明', time4: '更新时间' },
  },
  /** To the grid worker(s): an errand was disputed or locked after wrong handover codes. */
  errandAttention: {
    id: 'tmpl-errand-attention',
    title: '互助待处理提醒',
    page: 'features/errands/pages/detail/index',
    param: 'id',
    subject: 'errands',
    fields: { thing1: '互助内容', phrase2: '当前状态', thing3: '提醒事项', time4: '更新时间' },
  },
  /** To residents holding a seat: the community admin cancelled a volunteer activity. */
  activityCancelled: {
    id: 'tmpl-activity-cancelled',
    title: '活动取消通知',
    page: 'features/activities/pages/detail/index',
    param: 'activityId',
    subject: 'activities',
    fields: { thing1: '活动名称', time2: '活动时间', thing3: '取消原因', thing4: '温馨提示' },
  },
  /** To a topic's proposer and supporting households: put on the agenda, not, vote open, result (议事). */
  topicProgress: {
    id: 'tmpl-topic-progress',
    title: '议事进度通知',
    page: 'features/deliberation/pages/topic/index',
    param: 'id',
    subject: 'topics',
    fields: { thing1: '议题', phrase2: '当前状态', thing3: '说明', time4: '更新时间' },
  },
  /** To every household of a topic's grid: a meeting (议事会) of the topic, its time and place. */
  meetingInvite: {
    id: 'tmpl-meeting-invite',
    title: '会议邀请通知',
    page: 'features/deliberation/pages/meeting/index',
    param: 'id',
    subject: 'topic_meetings',
    fields: { thing1: '会议名称', time2: '会议时间', thing3: '会议地点', thing4: '温馨提示' },
  },
  /** A meeting cancelled (to the invited households); minutes still missing (to its organiser). */
  meetingProgress: {
    id: 'tmpl-meeting-progress',
    title: '会议进度提醒',
    page: 'features/deliberation/pages/meeting/index',
    param: 'id',
    subject: 'topic_meetings',
    fields: { thing1: '会议名称', phrase2: '当前状态', thing3: '说明', time4: '更新时间' },
  },
  /** A wish's news: to its owner (published, claimed, fulfilled…), its claimants (confirmed, points paid) and the grid's staff (to check, expired). */
  wishProgress: {
    id: 'tmpl-wish-progress',
    title: '心愿进度通知',
    page: 'features/wishes/pages/detail/index',
    param: 'id',
    subject: 'wishes',
    fields: { thing1: '心愿', phrase2: '当前状态', thing3: '说明', time4: '更新时间' },
  },
  /** To the households of an important notice's scope that subscribed: a notice is out (社区公告). */
  noticePublished: {
    id: 'tmpl-notice-published',
    title: '社区公告通知',
    page: 'features/notices/pages/detail/index',
    param: 'id',
    subject: 'notices',
    fields: { thing1: '公告标题', thing2: '发布单位', time3: '发布时间', thing4: '温馨提示' },
  },
  /** 百宝屋: to a resident, their hold moved (ready to pick up, expired, cancelled); opens the item by the hold. */
  lendingHold: {
    id: 'tmpl-lending-hold',
    title: '预约结果通知',
    page: 'features/lending/pages/item/index',
    param: 'hold',
    subject: 'lending_holds',
    fields: { thing1: '物品', phrase2: '当前状态', thing3: '说明', time4: '时间' },
  },
  /** 百宝屋: to a borrower (due reminders, returned) or to staff (returned damaged); opens the loan. */
  lendingLoan: {
    id: 'tmpl-lending-loan',
    title: '借用到期提醒',
    page: 'features/lending/pages/loan/index',
    param: 'id',
    subject: 'lending_loans',
    fields: { thing1: '物品', phrase2: '当前状态', thing3: '说明', time4: '时间' },
  },
  /** 百宝屋: to staff (a tool offered) and to the donor (accepted or declined); opens the donation. */
  lendingDonation: {
    id: 'tmpl-lending-donation',
    title: '捐赠处理通知',
    page: 'features/lending/pages/donation/index',
    param: 'id',
    subject: 'lending_donations',
    fields: { thing1: '捐赠物品', phrase2: '当前状态', thing3: '说明', time4: '时间' },
  },
} as const satisfies Record<string, TemplateDef>

export type TemplateKey = keyof typeof NotifyTemplates

/**
 * The page path a message opens: the template's page with its subject's id, e.g.
 * `features/reports/pages/detail/index?id=wo_…` (subscribeMessage.send takes a page with a query).
 */
export function pagePathFor(template: TemplateKey, subjectId: string): string {
  const t: TemplateDef = NotifyTemplates[template]
  return `${t.page}?${t.param}=${encodeURIComponent(subjectId)}`
}

/** A subscribe message's `data`: keyword → { value }. */
export type MessageData = Readonly<Record<string, { readonly value: string }>>

/** Cuts to WeChat's `thing` limit (20 characters, counted as code points), marking the cut. */
export function clipThing(text: string, max: number = FIELD_LIMITS.thing): string {
  return clipLine(text, max) || '-'
}

/** `2026-11-21 09:05`, Beijing time (functions run in UTC; residents read China time). */
export const beijingTime = (at: Date): string => stamp(at)

/** The joinPending message for one request. */
export function joinPendingMessage(input: {
  readonly applicantName: string
  readonly buildingName: string
  readonly unitName: string
  readonly room: string
  readonly submittedAt: Date
  readonly move: boolean
}): MessageData {
  return {
    thing1: { value: clipThing(input.applicantName) },
    thing2: { value: clipThing(`${input.buildingName}${input.unitName}${input.room}室`) },
    time3: { value: beijingTime(input.submittedAt) },
    thing4: { value: input.move ? '居民申请迁入，请及时审核' : '新邻居申请入格，请及时审核' },
  }
}

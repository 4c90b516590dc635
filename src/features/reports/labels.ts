import type { OrderEventKind, OrderStatus, Outcome, Rating, Tier } from '@core/orders/model'
import type { TimelineEntry } from '@core/orders/api'

/** Chinese labels for work orders (pages of the reports subpackage). */
export const StatusLabel: Readonly<Record<OrderStatus, string>> = {
  submitted: '待接单',
  accepted: '已接单',
  in_progress: '办理中',
  promised: '限期办理中',
  replied: '已答复',
  unsatisfied: '不满意·复核中',
  closed: '已办结',
}

export const TierLabel: Readonly<Record<Tier, string>> = {
  grid: '网格',
  community: '社区',
  street: '街道',
  department: '职能部门',
}

export const OutcomeLabel: Readonly<Record<Outcome, string>> = {
  handled: '当场办',
  deadline: '限期办',
  explained: '解释说明',
  transferred: '转办',
}

export const RatingLabel: Readonly<Record<Rating, string>> = {
  satisfied: '满意',
  basically: '基本满意',
  unsatisfied: '不满意',
}

export const EventLabel: Readonly<Record<OrderEventKind, string>> = {
  submit: '提交上报',
  held: '内容待审核',
  release: '审核通过',
  accept: '接单',
  start: '开始办理',
  reply: '答复',
  escalate: '上报上级',
  overdue: '超时提醒',
  rate: '评价',
  reopen: '重新办理',
  close: '办结',
  follow: '关注',
}

export { shortTime } from '@core/china-time'

/** One line saying what happened, e.g. "上报上级：网格 → 社区（原因：需协调物业）". */
export function describeEvent(e: TimelineEntry): string {
  const parts: string[] = [EventLabel[e.kind]]
  if (e.kind === 'escalate' && e.toTier)
    parts[0] = `${e.auto ? '超时自动上报' : '上报上级'}：${e.tier ? TierLabel[e.tier] : ''} → ${TierLabel[e.toTier]}`
  if (e.kind === 'reply' && e.outcome) parts[0] = `答复（${OutcomeLabel[e.outcome]}）`
  if (e.kind === 'rate' && e.rating) parts[0] = `评价：${RatingLabel[e.rating]}`
  const details: string[] = []
  if (e.text) details.push(e.text)
  if (e.promisedDate) details.push(`承诺 ${e.promisedDate} 前办结`)
  if (e.reason) details.push(`原因：${e.reason}`)
  if (e.to) details.push(`承办：${e.to}`)
  if (e.comment) details.push(e.comment)
  return details.length ? `${parts[0]} · ${details.join('；')}` : (parts[0] as string)
}

export const DETAIL_URL = '/features/reports/pages/detail/index'
export const detailUrl = (orderId: string) => `${DETAIL_URL}?id=${encodeURIComponent(orderId)}`
export const INTAKE_URL = '/features/reports/pages/index/index?mode=intake'
export const INBOX_URL = '/features/reports/pages/inbox/index'
export const QUEUE_URL = '/features/reports/pages/queue/index'

import { features } from '../features'

/**
 * The access log (collection `access_logs`): every read of someone else's personal data, and every
 * refused attempt, is one entry. Residents see the entries about them in 我的个人信息 (me.data).
 */
export interface AccessLogEntry {
  readonly actorId: string
  readonly action: string
  /** What was asked for: a contact id, a place id, a request id… ('' when the input named nothing). */
  readonly subject: string
  /** The users whose personal data the answer carried (empty for refusals). */
  readonly people: readonly string[]
  readonly allowed: boolean
  readonly requestId: string
  readonly at: Date
}

/**
 * Actions whose answer carries other people's personal data (names with phones, rooms, full
 * numbers). The handler kit logs a refusal of these even when the caller holds no role at all; the
 * routes log what they answer.
 */
export const AuditedActions: readonly string[] = features.flatMap((f) => f.audited ?? [])

/** The subject of a call, from the id its input names (for refusals logged before any route runs). */
export function subjectOfInput(input: unknown): string {
  if (!input || typeof input !== 'object') return ''
  const o = input as Record<string, unknown>
  for (const key of ['scopeId', 'contactId', 'joinId', 'orderId', 'userId', 'activityId', 'communityId']) {
    const v = o[key]
    if (typeof v === 'string') return v.slice(0, 80)
  }
  return ''
}

/** How an entry reads to the person it is about (我的个人信息 → 谁查看过我的信息). */
export const AccessActionLabel: Readonly<Record<string, string>> = {
  'directory.call': '查看了您的电话号码',
  'staff.list': '在居民名单中查看了您的信息',
  'join.inbox': '审核入格申请时查看了您的信息',
  'activity.roster': '在志愿活动名单中查看了您的信息',
  'activity.confirm': '确认志愿服务时查看了您的信息',
  'hours.export': '导出志愿服务记录时查看了您的信息',
  'market.lookup': '核对爱心超市兑换券时查看了您的姓名',
  'market.verify': '爱心超市兑换券领取时查看了您的姓名',
  'points.transfers': '查看社区积分流水时看到了您的姓名',
}

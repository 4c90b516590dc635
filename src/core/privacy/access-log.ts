import { features } from '../features'
import { RoleLabel, type Role } from '../roles'
import { maskName } from './mask'

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
  // A street (export.street): after every narrower id.
  if (typeof o.streetId === 'string') return o.streetId.slice(0, 80)
  return ''
}

const ERRAND_VISIT = '查看了您的互助单地址和联系方式，用于上门帮办'

/** What was seen and why, as the person it is about reads it (我的个人信息 → 谁查看过我的信息). */
export const AccessActionLabel: Readonly<Record<string, string>> = {
  'directory.call': '查看了您的电话号码，用于联系您',
  'staff.list': '在居民名单中查看了您的信息',
  'join.inbox': '审核入格申请时查看了您的信息',
  'activity.roster': '在志愿活动名单中查看了您的信息',
  'activity.confirm': '确认志愿服务时查看了您的信息',
  'hours.export': '导出志愿服务记录时查看了您的信息',
  'market.lookup': '核对爱心超市兑换券时查看了您的姓名',
  'market.verify': '爱心超市兑换券领取时查看了您的姓名',
  'points.transfers': '查看社区积分流水时看到了您的姓名',
  // The helper of an errand sees the requester's home and phone while the errand is theirs.
  'errand.get': ERRAND_VISIT,
  'errand.accept': ERRAND_VISIT,
  'errand.start': ERRAND_VISIT,
  'errand.done': ERRAND_VISIT,
  'errand.release': ERRAND_VISIT,
  'errand.cancel': ERRAND_VISIT,
  'errand.confirm': ERRAND_VISIT,
  'errand.dispute': ERRAND_VISIT,
  'errand.thank': ERRAND_VISIT,
  'errand.resolve': '处理互助纠纷时查看了您的互助单信息',
  // The claimant of a wish (and staff) see the family's name, phone and address while it is fulfilled.
  'wish.get': '认领您的微心愿后查看了您的姓名、电话和住址，用于上门实现心愿',
  'wish.claim': '认领您的微心愿后查看了您的姓名、电话和住址，用于上门实现心愿',
  'wish.fulfil': '实现您的微心愿时查看了您的姓名、电话和住址',
  'lending.item': '百宝屋借还登记时查看了您的姓名',
  'lending.loan': '百宝屋借还登记时查看了您的姓名',
  'lending.desk': '百宝屋借还登记时查看了您的姓名',
  'lending.donation': '审核百宝屋捐赠时查看了您的姓名',
  'lending.donations': '审核百宝屋捐赠时查看了您的姓名',
  // Excel exports (数据导出): one entry per file made, naming every resident it carries (src/core/exports).
  'export.community': '导出数据时查看了您的信息',
  'export.street': '导出数据时查看了您的信息',
  'export.orders': '导出了工单明细（含您上报的工单，不含姓名和电话）',
  'export.errands': '导出了邻里互助记录（含您的姓氏，不含电话和住址）',
  'export.attendance': '导出了志愿活动出勤记录（含您的姓氏和服务时长）',
  'export.vouchers': '导出了爱心超市兑换记录（含您的姓氏）',
  'export.ledger': '导出了积分流水（含您的姓氏和积分变动）',
}

/** An action's words; never its raw name (an action logged without a label reads generically). */
export const accessActionLabel = (action: string): string => AccessActionLabel[action] ?? '查看了您的信息'

/**
 * Who looked, as the person it is about reads it: the viewer's role, then their surname only
 * (`网格员 刘**`; a display name's own note in brackets is dropped), and the card of mine they used.
 */
export function viewerText(name: string, viewerRole: Role | null, cardRole?: Role): string {
  const masked = maskName(name.replace(/[（(].*$/, '')) || '某用户'
  const who = viewerRole ? `${RoleLabel[viewerRole]} ${masked}` : masked
  return cardRole ? `${who}（通过${RoleLabel[cardRole]}服务卡）` : who
}

/**
 * The rows of each export: Chinese headers, then one row per record, times in China time through the
 * one formatter (`stamp`, src/core/china-time.ts), people masked as the screens mask them (`王**`;
 * no phone, no room, no household in any file). Pure: the store loads the records and the names.
 */
import { stamp } from '../china-time'
import { ERASED_NAME } from '../me/erase'
import { ErrandStatusLabel, ErrandTypeLabel, type ErrandRecord } from '../errands/model'
import { SignupStatusLabel, type ActivityRecord, type SignupRecord } from '../activities/model'
import { VoucherStatusLabel, type VoucherRecord } from '../market/model'
import { StatusLabel, TierLabel } from '../orders/messages'
import type { OrderEvent, OrderRecord, Rating } from '../orders/model'
import { CauseLabel } from '../points/ledger'
import { AccountLabel, parseAccount, type TransferRecord } from '../points/model'
import { maskName } from '../privacy/mask'
import { LEAGUE_COLUMNS } from './league'

/** What can be exported. */
export const ExportKinds = ['orders', 'errands', 'attendance', 'vouchers', 'ledger', 'league'] as const
export type ExportKind = (typeof ExportKinds)[number]
export const isExportKind = (k: string): k is ExportKind => (ExportKinds as readonly string[]).includes(k)

export const ExportKindLabel: Readonly<Record<ExportKind, string>> = {
  orders: '工单明细',
  errands: '邻里互助',
  attendance: '志愿活动与出勤',
  vouchers: '爱心超市兑换券',
  ledger: '积分流水',
  league: '网格排行',
}

/**
 * The most rows one file holds. Measured (test/perf/export-memory.test.ts: the `api` function in
 * its own process, against the local CloudBase, on a shared 2-core machine): 5,000 orders peak at
 * about 107 MB of the 128 MB, 10,000 at about 110 MB in 6–10 s; 20,000 ran past the function's 10 s
 * timeout, and 10,000 took up to 12 s in one run. The cap is 5,000 (3–8 s measured), so a file
 * near it still finishes well inside the timeout and a person past it gets the clear message, not a
 * timeout. Past the cap the export is refused whole: a shorter period, or one community, is another
 * file.
 */
export const EXPORT_MAX_ROWS = 5_000

/** The cap's message, naming what to do (a community admin has no community to narrow to). */
export function tooManyRowsMessage(rows: number, street: boolean): string {
  const advice = street ? '请缩短时间范围或选择单个社区' : '请缩短时间范围'
  return `共 ${rows} 行，超过 ${EXPORT_MAX_ROWS} 行，${advice}`
}

export type Cell = string | number
export type Row = readonly Cell[]

/** A person's name as the screens show it to staff who do not need it whole: `王**`; the erased placeholder as is. */
export function maskedPerson(name: string | null | undefined): string {
  if (!name) return ''
  return name === ERASED_NAME ? name : maskName(name)
}

const at = (d: Date | string | null | undefined): string => (d ? stamp(d) : '')

// ── work orders ──

export const ORDER_COLUMNS = [
  '工单编号',
  '类别',
  '所属社区',
  '所属网格',
  '地点',
  '状态',
  '当前层级',
  '提交时间',
  '接单时间',
  '答复时间',
  '办结时间',
  '是否超时',
  '评价',
  '办理经过',
] as const

const RatingText: Readonly<Record<Rating, string>> = {
  satisfied: '满意',
  basically: '基本满意',
  unsatisfied: '不满意',
}

const ByRole: Readonly<Record<OrderEvent['byRole'], string>> = {
  resident: '居民',
  grid_worker: '网格员',
  community_admin: '社区',
  street_admin: '街道',
  system: '系统',
}

/** One step of the timeline in a few words (null: not a step a reader follows, e.g. a follower). */
function stepOf(e: OrderEvent): string | null {
  switch (e.kind) {
    case 'submit':
      return '提交'
    case 'accept':
      return `${ByRole[e.byRole]}接单`
    case 'start':
      return '办理中'
    case 'escalate':
      return `${e.auto ? '超时' : ''}上报${e.toTier ? TierLabel[e.toTier] : ''}`
    case 'reply':
      return e.outcome === 'deadline' ? '限期办理' : '答复'
    case 'rate':
      return e.rating ? `评价${RatingText[e.rating]}` : '评价'
    case 'reopen':
      return '重新办理'
    case 'close':
      return '办结'
    case 'overdue':
      return '超时'
    case 'held':
      return '待审核'
    case 'release':
      return '审核通过'
    default:
      return null
  }
}

/** `提交 → 网格员接单 → 上报社区 → 答复`: the timeline's steps in order, a repeated step once. */
export function timelineSummary(events: readonly OrderEvent[]): string {
  const steps: string[] = []
  const sorted = [...events].sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime())
  for (const e of sorted) {
    const s = stepOf(e)
    if (s && steps[steps.length - 1] !== s) steps.push(s)
  }
  return steps.join(' → ')
}

export type OrderForExport = Pick<
  OrderRecord,
  | '_id'
  | 'categoryName'
  | 'path'
  | 'placeName'
  | 'status'
  | 'tier'
  | 'department'
  | 'submittedAt'
  | 'acceptedAt'
  | 'repliedAt'
  | 'closedAt'
  | 'overdue'
  | 'rating'
  | 'events'
>

/** Names of the places rows mention (communities, grids), by id. */
export interface PlaceNames {
  readonly communities: ReadonlyMap<string, string>
  readonly grids: ReadonlyMap<string, string>
}

/** An order: where (community, grid, the building or landmark the screens show; never a room), when, how it went. */
export function orderRow(o: OrderForExport, places: PlaceNames): Row {
  const tier = o.tier === 'department' && o.department ? o.department : TierLabel[o.tier]
  return [
    o._id,
    o.categoryName,
    places.communities.get(o.path.communityId) ?? '',
    places.grids.get(o.path.gridId) ?? '',
    o.placeName,
    StatusLabel[o.status],
    tier,
    at(o.submittedAt),
    at(o.acceptedAt),
    at(o.repliedAt),
    at(o.closedAt),
    o.overdue ? '是' : '否',
    o.rating ? RatingText[o.rating.rating] : '',
    timelineSummary(o.events),
  ]
}

// ── errands ──

export const ERRAND_COLUMNS = [
  '类型',
  '所属社区',
  '所属网格',
  '状态',
  '发布人',
  '发布时间',
  '帮办人',
  '接单时间',
  '确认完成时间',
  '积分',
] as const

export type ErrandForExport = Pick<
  ErrandRecord,
  | 'type'
  | 'path'
  | 'status'
  | 'requesterName'
  | 'helperName'
  | 'createdAt'
  | 'acceptedAt'
  | 'confirmedAt'
  | 'points'
>

/** An errand: the points column is what the helper earned (0 until the requester confirmed). */
export function errandRow(e: ErrandForExport, places: PlaceNames): Row {
  return [
    ErrandTypeLabel[e.type],
    places.communities.get(e.path.communityId) ?? '',
    places.grids.get(e.path.gridId) ?? '',
    ErrandStatusLabel[e.status],
    maskedPerson(e.requesterName),
    at(e.createdAt),
    maskedPerson(e.helperName),
    at(e.acceptedAt),
    at(e.confirmedAt),
    e.confirmedAt ? e.points : 0,
  ]
}

// ── activities and attendance ──

export const ATTENDANCE_COLUMNS = [
  '活动名称',
  '志愿服务队伍',
  '所属社区',
  '活动开始时间',
  '参与人',
  '报名状态',
  '报名时间',
  '签到时间',
  '服务时长（小时）',
  '获得积分',
] as const

export type ActivityForExport = Pick<
  ActivityRecord,
  'title' | 'team' | 'communityId' | 'startAt' | 'hours' | 'points'
>
export type SignupForExport = Pick<SignupRecord, 'status' | 'signedAt' | 'checkedInAt'>

/** One sign-up: hours and points only once attendance was confirmed (what the ledger paid). */
export function attendanceRow(
  a: ActivityForExport,
  s: SignupForExport,
  person: string,
  places: PlaceNames,
): Row {
  const confirmed = s.status === 'confirmed'
  return [
    a.title,
    a.team,
    places.communities.get(a.communityId) ?? '',
    at(a.startAt),
    maskedPerson(person),
    SignupStatusLabel[s.status],
    at(s.signedAt),
    at(s.checkedInAt),
    confirmed ? a.hours : 0,
    confirmed ? a.points : 0,
  ]
}

// ── love supermarket vouchers ──

export const VOUCHER_COLUMNS = [
  '兑换物品',
  '所用积分',
  '状态',
  '兑换人',
  '所属社区',
  '兑换时间',
  '领取时间',
  '核销人',
] as const

export type VoucherForExport = Pick<
  VoucherRecord,
  'itemName' | 'price' | 'status' | 'communityId' | 'issuedAt' | 'usedAt'
>

export function voucherRow(v: VoucherForExport, holder: string, verifier: string, places: PlaceNames): Row {
  return [
    v.itemName,
    v.price,
    VoucherStatusLabel[v.status],
    maskedPerson(holder),
    places.communities.get(v.communityId) ?? '',
    at(v.issuedAt),
    at(v.usedAt),
    maskedPerson(verifier),
  ]
}

// ── points ledger ──

export const LEDGER_COLUMNS = ['时间', '转出账户', '转入账户', '事由', '说明', '积分', '所属社区'] as const

export type TransferForExport = Pick<
  TransferRecord,
  'at' | 'from' | 'to' | 'kind' | 'reason' | 'amount' | 'communityId'
>

/** An account as staff pages name it, a person's masked: `王**`, `社区基金`, `爱心超市`… */
export function accountText(account: string, names: ReadonlyMap<string, string>): string {
  const parsed = parseAccount(account)
  if (!parsed) return account
  if (parsed.kind === 'u') return maskedPerson(names.get(parsed.ref)) || '未知居民'
  return AccountLabel[parsed.kind]
}

export function ledgerRow(t: TransferForExport, names: ReadonlyMap<string, string>, places: PlaceNames): Row {
  return [
    at(t.at),
    accountText(t.from, names),
    accountText(t.to, names),
    CauseLabel[t.kind] ?? t.kind,
    t.reason,
    t.amount,
    places.communities.get(t.communityId) ?? '',
  ]
}

/** The header of each kind's sheet. */
export const ExportColumns: Readonly<Record<ExportKind, readonly string[]>> = {
  orders: ORDER_COLUMNS,
  errands: ERRAND_COLUMNS,
  attendance: ATTENDANCE_COLUMNS,
  vouchers: VOUCHER_COLUMNS,
  ledger: LEDGER_COLUMNS,
  league: LEAGUE_COLUMNS,
}

/** `工单明细-新华社区-2026-11-01至2026-11-30.xlsx` */
export function exportFileName(kind: ExportKind, placeName: string, fromDay: string, toDay: string): string {
  return `${ExportKindLabel[kind]}-${placeName}-${fromDay}至${toDay}.xlsx`
}

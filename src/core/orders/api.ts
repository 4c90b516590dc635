/**
 * The wire contract of work orders (一键上报 → 工单). Pages build against these names and types;
 * the `api` function routes them (cloudfunctions/api/src/routes/orders.ts).
 *
 * Photos: the client compresses each photo (≤ MAX_PHOTO_BYTES) and uploads it BEFORE submitting to
 * the cloud path `photoCloudPath(userId, requestId, n)` = `reports/<userId>/<requestId>/<n>.jpg`
 * (`userId` from `me.profile`, the same `requestId` as the submit, n = 1…9), then passes the
 * returned fileIDs. The function accepts only fileIDs whose path is exactly under
 * `reports/<caller's userId>/<requestId>/` (REPORT.PHOTO_INVALID otherwise, also when the file does
 * not exist), so nobody can attach someone else's files. Photos are shown to staff only until they
 * are checked (`photosChecked`): a staff member releasing/accepting the order marks them checked.
 * (WeChat's asynchronous image check `security.mediaCheckAsync` needs a message push endpoint; it is
 * not wired — staff look at the photos first.)
 *
 * Sizes and counts are checked in core (`checkReportDraft`, below) with specific codes, so the page
 * can run the same check before uploading: REPORT.TEXT_EMPTY, REPORT.TEXT_TOO_LONG,
 * REPORT.TOO_MANY_PHOTOS, REPORT.PHOTO_TOO_LARGE (client side; the server cannot see sizes cheaply).
 *
 * Submit is idempotent on `requestId`: a retry answers the same receipt (`retried: true`). Show
 * "已提交" only after a receipt came back.
 */
import * as v from 'valibot'
import { defineAction } from '../contract/define'
import type { OrderEventKind, OrderStatus, Outcome, Rating, Tier } from './model'
import { Outcomes, Ratings } from './model'
import { id, locationSchema, reportActions } from './report-api'

export { locationSchema }

export {
  MAX_PHOTOS,
  MAX_PHOTO_BYTES,
  TEXT_MIN,
  TEXT_MAX,
  photoCloudPath,
  ReportErrors,
  OrderErrors,
} from './errors'
import { MAX_PHOTOS, MAX_PHOTO_BYTES, TEXT_MIN, TEXT_MAX, ReportErrors } from './errors'

export interface CategoryView {
  readonly id: string
  readonly name: string
  /** One line shown under the name, e.g. 电动车飞线充电、楼道堆放易燃物. */
  readonly hint: string
  /** Safety hazards are highlighted and get the short SLA. */
  readonly hazard: boolean
}

/** What the report form tells someone who chooses a hazard category (hazard.ts). */
export interface HazardAdvice {
  /** The community's gas repair line (燃气抢修), or null when it has not set one. */
  readonly gasRepairPhone: string | null
  /** Hazards must be accepted within this many hours (the community's `hazardAcceptHours`). */
  readonly acceptHours: number
}

export interface ReportCategories {
  readonly communityId: string
  readonly categories: readonly CategoryView[]
  /** Absent from a function that predates it: the form then advises 119 only. */
  readonly hazardAdvice?: HazardAdvice
}

/** An open order offered before submit ("same problem? follow it"). Public view: no reporter name. */
export interface SimilarOrder {
  readonly orderId: string
  readonly categoryName: string
  readonly summary: string
  readonly placeName: string
  readonly status: OrderStatus
  readonly submittedAt: string
  readonly followers: number
}

export interface ReportReceipt {
  readonly orderId: string
  readonly status: OrderStatus
  readonly submittedAt: string
  /** Content security asked for a human look: staff see it, others once a grid worker releases it. */
  readonly held: boolean
  /** True when this answer is for a retry of an already stored report. */
  readonly retried: boolean
}

export interface OrderSummary {
  readonly orderId: string
  /** The category's id (its hazard flag is the community's: report.categories). */
  readonly categoryId: string
  readonly categoryName: string
  /** The text, clipped to 40 characters. */
  readonly summary: string
  readonly status: OrderStatus
  /** FixMyStreet-style group of the status. */
  readonly open: boolean
  readonly tier: Tier
  readonly placeName: string
  readonly submittedAt: string
  /** Next deadline (ISO) or null. */
  readonly dueAt: string | null
  readonly overdue: boolean
  readonly unnotified: boolean
  readonly held: boolean
  readonly reopened: boolean
  readonly onBehalf: boolean
  readonly photoCount: number
}

export interface TimelineEntry {
  readonly kind: OrderEventKind
  readonly at: string
  /** Who, as the caller may see it: '居民' for the reporter to others, '网格员 张三', '系统'. */
  readonly who: string
  readonly tier: Tier | null
  readonly toTier: Tier | null
  readonly outcome: Outcome | null
  readonly text: string | null
  readonly promisedDate: string | null
  readonly reason: string | null
  readonly to: string | null
  readonly rating: Rating | null
  readonly comment: string | null
  readonly auto: boolean
}

/** What the caller may do now (pages show buttons from this; the function checks again). */
export interface OrderAbilities {
  readonly accept: boolean
  readonly start: boolean
  readonly reply: boolean
  readonly escalate: boolean
  readonly rate: boolean
  readonly reopen: boolean
  readonly release: boolean
  readonly follow: boolean
  /** Staff over its grid: raise a deliberation topic from it (转为议题). */
  readonly raiseTopic: boolean
}

export interface OrderDetail extends OrderSummary {
  readonly text: string
  /** fileIDs; empty when the caller may not see them yet (unchecked photos are staff-only). */
  readonly photos: readonly string[]
  readonly photosChecked: boolean
  /** 民办: the deliberation topic this order carries out (opens the topic). */
  readonly topicId: string | null
  /** 民事民提: the topic staff raised from this report (opens the topic). */
  readonly raisedTopicId: string | null
  /** Its grid (a topic raised from it belongs there). */
  readonly gridId: string
  /** Reporter's name: staff always; others only when not hidden. Null when hidden from the caller. */
  readonly reporterName: string | null
  /** Staff only: the resident on whose behalf staff reported. */
  readonly onBehalfOf: {
    readonly name: string
    readonly phone: string | null
    readonly channel: 'phone' | 'walk_in'
  } | null
  /** 首接负责: the first receiver stays visible. */
  readonly firstReceiver: string | null
  readonly handler: string | null
  readonly department: string | null
  readonly reply: {
    readonly outcome: Outcome
    readonly text: string
    readonly promisedDate: string | null
    readonly reason: string | null
    readonly to: string | null
    readonly at: string
  } | null
  readonly rating: { readonly rating: Rating; readonly comment: string | null; readonly at: string } | null
  /** Until when the reporter may reopen (ISO), when replied/closed. */
  readonly reopenUntil: string | null
  readonly timeline: readonly TimelineEntry[]
  readonly mine: boolean
  readonly following: boolean
  readonly can: OrderAbilities
}

export interface OrderPage {
  readonly items: readonly OrderSummary[]
  /** Pass back for the next page; null at the end. */
  readonly cursor: string | null
}

/** Counters and the rates derived from them (definitions: ./metrics.ts). Rates are 0–1 or null (nothing to rate yet). */
export interface OrderRates {
  readonly received: number
  readonly accepted: number
  readonly acceptedOnTime: number
  readonly replied: number
  readonly repliedOnTime: number
  readonly resolved: number
  readonly rated: number
  readonly satisfied: number
  readonly basically: number
  readonly unsatisfied: number
  readonly open: number
  /** 响应率 */
  readonly responseRate: number | null
  /** 解决率 */
  readonly resolutionRate: number | null
  /** 满意率 */
  readonly satisfactionRate: number | null
  /** 按期办结率 */
  readonly onTimeRate: number | null
  readonly avgAcceptHours: number | null
  readonly avgReplyHours: number | null
}

export interface RatesView {
  readonly level: StatsLevel
  readonly id: string
  readonly name: string
  readonly rates: OrderRates
  /** The units one level down (community → grids, street → communities), for dashboards. */
  readonly children: readonly { readonly id: string; readonly name: string; readonly rates: OrderRates }[]
}

export const StatsLevels = ['worker', 'grid', 'community', 'street'] as const
export type StatsLevel = (typeof StatsLevels)[number]

const cursor = v.optional(v.pipe(v.string(), v.maxLength(200)))
const shortText = (max: number) => v.pipe(v.string(), v.trim(), v.maxLength(max))
const isoDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'))

export const orderActions = {
  ...reportActions,
  /** Categories for the report form: the community's own list (or the defaults), "other" last. */
  'report.categories': defineAction<ReportCategories>()(v.strictObject({ communityId: v.optional(id) })),
  /** Open orders of the same category at the same building/grid, recent first (≤ 5), before submitting. */
  'report.similar': defineAction<readonly SimilarOrder[]>()(
    v.strictObject({ category: id, location: locationSchema }),
  ),
  /** Follow someone else's open order: the follower gets its updates. Idempotent. */
  'report.follow': defineAction<OrderDetail>()(v.strictObject({ orderId: id })),
  /** My reports and the ones I follow, newest first. */
  'report.mine': defineAction<OrderPage>()(v.strictObject({ cursor })),
  /** One order with its timeline, as the caller may see it (DATA.NOT_FOUND when they may not). */
  'order.get': defineAction<OrderDetail>()(v.strictObject({ orderId: id })),
  /**
   * The grid worker's inbox over their grids: `new` waiting to be accepted (oldest first, held and
   * unnotified included), `mine` accepted by me and not done, `overdue` open and late.
   */
  'order.inbox': defineAction<OrderPage>()(
    v.strictObject({ box: v.picklist(['new', 'mine', 'overdue']), cursor }),
  ),
  /**
   * Community/street queues: `open` orders at that tier, `overdue` (late or unnotified, any tier
   * below and at it), `unsatisfied` (rated 不满意: the supervisor's queue). `id`: which community or
   * street when the caller holds several grants (default: the first).
   */
  'order.queue': defineAction<OrderPage>()(
    v.strictObject({
      level: v.picklist(['community', 'street']),
      box: v.picklist(['open', 'overdue', 'unsatisfied']),
      id: v.optional(id),
      cursor,
    }),
  ),
  /** 接单. Of two racing accepts exactly one wins; the other gets ORDER.ALREADY_ACCEPTED. */
  'order.accept': defineAction<OrderDetail>()(v.strictObject({ orderId: id })),
  /** Mark as being handled (办理中). */
  'order.start': defineAction<OrderDetail>()(v.strictObject({ orderId: id })),
  /**
   * Reply with an outcome (ORDER.OUTCOME_REQUIRED without one): `deadline` needs `promisedDate`
   * (YYYY-MM-DD, Beijing; the order stays open until a later reply), `explained` needs `reason`,
   * `transferred` needs `to`.
   */
  'order.reply': defineAction<OrderDetail>()(
    v.strictObject({
      orderId: id,
      outcome: v.optional(v.picklist(Outcomes)),
      text: shortText(500),
      promisedDate: v.optional(isoDate),
      reason: v.optional(shortText(200)),
      to: v.optional(shortText(50)),
    }),
  ),
  /** Up one tier by hand, with a reason; from the street, `to` names the outside department. */
  'order.escalate': defineAction<OrderDetail>()(
    v.strictObject({
      orderId: id,
      reason: v.pipe(v.string(), v.trim(), v.minLength(2, '请填写上报原因'), v.maxLength(200)),
      to: v.optional(shortText(50)),
    }),
  ),
  /** The reporter rates a replied order once (ORDER.ALREADY_RATED after). 不满意 → supervisor queue. */
  'order.rate': defineAction<OrderDetail>()(
    v.strictObject({ orderId: id, rating: v.picklist(Ratings), comment: v.optional(shortText(200)) }),
  ),
  /** The reporter reopens within the window (ORDER.REOPEN_EXPIRED after): back to the same tier, flagged. */
  'order.reopen': defineAction<OrderDetail>()(
    v.strictObject({
      orderId: id,
      reason: v.pipe(v.string(), v.trim(), v.minLength(2, '请填写原因'), v.maxLength(200)),
    }),
  ),
  /** A grid worker (or admin) releases a held order's text and checks its photos: everyone may now see them. */
  'order.release': defineAction<OrderDetail>()(v.strictObject({ orderId: id })),
  /** The three rates and more for a grid worker, grid, community or street (+ its children). */
  'stats.rates': defineAction<RatesView>()(v.strictObject({ level: v.picklist(StatsLevels), id })),
}

/** The draft checks the server runs, for the page to run before uploading. Returns the first failing code, or null. */
export function checkReportDraft(draft: {
  readonly text: string
  readonly photoCount: number
  readonly photoBytes?: readonly number[]
}): (typeof ReportErrors)[keyof typeof ReportErrors] | null {
  const chars = [...draft.text.trim()].length
  if (chars < TEXT_MIN) return ReportErrors.TEXT_EMPTY
  if (chars > TEXT_MAX) return ReportErrors.TEXT_TOO_LONG
  if (draft.photoCount > MAX_PHOTOS) return ReportErrors.TOO_MANY_PHOTOS
  if (draft.photoBytes?.some((b) => b > MAX_PHOTO_BYTES)) return ReportErrors.PHOTO_TOO_LARGE
  return null
}

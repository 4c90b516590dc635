/**
 * Open311 GeoReport v2 (read-only, anonymised): how a work order and a report category look in the
 * public feed (docs/adr/0025-open311.md). Pure: the store loads the orders and the places' names,
 * this decides every field, and ./render.ts writes it as JSON or XML.
 *
 * Privacy, field by field:
 * - no reporter, handler, phone or household: none of those fields is read here;
 * - `address` is at most the grid's name; `lat`/`long` (WGS-84, ./geo.ts) are the grid's centre
 *   when the grid has a boundary, else the reported pin truncated to 3 decimals (~100 m), else absent;
 * - `description` only when the reporter opted in on the report form (`publicText`), the text
 *   passed content security (not `held`), the reporter has not erased their data, and never for a
 *   report staff took on someone's behalf;
 * - photos never (`media_url` is never written);
 * - `service_request_id` is the order id sealed with the feed's key (../../../cloudfunctions/shared/
 *   repos/open311.ts), never the order's own id.
 */
import { chinaWall } from '../china-time'
import type { CategoryDef } from '../orders/categories'
import type { OrderRecord, OrderStatus, Tier } from '../orders/model'
import { isOpen } from '../orders/machine'
import { gcjToWgs } from './geo'
import type { Polygon } from '../org/model'

/** One service (a report category) as GeoReport v2 lists it. */
export interface Open311Service {
  readonly service_code: string
  readonly service_name: string
  readonly description: string
  readonly metadata: false
  readonly type: 'realtime'
  readonly keywords: string
  readonly group: string
}

/** One service request (a work order), GeoReport v2 fields plus two extensions. */
export interface Open311Request {
  readonly service_request_id: string
  readonly status: 'open' | 'closed'
  /** extension: the order's fine state (`submitted`, `accepted`, …) */
  readonly extended_status: OrderStatus
  readonly status_notes: string
  readonly service_name: string
  readonly service_code: string
  readonly description?: string
  readonly agency_responsible: string
  readonly service_notice?: string
  readonly requested_datetime: string
  readonly updated_datetime: string
  readonly expected_datetime?: string
  readonly address?: string
  readonly lat?: number
  readonly long?: number
}

/** The fields of an order the feed reads: nothing about a person is among them. */
export type FeedOrder = Pick<
  OrderRecord,
  | '_id'
  | 'categoryId'
  | 'categoryName'
  | 'text'
  | 'held'
  | 'location'
  | 'path'
  | 'status'
  | 'tier'
  | 'department'
  | 'submittedAt'
  | 'dueAt'
  | 'dueAction'
  | 'reply'
  | 'events'
> & {
  readonly publicText?: boolean
  readonly onBehalfOf?: unknown
  readonly reporterErased?: boolean
  readonly overdue?: boolean
  readonly reopenCount?: number
}

/** What the feed knows of the places an order sits in (names, a grid's boundary). */
export interface FeedPlaces {
  readonly street: { readonly _id: string; readonly name: string }
  readonly communities: ReadonlyMap<string, string>
  readonly grids: ReadonlyMap<string, { readonly name: string; readonly boundary?: Polygon }>
}

/** The spec's limit on a request's description. */
export const DESCRIPTION_MAX = 4000

const two = (n: number) => String(n).padStart(2, '0')

/** ISO 8601 in China time with its offset: `2026-12-07T09:05:00+08:00` (whole seconds). */
export function isoChina(at: Date | string | number): string {
  const d = chinaWall(at)
  return (
    `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}` +
    `T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}+08:00`
  )
}

/** Open311's two states: an order still needing work is `open`, one with an answer `closed`. */
export function open311Status(status: OrderStatus): 'open' | 'closed' {
  return isOpen(status) ? 'open' : 'closed'
}

const STATUS_NOTES: Record<OrderStatus, string> = {
  submitted: '已受理，等待接单',
  accepted: '已接单',
  in_progress: '办理中',
  promised: '限期办理中',
  replied: '已答复',
  unsatisfied: '居民不满意，复核中',
  closed: '已办结',
}

const OUTCOME_NOTES: Record<string, string> = {
  handled: '当场办结',
  deadline: '限期办理',
  explained: '已解释说明',
  transferred: '已转交相关单位',
}

const TIER_NAMES: Record<Tier, string> = {
  grid: '网格',
  community: '社区',
  street: '街道',
  department: '部门',
}

/** The fine state in words (Chinese), with how a reply answered and whether it was reopened. */
export function statusNotes(o: Pick<FeedOrder, 'status' | 'reply' | 'reopenCount' | 'overdue'>): string {
  const parts = [STATUS_NOTES[o.status]]
  if ((o.status === 'replied' || o.status === 'closed') && o.reply)
    parts.push(OUTCOME_NOTES[o.reply.outcome] ?? '')
  if ((o.reopenCount ?? 0) > 0 && isOpen(o.status)) parts.push('居民申请重新办理')
  if (o.overdue) parts.push('曾超时')
  return parts.filter(Boolean).join('，')
}

/** Who holds the order now: the grid's, community's or street's name, or the outside department. */
export function agencyOf(o: Pick<FeedOrder, 'tier' | 'path' | 'department'>, places: FeedPlaces): string {
  switch (o.tier) {
    case 'grid':
      return places.grids.get(o.path.gridId)?.name ?? TIER_NAMES.grid
    case 'community':
      return places.communities.get(o.path.communityId) ?? TIER_NAMES.community
    case 'street':
      return places.street.name
    case 'department':
      return o.department ? `职能部门：${[...o.department].slice(0, 30).join('')}` : '职能部门'
  }
}

/**
 * The deadline the order is worked against now: a promised date (限期办, end of that day in China),
 * or the accept/reply deadline the sweep escalates at. None once answered (a `close` deadline is the
 * end of the reopen window, not an expected answer).
 */
export function expectedOf(
  o: Pick<FeedOrder, 'status' | 'reply' | 'dueAt' | 'dueAction'>,
): string | undefined {
  if (o.status === 'promised' && o.reply?.promisedDate && /^\d{4}-\d{2}-\d{2}$/.test(o.reply.promisedDate))
    return `${o.reply.promisedDate}T23:59:59+08:00`
  if (isOpen(o.status) && o.dueAction === 'escalate' && o.dueAt) return isoChina(o.dueAt)
  return undefined
}

/** Cut down to 3 decimals (floor): the corner of a cell of about 100 m × 100 m at China's latitudes. */
export function truncate3(x: number): number {
  // (the 1e-9 absorbs binary fractions: 39.904 × 1000 is 39903.999…)
  return Math.floor(x * 1e3 + 1e-9) / 1e3
}

/**
 * The centre of a grid's boundary (GCJ-02, as drawn): the middle of its bounding box, as WGS-84, to
 * 4 decimals; null without a boundary.
 */
export function gridCentre(boundary: Polygon | undefined): { lat: number; long: number } | null {
  if (!boundary || boundary.length < 3) return null
  const lngs = boundary.map((p) => p[0])
  const lats = boundary.map((p) => p[1])
  const mid = (xs: number[]) => (Math.min(...xs) + Math.max(...xs)) / 2
  const w = gcjToWgs(mid(lngs), mid(lats))
  const r4 = (x: number) => Math.round(x * 1e4) / 1e4
  return { long: r4(w.lng), lat: r4(w.lat) }
}

/**
 * Where the feed puts the order, in WGS-84 as GeoReport means it: the grid's centre, else the pin
 * (GCJ-02 from the map picker, converted) cut to ~100 m, else nowhere.
 */
export function coordinatesOf(
  o: Pick<FeedOrder, 'location' | 'path'>,
  places: FeedPlaces,
): { lat: number; long: number } | null {
  const centre = gridCentre(places.grids.get(o.path.gridId)?.boundary)
  if (centre) return centre
  if (o.location.kind === 'point' && Number.isFinite(o.location.lat) && Number.isFinite(o.location.lng)) {
    const w = gcjToWgs(o.location.lng, o.location.lat)
    return { lat: truncate3(w.lat), long: truncate3(w.lng) }
  }
  return null
}

/** The reporter's text, only when they allowed it to be public and it passed content security. */
export function publicDescription(
  o: Pick<FeedOrder, 'publicText' | 'held' | 'onBehalfOf' | 'reporterErased' | 'text'>,
): string | undefined {
  if (o.publicText !== true || o.held || o.onBehalfOf || o.reporterErased) return undefined
  const text = o.text.trim()
  if (!text) return undefined
  return [...text].slice(0, DESCRIPTION_MAX).join('')
}

/** The last time anything happened to the order (its newest timeline event). */
export function updatedAt(o: Pick<FeedOrder, 'events' | 'submittedAt'>): Date {
  let t = new Date(o.submittedAt).getTime()
  for (const e of o.events) t = Math.max(t, new Date(e.at).getTime())
  return new Date(t)
}

/** One order as a GeoReport v2 service request; `publicId` is its sealed id. */
export function toRequest(o: FeedOrder, publicId: string, places: FeedPlaces): Open311Request {
  const description = publicDescription(o)
  const expected = expectedOf(o)
  const where = coordinatesOf(o, places)
  const grid = places.grids.get(o.path.gridId)?.name
  return {
    service_request_id: publicId,
    status: open311Status(o.status),
    extended_status: o.status,
    status_notes: statusNotes(o),
    service_name: o.categoryName,
    service_code: o.categoryId,
    ...(description !== undefined ? { description } : {}),
    agency_responsible: agencyOf(o, places),
    requested_datetime: isoChina(o.submittedAt),
    updated_datetime: isoChina(updatedAt(o)),
    ...(expected ? { expected_datetime: expected } : {}),
    ...(grid ? { address: grid } : {}),
    ...(where ? { lat: where.lat, long: where.long } : {}),
  }
}

/** A report category as a GeoReport v2 service (no extra attributes: `metadata` false). */
export function toService(c: Pick<CategoryDef, 'id' | 'name' | 'hint' | 'hazard'>): Open311Service {
  return {
    service_code: c.id,
    service_name: c.name,
    description: c.hint,
    metadata: false,
    type: 'realtime',
    keywords: c.hint
      .split(/[、，,]/)
      .map((s) => s.trim())
      .filter(Boolean)
      .join(','),
    group: c.hazard ? '安全隐患' : '社区治理',
  }
}

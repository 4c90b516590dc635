/**
 * Open311 GeoReport v2: which endpoint a path names and what its query asks for, checked before
 * anything is read. Bad input is an `Open311Error` (400/404/405), answered in the spec's error
 * format by ./render.ts; nothing is stored either way.
 */

export type Format = 'json' | 'xml'

export type Endpoint =
  | { readonly kind: 'discovery'; readonly format: Format }
  | { readonly kind: 'services'; readonly format: Format }
  | { readonly kind: 'service'; readonly code: string; readonly format: Format }
  | { readonly kind: 'requests'; readonly format: Format }
  | { readonly kind: 'request'; readonly id: string; readonly format: Format }

/** An answer other than 200: the HTTP status and the spec's error description. */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 404 | 405 | 429 | 500,
    readonly description: string,
  ) {
    super(description)
    this.name = 'Open311Error'
  }
}

/** The most requests one answer holds (the spec's cap), and the span of a default or asked-for window. */
export const MAX_PAGE_SIZE = 1000
export const WINDOW_DAYS = 90
/** `page` walks the index with a skip: deeper than this, use the `after` cursor (Link: rel="next"). */
export const MAX_PAGE = 20
const DAY_MS = 86_400_000

const CODE = /^[A-Za-z0-9_-]{1,64}$/
const PUBLIC_ID = /^[A-Za-z0-9_-]{8,96}$/

/**
 * The endpoint at the end of a path (`…/requests/abc.json`): whatever prefix the HTTP access
 * service keeps in front of it (the route's own path, with or without path pass-through).
 * Null: no such endpoint (404).
 */
export function endpointOf(path: string): Endpoint | null {
  const m = /(?:^|\/)(discovery|services|requests)(?:\/([^/]+?))?\.(json|xml)$/.exec(path)
  if (!m) return null
  const [, name, sub, fmt] = m
  const format = fmt as Format
  let arg: string | undefined
  try {
    arg = sub === undefined ? undefined : decodeURIComponent(sub)
  } catch {
    return null
  }
  if (name === 'discovery') return arg === undefined ? { kind: 'discovery', format } : null
  if (name === 'services')
    return arg === undefined
      ? { kind: 'services', format }
      : CODE.test(arg)
        ? { kind: 'service', code: arg, format }
        : null
  return arg === undefined
    ? { kind: 'requests', format }
    : PUBLIC_ID.test(arg)
      ? { kind: 'request', id: arg, format }
      : null
}

/** The format a failing path asked for, for its error body (JSON when it cannot tell). */
export function formatOf(path: string): Format {
  return /\.xml$/.test(path) ? 'xml' : 'json'
}

/**
 * A W3C datetime as the spec takes it (`2026-12-01`, `2026-12-01T08:00`, `2026-12-01T08:00:00Z`,
 * `…+08:00`); without an offset it is China time. Null when it is not one.
 */
export function parseDate(text: string): Date | null {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
      text.trim(),
    )
  if (!m) return null
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m
  const offset = zone === undefined ? '+08:00' : zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return null
  // Reject dates the calendar does not have (2026-02-30 would roll over into March).
  const back = new Date(at.getTime() + (offset === 'Z' ? 0 : Number(offset.slice(0, 3)) * 3_600_000))
  if (back.getUTCDate() !== Number(d) || back.getUTCMonth() + 1 !== Number(mo)) return null
  return at
}

/** What `requests` is asked for. */
export interface RequestsQuery {
  /** When given, every other filter is ignored (the spec: "overrides all other arguments"). */
  readonly ids: readonly string[] | null
  readonly codes: readonly string[] | null
  /** `open` / `closed`; null: both */
  readonly open: boolean | null
  readonly start: Date
  readonly end: Date
  readonly pageSize: number
  readonly page: number
  /** keyset cursor from a previous answer's Link header */
  readonly after: string | null
}

type Params = Readonly<Record<string, string | undefined>>

const list = (v: string | undefined): string[] | null => {
  if (v === undefined || v.trim() === '') return null
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

function int(name: string, v: string | undefined, min: number, max: number, dflt: number): number {
  if (v === undefined || v === '') return dflt
  if (!/^\d{1,7}$/.test(v)) throw new Open311Error(400, `${name} must be a whole number`)
  const n = Number(v)
  if (n < min || n > max) throw new Open311Error(400, `${name} must be between ${min} and ${max}`)
  return n
}

/** The `requests` query, checked: 400 on anything the spec would not take. */
export function requestsQuery(params: Params, now: Date): RequestsQuery {
  const ids = list(params.service_request_id)
  if (ids) {
    if (ids.length > 100) throw new Open311Error(400, 'service_request_id: at most 100 ids')
    for (const id of ids)
      if (!PUBLIC_ID.test(id)) throw new Open311Error(400, 'service_request_id: not a request id')
  }
  const codes = list(params.service_code)
  if (codes) {
    if (codes.length > 50) throw new Open311Error(400, 'service_code: at most 50 codes')
    for (const c of codes) if (!CODE.test(c)) throw new Open311Error(400, 'service_code: not a service code')
  }
  let open: boolean | null = null
  const statuses = list(params.status)
  if (statuses) {
    const bad = statuses.find((s) => s !== 'open' && s !== 'closed')
    if (bad !== undefined)
      throw new Open311Error(400, 'status must be open, closed or both (comma separated)')
    const set = new Set(statuses)
    open = set.size === 2 ? null : set.has('open')
  }
  const date = (name: string): Date | null => {
    const v = params[name]
    if (v === undefined || v === '') return null
    const d = parseDate(v)
    if (!d) throw new Open311Error(400, `${name} must be a W3C datetime, e.g. 2026-12-01T00:00:00+08:00`)
    return d
  }
  const startAsked = date('start_date')
  const endAsked = date('end_date')
  const span = WINDOW_DAYS * DAY_MS
  const end = endAsked ?? (startAsked ? new Date(startAsked.getTime() + span) : now)
  const start = startAsked ?? new Date(end.getTime() - span)
  if (end.getTime() < start.getTime()) throw new Open311Error(400, 'end_date is before start_date')
  if (end.getTime() - start.getTime() > span)
    throw new Open311Error(400, `start_date to end_date may not span more than ${WINDOW_DAYS} days`)
  const pageSize = int('page_size', params.page_size, 1, MAX_PAGE_SIZE, MAX_PAGE_SIZE)
  const page = int('page', params.page, 1, MAX_PAGE, 1)
  const after = params.after === undefined || params.after === '' ? null : params.after
  if (after !== null && !/^\d{1,15}~[A-Za-z0-9_-]{8,96}$/.test(after))
    throw new Open311Error(400, 'after: not a cursor from this feed')
  if (after !== null && page !== 1) throw new Open311Error(400, 'use either page or after, not both')
  return {
    ids,
    codes,
    open,
    start,
    end,
    pageSize,
    page,
    after,
  }
}

/** The jurisdiction asked for, checked (null: the feed's default street). */
export function jurisdictionOf(params: Params): string | null {
  const j = params.jurisdiction_id
  if (j === undefined || j === '') return null
  if (!CODE.test(j)) throw new Open311Error(400, 'jurisdiction_id: not a jurisdiction id')
  return j
}

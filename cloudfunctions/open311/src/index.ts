/**
 * `open311`: the street's public, read-only, anonymised Open311 GeoReport v2 feed
 * (docs/adr/0025-open311.md), HTTP-triggered through CloudBase's HTTP access service at the path its
 * config.json names (`httpPath`, deployed as the function's access path). The local CloudBase serves
 * the same bundle at the same path with the same event.
 *
 * Event (the access service's 集成请求): `path`, `httpMethod`, `headers`, `queryStringParameters`,
 * `body`, `isBase64Encoded`. Answer (集成响应): `{ statusCode, headers, body, isBase64Encoded }`.
 *
 *   GET …/discovery.{json,xml}
 *   GET …/services.{json,xml}               the street's report categories
 *   GET …/services/{service_code}.{json,xml} a category's definition (no extra attributes)
 *   GET …/requests.{json,xml}               ?service_request_id, service_code, start_date, end_date,
 *                                             status, jurisdiction_id; extensions page, page_size, after
 *   GET …/requests/{service_request_id}.{json,xml}
 *
 * Every request first counts against its IP's minute (OPEN311_RATE_PER_MINUTE, default 60): past it
 * the answer is 429 with Retry-After. Errors are the spec's error bodies with the HTTP status as code.
 */
import { toRequest, toService } from '../../../src/core/open311/feed'
import {
  endpointOf,
  formatOf,
  jurisdictionOf,
  Open311Error,
  requestsQuery,
  type Format,
} from '../../../src/core/open311/query'
import {
  CONTENT_TYPES,
  renderDefinition,
  renderDiscovery,
  renderError,
  renderRequests,
  renderServices,
} from '../../../src/core/open311/render'
import {
  categoriesOf,
  countRequest,
  cursorOf,
  findOrder,
  findOrders,
  keysOf,
  placesOf,
  publicIdOf,
  streetOf,
} from '../../shared/repos/open311'

export interface HttpEvent {
  readonly path?: string
  readonly httpMethod?: string
  readonly headers?: Readonly<Record<string, string | undefined>>
  readonly queryStringParameters?: Readonly<Record<string, string | undefined>> | null
  readonly body?: string
  readonly isBase64Encoded?: boolean
  readonly requestContext?: { readonly sourceIp?: string }
}

export interface HttpAnswer {
  readonly statusCode: number
  readonly headers: Record<string, string>
  readonly body: string
  readonly isBase64Encoded: false
}

/** When the feed's shape last changed (discovery's changeset). */
const CHANGESET = '2026-12-07T00:00:00+08:00'
const DEFAULT_RATE = 60

/** Requests an IP may make a minute: OPEN311_RATE_PER_MINUTE (config.json envVariables), else 60. */
export function ratePerMinute(value: string | undefined): number {
  const n = Number(value)
  return value !== undefined && /^\d{1,6}$/.test(value.trim()) && n > 0 ? n : DEFAULT_RATE
}

/**
 * The caller's address: the hop the platform's proxy appended last to X-Forwarded-For (what a
 * client writes into that header itself comes before it), else the request context's.
 */
export function clientIp(event: HttpEvent): string {
  const xff = event.headers?.['x-forwarded-for'] ?? event.headers?.['X-Forwarded-For']
  const last = xff
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .pop()
  return last || event.requestContext?.sourceIp || 'unknown'
}

const BASE_HEADERS = {
  'access-control-allow-origin': '*',
  'x-content-type-options': 'nosniff',
}

function answer(
  status: number,
  format: Format,
  body: string,
  cache: string,
  extra: Record<string, string> = {},
): HttpAnswer {
  return {
    statusCode: status,
    headers: { ...BASE_HEADERS, 'content-type': CONTENT_TYPES[format], 'cache-control': cache, ...extra },
    body,
    isBase64Encoded: false,
  }
}

const failure = (e: Open311Error, format: Format, extra: Record<string, string> = {}): HttpAnswer =>
  answer(e.status, format, renderError(format, e.status, e.description), 'no-store', extra)

/** The feed's own address, as the caller reached it (for discovery and the next-page link). */
function baseUrl(event: HttpEvent, path: string): string {
  const h = event.headers ?? {}
  const proto = (h['x-forwarded-proto'] ?? 'https').split(',')[0]?.trim() || 'https'
  // the domain the access service routed by; anything but a host name (and port) is not echoed back
  const raw = h.host ?? h.Host ?? ''
  const host = /^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(raw) ? raw : ''
  const prefix = path.replace(/\/(discovery|services|requests)(\/[^/]*)?\.(json|xml)$/, '')
  return `${proto}://${host}${prefix}`
}

async function serve(event: HttpEvent, now: Date): Promise<HttpAnswer> {
  const path = event.path ?? '/'
  const method = (event.httpMethod ?? 'GET').toUpperCase()
  const params = event.queryStringParameters ?? {}
  const keys = await keysOf()
  const limit = ratePerMinute(process.env.OPEN311_RATE_PER_MINUTE)
  const rate = await countRequest(keys, clientIp(event), now, limit)
  if (!rate.allowed)
    return failure(
      new Open311Error(429, `too many requests: at most ${limit} a minute from one address`),
      formatOf(path),
      { 'retry-after': String(rate.retryAfter) },
    )
  if (method !== 'GET' && method !== 'HEAD')
    return failure(new Open311Error(405, 'this feed is read-only: GET only'), formatOf(path), {
      allow: 'GET, HEAD',
    })
  const ep = endpointOf(path)
  if (!ep) throw new Open311Error(404, 'no such endpoint: discovery, services or requests, as .json or .xml')
  const { format } = ep
  // a bad query is refused before anything is read
  const q = ep.kind === 'requests' ? requestsQuery(params, now) : null

  if (ep.kind === 'discovery')
    return answer(
      200,
      format,
      renderDiscovery(format, {
        changeset: CHANGESET,
        contact: '只读数据：问题上报与咨询请使用 e睦邻 小程序',
        key_service: '无需 API 密钥（只读）',
        endpoints: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: baseUrl(event, path),
            changeset: CHANGESET,
            type: 'production',
            formats: ['text/xml', 'application/json'],
          },
        ],
      }),
      'public, max-age=3600',
    )

  const street = await streetOf(jurisdictionOf(params))
  if (!street) throw new Open311Error(404, 'unknown jurisdiction_id')
  const places = await placesOf(street)

  if (ep.kind === 'services' || ep.kind === 'service') {
    const services = (await categoriesOf(places)).map(toService)
    if (ep.kind === 'services')
      return answer(200, format, renderServices(format, services), 'public, max-age=3600')
    if (!services.some((s) => s.service_code === ep.code)) throw new Open311Error(404, 'unknown service_code')
    return answer(
      200,
      format,
      renderDefinition(format, { service_code: ep.code, attributes: [] }),
      'public, max-age=3600',
    )
  }

  if (ep.kind === 'request') {
    const order = await findOrder(keys, street._id, ep.id)
    if (!order) throw new Open311Error(404, 'unknown service_request_id')
    return answer(
      200,
      format,
      renderRequests(format, [toRequest(order, publicIdOf(keys, order._id), places)]),
      'public, max-age=60',
    )
  }

  if (!q) throw new Open311Error(404, 'no such endpoint')
  const { items, last } = await findOrders(keys, street._id, q, (o) =>
    toRequest(o, publicIdOf(keys, o._id), places),
  )
  const extra: Record<string, string> = {}
  if (!q.ids && last && items.length === q.pageSize) {
    const next = new URLSearchParams()
    for (const [k, v] of Object.entries(params))
      if (v !== undefined && k !== 'page' && k !== 'after') next.set(k, v)
    // the window the first page used, so the next page keeps to it
    if (!params.start_date) next.set('start_date', q.start.toISOString())
    if (!params.end_date) next.set('end_date', q.end.toISOString())
    next.set('after', cursorOf(keys, last))
    extra.link = `<${baseUrl(event, path)}/requests.${format}?${next.toString()}>; rel="next"`
  }
  return answer(200, format, renderRequests(format, items), 'public, max-age=60', extra)
}

export async function main(event: HttpEvent): Promise<HttpAnswer> {
  const path = event?.path ?? '/'
  try {
    const res = await serve(event ?? {}, new Date())
    return (event?.httpMethod ?? 'GET').toUpperCase() === 'HEAD' ? { ...res, body: '' } : res
  } catch (e) {
    if (e instanceof Open311Error) return failure(e, formatOf(path))
    console.log(
      JSON.stringify({
        level: 'error',
        what: 'open311 failed',
        path,
        error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
      }),
    )
    return failure(new Open311Error(500, 'the feed is not available right now'), formatOf(path))
  }
}

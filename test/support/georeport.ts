/**
 * The Open311 GeoReport v2 rules a feed's answers must follow, written out from the spec
 * (wiki.open311.org/GeoReport_v2; field notes §5.3: the request requires service_request_id,
 * status open|closed, service_code and requested_datetime; description ≤ 4 000 characters; lat/long
 * numbers), independently of the code under test. Each check answers the list of problems found.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

/** W3C datetime with a time and an offset, as the feed must write them. */
export const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/

const REQUEST_FIELDS = new Set([
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
  'token',
  // this feed's documented extension
  'extended_status',
])

const str = (v: unknown) => typeof v === 'string'

export function requestProblems(r: any): string[] {
  const p: string[] = []
  if (typeof r !== 'object' || r === null || Array.isArray(r)) return ['request is not an object']
  for (const k of Object.keys(r)) if (!REQUEST_FIELDS.has(k)) p.push(`unknown field ${k}`)
  if (!str(r.service_request_id) || r.service_request_id === '') p.push('service_request_id required')
  if (r.status !== 'open' && r.status !== 'closed') p.push('status must be open or closed')
  if (!str(r.service_code) || r.service_code === '') p.push('service_code required')
  if (!str(r.requested_datetime) || !W3C_DATETIME.test(r.requested_datetime))
    p.push('requested_datetime required, a W3C datetime')
  for (const k of ['updated_datetime', 'expected_datetime'])
    if (r[k] !== undefined && (!str(r[k]) || !W3C_DATETIME.test(r[k]))) p.push(`${k} must be a W3C datetime`)
  for (const k of ['status_notes', 'service_name', 'agency_responsible', 'service_notice', 'address'])
    if (r[k] !== undefined && !str(r[k])) p.push(`${k} must be a string`)
  if (r.description !== undefined && (!str(r.description) || [...r.description].length > 4000))
    p.push('description must be a string of at most 4000 characters')
  if (r.lat !== undefined && !(typeof r.lat === 'number' && r.lat >= -90 && r.lat <= 90))
    p.push('lat must be a number')
  if (r.long !== undefined && !(typeof r.long === 'number' && r.long >= -180 && r.long <= 180))
    p.push('long must be a number')
  if ((r.lat === undefined) !== (r.long === undefined)) p.push('lat and long come together')
  if (r.media_url !== undefined && !/^https?:\/\//.test(String(r.media_url)))
    p.push('media_url must be a URI')
  return p
}

export function serviceProblems(s: any): string[] {
  const p: string[] = []
  if (!str(s?.service_code) || s.service_code === '') p.push('service_code required')
  if (!str(s?.service_name) || s.service_name === '') p.push('service_name required')
  if (typeof s?.metadata !== 'boolean') p.push('metadata must be true or false')
  if (!['realtime', 'batch', 'blackbox'].includes(s?.type)) p.push('type must be realtime, batch or blackbox')
  for (const k of ['description', 'keywords', 'group'])
    if (s?.[k] !== undefined && !str(s[k])) p.push(`${k} string`)
  return p
}

export function discoveryProblems(d: any): string[] {
  const p: string[] = []
  if (!str(d?.changeset) || !W3C_DATETIME.test(d.changeset)) p.push('changeset must be a W3C datetime')
  if (!str(d?.contact)) p.push('contact required')
  if (!str(d?.key_service)) p.push('key_service required')
  if (!Array.isArray(d?.endpoints) || d.endpoints.length === 0) p.push('endpoints required')
  for (const e of d?.endpoints ?? []) {
    if (!str(e.specification) || !/GeoReport_v2/.test(e.specification)) p.push('endpoint specification')
    if (!str(e.url) || !/^https?:\/\//.test(e.url)) p.push('endpoint url')
    if (!str(e.changeset) || !W3C_DATETIME.test(e.changeset)) p.push('endpoint changeset')
    if (e.type !== 'production' && e.type !== 'test') p.push('endpoint type')
    if (!Array.isArray(e.formats) || !e.formats.includes('text/xml'))
      p.push('every v2 endpoint supports text/xml')
  }
  return p
}

export function errorsProblems(body: any): string[] {
  if (!Array.isArray(body) || body.length === 0) return ['errors must be a non-empty array']
  return body.flatMap((e: any) =>
    Number.isInteger(e?.code) && str(e?.description) && e.description !== ''
      ? []
      : ['each error is {code: integer, description: string}'],
  )
}

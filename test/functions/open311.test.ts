/**
 * The Open311 feed (docs/adr/0025-open311.md) over HTTP, as a client sees it: the built `open311`
 * function served by the local CloudBase at its access path `/open311/v2`, every endpoint in JSON
 * and XML, checked against rules written from the GeoReport v2 spec (test/support/georeport.ts) and
 * a strict XML reader (test/support/xml.ts); filters, paging, errors, the per-IP rate limit, and
 * that nobody's name, phone, home or internal id leaks.
 */
import http from 'node:http'
import { ok, requestIds, useApi } from '../support/api-test'
import { LI, WANG, XINHUA_01_WORKER } from '../support/demo-people'
import {
  discoveryProblems,
  errorsProblems,
  requestProblems,
  serviceProblems,
  W3C_DATETIME,
} from '../support/georeport'
import { childrenNamed, childText, parseXml, type XmlElement } from '../support/xml'

/* eslint-disable @typescript-eslint/no-explicit-any */

const { emu, call, db } = useApi({ secCheckKeywords: { review: ['需要人工看看'] } })
const rid = requestIds('o311')

interface Res {
  status: number
  headers: http.IncomingHttpHeaders
  text: string
}

/** Every test gets its own loopback address, so the rate limit of one never meets another's requests. */
let addr = 10
const nextAddress = () => `127.0.1.${(addr += 1)}`

function get(path: string, from = '127.0.0.1', method = 'GET'): Promise<Res> {
  const url = new URL(path, emu().url)
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, localAddress: from }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      )
    })
    req.on('error', reject)
    req.end()
  })
}

const BASE = '/open311/v2'
const json = (r: Res): any => JSON.parse(r.text)

/** An XML <request> as the JSON fields it carries (lat/long must be numbers written as text). */
function requestOfXml(el: XmlElement): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const c of el.children) {
    if (c.children.length) throw new Error(`<${c.name}> in <request> has child elements`)
    if (c.name in out) throw new Error(`<request> repeats <${c.name}>`)
    out[c.name] =
      c.name === 'lat' || c.name === 'long'
        ? /^-?\d+(\.\d+)?$/.test(c.text)
          ? Number(c.text)
          : c.text
        : c.text
  }
  return out
}

function xmlRequests(r: Res): Record<string, unknown>[] {
  expect(r.headers['content-type']).toBe('text/xml; charset=utf-8')
  const root = parseXml(r.text)
  expect(root.name).toBe('service_requests')
  expect(root.children.every((c) => c.name === 'request')).toBe(true)
  return root.children.map(requestOfXml)
}

function jsonRequests(r: Res): any[] {
  expect(r.status).toBe(200)
  expect(r.headers['content-type']).toBe('application/json; charset=utf-8')
  const body = json(r)
  expect(Array.isArray(body)).toBe(true)
  for (const item of body) expect(requestProblems(item)).toEqual([])
  return body
}

/** An error answer in both formats: its status, the spec's body, no caching. */
async function expectError(path: string, status: number, from = nextAddress()) {
  const j = await get(`${path}.json`, from)
  expect(j.status).toBe(status)
  expect(errorsProblems(json(j))).toEqual([])
  expect(json(j)[0].code).toBe(status)
  expect(j.headers['cache-control']).toBe('no-store')
  const x = await get(`${path}.xml`, from)
  expect(x.status).toBe(status)
  const root = parseXml(x.text)
  expect(root.name).toBe('errors')
  const errors = childrenNamed(root, 'error')
  expect(errors).toHaveLength(1)
  expect(childText(errors[0] as XmlElement, 'code')).toBe(String(status))
  expect(childText(errors[0] as XmlElement, 'description')).toBeTruthy()
}

const started = new Date(Date.now() - 1000)
const SECRET_NAME = '钱多多'
const SECRET_PHONE = '13912345678'
const ids: Record<string, string> = {}

beforeAll(async () => {
  const submit = async (openid: string, input: Record<string, unknown>) => {
    const data = ok(await call(openid, 'report.submit', { requestId: rid(), ...input }))
    ok(await call(openid, 'order.dispatch', { orderId: data.orderId }))
    return data.orderId as string
  }
  // consented, with a pin on the map (inside the grid's boundary while it is reported; the boundary
  // is then taken away, so the feed shows the pin cut to ~100 m instead of the grid's centre)
  const grids = db().collection('grids')
  await grids.doc('gr-xinhua-01').update({
    boundary: [
      [116.4, 39.9],
      [116.41, 39.9],
      [116.41, 39.91],
      [116.4, 39.91],
    ],
  })
  ids.pub = await submit(WANG, {
    category: 'street_light',
    text: 'OPEN311公开：东门路灯不亮，晚上很黑',
    publicText: true,
    location: { kind: 'point', lng: 116.40749, lat: 39.90421, label: '王家门口' },
  })
  await grids.doc('gr-xinhua-01').update({ boundary: db().command.remove() })
  // not consented
  ids.priv = await submit(LI, { category: 'drain', text: 'OPEN311私密：下水道堵了，请勿公开' })
  // staff intake for a resident with a known name and phone: never public, even if asked
  ids.intake = await submit(XINHUA_01_WORKER, {
    category: 'clutter',
    text: `OPEN311代登记：${SECRET_NAME}反映楼道堆物，电话${SECRET_PHONE}`,
    publicText: true,
    onBehalfOf: { name: SECRET_NAME, phone: SECRET_PHONE, channel: 'phone' },
    location: { kind: 'building', buildingId: 'bd-xinhua-01-03' },
  })
  // consented, but content security asked for a review: held, so not public
  ids.held = await submit(WANG, {
    category: 'noise',
    text: 'OPEN311待审：需要人工看看这段',
    publicText: true,
  })
  // accepted and replied → closed in Open311 terms
  ids.done = await submit(LI, { category: 'sanitation', text: 'OPEN311已答复：垃圾没清运', publicText: true })
  ok(await call(XINHUA_01_WORKER, 'order.accept', { orderId: ids.done }))
  ok(await call(XINHUA_01_WORKER, 'order.start', { orderId: ids.done }))
  ok(
    await call(XINHUA_01_WORKER, 'order.reply', {
      orderId: ids.done,
      outcome: 'handled',
      text: '已联系环卫清运',
    }),
  )
}, 60_000)

/** The feed's request for one of the orders above (found by its category: one order each). */
async function feedItem(code: string, format: 'json' | 'xml' = 'json') {
  const r = await get(
    `${BASE}/requests.${format}?service_code=${code}&start_date=${encodeURIComponent(started.toISOString())}`,
    nextAddress(),
  )
  expect(r.status).toBe(200)
  const list = format === 'json' ? jsonRequests(r) : xmlRequests(r)
  expect(list).toHaveLength(1)
  return list[0] as any
}

describe('Open311 GeoReport v2 at /open311/v2 on the local CloudBase', () => {
  it('stores the opt-in on the order: only the consenting resident, never an intake', async () => {
    const doc = async (id: string) => ((await db().collection('orders').doc(id).get()).data as any[])[0]
    expect((await doc(ids.pub as string)).publicText).toBe(true)
    expect((await doc(ids.priv as string)).publicText).toBe(false)
    expect((await doc(ids.intake as string)).publicText).toBe(false)
  })

  it('discovery, in JSON and XML', async () => {
    const from = nextAddress()
    const j = await get(`${BASE}/discovery.json`, from)
    expect(j.status).toBe(200)
    expect(j.headers['cache-control']).toBe('public, max-age=3600')
    const d = json(j)
    expect(discoveryProblems(d)).toEqual([])
    expect(d.endpoints[0].url).toBe(`${emu().url}${BASE}`)
    const x = await get(`${BASE}/discovery.xml`, from)
    const root = parseXml(x.text)
    expect(root.name).toBe('discovery')
    const endpoint = childrenNamed(
      childrenNamed(root, 'endpoints')[0] as XmlElement,
      'endpoint',
    )[0] as XmlElement
    expect(childText(endpoint, 'url')).toBe(`${emu().url}${BASE}`)
    expect(
      childrenNamed(childrenNamed(endpoint, 'formats')[0] as XmlElement, 'format').map((f) => f.text),
    ).toEqual(['text/xml', 'application/json'])
  })

  it('services and a service definition, in JSON and XML; an unknown code is 404', async () => {
    const from = nextAddress()
    const j = await get(`${BASE}/services.json`, from)
    const services = json(j)
    expect(services.length).toBeGreaterThanOrEqual(10)
    for (const s of services) expect(serviceProblems(s)).toEqual([])
    expect(services.find((s: any) => s.service_code === 'safety')).toMatchObject({
      service_name: '安全隐患',
      metadata: false,
      type: 'realtime',
      group: '安全隐患',
    })
    const x = parseXml((await get(`${BASE}/services.xml`, from)).text)
    expect(x.name).toBe('services')
    expect(childrenNamed(x, 'service').map((s) => childText(s, 'service_code'))).toEqual(
      services.map((s: any) => s.service_code),
    )
    const def = await get(`${BASE}/services/street_light.json`, from)
    expect(json(def)).toEqual({ service_code: 'street_light', attributes: [] })
    const defXml = parseXml((await get(`${BASE}/services/street_light.xml`, from)).text)
    expect(defXml.name).toBe('service_definition')
    expect(childText(defXml, 'service_code')).toBe('street_light')
    await expectError(`${BASE}/services/no_such_thing`, 404)
  })

  it('maps status, tier, times and place; the same request in JSON and XML', async () => {
    const pub = await feedItem('street_light')
    expect(pub).toMatchObject({
      status: 'open',
      extended_status: 'submitted',
      status_notes: '已受理，等待接单',
      service_code: 'street_light',
      service_name: '路灯不亮',
      agency_responsible: '新华社区第1网格',
      address: '新华社区第1网格',
      description: 'OPEN311公开：东门路灯不亮，晚上很黑',
      // the pin (GCJ-02) as WGS-84, floored to 3 decimals
      lat: 39.902,
      long: 116.401,
    })
    for (const k of ['requested_datetime', 'updated_datetime', 'expected_datetime'])
      expect(pub[k]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/)
    expect(Date.parse(pub.expected_datetime)).toBeGreaterThan(Date.parse(pub.requested_datetime))
    const fromXml = await feedItem('street_light', 'xml')
    expect(requestProblems(fromXml)).toEqual([])
    expect(fromXml).toEqual(pub)

    const done = await feedItem('sanitation')
    expect(done).toMatchObject({
      status: 'closed',
      extended_status: 'replied',
      status_notes: '已答复，当场办结',
    })
    expect(done.expected_datetime).toBeUndefined()
    expect(Date.parse(done.updated_datetime)).toBeGreaterThan(Date.parse(done.requested_datetime) - 1)
  })

  it('shows a description only with consent and after content security', async () => {
    expect((await feedItem('drain')).description).toBeUndefined()
    expect((await feedItem('clutter')).description).toBeUndefined()
    expect((await feedItem('noise')).description).toBeUndefined()
    expect((await feedItem('noise', 'xml')).description).toBeUndefined()
    expect((await feedItem('street_light', 'xml')).description).toBe('OPEN311公开：东门路灯不亮，晚上很黑')
  })

  it('leaks no name, phone, home, photo or internal id in any answer', async () => {
    const wang = ((await db().collection('users').where({ openid: WANG }).get()).data as any[])[0]
    const li = ((await db().collection('users').where({ openid: LI }).get()).data as any[])[0]
    const orders = (
      await db()
        .collection('orders')
        .where({ _id: db().command.in(Object.values(ids)) })
        .get()
    ).data as any[]
    expect(orders).toHaveLength(5)
    const forbidden = [
      SECRET_NAME,
      SECRET_PHONE,
      '王家门口',
      wang.realName,
      wang.phone,
      li.realName,
      li.phone,
      'demo-openid',
      'cloud://',
      ...orders.flatMap((o) => [o._id, o.reporterId, o.path.householdId, o.path.buildingId, o.path.unitId]),
    ].filter((s): s is string => typeof s === 'string' && s.length > 0)
    const from = nextAddress()
    const pub = await feedItem('street_light')
    for (const path of [
      'discovery',
      'services',
      'services/clutter',
      `requests`,
      `requests/${pub.service_request_id}`,
    ])
      for (const fmt of ['json', 'xml']) {
        const r = await get(
          `${BASE}/${path}.${fmt}?start_date=${encodeURIComponent(started.toISOString())}`,
          from,
        )
        expect(r.status).toBe(200)
        for (const s of forbidden)
          expect({ path, fmt, leaked: r.text.includes(s) ? s : null }).toEqual({ path, fmt, leaked: null })
      }
    // five different, opaque ids
    const all = jsonRequests(
      await get(`${BASE}/requests.json?start_date=${encodeURIComponent(started.toISOString())}`, from),
    )
    const publicIds = all.map((r) => r.service_request_id)
    expect(new Set(publicIds).size).toBe(publicIds.length)
    expect(publicIds.length).toBeGreaterThanOrEqual(5)
  })

  it('answers one request by its public id, and 404 for an unknown or altered one', async () => {
    const pub = await feedItem('street_light')
    const from = nextAddress()
    const one = jsonRequests(await get(`${BASE}/requests/${pub.service_request_id}.json`, from))
    expect(one).toEqual([pub])
    const oneXml = xmlRequests(await get(`${BASE}/requests/${pub.service_request_id}.xml`, from))
    expect(oneXml).toEqual([pub])
    const id = pub.service_request_id as string
    const altered = `${id.slice(0, -2)}${id.endsWith('AA') ? 'BB' : 'AA'}`
    await expectError(`${BASE}/requests/${altered}`, 404)
    await expectError(`${BASE}/requests/notARealRequestId123`, 404)
    // the order's own id is not a public id
    await expectError(`${BASE}/requests/${ids.pub}`, 404)
  })

  it('filters by service_request_id, service_code, status and dates', async () => {
    const since = `start_date=${encodeURIComponent(started.toISOString())}`
    const from = nextAddress()
    const a = await feedItem('street_light')
    const b = await feedItem('drain')
    const both = jsonRequests(
      await get(
        `${BASE}/requests.json?service_request_id=${a.service_request_id},${b.service_request_id}`,
        from,
      ),
    )
    expect(both.map((r) => r.service_code).sort()).toEqual(['drain', 'street_light'])
    const codes = jsonRequests(await get(`${BASE}/requests.json?${since}&service_code=drain,noise`, from))
    expect(codes.map((r) => r.service_code).sort()).toEqual(['drain', 'noise'])
    const closed = jsonRequests(await get(`${BASE}/requests.json?${since}&status=closed`, from))
    expect(closed.map((r) => r.service_code)).toEqual(['sanitation'])
    const open = jsonRequests(await get(`${BASE}/requests.json?${since}&status=open`, from))
    expect(open.every((r) => r.status === 'open')).toBe(true)
    expect(open.map((r) => r.service_code).sort()).toEqual(['clutter', 'drain', 'noise', 'street_light'])
    const openXml = xmlRequests(await get(`${BASE}/requests.xml?${since}&status=open`, from))
    expect(openXml.map((r) => r.service_request_id)).toEqual(open.map((r) => r.service_request_id))
    // a window before the orders: none of them
    const before = jsonRequests(
      await get(`${BASE}/requests.json?start_date=2026-01-01&end_date=2026-02-01T00:00:00%2B08:00`, from),
    )
    expect(before.filter((r) => Date.parse(r.requested_datetime) >= started.getTime())).toEqual([])
    // newest first
    const times = open.map((r) => Date.parse(r.requested_datetime))
    expect([...times].sort((x, y) => y - x)).toEqual(times)
  })

  it('pages with page/page_size and with the keyset cursor of the Link header', async () => {
    const since = `start_date=${encodeURIComponent(started.toISOString())}`
    const from = nextAddress()
    const all = jsonRequests(await get(`${BASE}/requests.json?${since}`, from)).map(
      (r) => r.service_request_id,
    )
    expect(all.length).toBeGreaterThanOrEqual(5)
    const byPage: string[] = []
    for (let page = 1; page <= all.length; page += 1) {
      const r = jsonRequests(await get(`${BASE}/requests.json?${since}&page_size=2&page=${page}`, from))
      byPage.push(...r.map((x) => x.service_request_id))
    }
    expect(byPage).toEqual(all)
    const byCursor: string[] = []
    let next: string | null = `${BASE}/requests.xml?${since}&page_size=2`
    for (let n = 0; next && n < 10; n += 1) {
      const r = await get(next, from)
      byCursor.push(...xmlRequests(r).map((x) => x.service_request_id as string))
      const link = /^<([^>]+)>; rel="next"$/.exec(String(r.headers.link ?? ''))
      next = link?.[1] ? new URL(link[1]).pathname + new URL(link[1]).search : null
    }
    expect(byCursor).toEqual(all)
  })

  it('refuses bad parameters with 400 in both formats', async () => {
    for (const query of [
      'start_date=yesterday',
      'start_date=2026-02-30',
      'start_date=2026-12-01&end_date=2026-11-01',
      'start_date=2026-01-01&end_date=2026-12-01',
      'status=pending',
      'page_size=1001',
      'page_size=0',
      'page=abc',
      'service_code=%3Cscript%3E',
      'after=garbage',
      'jurisdiction_id=%3Cx%3E',
    ]) {
      const from = nextAddress()
      const j = await get(`${BASE}/requests.json?${query}`, from)
      expect({ query, status: j.status }).toEqual({ query, status: 400 })
      expect(errorsProblems(json(j))).toEqual([])
      const x = await get(`${BASE}/requests.xml?${query}`, from)
      expect({ query, status: x.status }).toEqual({ query, status: 400 })
      expect(parseXml(x.text).name).toBe('errors')
    }
    await expectError(`${BASE}/nothing-here`, 404)
    const unknownJ = await get(`${BASE}/services.json?jurisdiction_id=st-nowhere`, nextAddress())
    expect(unknownJ.status).toBe(404)
    const post = await get(`${BASE}/requests.json`, nextAddress(), 'POST')
    expect(post.status).toBe(405)
    expect(errorsProblems(json(post))).toEqual([])
  })

  it('limits each address to its requests a minute: 429 with Retry-After, in the spec format', async () => {
    const from = nextAddress()
    const other = nextAddress()
    // The count is per minute: start well inside one, so the 61 requests all fall in the same window.
    const intoMinute = Date.now() % 60_000
    if (intoMinute > 40_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute))
    const statuses: number[] = []
    for (let i = 0; i < 60; i += 1) statuses.push((await get(`${BASE}/services.json`, from)).status)
    expect(statuses.every((s) => s === 200)).toBe(true)
    const over = await get(`${BASE}/services.json`, from)
    expect(over.status).toBe(429)
    expect(Number(over.headers['retry-after'])).toBeGreaterThanOrEqual(1)
    expect(Number(over.headers['retry-after'])).toBeLessThanOrEqual(60)
    expect(errorsProblems(json(over))).toEqual([])
    expect(json(over)[0].code).toBe(429)
    const overXml = await get(`${BASE}/services.xml`, from)
    expect(overXml.status).toBe(429)
    expect(parseXml(overXml.text).name).toBe('errors')
    // another address is not affected
    expect((await get(`${BASE}/services.json`, other)).status).toBe(200)
    // the counters keep no address, only a keyed digest
    const windows = (await db().collection('open311_rate').limit(1000).get()).data as any[]
    expect(windows.length).toBeGreaterThan(0)
    expect(JSON.stringify(windows)).not.toMatch(/127\.0\./)
  }, 60_000)

  it('the sweep forgets the counters of minutes that ended, and only those', async () => {
    const rate = db().collection('open311_rate')
    const before = (await rate.count()).total as number
    expect(before).toBeGreaterThan(0)
    // as of now: every window is still current or just ended (kept until its minute + 2)
    const now = (await emu().invoke('sweep', { now: new Date().toISOString() })) as any
    expect(now.ok).toBe(true)
    expect(now.failed).toEqual([])
    expect((await rate.count()).total).toBe(before)
    const later = (await emu().invoke('sweep', {
      now: new Date(Date.now() + 5 * 60_000).toISOString(),
    })) as any
    expect(later.failed).toEqual([])
    expect((await rate.count()).total).toBe(0)
  })

  it('writes ISO 8601 times in China time', async () => {
    const pub = await feedItem('street_light')
    expect(pub.requested_datetime).toMatch(W3C_DATETIME)
    const stored = (
      (
        await db()
          .collection('orders')
          .doc(ids.pub as string)
          .get()
      ).data as any[]
    )[0]
    expect(Date.parse(pub.requested_datetime)).toBe(
      Math.floor(new Date(stored.submittedAt).getTime() / 1000) * 1000,
    )
  })
})

/**
 * The Open311 feed's mapping (src/core/open311/*, cloudfunctions/shared/open311-ids.ts) against
 * expectations written out by hand: every order status, every tier, the privacy rules field by
 * field, coordinates, times, the query's checks, and the sealed public ids.
 */
import { randomBytes } from 'node:crypto'
import { feedKeys, ipKey, openId, sealId } from '../../cloudfunctions/shared/open311-ids'
import {
  agencyOf,
  coordinatesOf,
  expectedOf,
  gridCentre,
  isoChina,
  open311Status,
  publicDescription,
  statusNotes,
  toRequest,
  toService,
  truncate3,
  type FeedOrder,
  type FeedPlaces,
} from '../../src/core/open311/feed'
import { gcjToWgs, wgsToGcj } from '../../src/core/open311/geo'
import { endpointOf, parseDate, requestsQuery } from '../../src/core/open311/query'
import { renderError, renderRequests, renderServices, xmlText } from '../../src/core/open311/render'
import { OrderStatuses, type OrderStatus } from '../../src/core/orders/model'

const places: FeedPlaces = {
  street: { _id: 'st-dongjie', name: '东街道' },
  communities: new Map([['cm-xinhua', '新华社区']]),
  grids: new Map([
    ['gr-xinhua-01', { name: '新华社区第1网格' }],
    [
      'gr-xinhua-02',
      {
        name: '新华社区第2网格',
        boundary: [
          [116.4, 39.9],
          [116.42, 39.9],
          [116.42, 39.91],
          [116.4, 39.91],
        ],
      },
    ],
  ]),
}

const at = (iso: string) => new Date(iso)
const order = (over: Partial<FeedOrder> = {}): FeedOrder => ({
  _id: 'wo_aaaaaaaaaaaaaaaaaaaa',
  categoryId: 'street_light',
  categoryName: '路灯不亮',
  text: '3号楼前路灯不亮',
  held: false,
  publicText: true,
  location: { kind: 'household' },
  path: { streetId: 'st-dongjie', communityId: 'cm-xinhua', gridId: 'gr-xinhua-01' },
  status: 'submitted',
  tier: 'grid',
  department: null,
  submittedAt: at('2026-12-07T01:05:09.456Z'),
  dueAt: at('2026-12-07T05:05:09.000Z'),
  dueAction: 'escalate',
  reply: null,
  events: [{ kind: 'submit', at: at('2026-12-07T01:05:09.456Z') }] as unknown as FeedOrder['events'],
  ...over,
})

describe('status', () => {
  // written out by hand: FixMyStreet's grouping, an order needing work is open
  const expected: Record<OrderStatus, ['open' | 'closed', string]> = {
    submitted: ['open', '已受理，等待接单'],
    accepted: ['open', '已接单'],
    in_progress: ['open', '办理中'],
    promised: ['open', '限期办理中'],
    unsatisfied: ['open', '居民不满意，复核中'],
    replied: ['closed', '已答复'],
    closed: ['closed', '已办结'],
  }
  it('covers every status of the order machine', () => {
    expect(Object.keys(expected).sort()).toEqual([...OrderStatuses].sort())
  })
  it.each(Object.entries(expected))('%s → %j', (status, [group, notes]) => {
    const s = status as OrderStatus
    expect(open311Status(s)).toBe(group)
    expect(statusNotes({ status: s, reply: null })).toBe(notes)
    expect(toRequest(order({ status: s }), 'pub', places)).toMatchObject({
      status: group,
      extended_status: s,
    })
  })
  it.each([
    ['handled', '已答复，当场办结'],
    ['explained', '已答复，已解释说明'],
    ['transferred', '已答复，已转交相关单位'],
  ])('a reply %s says how it answered', (outcome, notes) => {
    const reply = { outcome, promisedDate: null } as unknown as FeedOrder['reply']
    expect(statusNotes({ status: 'replied', reply })).toBe(notes)
  })
  it('says when it was reopened and when it was late', () => {
    expect(statusNotes({ status: 'in_progress', reply: null, reopenCount: 1, overdue: true })).toBe(
      '办理中，居民申请重新办理，曾超时',
    )
  })
})

describe('agency, deadline and times', () => {
  it.each([
    ['grid', null, '新华社区第1网格'],
    ['community', null, '新华社区'],
    ['street', null, '东街道'],
    ['department', '供电公司', '职能部门：供电公司'],
    ['department', null, '职能部门'],
  ] as const)('tier %s (department %s) → %s', (tier, department, name) => {
    expect(agencyOf(order({ tier, department }), places)).toBe(name)
  })
  it('the deadline: the escalation due time while open, a promised date, nothing once answered', () => {
    expect(expectedOf(order())).toBe('2026-12-07T13:05:09+08:00')
    const promised = { outcome: 'deadline', promisedDate: '2026-12-20' } as unknown as FeedOrder['reply']
    expect(expectedOf(order({ status: 'promised', reply: promised }))).toBe('2026-12-20T23:59:59+08:00')
    expect(expectedOf(order({ status: 'replied', dueAction: 'close' }))).toBeUndefined()
    expect(expectedOf(order({ dueAt: null, dueAction: null }))).toBeUndefined()
  })
  it('writes times as ISO 8601 in China time, whole seconds', () => {
    expect(isoChina(at('2026-12-07T01:05:09.456Z'))).toBe('2026-12-07T09:05:09+08:00')
    expect(isoChina(at('2026-12-31T16:00:00Z'))).toBe('2027-01-01T00:00:00+08:00')
  })
  it('updated is the newest event', () => {
    const events = [
      { kind: 'submit', at: at('2026-12-07T01:00:00Z') },
      { kind: 'accept', at: at('2026-12-07T03:30:00Z') },
    ] as unknown as FeedOrder['events']
    expect(toRequest(order({ events }), 'p', places).updated_datetime).toBe('2026-12-07T11:30:00+08:00')
  })
})

describe('privacy', () => {
  it.each([
    ['consented, checked', {}, '3号楼前路灯不亮'],
    ['no consent', { publicText: false }, undefined],
    ['consent absent (stored before the switch)', { publicText: undefined }, undefined],
    ['held for content review', { held: true }, undefined],
    ['staff intake on someone’s behalf', { onBehalfOf: { name: '张大爷', channel: 'phone' } }, undefined],
    ['reporter erased their data', { reporterErased: true }, undefined],
    ['blank text', { text: '   ' }, undefined],
  ] as const)('description: %s', (_name, over, want) => {
    expect(publicDescription(order(over as Partial<FeedOrder>))).toBe(want)
    const r = toRequest(order(over as Partial<FeedOrder>), 'p', places)
    expect('description' in r).toBe(want !== undefined)
  })
  it('clips a description at 4 000 characters (code points)', () => {
    expect([...(publicDescription(order({ text: '灯'.repeat(4100) })) ?? '')].length).toBe(4000)
  })
  it('shows only the public fields: no person, phone, household, photo or internal id', () => {
    const r = toRequest(
      order({
        location: { kind: 'point', lng: 116.40749, lat: 39.90421, label: '王家门口' },
        path: {
          streetId: 'st-dongjie',
          communityId: 'cm-xinhua',
          gridId: 'gr-xinhua-01',
          buildingId: 'bd-1',
          unitId: 'u-1',
          householdId: 'hh_x',
        },
      }),
      'sealed',
      places,
    )
    expect(Object.keys(r).sort()).toEqual(
      [
        'service_request_id',
        'status',
        'extended_status',
        'status_notes',
        'service_name',
        'service_code',
        'description',
        'agency_responsible',
        'requested_datetime',
        'updated_datetime',
        'expected_datetime',
        'address',
        'lat',
        'long',
      ].sort(),
    )
    const text = JSON.stringify(r)
    for (const s of ['王家门口', 'wo_', 'hh_x', 'bd-1', 'u-1', 'media']) expect(text).not.toContain(s)
    expect(r.address).toBe('新华社区第1网格')
  })
})

describe('coordinates', () => {
  it.each([
    [116.40749, 116.407],
    [39.90421, 39.904],
    [39.9, 39.9],
    [39.9999999, 39.999],
    [121.4737, 121.473],
    [0.0015, 0.001],
  ])('truncate3(%p) = %p', (x, want) => {
    expect(truncate3(x)).toBe(want)
  })
  // GCJ-02 → WGS-84 near Beijing's centre moves a point about 0.00624° west and 0.00140° south
  // (the reference pair below); the centre of the box 116.40–116.42 × 39.90–39.91 is (116.41, 39.905).
  it('a grid with a boundary: its centre (as WGS-84), whatever the pin', () => {
    const c = gridCentre(places.grids.get('gr-xinhua-02')?.boundary)
    expect(c?.long).toBeCloseTo(116.4038, 3)
    expect(c?.lat).toBeCloseTo(39.9036, 3)
    expect(String(c?.long).split('.')[1]?.length ?? 0).toBeLessThanOrEqual(4)
    const o = order({
      path: { streetId: 'st-dongjie', communityId: 'cm-xinhua', gridId: 'gr-xinhua-02' },
      location: { kind: 'point', lng: 116.40749, lat: 39.90421 },
    })
    expect(coordinatesOf(o, places)).toEqual(c)
    expect(coordinatesOf(order({ path: o.path }), places)).toEqual(c)
  })
  it('no boundary: the pin (as WGS-84) cut to ~100 m; a household or building report without one: none', () => {
    // (116.40749, 39.90421) GCJ-02 ≈ (116.40125, 39.90281) WGS-84, floored to 3 decimals
    expect(
      coordinatesOf(order({ location: { kind: 'point', lng: 116.40749, lat: 39.90421 } }), places),
    ).toEqual({
      lat: 39.902,
      long: 116.401,
    })
    expect(coordinatesOf(order(), places)).toBeNull()
    expect(coordinatesOf(order({ location: { kind: 'building', buildingId: 'bd-1' } }), places)).toBeNull()
    const r = toRequest(order(), 'p', places)
    expect('lat' in r || 'long' in r).toBe(false)
  })
})

describe('GCJ-02 → WGS-84', () => {
  // A reference pair published with several independent implementations of the transform.
  it('matches the reference point in Beijing', () => {
    const w = gcjToWgs(116.404, 39.915)
    expect(w.lng).toBeCloseTo(116.39775550083061, 10)
    expect(w.lat).toBeCloseTo(39.91359571849836, 10)
    const g = wgsToGcj(116.404, 39.915)
    expect(g.lng).toBeCloseTo(116.41024449916938, 10)
    expect(g.lat).toBeCloseTo(39.91640428150164, 10)
  })
  it('undoes the forward transform to within 2 m (Shanghai: WGS (121.491, 31.242))', () => {
    const w = gcjToWgs(121.49546460985425, 31.240013408324618)
    expect(Math.abs(w.lng - 121.491)).toBeLessThan(2e-5)
    expect(Math.abs(w.lat - 31.242)).toBeLessThan(2e-5)
  })
  it('leaves points outside China as they are', () => {
    expect(gcjToWgs(-0.1276, 51.5072)).toEqual({ lng: -0.1276, lat: 51.5072 })
    expect(gcjToWgs(151.2093, -33.8688)).toEqual({ lng: 151.2093, lat: -33.8688 })
  })
})

describe('public ids', () => {
  const keys = feedKeys(randomBytes(32))
  it('are deterministic, reversible with the key, and do not contain the order id', () => {
    const id = 'wo_abcdefghijklmnopqrst'
    const p = sealId(keys, id)
    expect(sealId(keys, id)).toBe(p)
    expect(openId(keys, p)).toBe(id)
    expect(p).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(p).not.toContain('abcdefghij')
    expect(sealId(keys, 'wo_abcdefghijklmnopqrsu')).not.toBe(p)
  })
  it('another key neither makes nor opens them; an altered id opens to nothing', () => {
    const id = 'wo_abcdefghijklmnopqrst'
    const other = feedKeys(randomBytes(32))
    const p = sealId(keys, id)
    expect(sealId(other, id)).not.toBe(p)
    expect(openId(other, p)).toBeNull()
    for (let i = 0; i < p.length; i += 1) {
      const c = p[i] === 'A' ? 'B' : 'A'
      expect(openId(keys, `${p.slice(0, i)}${c}${p.slice(i + 1)}`)).toBeNull()
    }
    expect(openId(keys, 'wo_abcdefghijklmnopqrst')).toBeNull()
    expect(openId(keys, '')).toBeNull()
  })
  it('an address becomes a keyed digest', () => {
    expect(ipKey(keys, '203.0.113.7')).toMatch(/^[0-9a-f]{24}$/)
    expect(ipKey(keys, '203.0.113.7')).not.toBe(ipKey(keys, '203.0.113.8'))
    expect(() => feedKeys(Buffer.alloc(16))).toThrow()
  })
})

describe('paths and queries', () => {
  it.each([
    ['/open311/v2/discovery.json', { kind: 'discovery', format: 'json' }],
    ['/open311/v2/services.xml', { kind: 'services', format: 'xml' }],
    ['/services/street_light.json', { kind: 'service', code: 'street_light', format: 'json' }],
    ['/open311/v2/requests.json', { kind: 'requests', format: 'json' }],
    ['/open311/v2/requests/AbC-_12345678.xml', { kind: 'request', id: 'AbC-_12345678', format: 'xml' }],
    ['/open311/v2/requests', null],
    ['/open311/v2/requests.csv', null],
    ['/open311/v2/discovery/x.json', null],
    ['/open311/v2/services/%3Cscript%3E.json', null],
    ['/open311/v2/requests/short.json', null],
  ])('%s', (path, want) => {
    expect(endpointOf(path)).toEqual(want)
  })
  it.each([
    ['2026-12-01', '2026-11-30T16:00:00.000Z'],
    ['2026-12-01T08:30', '2026-12-01T00:30:00.000Z'],
    ['2026-12-01T08:30:00Z', '2026-12-01T08:30:00.000Z'],
    ['2026-12-01T08:30:00+0800', '2026-12-01T00:30:00.000Z'],
    ['2026-12-01T08:30:00-05:00', '2026-12-01T13:30:00.000Z'],
    ['2026-02-30', null],
    ['2026-13-01', null],
    ['yesterday', null],
    ['1733000000', null],
  ])('parseDate(%s)', (text, want) => {
    expect(parseDate(text)?.toISOString() ?? null).toBe(want)
  })
  const now = new Date('2026-12-07T04:00:00Z')
  it('defaults to the last 90 days, 1 000 a page, both statuses', () => {
    expect(requestsQuery({}, now)).toEqual({
      ids: null,
      codes: null,
      open: null,
      start: new Date('2026-09-08T04:00:00Z'),
      end: now,
      pageSize: 1000,
      page: 1,
      after: null,
    })
    expect(requestsQuery({ start_date: '2026-12-01' }, now).end).toEqual(new Date('2027-02-28T16:00:00Z'))
    expect(requestsQuery({ status: 'open' }, now).open).toBe(true)
    expect(requestsQuery({ status: 'closed' }, now).open).toBe(false)
    expect(requestsQuery({ status: 'open,closed' }, now).open).toBeNull()
    expect(requestsQuery({ service_code: 'a, b' }, now).codes).toEqual(['a', 'b'])
  })
  it.each([
    [{ start_date: '2026-12-02', end_date: '2026-12-01' }, /before/],
    [{ start_date: '2026-01-01', end_date: '2026-12-01' }, /90 days/],
    [{ status: 'pending' }, /status/],
    [{ page_size: '1001' }, /page_size/],
    [{ page: '0' }, /page/],
    [{ page: '2', after: '1~abcdefgh' }, /either/],
    [{ after: 'x' }, /cursor/],
    [{ service_code: '<b>' }, /service_code/],
    [{ service_request_id: 'a' }, /service_request_id/],
  ])('refuses %j', (params, message) => {
    expect(() => requestsQuery(params, now)).toThrow(message)
    try {
      requestsQuery(params, now)
    } catch (e) {
      expect((e as { status: number }).status).toBe(400)
    }
  })
})

describe('bodies', () => {
  it('escapes XML and writes the spec’s root elements', () => {
    expect(xmlText(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;')
    expect(renderError('xml', 404, 'unknown <id>')).toBe(
      '<?xml version="1.0" encoding="utf-8"?><errors><error><code>404</code><description>unknown &lt;id&gt;</description></error></errors>',
    )
    expect(JSON.parse(renderError('json', 400, 'bad'))).toEqual([{ code: 400, description: 'bad' }])
    const r = toRequest(order(), 'pub1', places)
    expect(renderRequests('xml', [r])).toMatch(
      /^<\?xml version="1\.0" encoding="utf-8"\?><service_requests><request><service_request_id>pub1<\/service_request_id><status>open<\/status>/,
    )
    expect(renderRequests('xml', [])).toBe(
      '<?xml version="1.0" encoding="utf-8"?><service_requests></service_requests>',
    )
    const s = toService({
      id: 'safety',
      name: '安全隐患',
      hint: '电动车飞线充电、消防通道堵塞',
      hazard: true,
    })
    expect(s).toEqual({
      service_code: 'safety',
      service_name: '安全隐患',
      description: '电动车飞线充电、消防通道堵塞',
      metadata: false,
      type: 'realtime',
      keywords: '电动车飞线充电,消防通道堵塞',
      group: '安全隐患',
    })
    expect(renderServices('xml', [s])).toContain('<services><service><service_code>safety</service_code>')
  })
})

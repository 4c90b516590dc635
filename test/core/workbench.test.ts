import collections from '../../cloudfunctions/collections.json'
import { CountKeys, type CountKey, type WorkbenchSummary } from '../../src/core/workbench/api'
import {
  chinaToday,
  countKeysOf,
  countQuery,
  countUrl,
  desksFor,
  hazardCategoryIds,
  ratesQuery,
  threeRates,
  type DeskPlan,
  type Known,
} from '../../src/core/workbench/rules'
import { mostUrgent, pendingTotal } from '../../src/core/workbench/urgent'
import type { Actor } from '../../src/core/roles'
import { actorWith, scopeOf } from '../support/builders'

const known: Known = { hazardCategoryIds: ['safety'], todaysActivityIds: ['a1'] }
const deskOf = (role: Parameters<typeof actorWith>[0]): DeskPlan => {
  const d = desksFor(actorWith(role))[0]
  if (!d) throw new Error(`no desk for ${role}`)
  return d
}

describe('workbench: desks', () => {
  it.each([
    ['grid_worker', 'grid', ['g'], ['c'], ['g']],
    ['building_leader', 'building', ['b'], ['c'], ['g']],
    ['council_member', 'grid', ['g'], ['c'], ['g']],
    ['community_admin', 'community', ['c'], ['c'], []],
    ['street_admin', 'street', ['s'], [], []],
  ] as const)('%s works over its %s', (role, level, ids, communityIds, gridIds) => {
    expect(desksFor(actorWith(role))).toEqual([{ role, level, ids, communityIds, gridIds }])
  })

  it.each(['resident', 'helper', null] as const)('%s has no desk', (role) => {
    expect(desksFor(actorWith(role))).toEqual([])
  })

  it('gives one desk per staff role, over every place of that role', () => {
    const actor: Actor = {
      userId: 'x',
      grants: [
        { role: 'resident', scope: scopeOf.resident },
        { role: 'grid_worker', scope: { streetId: 's', communityId: 'c', gridId: 'g' } },
        { role: 'grid_worker', scope: { streetId: 's', communityId: 'c', gridId: 'g2' } },
        { role: 'community_admin', scope: { streetId: 's', communityId: 'c' } },
      ],
    }
    expect(desksFor(actor).map((d) => [d.role, d.ids])).toEqual([
      ['grid_worker', ['g', 'g2']],
      ['community_admin', ['c']],
    ])
  })
})

describe('workbench: what each desk counts', () => {
  const W = 'grid_worker'
  const B = 'building_leader'
  const C = 'community_admin'
  const S = 'street_admin'
  const K = 'council_member'
  // role, key → collection and where, written out by hand (null: not counted, 0 without a query)
  it.each<[Parameters<typeof deskOf>[0], CountKey, string | null, Record<string, unknown> | null]>([
    [W, 'new', 'orders', { 'path.gridId': 'g', tier: 'grid', status: 'submitted' }],
    [W, 'overdue', 'orders', { 'path.gridId': 'g', open: true, overdue: true }],
    [W, 'hazard', 'orders', { categoryId: 'safety', 'path.gridId': 'g', open: true }],
    [W, 'joins', 'join_requests', { 'path.gridId': 'g', status: 'pending' }],
    [W, 'disputes', 'errands', { status: { in: ['disputed', 'locked'] }, 'path.gridId': 'g' }],
    [W, 'signups', 'activity_signups', { activityId: 'a1', status: 'checked_in' }],
    [W, 'vouchers', 'market_vouchers', { communityId: 'c', status: 'issued' }],
    [W, 'topics', 'topics', { 'path.gridId': 'g', status: { in: ['proposed', 'confirmed'] } }],
    [B, 'topics', null, null],
    [B, 'new', null, null],
    [B, 'overdue', null, null],
    [B, 'hazard', null, null],
    [B, 'joins', 'join_requests', { 'path.buildingId': 'b', status: 'pending', policy: 'building_leader' }],
    [B, 'disputes', null, null],
    [B, 'signups', null, null],
    [B, 'vouchers', null, null],
    // The grid's council counts its grid's topics only: it is not staff.
    [K, 'topics', 'topics', { 'path.gridId': 'g', status: { in: ['proposed', 'confirmed'] } }],
    [K, 'new', null, null],
    [K, 'overdue', null, null],
    [K, 'hazard', null, null],
    [K, 'joins', null, null],
    [K, 'disputes', null, null],
    [K, 'signups', null, null],
    [K, 'vouchers', null, null],
    [C, 'new', 'orders', { 'path.communityId': 'c', tier: 'community', status: 'submitted' }],
    [C, 'overdue', 'orders', { 'path.communityId': 'c', open: true, overdue: true }],
    [C, 'hazard', 'orders', { categoryId: 'safety', 'path.communityId': 'c', open: true }],
    [C, 'joins', 'join_requests', { 'path.communityId': 'c', status: 'pending' }],
    [C, 'disputes', 'errands', { status: { in: ['disputed', 'locked'] }, 'path.communityId': 'c' }],
    [C, 'signups', 'activity_signups', { activityId: 'a1', status: 'checked_in' }],
    [C, 'vouchers', 'market_vouchers', { communityId: 'c', status: 'issued' }],
    [C, 'topics', 'topics', { 'path.communityId': 'c', status: { in: ['proposed', 'confirmed'] } }],
    [
      S,
      'new',
      'orders',
      { 'path.streetId': 's', tier: { in: ['street', 'department'] }, status: 'submitted' },
    ],
    [S, 'overdue', 'orders', { 'path.streetId': 's', open: true, overdue: true }],
    [S, 'hazard', 'orders', { categoryId: 'safety', 'path.streetId': 's', open: true }],
    [S, 'joins', null, null],
    [S, 'disputes', null, null],
    [S, 'signups', null, null],
    [S, 'vouchers', null, null],
    [S, 'topics', null, null],
  ])('%s %s', (role, key, collection, where) => {
    const q = countQuery(deskOf(role), key, known)
    expect(q && { collection: q.collection, where: q.where }).toEqual(
      collection === null ? null : { collection, where },
    )
  })

  it('counts nothing without hazard categories or activities today', () => {
    const none: Known = { hazardCategoryIds: [], todaysActivityIds: [] }
    expect(countQuery(deskOf('grid_worker'), 'hazard', none)).toBeNull()
    expect(countQuery(deskOf('grid_worker'), 'signups', none)).toBeNull()
  })

  it('asks for one of several places when a role is held over several', () => {
    const actor: Actor = {
      userId: 'x',
      grants: ['g', 'g2'].map((gridId) => ({
        role: 'grid_worker' as const,
        scope: { streetId: 's', communityId: 'c', gridId },
      })),
    }
    const [d] = desksFor(actor)
    expect(countQuery(d as DeskPlan, 'overdue', known)?.where).toEqual({
      'path.gridId': { in: ['g', 'g2'] },
      open: true,
      overdue: true,
    })
  })

  // Every query is a count on a declared index whose leading key is the desk's place (or what it
  // names first), and every field it filters on is in that index.
  const indexes = new Map<string, { field: string }[]>()
  for (const c of (
    collections as { collections: { name: string; indexes: { name: string; keys: { field: string }[] }[] }[] }
  ).collections)
    for (const i of c.indexes) indexes.set(`${c.name}.${i.name}`, i.keys)
  const all = (['grid_worker', 'building_leader', 'community_admin', 'street_admin'] as const).flatMap(
    (role) => CountKeys.map((key) => [role, key] as const),
  )
  it.each(all)('%s %s is served by a declared index', (role, key) => {
    const q = countQuery(deskOf(role), key, known)
    if (!q) return
    const keys = indexes.get(`${q.collection}.${q.index}`)
    expect(keys).toBeDefined()
    const fields = (keys ?? []).map((k) => k.field)
    expect(Object.keys(q.where)).toContain(fields[0])
    for (const f of Object.keys(q.where)) if (f !== 'policy') expect(fields).toContain(f) // policy: a filter on the building's few pending joins
  })

  it('shows each desk its counts in order of urgency', () => {
    expect(countKeysOf(deskOf('grid_worker'))).toEqual([...CountKeys])
    expect(countKeysOf(deskOf('building_leader'))).toEqual(['joins'])
    expect(countKeysOf(deskOf('street_admin'))).toEqual(['overdue', 'hazard', 'new'])
  })
})

describe('workbench: where a count opens', () => {
  it.each<[Parameters<typeof deskOf>[0], CountKey, string]>([
    ['grid_worker', 'overdue', '/features/reports/pages/inbox/index?box=overdue'],
    ['grid_worker', 'new', '/features/reports/pages/inbox/index?box=new'],
    ['community_admin', 'overdue', '/features/reports/pages/queue/index?box=overdue'],
    ['street_admin', 'new', '/features/reports/pages/queue/index?box=open'],
    ['building_leader', 'joins', '/features/grid/pages/joins/index'],
    ['grid_worker', 'disputes', '/features/errands/pages/queue/index'],
    ['grid_worker', 'vouchers', '/features/market/pages/verify/index'],
    ['grid_worker', 'topics', '/features/deliberation/pages/index/index?gridId=g'],
    ['community_admin', 'topics', '/features/deliberation/pages/index/index?communityId=c'],
    ['street_admin', 'topics', '/features/deliberation/pages/index/index'],
    ['grid_worker', 'signups', '/features/activities/pages/manage/index?activityId=a1'],
  ])('%s %s → %s', (role, key, url) => {
    expect(countUrl(deskOf(role), key, known)).toBe(url)
  })

  it('opens the activity list when several activities are today', () => {
    expect(countUrl(deskOf('grid_worker'), 'signups', { ...known, todaysActivityIds: ['a1', 'a2'] })).toBe(
      '/features/activities/pages/index/index',
    )
  })
})

describe('workbench: rates from the per-grid counters', () => {
  it.each([
    ['grid_worker', { _id: 'grid_g' }, 'order_stats'],
    ['building_leader', { _id: 'grid_g' }, 'order_stats'],
    ['community_admin', { level: 'grid', parentId: 'c' }, 'order_stats'],
    ['street_admin', { level: 'grid', streetId: 's' }, 'order_stats'],
  ] as const)('%s reads %j', (role, where, collection) => {
    expect(ratesQuery(deskOf(role))).toMatchObject({ collection, where })
  })

  it('the council’s desk shows no order rates, and opens its grid’s hall', () => {
    expect(ratesQuery(deskOf('council_member'))).toBeNull()
    expect(countUrl(deskOf('council_member'), 'topics', known)).toBe(
      '/features/deliberation/pages/index/index?gridId=g',
    )
  })

  it('sums the grids and derives the three rates', () => {
    expect(
      threeRates([
        { received: 4, acceptedOnTime: 3, resolved: 2, rated: 2, satisfied: 1, basically: 0 },
        { received: 6, acceptedOnTime: 5, resolved: 6, rated: 2, satisfied: 1, basically: 1 },
      ]),
    ).toEqual({ responseRate: 0.8, resolutionRate: 0.8, satisfactionRate: 0.75 })
    expect(threeRates([])).toEqual({ responseRate: null, resolutionRate: null, satisfactionRate: null })
  })
})

describe('workbench: helpers', () => {
  it.each([
    ['2026-12-07T01:00:00Z', '2026-12-06T16:00:00.000Z'],
    ['2026-12-06T16:00:00Z', '2026-12-06T16:00:00.000Z'],
    ['2026-12-06T15:59:59Z', '2026-12-05T16:00:00.000Z'],
  ])('today in China at %s starts %s', (now, start) => {
    const t = chinaToday(new Date(now))
    expect(t.start.toISOString()).toBe(start)
    expect(t.end.getTime() - t.start.getTime()).toBe(24 * 3_600_000)
  })

  it('knows the default hazards and a community’s own', () => {
    expect(hazardCategoryIds([])).toEqual(['safety'])
    expect(
      hazardCategoryIds([
        null,
        {
          categories: [
            { id: 'gas', name: '燃气', hint: '', hazard: true },
            { id: 'x', name: 'x', hint: '', hazard: false },
          ],
        },
      ]),
    ).toEqual(['safety', 'gas'])
  })

  const count = (key: CountKey, n: number) => ({ key, label: key, count: n, url: `/${key}` })
  const summary = (...counts: ReturnType<typeof count>[][]): WorkbenchSummary => ({
    desks: counts.map((c) => ({
      role: 'grid_worker',
      roleLabel: '网格员',
      placeName: 'g',
      counts: c,
      rates: null,
    })),
  })
  it.each([
    [summary([count('new', 2), count('overdue', 1)]), 'overdue'],
    [summary([count('new', 2), count('overdue', 0)]), 'new'],
    [summary([count('joins', 1)], [count('hazard', 3)]), 'hazard'],
    [summary([count('vouchers', 0)]), null],
    [summary(), null],
  ])('the most urgent of %j is %s', (s, key) => {
    expect(mostUrgent(s)?.key ?? null).toBe(key)
  })
  it('adds up everything pending', () => {
    expect(pendingTotal(summary([count('new', 2), count('overdue', 1)], [count('joins', 4)]))).toBe(7)
  })
})

/**
 * The dashboards' core (src/core/dashboard, src/core/orders/metrics-days.ts) against expectations
 * written out by hand: the periods, the day buckets each move of an order writes, the fold of a
 * scope's buckets into a dashboard, the league table's order and grades, the sentences and the
 * charts' encoding.
 */
import type { Count } from '../../src/core/effects'
import type { DayDoc } from '../../src/core/dashboard/days'
import { addDays, mondayOf, periodOf, periodText } from '../../src/core/dashboard/period'
import { base64Ascii, donutSvg, trendSvg } from '../../src/core/dashboard/svg'
import {
  dashboardOf,
  gradeOf,
  readFrom,
  sortLeague,
  summaryOf,
  trendOf,
  type DashboardInput,
} from '../../src/core/dashboard/view'
import { attendanceCounts, heldCounts } from '../../src/core/activities/effects'
import { personKey } from '../../src/core/dashboard/days'
import { helpersOf } from '../../src/core/dashboard/view'
import { dayCounts as errandCounts } from '../../src/core/errands/effects'
import type { ErrandRecord } from '../../src/core/errands/model'
import { ledgerDayCounts } from '../../src/core/points/day-stats'
import { statsCounts } from '../../src/core/deliberation/stats'
import { applyMove, type Mover } from '../../src/core/orders/decide'
import { moveEffects, submitEffects } from '../../src/core/orders/effects'
import type { OrderEvent } from '../../src/core/orders/model'
import { DefaultSla } from '../../src/core/orders/sla'
import { order, T0, thrownCode } from '../support/builders'

const H = 3_600_000
const at = (ms: number) => new Date(T0.getTime() + ms)

describe('periods (China days)', () => {
  // Monday 7 December 2026, 10:00 in China.
  const now = new Date('2026-12-07T02:00:00Z')
  it.each([
    ['week', '2026-12-07', '2026-12-07'],
    ['month', '2026-12-01', '2026-12-07'],
    ['quarter', '2026-10-01', '2026-12-07'],
  ] as const)('%s → %s … %s', (preset, from, to) => {
    expect(periodOf(preset, now)).toEqual({ preset, from, to })
  })

  it('counts the day in China, not in the server’s zone: 30 Nov 17:00 UTC is already 1 December', () => {
    expect(periodOf('month', new Date('2026-11-30T17:00:00Z'))).toEqual({
      preset: 'month',
      from: '2026-12-01',
      to: '2026-12-01',
    })
    expect(periodOf('week', new Date('2026-12-06T16:30:00Z')).from).toBe('2026-12-07')
  })

  it.each([
    [{ from: '2026-11-01', to: '2026-11-30' }, 'OK'],
    [{ from: '2025-12-07', to: '2026-12-07' }, 'OK'], // 366 days
    [{ from: '2025-12-06', to: '2026-12-07' }, 'DASHBOARD.BAD_PERIOD'], // 367 days
    [{ from: '2026-11-30', to: '2026-11-01' }, 'DASHBOARD.BAD_PERIOD'],
    [{ from: '2026-12-01', to: '2026-12-08' }, 'DASHBOARD.BAD_PERIOD'], // tomorrow
    [{ from: '2026-02-30', to: '2026-03-01' }, 'DASHBOARD.BAD_PERIOD'],
    [{ from: '2026/11/01', to: '2026-11-30' }, 'DASHBOARD.BAD_PERIOD'],
    [{ to: '2026-11-30' }, 'DASHBOARD.BAD_PERIOD'],
  ])('custom %j → %s', (custom, code) => {
    expect(thrownCode(() => periodOf('custom', now, custom))).toBe(code)
  })

  it('weeks start on Monday; days add across months; periods read as Chinese', () => {
    expect(mondayOf('2026-12-06')).toBe('2026-11-30') // a Sunday
    expect(mondayOf('2026-12-07')).toBe('2026-12-07')
    expect(addDays('2026-11-30', 2)).toBe('2026-12-02')
    expect(periodText({ from: '2026-12-01', to: '2026-12-07' })).toBe('12月1日–12月7日')
    expect(periodText({ from: '2026-12-07', to: '2026-12-07' })).toBe('12月7日')
    expect(periodText({ from: '2025-12-08', to: '2026-01-07' })).toBe('2025年12月8日–2026年1月7日')
  })
})

describe('the day buckets a work order writes', () => {
  const worker: Mover = {
    kind: 'person',
    userId: 'u-w',
    name: '网格员',
    role: 'grid_worker',
    parties: ['handler'],
  }
  const reporter: Mover = {
    kind: 'person',
    userId: 'u-res',
    name: '王',
    role: 'resident',
    parties: ['reporter'],
  }
  const ctx = (by: Mover, now: Date) => ({ by, now, sla: DefaultSla, hazard: false })
  const submitted: OrderEvent = {
    kind: 'submit',
    at: T0,
    by: 'u-res',
    byRole: 'resident',
    byName: '王',
    tier: 'grid',
  }
  const fresh = order({ events: [submitted] })
  // T0 is 2 November 2026 10:00 in China.
  const buckets = (effects: readonly { kind: string }[]) =>
    Object.fromEntries(
      (effects.filter((e) => e.kind === 'count') as Count[])
        .filter((c) => c.collection === 'day_stats')
        .map((c) => [c.id, c.incs]),
    )

  it('a submit: received, open, waiting, its category and the grid tier, on the day it was received', () => {
    const effects = submitEffects(fresh, DefaultSla, false)
    expect(buckets(effects)).toEqual({
      'g1:2026-11-02': {
        'o.received': 1,
        'o.open': 1,
        'o.status.submitted': 1,
        'o.cat.street_light': 1,
        'o.tier.grid': 1,
      },
    })
    const c = (effects as Count[]).find((e) => e.collection === 'day_stats')
    expect(c?.init).toEqual({ gridId: 'g1', communityId: 'c1', streetId: 's1', day: '2026-11-02' })
  })

  it('an escalation reaching the community: one more at the community tier, waiting again there', () => {
    const accepted = applyMove(fresh, { move: 'accept' }, ctx(worker, at(H))).next
    const r = applyMove(accepted, { move: 'escalate', reason: '需要社区协调' }, ctx(worker, at(2 * H)))
    expect(buckets(moveEffects(accepted, r, DefaultSla, false, at(2 * H)))).toEqual({
      'g1:2026-11-02': { 'o.tier.community': 1, 'o.status.accepted': -1, 'o.status.submitted': 1 },
    })
  })

  it('a reply two days later: counted for the day received, and as answered on the day it was given', () => {
    const accepted = applyMove(fresh, { move: 'accept' }, ctx(worker, at(H))).next
    const started = applyMove(accepted, { move: 'start' }, ctx(worker, at(2 * H))).next
    const r = applyMove(
      started,
      { move: 'reply', outcome: 'handled', text: '已修好' },
      ctx(worker, at(50 * H)),
    )
    expect(buckets(moveEffects(started, r, DefaultSla, false, at(50 * H)))).toEqual({
      'g1:2026-11-02': {
        'o.replied': 1,
        'o.repliedOnTime': 1,
        'o.sumReplyMs': 50 * H,
        'o.open': -1, // a final reply ends the open group (FixMyStreet's)
        'o.status.in_progress': -1,
        'o.status.replied': 1,
      },
      'g1:2026-11-04': { 'o.answered': 1 },
    })
  })

  it('a satisfied rating closes it: rated, satisfied, resolved (it left the open group at the reply)', () => {
    const accepted = applyMove(fresh, { move: 'accept' }, ctx(worker, at(H))).next
    const replied = applyMove(
      accepted,
      { move: 'reply', outcome: 'handled', text: '已修好' },
      ctx(worker, at(2 * H)),
    ).next
    const r = applyMove(replied, { move: 'rate', rating: 'satisfied' }, ctx(reporter, at(3 * H)))
    expect(buckets(moveEffects(replied, r, DefaultSla, false, at(3 * H)))).toEqual({
      'g1:2026-11-02': {
        'o.rated': 1,
        'o.satisfied': 1,
        'o.resolved': 1,
        'o.status.replied': -1,
        'o.status.closed': 1,
      },
    })
  })
})

const day = (gridId: string, d: string, o: Record<string, unknown>): DayDoc => ({
  _id: `${gridId}:${d}`,
  gridId,
  communityId: gridId === 'g3' ? 'c2' : 'c1',
  streetId: 's1',
  day: d,
  o,
})

describe('a dashboard folded from day buckets', () => {
  const period = { preset: 'month' as const, from: '2026-12-01', to: '2026-12-07' }
  const days: DayDoc[] = [
    // Before the period: only the trend sees it.
    day('g1', '2026-11-20', { received: 4, answered: 1 }),
    day('g1', '2026-12-01', {
      received: 3,
      accepted: 3,
      acceptedOnTime: 3,
      replied: 2,
      repliedOnTime: 2,
      resolved: 2,
      rated: 2,
      satisfied: 1,
      basically: 1,
      open: 1,
      sumAcceptMs: 3 * H,
      sumReplyMs: 20 * H,
      answered: 2,
      status: { closed: 2, in_progress: 1 },
      cat: { street_light: 2, noise: 1 },
      tier: { grid: 3, community: 1 },
    }),
    // Deliberation moves in the period (the other grid's) and before it (left out).
    {
      ...day('g2', '2026-12-03', {}),
      t: { raised: 5, confirmed: 3, decided: 2, electorate: 40, participated: 30, rated: 4, satisfied: 3 },
    },
    { ...day('g2', '2026-11-20', {}), t: { raised: 9, decided: 9 } },
    day('g2', '2026-12-07', {
      received: 1,
      open: 1,
      status: { submitted: 1 },
      cat: { noise: 1 },
      tier: { grid: 1 },
    }),
  ]
  const input: DashboardInput = {
    level: 'community',
    id: 'c1',
    name: '新华社区',
    period,
    grids: [
      { id: 'g2', name: '第2网格', communityId: 'c1', community: null },
      { id: 'g1', name: '第1网格', communityId: 'c1', community: null },
      { id: 'g9', name: '第9网格', communityId: 'c1', community: null },
    ],
    days,
    categoryName: (k) => ({ street_light: '路灯不亮', noise: '噪音扰民' })[k] ?? '已停用的类别',
    wishes: { published: 6, claimed: 4, closed: 2 },
  }
  const view = dashboardOf(input)

  it('the period’s rates: its orders only (4 received, 3 accepted on time, 2 resolved)', () => {
    expect(view.rates).toMatchObject({
      received: 4,
      responseRate: 0.75,
      resolutionRate: 0.5,
      satisfactionRate: 1,
      onTimeRate: 1,
      avgAcceptHours: 1,
      avgReplyHours: 10,
      open: 2,
    })
  })

  it('categories by count, statuses in the order of the ladder, the funnel by tier', () => {
    // A tie goes by pinyin: lù 路灯 before zào 噪音.
    expect(view.byCategory).toEqual([
      { key: 'street_light', label: '路灯不亮', count: 2 },
      { key: 'noise', label: '噪音扰民', count: 2 },
    ])
    expect(view.byStatus.map((r) => [r.label, r.count])).toEqual([
      ['待接单', 1],
      ['已接单', 0],
      ['办理中', 1],
      ['限期办理', 0],
      ['已答复', 0],
      ['督办中', 0],
      ['已办结', 2],
    ])
    expect(view.funnel.map((r) => [r.label, r.count])).toEqual([
      ['网格', 4],
      ['社区', 1],
      ['街道', 0],
      ['职能部门', 0],
    ])
  })

  it('one league row per grid, orders or not, by name; the trend spans eight weeks', () => {
    expect(view.league.map((r) => [r.name, r.rates.received, r.rates.responseRate])).toEqual([
      ['第1网格', 3, 1],
      ['第2网格', 1, 0],
      ['第9网格', 0, null],
    ])
    expect(view.trend.map((w) => [w.label, w.received, w.answered])).toEqual([
      ['10/19', 0, 0],
      ['10/26', 0, 0],
      ['11/2', 0, 0],
      ['11/9', 0, 0],
      ['11/16', 4, 1],
      ['11/23', 0, 0],
      ['11/30', 3, 2],
      ['12/7', 1, 0],
    ])
    expect(readFrom(period)).toBe('2026-10-19')
  })

  it('deliberation in the period, the wish wall since the start', () => {
    expect(view.deliberation).toEqual({
      topicsRaised: 5,
      topicsConfirmed: 3,
      topicsDecided: 2,
      topicsDone: 0,
      topicsEvaluated: 0,
      voteParticipation: 0.75,
      outcomeSatisfaction: 0.75,
    })
    expect(view.wishes).toEqual({ published: 6, claimed: 4, closed: 2 })
  })

  it('says it in one sentence', () => {
    expect(summaryOf(view)).toBe(
      '12月1日–12月7日，新华社区共收到诉求 4 件，响应率 75%，解决率 50%，满意率 100%；仍在办理 2 件；最多的是路灯不亮（2 件）。',
    )
    expect(summaryOf(dashboardOf({ ...input, days: [] }))).toBe('12月1日–12月7日，新华社区没有收到诉求。')
  })

  it('the league sorts by any column, best first, unrated last; grades have words', () => {
    const rows = view.league
    expect(sortLeague(rows, 'responseRate').map((r) => r.name)).toEqual(['第1网格', '第2网格', '第9网格'])
    expect(sortLeague(rows, 'received').map((r) => r.name)).toEqual(['第1网格', '第2网格', '第9网格'])
    expect(sortLeague(rows, 'satisfactionRate').map((r) => r.name)).toEqual(['第1网格', '第2网格', '第9网格'])
    expect([0.95, 0.9, 0.89, 0.75, 0.74, 0, null].map(gradeOf)).toEqual([
      'good',
      'good',
      'fair',
      'fair',
      'poor',
      'poor',
      'none',
    ])
  })

  it('a trend ignores days after its end', () => {
    const weeks = trendOf([day('g1', '2026-12-08', { received: 9 })], '2026-12-07')
    expect(weeks.every((w) => w.received === 0)).toBe(true)
  })
})

describe('charts as SVG images', () => {
  it('encodes base64 as the platform does', () => {
    for (const s of ['', 'a', 'ab', 'abc', '<svg width="1"/>', 'x'.repeat(100)])
      expect(base64Ascii(s)).toBe(Buffer.from(s, 'ascii').toString('base64'))
  })

  it('draws one arc per non-zero share, two lines, and nothing but ASCII', () => {
    const donut = donutSvg([
      { key: 'a', label: '甲', count: 3 },
      { key: 'b', label: '乙', count: 0 },
      { key: 'c', label: '丙', count: 1 },
    ])
    expect(donut.match(/stroke-dasharray/g)).toHaveLength(2)
    const weeks = [0, 1, 2].map((i) => ({
      from: `2026-11-0${i + 1}`,
      label: `${i}`,
      received: i,
      answered: 1,
    }))
    const trend = trendSvg(weeks)
    expect(trend.match(/<polyline/g)).toHaveLength(2)
    expect(/^[\x20-\x7e]*$/.test(donut + trend)).toBe(true)
  })
})

describe('the day buckets of errands, activities and points', () => {
  const at = new Date('2026-12-07T02:00:00Z') // 10:00 in China
  const one = (counts: readonly Count[]) => counts.map((c) => ({ id: c.id, incs: c.incs, init: c.init }))
  const errand = {
    path: { streetId: 's1', communityId: 'c1', gridId: 'g1' },
    points: 5,
    helperId: 'u-liu',
  } as unknown as ErrandRecord

  it('errands count posts, accepts (a release takes one back) and confirmations with points and the helper', () => {
    const grid = { gridId: 'g1', communityId: 'c1', streetId: 's1', day: '2026-12-07' }
    expect(one(errandCounts(errand, 'post', at))).toEqual([
      { id: 'g1:2026-12-07', incs: { 'e.posted': 1 }, init: grid },
    ])
    expect(one(errandCounts(errand, 'release', at))[0]?.incs).toEqual({ 'e.accepted': -1 })
    expect(one(errandCounts(errand, 'settle', at))[0]?.incs).toEqual({
      'e.confirmed': 1,
      'e.points': 5,
      [`e.people.${personKey('u-liu')}`]: 1,
    })
    expect(errandCounts(errand, 'expire', at)).toEqual([])
  })

  it('activities count in the community’s own bucket, on the activity’s day', () => {
    const a = { communityId: 'c1', startAt: new Date('2026-12-05T23:30:00Z'), hours: 2.5 } // 6 Dec 07:30 in China
    const community = { gridId: null, communityId: 'c1', streetId: null, day: '2026-12-06' }
    expect(one(heldCounts(a, -1))).toEqual([{ id: 'c1:2026-12-06', incs: { 'a.held': -1 }, init: community }])
    expect(one(attendanceCounts(a, 'u-chen'))[0]?.incs).toEqual({
      'a.attended': 1,
      'a.hours': 2.5,
      [`a.people.${personKey('u-chen')}`]: 1,
    })
  })

  it.each([
    ['issuance:c1', 'u:x', { 'p.issued': 7 }],
    ['u:x', 'issuance:c1', { 'p.issued': -7 }], // a correction
    ['u:x', 'market:c1', { 'p.spent': 7 }],
    ['market:c1', 'u:x', { 'p.spent': -7 }], // a refund
    ['u:x', 'u:y', null], // a gift moves no figure
    ['u:x', 'pledge:c1', null],
  ])('a transfer %s → %s counts %j', (from, to, incs) => {
    const counts = ledgerDayCounts({ from: from as never, to: to as never, amount: 7, communityId: 'c1' }, at)
    expect(counts[0]?.incs ?? null).toEqual(incs)
  })

  it('a topic’s move counts in its grid’s bucket of the day it happened, beside its counter documents', () => {
    const place = { streetId: 's1', communityId: 'c1', gridId: 'g1' }
    const counts = statsCounts(place, { decided: 1, votes: 1, electorate: 8, participated: 6 }, at)
    expect(counts.map((c) => [c.collection, c.id])).toEqual([
      ['topic_stats', 'grid:g1'],
      ['topic_stats', 'community:c1'],
      ['day_stats', 'g1:2026-12-07'],
    ])
    expect(counts[2]?.incs).toEqual({ 't.decided': 1, 't.votes': 1, 't.electorate': 8, 't.participated': 6 })
  })

  it('people are keys no one can read back, the same for the same person', () => {
    expect(personKey('user-helper-liu')).toBe(personKey('user-helper-liu'))
    expect(personKey('user-helper-liu')).not.toBe(personKey('user-helper-yang'))
    expect(personKey('user-helper-liu')).toMatch(/^k[0-9a-f]{16}$/)
    expect(personKey('user-helper-liu')).not.toContain('liu')
  })

  it('helpers fold: distinct people across errands and activities, in the days given', () => {
    const d = (
      e: Record<string, unknown>,
      a: Record<string, unknown>,
      p: Record<string, unknown>,
    ): DayDoc => ({
      _id: 'x',
      gridId: null,
      communityId: 'c1',
      streetId: null,
      day: '2026-12-01',
      e,
      a,
      p,
    })
    expect(
      helpersOf([
        d(
          { posted: 2, accepted: 2, confirmed: 1, people: { k1: 1 } },
          { held: 1, attended: 3, hours: 7.5, people: { k1: 1, k2: 2 } },
          { issued: 40, spent: 20 },
        ),
        d({ posted: 1, people: { k3: 1, k4: 0 } }, {}, { issued: 5 }),
      ]),
    ).toEqual({
      errandsPosted: 3,
      errandsAccepted: 2,
      errandsConfirmed: 1,
      activitiesHeld: 1,
      attendances: 3,
      volunteerHours: 7.5,
      activeHelpers: 3,
      pointsIssued: 45,
      pointsSpent: 20,
    })
  })
})

/**
 * 民办 and 民评 (src/core/deliberation/carry.ts, stats.ts, the topic machine's later rows and the
 * orders' link), against expectations written by hand from issue #15 items 5, 6 and 9.
 */
import {
  adopted,
  checkConfig,
  contextOf,
  DefaultDeliberationConfig,
  evaluationOpen,
  openEvaluation,
  rate,
  withWork,
  workDone,
  workOrderText,
} from '../../src/core/deliberation/carry'
import { moveTopic, movesOf, newTopic, type Mover } from '../../src/core/deliberation/decide'
import { topicMachine } from '../../src/core/deliberation/machine'
import type { Rating, TopicRecord, TopicWork } from '../../src/core/deliberation/model'
import { moveStats, statsCounts, statsRates, EmptyTopicStats } from '../../src/core/deliberation/stats'
import { CommentErrors } from '../../src/core/deliberation/comments'
import { deliberationCopy } from '../../src/core/deliberation/copy'
import { DeliberationErrors } from '../../src/core/deliberation/errors'
import { MeetingErrors } from '../../src/core/deliberation/meeting'
import { isDomainError } from '../../src/core/errors'
import { topicWork } from '../../src/core/orders/effects'
import { concluded, type OrderRecord } from '../../src/core/orders/model'
import { DAY, GRID, T0, codeOf } from './deliberation-fixtures'

const staff: Mover = { kind: 'person', userId: 'u_w', name: '张网格', parties: ['staff'] }

const topic = (patch: Partial<TopicRecord> = {}): TopicRecord => ({
  ...newTopic({
    id: 'tp_1',
    requestId: 'r1',
    proposer: { userId: 'u_r', name: '王秀英' },
    place: GRID,
    placeName: '一网格',
    title: '在3号楼旁安装充电桩',
    text: '飞线充电太危险',
    households: 20,
    now: T0,
  }),
  ...patch,
})
const passed = {
  rule: 'residents_meeting' as const,
  electorate: 20,
  participated: 12,
  yes: 9,
  no: 2,
  abstain: 1,
  byChannel: { app: 10, paper: 1, proxy: 1 },
  quorumMet: true,
  passed: true,
  countedAt: T0,
}
const work = (patch: Partial<TopicWork> = {}): TopicWork => ({
  plan: '在3号楼东侧安装 10 个充电口',
  responsible: '张网格、物业李经理',
  items: [{ kind: 'order', id: 'wo_1', title: '安全隐患', at: T0 }],
  ordersLeft: 1,
  readyAfter: T0,
  requests: ['c1'],
  ...patch,
})

describe('carrying out: only a decision to act', () => {
  it.each([
    ['a vote that passed', { status: 'decided' as const, result: passed, decision: null }, true],
    [
      'a vote that failed',
      { status: 'decided' as const, result: { ...passed, passed: false }, decision: null },
      false,
    ],
    ['a committee decision', { status: 'decided' as const, result: null, decision: '同意安装' }, true],
  ])('%s → %s', (_n, patch, want) => {
    const t = topic(patch)
    expect(adopted(t)).toBe(want)
    expect(movesOf(t, ['staff'], T0).includes('carry')).toBe(want)
    expect(movesOf(t, ['proposer'], T0)).toEqual([])
  })
})

describe('the work: items, the orders still to do, ready after the last activity', () => {
  const add = {
    orders: [
      { id: 'wo_1', title: '安全隐患' },
      { id: 'wo_2', title: '路灯不亮' },
    ],
    activities: [{ id: 'ac_1', title: '充电桩安全宣传', endAt: new Date(T0.getTime() + 3 * DAY) }],
  }
  it('the first time carries the plan and the responsible people', () => {
    const w = withWork(topic(), add, 'c1', T0, { plan: '方案', responsible: '张网格' })
    expect(w).toMatchObject({ plan: '方案', responsible: '张网格', ordersLeft: 2, requests: ['c1'] })
    expect(w.items.map((i) => `${i.kind}:${i.id}`)).toEqual(['order:wo_1', 'order:wo_2', 'activity:ac_1'])
    expect(w.readyAfter.getTime()).toBe(T0.getTime() + 3 * DAY)
  })
  it('adding keeps the plan, counts up the orders and never moves the ready time earlier', () => {
    const before = work({ readyAfter: new Date(T0.getTime() + 5 * DAY) })
    const w = withWork(
      { work: before },
      { orders: [{ id: 'wo_9', title: '其他' }], activities: [] },
      'c2',
      T0,
    )
    expect(w).toMatchObject({ plan: before.plan, ordersLeft: 2, requests: ['c1', 'c2'] })
    expect(w.readyAfter.getTime()).toBe(T0.getTime() + 5 * DAY)
  })
  it.each([
    ['nothing named', { orders: [], activities: [] }, 0, 'DELIBERATION.BAD_WORK'],
    ['13 items in all', add, 10, 'DELIBERATION.BAD_WORK'],
    ['12 items in all', add, 9, 'ok'],
  ])('%s → %s', (_n, adding, already, want) => {
    const items = Array.from({ length: already }, (_, i) => ({
      kind: 'order' as const,
      id: `o${i}`,
      title: 't',
      at: T0,
    }))
    expect(codeOf(() => withWork({ work: work({ items }) }, adding, 'c9', T0))).toBe(want)
  })
  it.each([
    ['no items', work({ items: [], ordersLeft: 0 }), T0, false],
    ['an order still to do', work({ ordersLeft: 1 }), T0, false],
    ['every order done', work({ ordersLeft: 0 }), T0, true],
    [
      'orders done, an activity not yet ended',
      work({ ordersLeft: 0, readyAfter: new Date(T0.getTime() + 1) }),
      T0,
      false,
    ],
    [
      'orders done, the activity ended',
      work({ ordersLeft: 0, readyAfter: T0 }),
      new Date(T0.getTime() + 1),
      true,
    ],
  ])('done? %s → %s', (_n, w, now, want) => {
    expect(workDone(w, now)).toBe(want)
  })
  it('a work order says where it came from, within an order’s 500 characters', () => {
    expect(workOrderText('充电桩', ' 安装 ')).toBe('【居民议事：充电桩】安装')
    expect(codeOf(() => workOrderText('充电桩', ' '))).toBe('DELIBERATION.BAD_WORK')
    expect(codeOf(() => workOrderText('充电桩', 'x'.repeat(401)))).toBe('DELIBERATION.BAD_WORK')
    expect([...workOrderText('题'.repeat(40), 'x'.repeat(400))].length).toBeLessThanOrEqual(500)
  })
})

describe('the topic machine with its guards, through the decider', () => {
  it('carry → doing, announced with the plan; finish only once the work is done', () => {
    const decided = topic({ status: 'decided', result: passed, version: 5 })
    const { next, effects } = moveTopic(decided, { move: 'carry', work: work() }, staff, T0)
    expect(next.status).toBe('doing')
    expect(effects.find((e) => e.kind === 'notify')).toMatchObject({ key: 'topic.carry.v6' })
    expect(
      codeOf(() =>
        moveTopic(
          next,
          { move: 'finish', evaluation: openEvaluation(next, DefaultDeliberationConfig, T0) },
          staff,
          T0,
        ),
      ),
    ).toBe('DELIBERATION.WORK_OPEN')
    const ready = { ...next, work: work({ ordersLeft: 0 }) }
    const fin = moveTopic(
      ready,
      { move: 'finish', evaluation: openEvaluation(ready, DefaultDeliberationConfig, T0) },
      { kind: 'system' },
      T0,
    )
    expect(fin.next.status).toBe('evaluating')
    expect(fin.next.evaluation).toMatchObject({ round: 1, reopenPct: 30 })
    expect(new Date(fin.next.evaluation!.closesAt).getTime()).toBe(T0.getTime() + 7 * DAY)
  })

  const evaluating = (closesIn: number) =>
    topic({
      status: 'evaluating',
      result: passed,
      work: work({ ordersLeft: 0 }),
      evaluation: {
        round: 1,
        opensAt: T0,
        closesAt: new Date(T0.getTime() + closesIn),
        reopenPct: 30,
        result: null,
      },
    })
  const ratings = (s: number, b: number, u: number) => [
    ...Array.from({ length: s }, () => ({ rating: 'satisfied' as Rating })),
    ...Array.from({ length: b }, () => ({ rating: 'basically' as Rating })),
    ...Array.from({ length: u }, () => ({ rating: 'unsatisfied' as Rating })),
  ]
  it.each([
    ['before the window ends', DAY, ratings(5, 0, 0), 'DELIBERATION.EVALUATION_OPEN'],
    ['satisfied enough', -1, ratings(8, 2, 0), 'evaluated'],
    ['不满意 exactly at the share stays closed', -1, ratings(5, 2, 3), 'evaluated'],
    ['不满意 above the share goes back to the council', -1, ratings(4, 2, 4), 'confirmed'],
    ['nobody rated', -1, [], 'evaluated'],
  ])('close_evaluation %s → %s', (_n, closesIn, rs, want) => {
    const t = evaluating(closesIn)
    const result = rate(rs, 30, T0)
    let got: string
    try {
      got = moveTopic(t, { move: 'close_evaluation', result }, staff, T0).next.status
    } catch (err) {
      got = isDomainError(err) ? err.code : String(err)
    }
    expect(got).toBe(want)
  })
  it('offers close_evaluation to staff either way once the window ended, to nobody else', () => {
    expect(movesOf(evaluating(-1), ['staff'], T0)).toEqual(['close_evaluation'])
    expect(movesOf(evaluating(DAY), ['staff'], T0)).toEqual([])
    expect(movesOf(evaluating(-1), ['proposer'], T0)).toEqual([])
  })
  it('is open for ratings only inside its window', () => {
    expect(evaluationOpen(evaluating(DAY), T0)).toBe(true)
    expect(evaluationOpen(evaluating(0), T0)).toBe(false)
    expect(evaluationOpen({ ...evaluating(DAY), status: 'evaluated' }, T0)).toBe(false)
  })
  it('a second round after a reopening', () => {
    expect(
      openEvaluation({ evaluation: evaluating(-1).evaluation }, DefaultDeliberationConfig, T0).round,
    ).toBe(2)
  })
  it('the context reads the topic', () => {
    expect(contextOf(evaluating(-1), T0)).toEqual({
      voteOver: false,
      adopted: true,
      workDone: true,
      evaluationOver: true,
      dissatisfied: false,
    })
    expect(topicMachine.moves).toContain('close_evaluation')
  })
})

describe('the count of ratings', () => {
  it.each([
    [[3, 3, 4], 30, true],
    [[4, 3, 3], 30, false],
    [[0, 0, 1], 90, true],
    [[1, 0, 0], 10, false],
    [[0, 0, 0], 10, false],
  ])('%j at %i%% reopens: %s', ([s, b, u], pct, reopened) => {
    const rs = [
      ...Array.from({ length: s! }, () => ({ rating: 'satisfied' as Rating })),
      ...Array.from({ length: b! }, () => ({ rating: 'basically' as Rating })),
      ...Array.from({ length: u! }, () => ({ rating: 'unsatisfied' as Rating })),
    ]
    expect(rate(rs, pct, T0)).toEqual({
      rated: s! + b! + u!,
      satisfied: s,
      basically: b,
      unsatisfied: u,
      reopened,
      countedAt: T0,
    })
  })
})

describe('the community settings', () => {
  it.each([
    [{ supportPct: 20 }, 'ok'],
    [{ supportPct: 0 }, 'DELIBERATION.BAD_CONFIG'],
    [{ supportPct: 51 }, 'DELIBERATION.BAD_CONFIG'],
    [{ evaluationDays: 1.5 }, 'DELIBERATION.BAD_CONFIG'],
    [{ evaluationDays: 30 }, 'ok'],
    [{ reopenPct: 9 }, 'DELIBERATION.BAD_CONFIG'],
    [{ reopenPct: 90 }, 'ok'],
  ])('%j → %s', (input, want) => {
    expect(codeOf(() => checkConfig(input, DefaultDeliberationConfig))).toBe(want)
  })
  it('keeps what is not given', () => {
    expect(checkConfig({ reopenPct: 50 }, DefaultDeliberationConfig)).toEqual({
      supportPct: 10,
      evaluationDays: 7,
      reopenPct: 50,
    })
  })
})

describe('the metrics, kept by the moves', () => {
  it.each([
    ['propose', 'proposed', {}, { raised: 1 }],
    ['confirm', 'confirmed', {}, { confirmed: 1 }],
    ['decide', 'decided', {}, { decided: 1 }],
    ['close_vote', 'decided', { result: passed }, { decided: 1, votes: 1, electorate: 20, participated: 12 }],
    ['finish', 'evaluating', {}, { done: 1 }],
    ['reject', 'rejected', {}, {}],
  ])('%s adds %j', (move, to, recorded, want) => {
    expect(moveStats(move, to, recorded)).toEqual(want)
  })
  it('an evaluation adds its ratings, and whether it closed or reopened', () => {
    const e = { rated: 10, satisfied: 4, basically: 2, unsatisfied: 4, reopened: true, countedAt: T0 }
    expect(moveStats('close_evaluation', 'confirmed', { evaluation: e })).toEqual({
      reopened: 1,
      rated: 10,
      satisfied: 4,
      basically: 2,
      unsatisfied: 4,
    })
  })
  it('counts to the grid and to the community', () => {
    expect(statsCounts(GRID, { raised: 1, done: 0 }).map((c) => [c.id, c.incs])).toEqual([
      ['grid:g1', { raised: 1 }],
      ['community:c1', { raised: 1 }],
    ])
    expect(statsCounts(GRID, {})).toEqual([])
  })
  it('the rates', () => {
    expect(statsRates(EmptyTopicStats)).toEqual({ participation: null, satisfaction: null })
    expect(
      statsRates({
        ...EmptyTopicStats,
        electorate: 40,
        participated: 25,
        rated: 8,
        satisfied: 5,
        basically: 1,
      }),
    ).toEqual({
      participation: 63,
      satisfaction: 75,
    })
  })
  it('a new topic is counted as raised through its outbox (and in its grid’s bucket of the day)', () => {
    expect(topic().outbox?.[0]?.effects.map((e) => (e.kind === 'count' ? e.id : e.kind))).toEqual([
      'grid:g1',
      'community:c1',
      'g1:2026-12-07',
    ])
  })
})

describe('a linked work order tells its topic when it is concluded, or reopened', () => {
  const order = (status: OrderRecord['status'], outcome: string | null, topicId: string | null = 'tp_1') =>
    ({ status, reply: outcome ? { outcome } : null, topicId }) as unknown as OrderRecord
  it.each([
    ['accepted', null, false],
    ['replied', 'handled', true],
    ['replied', 'deadline', false],
    ['replied', 'explained', false],
    ['unsatisfied', 'handled', false],
    ['closed', 'explained', true],
  ])('%s (%s) concluded: %s', (status, outcome, want) => {
    expect(concluded(order(status as OrderRecord['status'], outcome))).toBe(want)
  })
  it.each([
    [order('accepted', null), order('replied', 'handled'), -1],
    [order('replied', 'handled'), order('unsatisfied', 'handled'), 1],
    [order('replied', 'handled'), order('closed', 'handled'), 0],
    [order('accepted', null, null), order('closed', 'handled', null), 0],
  ])('the count moves by %#', (before, after, delta) => {
    const counts = topicWork(before, after)
    if (delta === 0) expect(counts).toEqual([])
    else
      expect(counts).toEqual([
        {
          kind: 'count',
          collection: 'topics',
          id: 'tp_1',
          incs: { 'work.ordersLeft': delta, version: 1 },
          init: {},
        },
      ])
  })
})

describe('deliberation’s error copy (shipped with its subpackage)', () => {
  it('names every code the feature can answer', () => {
    const codes = [
      ...Object.values(DeliberationErrors),
      ...Object.values(MeetingErrors),
      ...Object.values(CommentErrors),
    ].filter((c) => c.startsWith('DELIBERATION.'))
    for (const code of codes)
      expect({ code, copy: deliberationCopy[code] }).toEqual({ code, copy: expect.any(String) })
    for (const code of Object.keys(deliberationCopy)) expect(code).toMatch(/^DELIBERATION\.[A-Z_]+$/)
  })
})

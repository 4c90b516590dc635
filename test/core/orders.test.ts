import { DomainError } from '../../src/core/errors'
import { checkReportDraft } from '../../src/core/orders/api'
import { categoriesFor, DefaultCategories, findCategory } from '../../src/core/orders/categories'
import { applyMove, markOverdue, partiesOf, type MoveRequest, type Mover } from '../../src/core/orders/decide'
import { gridAt, pointInPolygon } from '../../src/core/orders/location'
import {
  ClosedStatuses,
  isOpen,
  Moves,
  nextStatus,
  OpenStatuses,
  orderTransitions,
  Parties,
  type Move,
  type Party,
} from '../../src/core/orders/machine'
import {
  counterIncrements,
  ratesOf,
  statsDelta,
  sumCounters,
  workerKey,
  ZeroCounters,
} from '../../src/core/orders/metrics'
import { OrderStatuses, type OrderRecord, type OrderStatus } from '../../src/core/orders/model'
import {
  DefaultSla,
  endOfBeijingDay,
  nextDeadline,
  promiseDateValid,
  slaFor,
  sweepDecision,
} from '../../src/core/orders/sla'
import type { Actor } from '../../src/core/roles'
import { order, T0 } from '../support/builders'

const H = 3_600_000
const at = (ms: number) => new Date(T0.getTime() + ms)
const GRID = { streetId: 's1', communityId: 'c1', gridId: 'g1' }

const person = (
  userId: string,
  parties: Party[],
  role: 'resident' | 'grid_worker' | 'community_admin' = 'grid_worker',
): Mover => ({ kind: 'person', userId, name: userId, role, parties })
const ctx = (by: Mover, now = at(H)) => ({ by, now, sla: DefaultSla, hazard: false })
const codeOf = (fn: () => unknown) => {
  try {
    fn()
    return 'ok'
  } catch (e) {
    return e instanceof DomainError ? e.code : String(e)
  }
}

describe('state machine as data', () => {
  const expected: Record<string, Partial<Record<Move, { to: OrderStatus; by: Party[] }>>> = {
    submitted: {
      accept: { to: 'accepted', by: ['handler', 'supervisor'] },
      escalate: { to: 'submitted', by: ['handler', 'supervisor', 'system'] },
    },
    accepted: {
      start: { to: 'in_progress', by: ['handler', 'supervisor'] },
      promise: { to: 'promised', by: ['handler', 'supervisor'] },
      reply: { to: 'replied', by: ['handler', 'supervisor'] },
      escalate: { to: 'submitted', by: ['handler', 'supervisor', 'system'] },
    },
    in_progress: {
      promise: { to: 'promised', by: ['handler', 'supervisor'] },
      reply: { to: 'replied', by: ['handler', 'supervisor'] },
      escalate: { to: 'submitted', by: ['handler', 'supervisor', 'system'] },
    },
    promised: {
      reply: { to: 'replied', by: ['handler', 'supervisor'] },
      escalate: { to: 'submitted', by: ['handler', 'supervisor', 'system'] },
    },
    replied: {
      rate_ok: { to: 'closed', by: ['reporter'] },
      rate_unsatisfied: { to: 'unsatisfied', by: ['reporter'] },
      reopen: { to: 'in_progress', by: ['reporter'] },
      close: { to: 'closed', by: ['system'] },
    },
    unsatisfied: {
      reply: { to: 'replied', by: ['supervisor'] },
      escalate: { to: 'submitted', by: ['supervisor'] },
    },
    closed: { reopen: { to: 'in_progress', by: ['reporter'] } },
  }
  const cases = OrderStatuses.flatMap((s) => Moves.flatMap((m) => Parties.map((p) => [s, m, p] as const)))
  it.each(cases)('%s × %s × %s', (status, move, party) => {
    const e = expected[status]?.[move]
    expect(nextStatus(status, move, [party])).toBe(e && e.by.includes(party) ? e.to : null)
  })

  it('groups every status exactly once', () => {
    expect([...OpenStatuses, ...ClosedStatuses].sort()).toEqual([...OrderStatuses].sort())
  })

  it('closes nothing without a reply: the only moves from open into closed are replies', () => {
    for (const t of orderTransitions) {
      for (const from of t.from) {
        if (isOpen(from) && !isOpen(t.to)) expect(t.move).toBe('reply')
      }
    }
  })
})

describe('parties', () => {
  const o = order({ handlerId: 'u-w2' })
  const actor = (
    role: Actor['grants'][number]['role'],
    scope: Actor['grants'][number]['scope'],
    userId = 'u-x',
  ): Actor => ({ userId, grants: [{ role, scope }] })
  it.each([
    [
      'the reporter',
      {
        userId: 'u-res',
        grants: [{ role: 'resident', scope: { ...GRID, buildingId: 'b1', unitId: 'u1', householdId: 'h1' } }],
      } as Actor,
      ['reporter'],
    ],
    ['a grid worker of the grid', actor('grid_worker', GRID), ['handler']],
    ['a grid worker of another grid', actor('grid_worker', { ...GRID, gridId: 'g2' }), []],
    ['the community admin', actor('community_admin', { streetId: 's1', communityId: 'c1' }), ['supervisor']],
    ['another community admin', actor('community_admin', { streetId: 's1', communityId: 'c2' }), []],
    ['the street admin', actor('street_admin', { streetId: 's1' }), ['supervisor']],
    ['a neighbour', actor('resident', { ...GRID, buildingId: 'b2' }), []],
  ])('%s', (_n, a, parties) => {
    expect(partiesOf(a, o)).toEqual(parties)
  })
  it('at the community tier the community admin handles and the street supervises', () => {
    const c = order({ tier: 'community' })
    expect(partiesOf(actor('community_admin', { streetId: 's1', communityId: 'c1' }), c)).toEqual(['handler'])
    expect(partiesOf(actor('grid_worker', GRID), c)).toEqual([])
  })
})

describe('applyMove', () => {
  const worker = person('u-w', ['handler'])
  const reporter = person('u-res', ['reporter'], 'resident')

  it('accept keeps the first receiver through escalation (首接负责)', () => {
    const a = applyMove(order(), { move: 'accept' }, ctx(worker)).next
    expect(a).toMatchObject({
      status: 'accepted',
      handlerId: 'u-w',
      firstReceiverId: 'u-w',
      acceptedAt: at(H),
      version: 2,
    })
    const e = applyMove(a, { move: 'escalate', reason: '需要社区协调' }, ctx(worker, at(2 * H))).next
    expect(e).toMatchObject({
      tier: 'community',
      status: 'submitted',
      handlerId: null,
      firstReceiverId: 'u-w',
    })
    const b = applyMove(
      e,
      { move: 'accept' },
      ctx(person('u-admin', ['handler'], 'community_admin'), at(3 * H)),
    ).next
    expect(b).toMatchObject({ handlerId: 'u-admin', firstReceiverId: 'u-w', acceptedAt: at(H) })
  })

  it.each<[string, MoveRequest, string]>([
    ['reply without outcome', { move: 'reply', text: '好了' }, 'ORDER.OUTCOME_REQUIRED'],
    [
      'deadline without date',
      { move: 'reply', outcome: 'deadline', text: '会处理' },
      'ORDER.PROMISED_DATE_REQUIRED',
    ],
    [
      'deadline in the past',
      { move: 'reply', outcome: 'deadline', text: '会处理', promisedDate: '2026-10-01' },
      'ORDER.PROMISED_DATE_INVALID',
    ],
    [
      'deadline too far',
      { move: 'reply', outcome: 'deadline', text: '会处理', promisedDate: '2027-06-01' },
      'ORDER.PROMISED_DATE_INVALID',
    ],
    [
      'explained without reason',
      { move: 'reply', outcome: 'explained', text: '说明' },
      'ORDER.REASON_REQUIRED',
    ],
    [
      'transferred without target',
      { move: 'reply', outcome: 'transferred', text: '转' },
      'ORDER.TRANSFER_TARGET_REQUIRED',
    ],
    ['rating before a reply', { move: 'rate', rating: 'satisfied' }, 'ORDER.NOT_REPLIED'],
    ['reopen before a reply', { move: 'reopen', reason: '又坏了' }, 'ORDER.BAD_STATE'],
  ])('%s → %s', (_n, req, code) => {
    const accepted = applyMove(order(), { move: 'accept' }, ctx(worker)).next
    const by = req.move === 'rate' || req.move === 'reopen' ? reporter : worker
    expect(codeOf(() => applyMove(accepted, req, ctx(by, at(2 * H))))).toBe(code)
  })

  it('refuses a second accept with ALREADY_ACCEPTED and strangers with FORBIDDEN', () => {
    const a = applyMove(order(), { move: 'accept' }, ctx(worker)).next
    expect(codeOf(() => applyMove(a, { move: 'accept' }, ctx(person('u-w2', ['handler']))))).toBe(
      'ORDER.ALREADY_ACCEPTED',
    )
    expect(codeOf(() => applyMove(order(), { move: 'accept' }, ctx(person('u-z', []))))).toBe(
      'AUTH.FORBIDDEN',
    )
  })

  it('a promise (限期办) keeps the order open until the promised day ends, then escalates', () => {
    const a = applyMove(order(), { move: 'accept' }, ctx(worker)).next
    const p = applyMove(
      a,
      { move: 'reply', outcome: 'deadline', text: '周五修好', promisedDate: '2026-11-06' },
      ctx(worker, at(2 * H)),
    ).next
    expect(p).toMatchObject({
      status: 'promised',
      open: true,
      repliedAt: null,
      dueAt: endOfBeijingDay('2026-11-06'),
      dueAction: 'escalate',
    })
    expect(sweepDecision(p, new Date('2026-11-06T15:59:00Z'))).toBeNull()
    expect(sweepDecision(p, new Date('2026-11-06T16:00:00Z'))).toEqual({
      kind: 'escalate',
      toTier: 'community',
    })
    const done = applyMove(
      p,
      { move: 'reply', outcome: 'handled', text: '已修好' },
      ctx(worker, new Date('2026-11-05T02:00:00Z')),
    ).next
    expect(done).toMatchObject({
      status: 'replied',
      overdue: false,
      repliedAt: new Date('2026-11-05T02:00:00Z'),
    })
  })

  it('rates once; reopens within the window only', () => {
    let o = applyMove(order(), { move: 'accept' }, ctx(worker)).next
    o = applyMove(o, { move: 'reply', outcome: 'handled', text: '修好了' }, ctx(worker, at(2 * H))).next
    const rated = applyMove(o, { move: 'rate', rating: 'basically' }, ctx(reporter, at(3 * H))).next
    expect(rated.status).toBe('closed')
    expect(
      codeOf(() => applyMove(rated, { move: 'rate', rating: 'satisfied' }, ctx(reporter, at(4 * H)))),
    ).toBe('ORDER.ALREADY_RATED')
    expect(
      codeOf(() =>
        applyMove(o, { move: 'rate', rating: 'satisfied' }, ctx(person('u-other', [], 'resident'))),
      ),
    ).toBe('ORDER.NOT_REPORTER')
    const edge = at(2 * H + 7 * 24 * H)
    expect(applyMove(rated, { move: 'reopen', reason: '又坏了' }, ctx(reporter, edge)).next).toMatchObject({
      status: 'in_progress',
      reopenCount: 1,
      tier: 'grid',
    })
    expect(
      codeOf(() =>
        applyMove(rated, { move: 'reopen', reason: '又坏了' }, ctx(reporter, new Date(edge.getTime() + 1))),
      ),
    ).toBe('ORDER.REOPEN_EXPIRED')
  })

  it('escalation stops at the top; the department needs a name', () => {
    const street = order({ tier: 'street' })
    const admin = person('u-st', ['handler', 'supervisor'])
    expect(codeOf(() => applyMove(street, { move: 'escalate', reason: '需部门' }, ctx(admin)))).toBe(
      'ORDER.TRANSFER_TARGET_REQUIRED',
    )
    const dept = applyMove(street, { move: 'escalate', reason: '需部门', to: '供电公司' }, ctx(admin)).next
    expect(dept).toMatchObject({ tier: 'department', department: '供电公司' })
    expect(codeOf(() => applyMove(dept, { move: 'escalate', reason: '再上' }, ctx(admin)))).toBe(
      'ORDER.TOP_TIER',
    )
  })

  it('a move after a missed deadline marks the order late even between sweeps', () => {
    const late = applyMove(order(), { move: 'accept' }, ctx(worker, at(5 * H))).next
    expect(late.overdue).toBe(true)
  })

  it('markOverdue clears the deadline once', () => {
    const o = order({ tier: 'street' })
    expect(markOverdue(o, at(30 * H)).next).toMatchObject({
      overdue: true,
      dueAt: null,
      dueAction: null,
      version: o.version + 1,
    })
  })
})

describe('SLA and the sweep, with an injected clock', () => {
  it.each<[string, Partial<OrderRecord>, boolean, number, 'escalate' | 'close']>([
    ['submitted at the grid', {}, false, 4 * H, 'escalate'],
    ['a hazard at the grid', {}, true, 1 * H, 'escalate'],
    ['submitted at the community', { tier: 'community' }, false, 8 * H, 'escalate'],
    ['accepted at the grid', { status: 'accepted' }, false, 3 * 24 * H, 'escalate'],
    ['in progress at the street', { status: 'in_progress', tier: 'street' }, false, 10 * 24 * H, 'escalate'],
    ['replied', { status: 'replied', lastReplyAt: T0 }, false, 7 * 24 * H, 'close'],
  ])('%s', (_n, over, hazard, after, action) => {
    const o = { ...order(over), hazard }
    expect(nextDeadline(o, DefaultSla)).toEqual({ at: at(after), action })
  })

  it.each<[OrderStatus]>([['unsatisfied'], ['closed']])('%s has no automatic deadline', (status) => {
    expect(nextDeadline({ ...order({ status }), hazard: false }, DefaultSla)).toBeNull()
  })

  it.each([
    ['before the deadline', order(), at(4 * H - 1), null],
    ['at the grid, late', order(), at(4 * H), { kind: 'escalate', toTier: 'community' }],
    [
      'at the community, late',
      order({ tier: 'community' }),
      at(9 * H),
      { kind: 'escalate', toTier: 'street' },
    ],
    [
      'at the street, late: overdue, no automatic department',
      order({ tier: 'street' }),
      at(25 * H),
      { kind: 'overdue' },
    ],
    [
      'replied, window over',
      order({ status: 'replied', lastReplyAt: T0 }),
      at(7 * 24 * H),
      { kind: 'close' },
    ],
  ])('sweep: %s', (_n, o, now, decision) => {
    expect(sweepDecision(o, now)).toEqual(decision)
  })

  it('merges a community override onto the defaults, ignoring nonsense', () => {
    const s = slaFor({ tiers: { grid: { acceptHours: 2 } }, reopenDays: 14, hazardAcceptHours: -1 })
    expect(s.tiers.grid).toEqual({ acceptHours: 2, replyDays: 3 })
    expect(s.reopenDays).toBe(14)
    expect(s.hazardAcceptHours).toBe(1)
  })

  it.each([
    ['today', '2026-11-02', true],
    ['in 90 days', '2027-01-31', true],
    ['yesterday', '2026-11-01', false],
    ['not a date', '2026-02-30', false],
  ])('promised date %s', (_n, date, ok) => {
    expect(promiseDateValid(date, T0, DefaultSla)).toBe(ok)
  })
})

describe('metrics', () => {
  const dl = at(4 * H)
  it('counts a whole life once per counter', () => {
    const worker = person('u-w', ['handler'])
    const s0 = order()
    const s1 = applyMove(s0, { move: 'accept' }, ctx(worker, at(H))).next
    const s2 = applyMove(s1, { move: 'reply', outcome: 'handled', text: '好了' }, ctx(worker, at(2 * H))).next
    const s3 = applyMove(
      s2,
      { move: 'rate', rating: 'satisfied' },
      ctx(person('u-res', ['reporter'], 'resident'), at(3 * H)),
    ).next
    const sum: Record<string, number> = {}
    for (const [b, a] of [
      [null, s0],
      [s0, s1],
      [s1, s2],
      [s2, s3],
    ] as const) {
      for (const [k, n] of Object.entries(statsDelta(b, a, dl).area)) sum[k] = (sum[k] ?? 0) + (n as number)
    }
    expect(sum).toEqual({
      received: 1,
      open: 0,
      accepted: 1,
      acceptedOnTime: 1,
      sumAcceptMs: H,
      replied: 1,
      repliedOnTime: 1,
      sumReplyMs: 2 * H,
      resolved: 1,
      rated: 1,
      satisfied: 1,
    })
    expect(ratesOf(sum)).toMatchObject({
      responseRate: 1,
      resolutionRate: 1,
      satisfactionRate: 1,
      onTimeRate: 1,
      avgAcceptHours: 1,
      avgReplyHours: 2,
    })
  })

  it('late accept is not on time; 不满意 is not resolved; reopening a closed order un-resolves it', () => {
    const late = statsDelta(order(), { ...order(), status: 'accepted', acceptedAt: at(5 * H) }, dl)
    expect(late.area.acceptedOnTime).toBeUndefined()
    const replied = order({ status: 'replied', acceptedAt: T0, repliedAt: T0 })
    const unsat = statsDelta(
      replied,
      { ...replied, status: 'unsatisfied', rating: { rating: 'unsatisfied', comment: null, at: T0 } },
      dl,
    )
    expect(unsat.area).toEqual({ rated: 1, unsatisfied: 1, open: 1 })
    const closed = { ...replied, status: 'closed' as const }
    expect(statsDelta(closed, { ...closed, status: 'in_progress' }, dl).area).toEqual({
      open: 1,
      resolved: -1,
    })
  })

  it('rates are null with nothing to divide', () => {
    expect(ratesOf(null)).toMatchObject({ responseRate: null, satisfactionRate: null, avgAcceptHours: null })
  })

  it.each([
    ['a submit: the grid only', { received: 1, open: 1 }, {}, null, { received: 1, open: 1 }],
    [
      'an accept: the grid and its first receiver, in one document',
      { accepted: 1, sumAcceptMs: 5 },
      { accepted: 1, received: 1, open: 1 },
      'u-w',
      {
        accepted: 1,
        sumAcceptMs: 5,
        'workers.u-w.accepted': 1,
        'workers.u-w.received': 1,
        'workers.u-w.open': 1,
      },
    ],
    ['a worker delta without a first receiver is dropped', {}, { rated: 1 }, null, {}],
    ['zeros are not written', { open: 0, rated: 1 }, { open: 0 }, 'u-w', { rated: 1 }],
    ['field-name characters are escaped', {}, { rated: 1 }, 'a.b$c', { 'workers.a_b_c.rated': 1 }],
  ] as const)('counter increments for %s', (_name, area, worker, workerId, expected) => {
    expect(counterIncrements(area, worker, workerId)).toEqual(expected)
  })

  it('sums units (a community from its grids), missing fields and units as zero', () => {
    expect(workerKey('user-1')).toBe('user-1')
    expect(sumCounters([])).toEqual(ZeroCounters)
    expect(sumCounters([{ received: 2, rated: 1 }, null, { received: 3, satisfied: 1 }])).toEqual({
      ...ZeroCounters,
      received: 5,
      rated: 1,
      satisfied: 1,
    })
  })
})

describe('categories, location, drafts', () => {
  it('seeds the categories of the seed articles, 其他 last, overridable', () => {
    expect(categoriesFor(null).map((c) => c.id)).toEqual(DefaultCategories.map((c) => c.id))
    expect(
      categoriesFor({ hidden: ['parking', 'other'] })
        .map((c) => c.id)
        .at(-1),
    ).toBe('other')
    expect(
      categoriesFor({ categories: [{ id: 'pets', name: '文明养犬', hint: '', hazard: false }] }).map(
        (c) => c.id,
      ),
    ).toEqual(['pets', 'other'])
    expect(findCategory({ hidden: ['parking'] }, 'parking')).toBeNull()
  })

  const square = [
    [0, 0],
    [10, 0],
    [10, 10],
    [0, 10],
  ] as const
  it.each([
    [5, 5, true],
    [0, 5, true],
    [10, 10, true],
    [11, 5, false],
    [-0.001, 5, false],
  ])('point (%d, %d) in the square: %s', (x, y, inside) => {
    expect(pointInPolygon(x, y, square)).toBe(inside)
  })
  it('finds the grid of a point, skipping grids without boundaries', () => {
    expect(gridAt(5, 5, [{ _id: 'a' }, { _id: 'b', boundary: square }])?._id).toBe('b')
    expect(gridAt(50, 5, [{ _id: 'b', boundary: square }])).toBeNull()
  })

  it.each([
    ['', 0, undefined, 'REPORT.TEXT_EMPTY'],
    ['字'.repeat(501), 0, undefined, 'REPORT.TEXT_TOO_LONG'],
    ['字'.repeat(500), 9, undefined, null],
    ['ok', 10, undefined, 'REPORT.TOO_MANY_PHOTOS'],
    ['ok', 1, [3 * 1024 * 1024], 'REPORT.PHOTO_TOO_LARGE'],
  ])('draft %#', (text, photoCount, photoBytes, code) => {
    expect(checkReportDraft({ text, photoCount, ...(photoBytes ? { photoBytes } : {}) })).toBe(code)
  })
})

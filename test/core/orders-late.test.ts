import { applyMove, markOverdue } from '../../src/core/orders/decide'
import {
  lateHolders,
  latenessOf,
  movedToText,
  orderLateMessage,
  orderProgressMessage,
  pushesProgress,
} from '../../src/core/orders/messages'
import type { OrderRecord } from '../../src/core/orders/model'
import { DefaultSla, sweepDecision } from '../../src/core/orders/sla'
import { FIELD_LIMITS, NotifyTemplates } from '../../src/core/notify/templates'
import { order, T0 } from '../support/builders'

// When the sweep finds a deadline passed: who held the order hears what is late and since when, the
// resident hears where it went (src/core/orders/messages.ts).

const HOUR = 3_600_000
const sys = { by: { kind: 'system' as const }, sla: DefaultSla, hazard: false }
/** What the sweep does to the order one minute after its deadline. */
const sweepOnce = (o: OrderRecord) => {
  const now = new Date(new Date(o.dueAt ?? 0).getTime() + 60_000)
  const d = sweepDecision(o, now)
  if (!d || d.kind === 'close') throw new Error(`no deadline action: ${JSON.stringify(d)}`)
  const r =
    d.kind === 'overdue'
      ? markOverdue(o, now)
      : applyMove(o, { move: 'escalate', reason: '超过办理时限，自动上报' }, { ...sys, now })
  return { r, now }
}
const withinLimits = (data: Record<string, { value: string }>) => {
  for (const [key, { value }] of Object.entries(data)) {
    expect(value.length).toBeGreaterThan(0)
    if (key.startsWith('thing')) expect([...value].length).toBeLessThanOrEqual(FIELD_LIMITS.thing)
    if (key.startsWith('phrase')) expect([...value].length).toBeLessThanOrEqual(FIELD_LIMITS.phrase)
    if (key.startsWith('time')) expect(value).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
  }
}

const accepted = order({ status: 'accepted', handlerId: 'u-worker', handlerName: '李网格', acceptedAt: T0 })
const promised = order({
  status: 'promised',
  handlerId: 'u-worker',
  acceptedAt: T0,
  reply: {
    outcome: 'deadline',
    text: '周五前修好',
    promisedDate: '2026-11-06',
    reason: null,
    to: null,
    at: T0,
    by: 'u-worker',
  },
})

describe.each([
  // [name, order as the sweep finds it, thing3, time4 (the deadline, China time)]
  ['new at the grid, not accepted in 4 h', order(), '超时未接单，已转至社区处理', '2026-11-02 14:00'],
  ['accepted, no reply in 3 days', accepted, '超时未答复，已转至社区处理', '2026-11-05 10:00'],
  ['promised date passed', promised, '限期办理已超时，已转至社区处理', '2026-11-06 23:59'],
  [
    'new at the community, not accepted in 8 h',
    order({ tier: 'community' }),
    '超时未接单，已转至街道处理',
    '2026-11-02 18:00',
  ],
  [
    'new at the street: the top, listed for supervision',
    order({ tier: 'street' }),
    '超时未接单，已列入督办',
    '2026-11-03 10:00',
  ],
])('the sweep passes a deadline: %s', (_name, before, thing3, time4) => {
  const { r, now } = sweepOnce(before)

  it('tells the holder what is late, what became of it, and since when', () => {
    const data = orderLateMessage(before, r.next, now)
    expect(Object.keys(data)).toEqual(Object.keys(NotifyTemplates.orderOverdue.fields))
    expect(data).toMatchObject({
      thing1: { value: '路灯不亮' },
      thing2: { value: '1号楼' },
      thing3: { value: thing3 },
      time4: { value: time4 },
    })
    withinLimits(data)
  })

  it('is told to whoever accepted it, else to every handler of its tier', () => {
    expect(lateHolders(before)).toEqual(
      before.handlerId ? { userId: before.handlerId } : { tier: before.tier },
    )
  })

  it('tells the resident it moved up and to whom, when it moved', () => {
    expect(pushesProgress(r.event)).toBe(r.event.kind === 'escalate')
    if (r.event.kind !== 'escalate') return
    const data = orderProgressMessage(r.next, r.event, before)
    expect(data.thing3?.value).toBe(thing3)
    expect(data.phrase2?.value).toBe('待接单')
    withinLimits(data)
  })
})

describe('which events reach the reporter and followers', () => {
  it.each([
    [{ kind: 'reply' as const }, true],
    [{ kind: 'escalate' as const, auto: true }, true],
    [{ kind: 'escalate' as const, auto: false }, false],
    [{ kind: 'escalate' as const }, false],
    [{ kind: 'accept' as const }, false],
    [{ kind: 'overdue' as const, auto: true }, false],
  ])('%j → %s', (e, pushed) => {
    expect(pushesProgress(e)).toBe(pushed)
  })

  it('an escalation by hand names the tier, or the outside department', () => {
    const base = order({ status: 'accepted', handlerId: 'u-worker', tierSince: T0 })
    const up = applyMove(
      base,
      { move: 'escalate', reason: '需社区协调' },
      {
        ...sys,
        now: new Date(T0.getTime() + HOUR),
        by: { kind: 'person', userId: 'u-worker', name: '李网格', role: 'grid_worker', parties: ['handler'] },
      },
    )
    expect(orderProgressMessage(up.next, up.event).thing3?.value).toBe('已转至社区处理')
    expect(movedToText({ tier: 'department', department: '区城市管理综合执法局' })).toBe(
      '已转至区城市管理综合执法局处理',
    )
    expect(latenessOf({ status: 'in_progress' })).toBe('reply')
  })
})

import { isDomainError } from '../../src/core/errors'
import { moveHold, newHold, pickup, renew, returnLoan, isDamaged } from '../../src/core/lending/decide'
import type { HoldRecord, ItemRecord, LoanRecord } from '../../src/core/lending/model'
import {
  blocksReserving,
  checkReserve,
  communityFor,
  dueFrom,
  firstRemindAt,
  holdToStart,
  morningOf,
  parseItemCode,
  positionOf,
  queueOrder,
  reminderDue,
  renewedDue,
} from '../../src/core/lending/rules'
import type { Actor } from '../../src/core/roles'

// Queue, renewal, reminders and blocking with an injected clock (all times UTC; China is +8).

const DAY = 86_400_000
const T0 = new Date('2026-12-01T02:00:00.000Z') // 10:00 China time, 1 December
const at = (iso: string) => new Date(iso)
const C = { streetId: 'st', communityId: 'cm' }
const resident = (userId: string, communityId = 'cm'): Actor => ({
  userId,
  grants: [
    {
      role: 'resident',
      scope: {
        streetId: 'st',
        communityId,
        gridId: 'g',
        buildingId: 'b',
        unitId: 'u',
        householdId: `h-${userId}`,
      },
    },
  ],
})
const staff: Actor = { userId: 'w', grants: [{ role: 'grid_worker', scope: { ...C, gridId: 'g' } }] }

const item = (over: Partial<ItemRecord> = {}): ItemRecord => ({
  _id: 'li1',
  communityId: 'cm',
  path: C,
  code: 'ABCD2345',
  name: '电钻',
  photo: null,
  accessories: ['电池', '钻头'],
  condition: 'good',
  location: '工具柜',
  periodDays: 7,
  pickupDays: 2,
  pledgePoints: 5,
  keeperId: null,
  keeperName: null,
  status: 'available',
  donationId: null,
  labelFileId: null,
  requestId: 'r',
  createdBy: 'w',
  createdAt: T0,
  updatedAt: T0,
  version: 1,
  events: [],
  ...over,
})
const hold = (id: string, minutes: number, status: HoldRecord['status'] = 'waiting'): HoldRecord => ({
  ...newHold(
    item(),
    { userId: `u-${id}`, name: id },
    id,
    `req-${id}`,
    new Date(T0.getTime() + minutes * 60_000),
  ),
  status,
})
const codeOf = (f: () => unknown) => {
  try {
    f()
  } catch (e) {
    return isDomainError(e) ? e.code : String(e)
  }
  return 'ok'
}

describe('the queue', () => {
  const q = [hold('c', 30), hold('a', 10), hold('x', 5, 'cancelled'), hold('b', 20)]

  it('orders active holds by time (then id); positions are 1-based; gone holds have none', () => {
    expect(queueOrder(q).map((h) => h._id)).toEqual(['a', 'b', 'c'])
    expect([positionOf(q, 'a'), positionOf(q, 'b'), positionOf(q, 'c'), positionOf(q, 'x')]).toEqual([
      1,
      2,
      3,
      null,
    ])
    const tie = [hold('z', 10), hold('y', 10)]
    expect(queueOrder(tie).map((h) => h._id)).toEqual(['y', 'z'])
  })

  it.each([
    ['available, first waiting', 'available', q, 'a'],
    ['on loan: nobody starts', 'on_loan', q, null],
    ['maintenance: nobody starts', 'maintenance', q, null],
    ['a window already runs', 'available', [hold('a', 10, 'ready'), hold('b', 20)], null],
    ['empty queue', 'available', [hold('x', 5, 'expired')], null],
  ] as const)('%s', (_n, status, holds, expected) => {
    expect(holdToStart(item({ status }), holds)?._id ?? null).toBe(expected)
  })

  it('a start opens the pickup window (item pickupDays); expiry only once it ended', () => {
    const started = moveHold(hold('a', 10), 'start', 'system', 'system', T0, item({ pickupDays: 3 }))
    expect(started).toMatchObject({
      status: 'ready',
      readyAt: T0,
      readyUntil: new Date(T0.getTime() + 3 * DAY),
    })
    expect(
      codeOf(() => moveHold(started, 'expire', 'system', 'system', new Date(T0.getTime() + 3 * DAY - 1))),
    ).toBe('LENDING.BAD_STATE')
    expect(moveHold(started, 'expire', 'system', 'system', new Date(T0.getTime() + 3 * DAY)).status).toBe(
      'expired',
    )
  })

  it('pickup: only a ready hold inside its window; due = now + period', () => {
    const ready = moveHold(hold('a', 10), 'start', 'system', 'system', T0, item())
    const later = new Date(T0.getTime() + DAY)
    const out = pickup(item(), ready, ['staff'], ['电池'], 'w', 'll1', later)
    expect(out.loan).toMatchObject({
      dueAt: dueFrom(item(), later),
      pledge: 'held',
      borrowerId: 'u-a',
      accessoriesOut: ['电池'],
    })
    expect(out.item.status).toBe('on_loan')
    expect(out.hold).toMatchObject({ status: 'collected', loanId: 'll1' })
    expect(codeOf(() => pickup(item(), hold('b', 20), ['staff'], [], 'w', 'l', later))).toBe(
      'LENDING.NOT_READY',
    )
    expect(
      codeOf(() => pickup(item(), ready, ['staff'], [], 'w', 'l', new Date(T0.getTime() + 2 * DAY))),
    ).toBe('LENDING.NOT_READY')
    expect(codeOf(() => pickup(item(), ready, ['holder'], [], 'w', 'l', later))).toBe('AUTH.FORBIDDEN')
  })
})

describe('renewal', () => {
  const loan = (): LoanRecord =>
    pickup(
      item(),
      moveHold(hold('a', 10), 'start', 'system', 'system', T0, item()),
      ['staff'],
      [],
      'w',
      'll',
      T0,
    ).loan

  it('adds one period to the due date, only with nobody waiting, up to 1', () => {
    const l = loan()
    const r = renew(l, ['borrower'], 0, 7, new Date(T0.getTime() + DAY))
    expect(r.dueAt).toEqual(new Date(T0.getTime() + 14 * DAY))
    expect(r.renewals).toBe(1)
    expect(codeOf(() => renew(l, ['borrower'], 2, 7, T0))).toBe('LENDING.RENEW_WAITING')
    expect(codeOf(() => renew(r, ['borrower'], 0, 7, T0))).toBe('LENDING.RENEW_LIMIT')
    expect(codeOf(() => renew(l, ['staff'], 0, 7, T0))).toBe('AUTH.FORBIDDEN')
  })

  it('an overdue renewal counts from now, not from the past due date', () => {
    const l = loan()
    const now = new Date(l.dueAt.getTime() + 2 * DAY)
    expect(renewedDue(l, 7, now)).toEqual(new Date(now.getTime() + 7 * DAY))
  })

  it('a return with a missing accessory or damage goes to maintenance', () => {
    const l = { ...loan(), accessoriesOut: ['电池', '钻头'] }
    expect(isDamaged(l, ['电池', '钻头'], 'good')).toBe(false)
    expect(isDamaged(l, ['电池', '钻头'], 'worn')).toBe(false)
    expect(isDamaged(l, ['电池'], 'good')).toBe(true)
    expect(isDamaged(l, ['电池', '钻头'], 'damaged')).toBe(true)
    const onLoan = item({ status: 'on_loan' })
    const back = returnLoan(
      onLoan,
      l,
      ['keeper'],
      { ticked: ['电池'], condition: 'good', note: null, photo: null, keepReason: null, requestId: 'r' },
      'k',
      T0,
    )
    expect(back).toMatchObject({
      damaged: true,
      move: 'return',
      loan: { pledge: 'released' },
      item: { status: 'maintenance' },
    })
    expect(
      codeOf(() =>
        returnLoan(
          onLoan,
          l,
          ['keeper'],
          { ticked: [], condition: 'good', note: null, photo: null, keepReason: '丢失', requestId: 'r' },
          'k',
          T0,
        ),
      ),
    ).toBe('AUTH.FORBIDDEN')
    const kept = returnLoan(
      onLoan,
      l,
      ['staff'],
      {
        ticked: ['电池', '钻头'],
        condition: 'good',
        note: null,
        photo: null,
        keepReason: '逾期太久',
        requestId: 'r',
      },
      'w',
      T0,
    )
    expect(kept).toMatchObject({
      move: 'forfeit',
      loan: { pledge: 'kept', pledgeReason: '逾期太久' },
      item: { status: 'available' },
    })
    expect(
      codeOf(() =>
        returnLoan(
          onLoan,
          { ...l, itemId: 'other' },
          ['staff'],
          { ticked: [], condition: 'good', note: null, photo: null, keepReason: null, requestId: 'r' },
          'w',
          T0,
        ),
      ),
    ).toBe('LENDING.NOT_ON_LOAN')
  })
})

describe('staged reminders (09:00 China time on their day)', () => {
  // Due 5 December 18:00 China time (10:00 UTC).
  const dueAt = at('2026-12-05T10:00:00.000Z')
  const loan = (reminded: LoanRecord['reminded'] = []) => ({ dueAt, reminded, status: 'out' as const })

  it('09:00 China time of a day', () => {
    expect(morningOf(dueAt)).toEqual(at('2026-12-05T01:00:00.000Z'))
    expect(morningOf(at('2026-12-05T17:00:00.000Z'))).toEqual(at('2026-12-06T01:00:00.000Z'))
  })

  it.each([
    ['before the day before', '2026-12-03T12:00:00.000Z', [], null, '2026-12-04T01:00:00.000Z'],
    ['the day before, 09:30', '2026-12-04T01:30:00.000Z', [], 'due_tomorrow', '2026-12-05T01:00:00.000Z'],
    [
      'the day before, sent already',
      '2026-12-04T05:00:00.000Z',
      ['due_tomorrow'],
      null,
      '2026-12-05T01:00:00.000Z',
    ],
    ['the due day', '2026-12-05T02:00:00.000Z', ['due_tomorrow'], 'due_today', '2026-12-08T01:00:00.000Z'],
    [
      'the due day, the day-before one missed: never late',
      '2026-12-05T02:00:00.000Z',
      [],
      'due_today',
      '2026-12-08T01:00:00.000Z',
    ],
    [
      '1 day over: nothing',
      '2026-12-06T05:00:00.000Z',
      ['due_tomorrow', 'due_today'],
      null,
      '2026-12-08T01:00:00.000Z',
    ],
    ['3 days over', '2026-12-08T01:00:00.000Z', ['due_tomorrow', 'due_today'], 'overdue_3', null],
    ['after all three', '2026-12-20T01:00:00.000Z', ['due_tomorrow', 'due_today', 'overdue_3'], null, null],
  ] as const)('%s', (_n, now, reminded, send, next) => {
    expect(reminderDue(loan([...reminded]), at(now))).toEqual({ send, next: next ? at(next) : null })
  })

  it('a returned loan is reminded of nothing; the first look after pickup', () => {
    expect(reminderDue({ dueAt, reminded: [], status: 'returned' }, at('2026-12-05T02:00:00.000Z'))).toEqual({
      send: null,
      next: null,
    })
    expect(firstRemindAt(dueAt, [], at('2026-12-01T00:00:00.000Z'))).toEqual(at('2026-12-04T01:00:00.000Z'))
    // A 1-day loan picked up on the day before: the window is open now.
    expect(firstRemindAt(dueAt, [], at('2026-12-04T10:00:00.000Z'))).toEqual(at('2026-12-04T10:00:00.000Z'))
  })
})

describe('reserving', () => {
  const facts = (over: Partial<Parameters<typeof checkReserve>[1]> = {}) => ({
    item: item(),
    myHolds: [],
    myLoans: [],
    balance: 10,
    ...over,
  })

  it.each([
    ['may', resident('u1'), facts(), 'ok'],
    ['no household', { userId: 's', grants: staff.grants }, facts(), 'LENDING.NO_HOUSEHOLD'],
    ['another community', resident('u1', 'other'), facts(), 'LENDING.OTHER_COMMUNITY'],
    [
      '8 days overdue',
      resident('u1'),
      facts({ myLoans: [{ itemId: 'x', status: 'out', dueAt: new Date(T0.getTime() - 8 * DAY) }] }),
      'LENDING.BLOCKED_OVERDUE',
    ],
    [
      '6 days overdue: not yet blocked',
      resident('u1'),
      facts({ myLoans: [{ itemId: 'x', status: 'out', dueAt: new Date(T0.getTime() - 6 * DAY) }] }),
      'ok',
    ],
    ['retired item', resident('u1'), facts({ item: item({ status: 'retired' }) }), 'LENDING.NOT_LENDABLE'],
    [
      'already queued',
      resident('u1'),
      facts({ myHolds: [{ itemId: 'li1', status: 'waiting' }] }),
      'LENDING.ALREADY_HELD',
    ],
    [
      'already borrowing',
      resident('u1'),
      facts({ myLoans: [{ itemId: 'li1', status: 'out', dueAt: T0 }] }),
      'LENDING.ALREADY_HELD',
    ],
    [
      '3 holds already',
      resident('u1'),
      facts({ myHolds: ['a', 'b', 'c'].map((i) => ({ itemId: i, status: 'waiting' as const })) }),
      'LENDING.TOO_MANY_HOLDS',
    ],
    ['short of the pledge', resident('u1'), facts({ balance: 4 }), 'LENDING.PLEDGE_SHORT'],
    ['on loan: still queues', resident('u1'), facts({ item: item({ status: 'on_loan' }) }), 'ok'],
  ] as const)('%s', (_n, actor, f, code) => {
    expect(codeOf(() => checkReserve(actor, f, T0))).toBe(code)
  })

  it('blocking starts exactly 7 days past due', () => {
    const dueAt = T0
    expect(blocksReserving({ status: 'out', dueAt }, new Date(T0.getTime() + 7 * DAY - 1))).toBe(false)
    expect(blocksReserving({ status: 'out', dueAt }, new Date(T0.getTime() + 7 * DAY))).toBe(true)
    expect(blocksReserving({ status: 'returned', dueAt }, new Date(T0.getTime() + 30 * DAY))).toBe(false)
  })

  it('the community: mine, the one I run, or refused', () => {
    expect(communityFor(resident('u1'))).toBe('cm')
    expect(communityFor(staff)).toBe('cm')
    expect(codeOf(() => communityFor(resident('u1'), 'other'))).toBe('DATA.NOT_FOUND')
  })
})

describe('item codes as scanned or typed', () => {
  it.each([
    ['t=ABCD2345', 'ABCD2345'],
    ['t%3DABCD2345', 'ABCD2345'],
    ['features/lending/pages/item/index?scene=t%253DABCD2345', 'ABCD2345'],
    ['abcd-2345', 'ABCD2345'],
    ['b=ABCD2345', null],
    ['ABCD0345', null],
    ['', null],
  ])('%s', (raw, code) => {
    expect(parseItemCode(raw)).toBe(code)
  })
})

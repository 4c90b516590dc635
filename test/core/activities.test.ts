import type { ActivityStatus, SignupStatus } from '../../src/core/activities/api'
import { HOLDS_SEAT, type HoursRecord } from '../../src/core/activities/model'
import {
  beijingDate,
  checkinCodeFromBytes,
  checkinScene,
  checkinWindow,
  checkPublish,
  checkReason,
  confirmVerdict,
  decideCancel,
  decideCheckin,
  decideSignup,
  decideWithdraw,
  defaultHours,
  EXPORT_COLUMNS,
  exportRange,
  exportRows,
  listCommunities,
  movesFor,
  parseCheckinInput,
  phaseLabel,
  seatsAfter,
  signupStep,
  standingOf,
  totalHours,
  type PublishInput,
} from '../../src/core/activities/rules'
import { homeCommunity, isCommunityStaff } from '../../src/core/access'
import { CODE_ALPHABET } from '../../src/core/org/invite-code'
import type { Actor } from '../../src/core/roles'
import { thrownCode as codeOf } from '../support/builders'

const NOW = new Date('2026-11-21T10:00:00+08:00')
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000)
const isoAt = (minutes: number) => at(minutes).toISOString()

const form = (over: Partial<PublishInput> = {}): PublishInput => ({
  title: '重阳敬老 包饺子',
  team: '彩虹桥·助老服务队',
  description: '和老人一起包饺子',
  place: '日间照料中心',
  startAt: isoAt(60),
  endAt: isoAt(60 + 150),
  capacity: 20,
  points: 10,
  ...over,
})

describe('checkPublish', () => {
  it.each<[string, Partial<PublishInput>, string]>([
    ['a good form', {}, 'OK'],
    ['empty title', { title: '   ' }, 'ACTIVITY.BAD_TEXT'],
    ['title of 61 characters', { title: '好'.repeat(61) }, 'ACTIVITY.BAD_TEXT'],
    ['title of 60 characters', { title: '好'.repeat(60) }, 'OK'],
    ['empty team', { team: '' }, 'ACTIVITY.BAD_TEXT'],
    ['empty place', { place: ' ' }, 'ACTIVITY.BAD_TEXT'],
    ['empty description', { description: '' }, 'OK'],
    ['description of 1001 characters', { description: 'x'.repeat(1001) }, 'ACTIVITY.BAD_TEXT'],
    ['start not a date', { startAt: 'tomorrow' }, 'ACTIVITY.BAD_TIME'],
    ['end equal to start', { endAt: isoAt(60) }, 'ACTIVITY.BAD_TIME'],
    ['end before start', { endAt: isoAt(30) }, 'ACTIVITY.BAD_TIME'],
    ['longer than 24 h', { endAt: isoAt(60 + 24 * 60 + 1) }, 'ACTIVITY.BAD_TIME'],
    ['exactly 24 h', { endAt: isoAt(60 + 24 * 60), hours: 12 }, 'OK'],
    ['start an hour ago', { startAt: isoAt(-60), endAt: isoAt(60) }, 'ACTIVITY.BAD_TIME'],
    ['start 3 minutes ago (grace)', { startAt: isoAt(-3), endAt: isoAt(60) }, 'OK'],
    ['capacity 0', { capacity: 0 }, 'ACTIVITY.BAD_CAPACITY'],
    ['capacity 1', { capacity: 1 }, 'OK'],
    ['capacity 500', { capacity: 500 }, 'OK'],
    ['capacity 501', { capacity: 501 }, 'ACTIVITY.BAD_CAPACITY'],
    ['capacity 2.5', { capacity: 2.5 }, 'ACTIVITY.BAD_CAPACITY'],
    ['points -1', { points: -1 }, 'ACTIVITY.BAD_REWARD'],
    ['points 0', { points: 0 }, 'OK'],
    ['points 100', { points: 100 }, 'OK'],
    ['points 101', { points: 101 }, 'ACTIVITY.BAD_REWARD'],
    ['points 1.5', { points: 1.5 }, 'ACTIVITY.BAD_REWARD'],
    ['points NaN', { points: Number.NaN }, 'ACTIVITY.BAD_REWARD'],
    ['hours 0', { hours: 0 }, 'ACTIVITY.BAD_REWARD'],
    ['hours 0.5', { hours: 0.5 }, 'OK'],
    ['hours 1.25', { hours: 1.25 }, 'ACTIVITY.BAD_REWARD'],
    ['hours 12', { hours: 12 }, 'OK'],
    ['hours 12.5', { hours: 12.5 }, 'ACTIVITY.BAD_REWARD'],
  ])('%s', (_name, over, code) => {
    expect(codeOf(() => checkPublish(form(over), NOW))).toBe(code)
  })

  it('trims texts, answers dates and the default hours', () => {
    const out = checkPublish(
      form({ title: '  楼道清洁日 ', startAt: isoAt(60), endAt: isoAt(60 + 100) }),
      NOW,
    )
    expect(out).toMatchObject({
      title: '楼道清洁日',
      startAt: at(60),
      endAt: at(160),
      hours: 1.5,
      points: 10,
      capacity: 20,
    })
    expect(checkPublish(form({ hours: 3 }), NOW).hours).toBe(3)
  })
})

describe('defaultHours: length rounded to the nearest half hour, within 0.5–12', () => {
  it.each([
    [10, 0.5],
    [44, 0.5],
    [45, 1],
    [60, 1],
    [74, 1],
    [75, 1.5],
    [150, 2.5],
    [12 * 60, 12],
    [20 * 60, 12],
  ])('%i minutes → %d h', (minutes, hours) => {
    expect(defaultHours(at(0), at(minutes))).toBe(hours)
  })
})

const activity = (
  startMin: number,
  endMin: number,
  over: { capacity?: number; signedUp?: number; status?: ActivityStatus } = {},
) => ({
  startAt: at(startMin),
  endAt: at(endMin),
  capacity: over.capacity ?? 10,
  signedUp: over.signedUp ?? 0,
  status: over.status ?? ('published' as ActivityStatus),
})

describe('phase and window', () => {
  it.each<[string, ReturnType<typeof activity>, string]>([
    ['open with seats', activity(60, 120), '报名中'],
    ['full', activity(60, 120, { capacity: 3, signedUp: 3 }), '已满员'],
    ['running', activity(-10, 120), '进行中'],
    ['running and full', activity(-10, 120, { capacity: 3, signedUp: 3 }), '进行中'],
    ['ended', activity(-120, -1), '已结束'],
    ['ends right now', activity(-120, 0), '已结束'],
    ['cancelled', activity(60, 120, { status: 'cancelled' }), '已取消'],
    ['cancelled after the end', activity(-120, -60, { status: 'cancelled' }), '已取消'],
  ])('%s', (_n, a, label) => {
    expect(phaseLabel(a, NOW)).toBe(label)
  })

  it('check-in opens 30 minutes before the start and closes at the end', () => {
    expect(checkinWindow(activity(60, 120))).toEqual({ from: at(30), to: at(120) })
  })
})

const RESIDENT = { resident: true, staff: false }
const STAFF = { resident: false, staff: true }
const BOTH = { resident: true, staff: true }
const NOBODY = { resident: false, staff: false }

describe('moves for the caller', () => {
  it.each<[string, ReturnType<typeof activity>, SignupStatus | null, typeof RESIDENT, string[]]>([
    ['resident, before, not signed', activity(60, 120), null, RESIDENT, ['signup']],
    ['resident, before, withdrawn earlier', activity(60, 120), 'withdrawn', RESIDENT, ['signup']],
    ['resident, before, full', activity(60, 120, { capacity: 1, signedUp: 1 }), null, RESIDENT, []],
    ['resident, before, signed', activity(60, 120), 'signed', RESIDENT, ['withdraw']],
    ['resident, window open, signed', activity(20, 120), 'signed', RESIDENT, ['withdraw', 'checkin']],
    ['resident, window open, not signed (walk-in)', activity(20, 120), null, RESIDENT, ['signup', 'checkin']],
    ['resident, running, not signed', activity(-10, 120), null, RESIDENT, ['checkin']],
    [
      'resident, running, full, not signed',
      activity(-10, 120, { capacity: 1, signedUp: 1 }),
      null,
      RESIDENT,
      [],
    ],
    [
      'resident, running, full, signed',
      activity(-10, 120, { capacity: 1, signedUp: 1 }),
      'signed',
      RESIDENT,
      ['checkin'],
    ],
    ['resident, running, checked in', activity(-10, 120), 'checked_in', RESIDENT, []],
    ['resident, ended, signed', activity(-120, -1), 'signed', RESIDENT, []],
    ['resident, cancelled', activity(60, 120, { status: 'cancelled' }), 'signed', RESIDENT, []],
    ['staff', activity(60, 120), null, STAFF, ['manage']],
    ['staff, cancelled', activity(60, 120, { status: 'cancelled' }), null, STAFF, ['manage']],
    ['resident and staff', activity(60, 120), null, BOTH, ['signup', 'manage']],
    ['outsider', activity(60, 120), null, NOBODY, []],
  ])('%s', (_n, a, mine, who, moves) => {
    expect(movesFor(a, mine, who, NOW)).toEqual(moves)
  })
})

describe('sign-up, withdrawal, check-in, confirmation, cancel decisions', () => {
  it.each<[string, ReturnType<typeof activity>, SignupStatus | null, string]>([
    ['fresh', activity(60, 120), null, 'new'],
    ['after withdrawing', activity(60, 120), 'withdrawn', 'new'],
    ['again', activity(60, 120), 'signed', 'again'],
    ['again after check-in', activity(-10, 120), 'checked_in', 'again'],
    ['last seat', activity(60, 120, { capacity: 2, signedUp: 1 }), null, 'new'],
    ['full', activity(60, 120, { capacity: 2, signedUp: 2 }), null, 'ACTIVITY.FULL'],
    ['started', activity(-1, 120), null, 'ACTIVITY.STARTED'],
    ['cancelled', activity(60, 120, { status: 'cancelled' }), null, 'ACTIVITY.CANCELLED'],
  ])('signup: %s', (_n, a, mine, out) => {
    let got = ''
    const code = codeOf(() => (got = decideSignup(a, mine, NOW)))
    expect(code === 'OK' ? got : code).toBe(out)
  })

  it.each<[string, ReturnType<typeof activity>, SignupStatus | null, string]>([
    ['signed, before start', activity(60, 120), 'signed', 'OK'],
    ['signed, started', activity(0, 120), 'signed', 'ACTIVITY.STARTED'],
    ['not signed', activity(60, 120), null, 'ACTIVITY.NOT_SIGNED_UP'],
    ['withdrawn', activity(60, 120), 'withdrawn', 'ACTIVITY.NOT_SIGNED_UP'],
    ['checked in', activity(20, 120), 'checked_in', 'ACTIVITY.ALREADY_CHECKED_IN'],
    ['cancelled', activity(60, 120, { status: 'cancelled' }), 'signed', 'ACTIVITY.CANCELLED'],
  ])('withdraw: %s', (_n, a, mine, code) => {
    expect(codeOf(() => decideWithdraw(a, mine, NOW))).toBe(code)
  })

  it.each<[string, ReturnType<typeof activity>, SignupStatus | null, string]>([
    ['signed, window just opened', activity(30, 120), 'signed', 'signed'],
    ['signed, before the window', activity(31, 120), 'signed', 'ACTIVITY.OUTSIDE_WINDOW'],
    ['signed, at the end', activity(-120, 0), 'signed', 'signed'],
    ['signed, after the end', activity(-120, -1), 'signed', 'ACTIVITY.OUTSIDE_WINDOW'],
    ['walk-in with a seat', activity(-10, 120, { capacity: 2, signedUp: 1 }), null, 'walk-in'],
    ['walk-in after withdrawing', activity(-10, 120), 'withdrawn', 'walk-in'],
    ['walk-in, full', activity(-10, 120, { capacity: 2, signedUp: 2 }), null, 'ACTIVITY.FULL'],
    ['signed, full (holds a seat)', activity(-10, 120, { capacity: 2, signedUp: 2 }), 'signed', 'signed'],
    ['twice', activity(-10, 120), 'checked_in', 'ACTIVITY.ALREADY_CHECKED_IN'],
    ['after confirmation', activity(-10, 120), 'confirmed', 'ACTIVITY.ALREADY_CHECKED_IN'],
    ['cancelled', activity(-10, 120, { status: 'cancelled' }), 'signed', 'ACTIVITY.CANCELLED'],
  ])('checkin: %s', (_n, a, mine, out) => {
    let got = ''
    const code = codeOf(() => (got = decideCheckin(a, mine, NOW).walkIn ? 'walk-in' : 'signed'))
    expect(code === 'OK' ? got : code).toBe(out)
  })

  // The seat count a move leaves, from its row's effects (written out by hand: a seat per sign-up
  // or walk-in, one back per withdrawal, none for a signed-up resident checking in).
  it.each<[string, () => number, number]>([
    [
      'sign-up takes a seat',
      () => {
        const a = activity(60, 120, { capacity: 10, signedUp: 4 })
        const step = signupStep(a, null, NOW)
        return step.again ? -1 : seatsAfter(a, step.effects)
      },
      5,
    ],
    [
      'sign-up again changes nothing',
      () => {
        const step = signupStep(activity(60, 120, { signedUp: 4 }), 'signed', NOW)
        return step.again ? 4 : -1
      },
      4,
    ],
    [
      'withdrawal frees one',
      () => {
        const a = activity(60, 120, { signedUp: 4 })
        return seatsAfter(a, decideWithdraw(a, 'signed', NOW))
      },
      3,
    ],
    [
      'walk-in takes a seat',
      () => {
        const a = activity(-10, 120, { capacity: 10, signedUp: 4 })
        return seatsAfter(a, decideCheckin(a, null, NOW).effects)
      },
      5,
    ],
    [
      'a signed-up resident checking in keeps the count',
      () => {
        const a = activity(-10, 120, { signedUp: 4 })
        return seatsAfter(a, decideCheckin(a, 'signed', NOW).effects)
      },
      4,
    ],
    ['never below zero', () => seatsAfter({ signedUp: 0 }, ['free_seat']), 0],
  ])('seats: %s', (_n, run, expected) => {
    expect(run()).toBe(expected)
  })

  it.each<[SignupStatus | null, unknown]>([
    ['checked_in', 'pay'],
    ['confirmed', 'already'],
    ['signed', { skip: '未签到' }],
    ['withdrawn', { skip: '已取消报名' }],
    [null, { skip: '未报名' }],
  ])('confirm %s → %j', (mine, out) => {
    expect(confirmVerdict(mine)).toEqual(out)
  })

  it('seats are held by signed, checked-in and confirmed sign-ups only', () => {
    expect([...HOLDS_SEAT].sort()).toEqual(['checked_in', 'confirmed', 'signed'])
  })

  it.each<[string, ReturnType<typeof activity>, string]>([
    ['before start', activity(60, 120), 'cancel'],
    ['already cancelled', activity(-60, 120, { status: 'cancelled' }), 'again'],
    ['started', activity(0, 120), 'ACTIVITY.STARTED'],
  ])('cancel: %s', (_n, a, out) => {
    let got = ''
    const code = codeOf(() => (got = decideCancel(a, NOW)))
    expect(code === 'OK' ? got : code).toBe(out)
  })

  it.each([
    ['', 'ACTIVITY.BAD_TEXT'],
    ['   ', 'ACTIVITY.BAD_TEXT'],
    ['天气原因', 'OK'],
    ['因'.repeat(101), 'ACTIVITY.BAD_TEXT'],
  ])('cancel reason %j → %s', (reason, code) => {
    expect(codeOf(() => checkReason(reason))).toBe(code)
  })
})

describe('scope', () => {
  const path = { streetId: 'st', communityId: 'cm-a' }
  const resident: Actor = {
    userId: 'u1',
    grants: [
      { role: 'resident', scope: { ...path, gridId: 'g1', buildingId: 'b', unitId: 'u', householdId: 'h' } },
    ],
  }
  const worker: Actor = { userId: 'u2', grants: [{ role: 'grid_worker', scope: { ...path, gridId: 'g2' } }] }
  const admin: Actor = {
    userId: 'u3',
    grants: [
      { role: 'community_admin', scope: path },
      { role: 'community_admin', scope: { streetId: 'st', communityId: 'cm-b' } },
    ],
  }
  const helper: Actor = { userId: 'u4', grants: [{ role: 'helper', scope: { ...path, gridId: 'g1' } }] }
  const street: Actor = { userId: 'u5', grants: [{ role: 'street_admin', scope: { streetId: 'st' } }] }

  it.each<[string, Actor, string | null, boolean, boolean, string[]]>([
    ['resident', resident, 'cm-a', false, false, ['cm-a']],
    ['grid worker', worker, null, true, false, ['cm-a']],
    ['admin of two', admin, null, true, true, ['cm-a', 'cm-b']],
    ['helper only', helper, null, false, false, []],
    ['street admin', street, null, false, false, []],
  ])('%s', (_n, actor, home, staffA, staffB, lists) => {
    expect(homeCommunity(actor)).toBe(home)
    expect(isCommunityStaff(actor, 'cm-a')).toBe(staffA)
    expect(isCommunityStaff(actor, 'cm-b')).toBe(staffB)
    expect(listCommunities(actor)).toEqual(lists)
    expect(standingOf(actor, 'cm-c')).toEqual({ resident: false, staff: false })
  })
})

describe('check-in codes', () => {
  it('are 6 characters of the invite alphabet, from the bytes given', () => {
    expect(checkinCodeFromBytes([0, 1, 2, 3, 4, 5])).toBe('234567')
    expect(checkinCodeFromBytes([31, 32, 33, 255, 64, 100])).toBe('Z23Z2' + CODE_ALPHABET[100 % 32])
    expect(() => checkinCodeFromBytes([1, 2, 3])).toThrow()
    expect(checkinScene('ABC234')).toBe('c=ABC234')
    expect(() => checkinScene('ABC23')).toThrow()
  })

  it.each<[string, string | null]>([
    ['ABC234', 'ABC234'],
    ['abc234', 'ABC234'],
    [' AB C2 34 ', 'ABC234'],
    ['c=ABC234', 'ABC234'],
    ['C=abc234', 'ABC234'],
    ['c%3DABC234', 'ABC234'],
    ['c%253DABC234', 'ABC234'],
    ['features/activities/pages/checkin/index?scene=c%3DABC234', 'ABC234'],
    ['/features/activities/pages/checkin/index?x=1&scene=c%3Dabc234', 'ABC234'],
    ['features/activities/pages/checkin/index?scene=c=ABC234', 'ABC234'],
    ['features/activities/pages/checkin/index?x=1', null],
    ['b=ABC234', null],
    ['g=ABC23456', null],
    ['ABC2345', null],
    ['ABC23', null],
    ['ABCDE0', null],
    ['ABCDEI', null],
    ['', null],
    ['%E0%A4%A', null],
  ])('%j → %j', (raw, code) => {
    expect(parseCheckinInput(raw)).toBe(code)
  })
})

describe('hours record and export', () => {
  it('totals half hours exactly', () => {
    expect(totalHours([{ hours: 0.5 }, { hours: 2.5 }, { hours: 12 }])).toBe(15)
    expect(totalHours([])).toBe(0)
  })

  it.each<[string, string | undefined, string | undefined, string | { from: string; to: string }]>([
    [
      'default: the last 12 months',
      undefined,
      undefined,
      { from: '2025-11-21T02:00:00.000Z', to: '2026-11-21T02:00:00.000Z' },
    ],
    [
      'bare dates are Beijing days',
      '2026-01-01',
      '2026-03-31',
      { from: '2025-12-31T16:00:00.000Z', to: '2026-03-31T15:59:59.999Z' },
    ],
    [
      'full instants',
      '2026-01-01T00:00:00Z',
      '2026-02-01T00:00:00Z',
      { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' },
    ],
    ['from after to', '2026-03-01', '2026-02-01', 'ACTIVITY.BAD_RANGE'],
    ['longer than 366 days', '2024-01-01', '2026-01-01', 'ACTIVITY.BAD_RANGE'],
    ['from only, too far back', '2025-01-01', undefined, 'ACTIVITY.BAD_RANGE'],
    [
      'from only',
      '2026-06-01',
      undefined,
      { from: '2026-05-31T16:00:00.000Z', to: '2026-11-21T02:00:00.000Z' },
    ],
    ['not a date', 'yesterday', undefined, 'ACTIVITY.BAD_RANGE'],
  ])('range %s', (_n, from, to, out) => {
    let got: { from: Date; to: Date } | null = null
    const code = codeOf(() => (got = exportRange(from, to, NOW)))
    if (typeof out === 'string') expect(code).toBe(out)
    else
      expect(
        got && {
          from: (got as { from: Date }).from.toISOString(),
          to: (got as { to: Date }).to.toISOString(),
        },
      ).toEqual(out)
  })

  it('writes a header and one row per line, by date then name, dates in Beijing time', () => {
    const line = (id: string, userId: string, date: string): HoursRecord => ({
      _id: id,
      userId,
      communityId: 'cm',
      activityId: id,
      title: `活动${id}`,
      team: '助老服务队',
      place: '服务站',
      date: new Date(date),
      hours: 2.5,
      points: 10,
      confirmedBy: 'admin',
      confirmedByName: '李管理员',
      organisation: '新华社区',
      confirmedAt: new Date(date),
    })
    const people = new Map([
      ['wang', { name: '王秀英', buildingName: '1号楼' }],
      ['li', { name: '李德明', buildingName: '2号楼' }],
    ])
    const rows = exportRows(
      [
        line('b', 'wang', '2026-03-01T01:00:00Z'),
        line('a', 'li', '2026-02-28T17:00:00Z'),
        line('c', 'gone', '2026-01-01T00:00:00Z'),
      ],
      people,
    )
    expect(rows[0]).toEqual([...EXPORT_COLUMNS])
    expect(rows.slice(1)).toEqual([
      ['', '', '活动c', '助老服务队', '服务站', '2026-01-01', 2.5, 10, '李管理员', '新华社区'],
      ['李德明', '2号楼', '活动a', '助老服务队', '服务站', '2026-03-01', 2.5, 10, '李管理员', '新华社区'],
      ['王秀英', '1号楼', '活动b', '助老服务队', '服务站', '2026-03-01', 2.5, 10, '李管理员', '新华社区'],
    ])
    expect(beijingDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01')
  })
})

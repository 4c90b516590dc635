/**
 * Pure rules of volunteer activities: what a publish form may hold, the check-in window, the phase
 * a list shows, the caller's moves, whether a sign-up / withdrawal / check-in / confirmation may
 * happen (or exactly why not), check-in codes, the export range and the export's rows.
 * The store (cloudfunctions/shared/repos/activities.ts) reads inside its transactions, asks these,
 * and writes what they answer.
 */
import { CommunityStaffRoles, homeCommunity, isCommunityStaff, placeIds } from '../access'
import { isoDay } from '../china-time'
import { DomainError, type ErrorCode } from '../errors'
import { defineMachine, NoMove } from '../machine'
import { CODE_ALPHABET } from '../org/invite-code'
import type { Actor } from '../roles'
import type { ActivityMove, SignupStatus } from './api'
import { ActivityErrors } from './errors'
import { HOLDS_SEAT, type ActivityRecord, type HoursRecord } from './model'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

export const ACTIVITY_RULES = {
  titleMax: 60,
  teamMax: 40,
  placeMax: 60,
  descriptionMax: 1000,
  reasonMax: 100,
  maxLengthHours: 24,
  /** A start a little in the past is "now" (the form was open a while). */
  graceMinutes: 5,
  capacityMin: 1,
  capacityMax: 500,
  pointsMax: 100,
  hoursMin: 0.5,
  hoursMax: 12,
  /** Check-in opens this long before the start and closes at the end. */
  checkinOpensMinutes: 30,
  /** Longest export range. */
  exportMaxDays: 366,
} as const

// ── Publish ──

export interface PublishInput {
  readonly title: string
  readonly team: string
  readonly description: string
  readonly place: string
  readonly startAt: string
  readonly endAt: string
  readonly capacity: number
  readonly points: number
  readonly hours?: number | undefined
}

export interface CheckedPublish {
  readonly title: string
  readonly team: string
  readonly description: string
  readonly place: string
  readonly startAt: Date
  readonly endAt: Date
  readonly capacity: number
  readonly points: number
  readonly hours: number
}

const badText = (what: string) => new DomainError(ActivityErrors.BAD_TEXT, what)

function textOf(value: string, max: number, label: string, required: boolean): string {
  const t = value.trim()
  if (required && !t) throw badText(`请填写${label}`)
  if ([...t].length > max) throw badText(`${label}不超过 ${max} 个字`)
  return t
}

/** An ISO date string as a Date, or null. */
export function parseDate(value: string | undefined): Date | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value.trim())) return null
  const ms = Date.parse(value.trim())
  return Number.isNaN(ms) ? null : new Date(ms)
}

/** The activity's length in hours, rounded to the nearest half hour, within 0.5–12. */
export function defaultHours(startAt: Date, endAt: Date): number {
  const halves = Math.round((endAt.getTime() - startAt.getTime()) / (HOUR / 2))
  return Math.min(Math.max(halves / 2, ACTIVITY_RULES.hoursMin), ACTIVITY_RULES.hoursMax)
}

export function isValidHours(hours: number): boolean {
  return (
    Number.isFinite(hours) &&
    hours >= ACTIVITY_RULES.hoursMin &&
    hours <= ACTIVITY_RULES.hoursMax &&
    Number.isInteger(hours * 2)
  )
}

/** The publish form as it will be stored, or the first reason it may not be (ACTIVITY.BAD_*). */
export function checkPublish(input: PublishInput, now: Date): CheckedPublish {
  const R = ACTIVITY_RULES
  const title = textOf(input.title, R.titleMax, '活动名称', true)
  const team = textOf(input.team, R.teamMax, '志愿服务队伍', true)
  const place = textOf(input.place, R.placeMax, '活动地点', true)
  const description = textOf(input.description, R.descriptionMax, '活动介绍', false)
  const startAt = parseDate(input.startAt)
  const endAt = parseDate(input.endAt)
  if (!startAt || !endAt || endAt.getTime() <= startAt.getTime()) {
    throw new DomainError(ActivityErrors.BAD_TIME, '结束时间应晚于开始时间')
  }
  if (endAt.getTime() - startAt.getTime() > R.maxLengthHours * HOUR) {
    throw new DomainError(ActivityErrors.BAD_TIME, `活动时长不能超过 ${R.maxLengthHours} 小时`)
  }
  if (startAt.getTime() < now.getTime() - R.graceMinutes * MINUTE) {
    throw new DomainError(ActivityErrors.BAD_TIME, '开始时间已经过去了，请重新选择')
  }
  const capacity = input.capacity
  if (!Number.isInteger(capacity) || capacity < R.capacityMin || capacity > R.capacityMax) {
    throw new DomainError(
      ActivityErrors.BAD_CAPACITY,
      `招募人数应为 ${R.capacityMin}–${R.capacityMax} 的整数`,
    )
  }
  if (!Number.isInteger(input.points) || input.points < 0 || input.points > R.pointsMax) {
    throw new DomainError(ActivityErrors.BAD_REWARD, `积分应为 0–${R.pointsMax} 的整数`)
  }
  const hours = input.hours ?? defaultHours(startAt, endAt)
  if (!isValidHours(hours)) {
    throw new DomainError(
      ActivityErrors.BAD_REWARD,
      `志愿时长应为 ${R.hoursMin}–${R.hoursMax} 小时，以半小时计`,
    )
  }
  return { title, team, description, place, startAt, endAt, capacity, points: input.points, hours }
}

/** A cancellation's reason, trimmed (required). */
export function checkReason(reason: string): string {
  return textOf(reason, ACTIVITY_RULES.reasonMax, '取消原因', true)
}

// ── Time, phase, moves ──

type Timing = Pick<ActivityRecord, 'startAt' | 'endAt'>
type Seats = Pick<ActivityRecord, 'capacity' | 'signedUp'>
type Phased = Timing & Seats & Pick<ActivityRecord, 'status'>

const ms = (d: Date) => new Date(d).getTime()

export function checkinWindow(a: Timing): { from: Date; to: Date } {
  return {
    from: new Date(ms(a.startAt) - ACTIVITY_RULES.checkinOpensMinutes * MINUTE),
    to: new Date(ms(a.endAt)),
  }
}

export function insideWindow(a: Timing, now: Date): boolean {
  const w = checkinWindow(a)
  return now.getTime() >= w.from.getTime() && now.getTime() <= w.to.getTime()
}

export const hasStarted = (a: Timing, now: Date) => now.getTime() >= ms(a.startAt)
export const hasEnded = (a: Timing, now: Date) => now.getTime() >= ms(a.endAt)
export const seatsLeft = (a: Seats) => Math.max(a.capacity - a.signedUp, 0)

/** 报名中 / 已满员 / 进行中 / 已结束 / 已取消 for the caller's clock. */
export function phaseLabel(a: Phased, now: Date): string {
  if (a.status === 'cancelled') return '已取消'
  if (hasEnded(a, now)) return '已结束'
  if (hasStarted(a, now)) return '进行中'
  return seatsLeft(a) <= 0 ? '已满员' : '报名中'
}

export const holdsSeat = (s: SignupStatus | null | undefined): boolean => !!s && HOLDS_SEAT.includes(s)

/** How the caller relates to an activity's community. */
export interface Standing {
  /** A resident of the activity's community. */
  readonly resident: boolean
  /** Its community admin or a grid worker of a grid in it. */
  readonly staff: boolean
}

// ── The sign-up and check-in machine ──

/** Where the caller's own sign-up stands: `none` before their first sign-up. */
export const SignupStates = ['none', 'signed', 'withdrawn', 'checked_in', 'confirmed'] as const
export type SignupState = (typeof SignupStates)[number]
export type SignupParty = 'resident' | 'staff'
/** The detail's buttons, and `confirm`: staff confirm a checked-in resident's attendance (manage page). */
export type SignupMove = ActivityMove | 'confirm'
export interface SignupContext {
  readonly a: Phased
  readonly now: Date
}
/**
 * `take_seat` / `free_seat`: the move changes the activity's `signedUp` count, in the same write;
 * `pay`: the activity's points go to the resident (ledger) with the confirmation.
 */
export type SignupEffect = 'take_seat' | 'free_seat' | 'pay'

/** A cancelled activity takes no move of a resident. */
const live = ({ a }: SignupContext) => a.status !== 'cancelled' || ActivityErrors.CANCELLED
const notStarted = ({ a, now }: SignupContext) => !hasStarted(a, now) || ActivityErrors.STARTED
const seatFree = ({ a }: SignupContext) => seatsLeft(a) > 0 || ActivityErrors.FULL
const inWindow = ({ a, now }: SignupContext) => insideWindow(a, now) || ActivityErrors.OUTSIDE_WINDOW
/** The first guard that refuses, or true. */
const all =
  (...guards: readonly ((c: SignupContext) => true | string)[]) =>
  (c: SignupContext): true | string => {
    for (const g of guards) {
      const verdict = g(c)
      if (verdict !== true) return verdict
    }
    return true
  }

/**
 * The resident's own sign-up AS DATA (core/machine.ts):
 *
 *   none/withdrawn ─signup (before the start, a seat free)→ signed          take_seat
 *   signed ─withdraw (before the start)→ withdrawn                          free_seat
 *   signed ─checkin (inside the window)→ checked_in
 *   none/withdrawn ─checkin (inside the window, a seat free: walk-in)→ checked_in   take_seat
 *   checked_in ─confirm (staff)→ confirmed                                  pay
 *   any ─manage (staff of the community)→ the same (the manage page)
 *
 * Every move of a resident needs the activity live (not cancelled). The detail's buttons
 * (`movesFor`) and the deciders below are both answered by this table.
 */
export const signupMachine = defineMachine<SignupState, SignupMove, SignupParty, SignupContext, SignupEffect>(
  {
    states: SignupStates,
    moves: ['signup', 'withdraw', 'checkin', 'confirm', 'manage'],
    parties: ['resident', 'staff'],
    rows: [
      {
        move: 'signup',
        from: ['none', 'withdrawn'],
        to: 'signed',
        parties: ['resident'],
        when: all(live, notStarted, seatFree),
        effects: ['take_seat'],
      },
      {
        move: 'withdraw',
        from: ['signed'],
        to: 'withdrawn',
        parties: ['resident'],
        when: all(live, notStarted),
        effects: ['free_seat'],
      },
      {
        move: 'checkin',
        from: ['signed'],
        to: 'checked_in',
        parties: ['resident'],
        when: all(live, inWindow),
      },
      {
        move: 'checkin',
        from: ['none', 'withdrawn'],
        to: 'checked_in',
        parties: ['resident'],
        when: all(live, inWindow, seatFree),
        effects: ['take_seat'],
      },
      { move: 'confirm', from: ['checked_in'], to: 'confirmed', parties: ['staff'], effects: ['pay'] },
      ...SignupStates.map((s) => ({
        move: 'manage' as const,
        from: [s],
        to: s,
        parties: ['staff' as const],
      })),
    ],
  },
)

const stateOf = (mine: SignupStatus | null): SignupState => mine ?? 'none'

/** The detail page's buttons for the caller now. */
export function movesFor(a: Phased, mine: SignupStatus | null, who: Standing, now: Date): ActivityMove[] {
  const parties: SignupParty[] = [
    ...(who.resident ? ['resident' as const] : []),
    ...(who.staff ? ['staff' as const] : []),
  ]
  // `confirm` is made on another resident's sign-up, from the manage page: never a detail button.
  return signupMachine.movesFor(stateOf(mine), parties, { a, now }).filter((m) => m !== 'confirm')
}

type Messages = Partial<Record<string, string>>
const CANCELLED_MESSAGE = '活动已取消'

/** A resident's move by the machine, or the DomainError of its refusal (`none`: no row from here). */
function residentMove(
  move: ActivityMove,
  a: Phased,
  mine: SignupStatus | null,
  now: Date,
  messages: Messages,
): { ok: true; effects: readonly SignupEffect[] } | { ok: false; none: true } {
  const step = signupMachine.next(stateOf(mine), move, 'resident', { a, now })
  if (step.ok) return { ok: true, effects: step.effects }
  if (step.code === NoMove) {
    // Not a move from the caller's sign-up; a cancelled activity says so first.
    if (live({ a, now }) !== true) throw new DomainError(ActivityErrors.CANCELLED, CANCELLED_MESSAGE)
    return { ok: false, none: true }
  }
  const code = step.code as ErrorCode
  throw new DomainError(code, messages[code] ?? CANCELLED_MESSAGE)
}

/**
 * The activity's `signedUp` after a move with these effects (the machine's `take_seat` /
 * `free_seat`): what the store writes in the move's transaction.
 */
export function seatsAfter(a: Pick<Seats, 'signedUp'>, effects: readonly SignupEffect[]): number {
  const delta =
    effects.filter((e) => e === 'take_seat').length - effects.filter((e) => e === 'free_seat').length
  return Math.max(a.signedUp + delta, 0)
}

/** A sign-up attempt: `again` answers the existing one; otherwise the row's effects (a seat taken). */
export function signupStep(
  a: Phased,
  mine: SignupStatus | null,
  now: Date,
): { again: true } | { again: false; effects: readonly SignupEffect[] } {
  const r = residentMove('signup', a, mine, now, {
    [ActivityErrors.STARTED]: '活动已开始，不能再报名',
    [ActivityErrors.FULL]: '名额已满',
  })
  // No sign-up from a seat-holding sign-up: it is the same one.
  return r.ok ? { again: false, effects: r.effects } : { again: true }
}

/** What a sign-up attempt does: `new` writes it, `again` answers the existing one. */
export function decideSignup(a: Phased, mine: SignupStatus | null, now: Date): 'new' | 'again' {
  return signupStep(a, mine, now).again ? 'again' : 'new'
}

/** A withdrawal allowed now, with its row's effects (the seat freed); refusals throw. */
export function decideWithdraw(a: Phased, mine: SignupStatus | null, now: Date): readonly SignupEffect[] {
  const r = residentMove('withdraw', a, mine, now, {
    [ActivityErrors.STARTED]: '活动已开始，不能取消报名',
  })
  if (r.ok) return r.effects
  if (mine === 'checked_in' || mine === 'confirmed')
    throw new DomainError(ActivityErrors.ALREADY_CHECKED_IN, '已签到，不能取消报名')
  throw new DomainError(ActivityErrors.NOT_SIGNED_UP, '您还没有报名')
}

/** A check-in: `walkIn` when the resident was not signed up (its row takes a seat now), with the row's effects. */
export function decideCheckin(
  a: Phased,
  mine: SignupStatus | null,
  now: Date,
): { walkIn: boolean; effects: readonly SignupEffect[] } {
  const r = residentMove('checkin', a, mine, now, {
    [ActivityErrors.OUTSIDE_WINDOW]: '不在签到时间内',
    [ActivityErrors.FULL]: '名额已满',
  })
  if (!r.ok) throw new DomainError(ActivityErrors.ALREADY_CHECKED_IN, '您已签到')
  return { walkIn: r.effects.includes('take_seat'), effects: r.effects }
}

/**
 * Confirming one resident's attendance: pay (the machine's `confirm` row, whose effect is `pay`),
 * already paid, or skipped with why.
 */
export function confirmVerdict(mine: SignupStatus | null): 'pay' | 'already' | { skip: string } {
  if (signupMachine.target(stateOf(mine), 'confirm', 'staff')) return 'pay'
  if (mine === 'confirmed') return 'already'
  if (mine === 'signed') return { skip: '未签到' }
  if (mine === 'withdrawn') return { skip: '已取消报名' }
  return { skip: '未报名' }
}

/** Cancelling: only a published activity that has not started. `again` for an already cancelled one. */
export function decideCancel(a: Phased, now: Date): 'cancel' | 'again' {
  if (a.status === 'cancelled') return 'again'
  if (hasStarted(a, now)) throw new DomainError(ActivityErrors.STARTED, '活动已开始，不能取消')
  return 'cancel'
}

// ── Scope ──

export function standingOf(actor: Actor, communityId: string): Standing {
  return { resident: homeCommunity(actor) === communityId, staff: isCommunityStaff(actor, communityId) }
}

/** Communities whose activities the caller's lists show: their home and those they work for. */
export function listCommunities(actor: Actor): string[] {
  return placeIds(actor, ['resident', ...CommunityStaffRoles], 'community')
}

// ── Check-in codes ──

export const CHECKIN_CODE_LENGTH = 6
const CHECKIN_CODE = new RegExp(`^[${CODE_ALPHABET}]{${CHECKIN_CODE_LENGTH}}$`)

/** A check-in code from random bytes (crypto on the server, fixed in tests). */
export function checkinCodeFromBytes(bytes: ArrayLike<number>): string {
  if (bytes.length < CHECKIN_CODE_LENGTH) throw new Error(`need ${CHECKIN_CODE_LENGTH} random bytes`)
  let out = ''
  for (let i = 0; i < CHECKIN_CODE_LENGTH; i += 1)
    out += CODE_ALPHABET[(bytes[i] ?? 0) % CODE_ALPHABET.length]
  return out
}

export function isCheckinCode(value: string): boolean {
  return CHECKIN_CODE.test(value)
}

export function checkinScene(code: string): string {
  if (!isCheckinCode(code)) throw new Error(`not a check-in code: ${code}`)
  return `c=${code}`
}

function decodeAll(value: string): string | null {
  let out = value
  for (let i = 0; i < 3 && /%[0-9a-f]{2}/i.test(out); i += 1) {
    try {
      out = decodeURIComponent(out)
    } catch {
      return null
    }
  }
  return out
}

/**
 * The code in whatever a scan or a keyboard gives: `ABC234`, `c=ABC234`, `c%3DABC234`, a page path
 * with `?scene=c%3DABC234`, in any case, with spaces. Null when it is none of ours.
 */
export function parseCheckinInput(raw: string): string | null {
  let s = decodeAll(raw.trim())
  if (s === null) return null
  const query = s.indexOf('?')
  if (query >= 0) {
    const params = s.slice(query + 1).split('&')
    const scene = params.map((p) => /^scene=(.*)$/i.exec(p)?.[1]).find((v) => v !== undefined)
    if (scene === undefined) return null
    s = decodeAll(scene)
    if (s === null) return null
  }
  s = s.replace(/\s+/g, '')
  const match = /^(?:c=)?([0-9a-z]+)$/i.exec(s)
  const code = match?.[1]?.toUpperCase()
  return code && isCheckinCode(code) ? code : null
}

// ── Hours record and export ──

/** Total hours of the lines (half-hour values: exact in floating point). */
export function totalHours(lines: readonly { readonly hours: number }[]): number {
  return lines.reduce((sum, l) => sum + l.hours, 0)
}

/** A bare date (`2026-11-21`) is a Beijing day: its first or last millisecond; anything else as parseDate. */
function rangeDate(value: string, side: 'start' | 'end'): Date | null {
  const day = /^(\d{4}-\d{2}-\d{2})$/.exec(value.trim())?.[1]
  if (!day) return parseDate(value)
  const start = parseDate(`${day}T00:00:00+08:00`)
  return start && side === 'end' ? new Date(start.getTime() + DAY - 1) : start
}

/** The export's range: default the last 12 months up to now; ACTIVITY.BAD_RANGE otherwise. */
export function exportRange(
  from: string | undefined,
  to: string | undefined,
  now: Date,
): { from: Date; to: Date } {
  const end = to === undefined ? now : rangeDate(to, 'end')
  let start: Date | null
  if (from === undefined) {
    start = end ? new Date(end) : null
    start?.setUTCFullYear(start.getUTCFullYear() - 1)
  } else {
    start = rangeDate(from, 'start')
  }
  if (!start || !end) throw new DomainError(ActivityErrors.BAD_RANGE, '日期格式不正确')
  if (start.getTime() > end.getTime())
    throw new DomainError(ActivityErrors.BAD_RANGE, '开始日期不能晚于结束日期')
  if (end.getTime() - start.getTime() > ACTIVITY_RULES.exportMaxDays * DAY) {
    throw new DomainError(ActivityErrors.BAD_RANGE, `一次最多导出 ${ACTIVITY_RULES.exportMaxDays} 天`)
  }
  return { from: start, to: end }
}

/** `2026-11-21`, Beijing date. */
export const beijingDate = (at: Date): string => isoDay(at)

export const EXPORT_COLUMNS = [
  '姓名',
  '所在楼栋',
  '活动名称',
  '志愿服务队伍',
  '服务地点',
  '服务日期',
  '服务时长（小时）',
  '获得积分',
  '确认人',
  '记录单位',
] as const

/** The export sheet: header, then one row per record (by service date, then name). */
export function exportRows(
  records: readonly HoursRecord[],
  people: ReadonlyMap<string, { readonly name: string; readonly buildingName: string }>,
): (string | number)[][] {
  const rows = records.map((r) => {
    const p = people.get(r.userId)
    return {
      at: new Date(r.date).getTime(),
      row: [
        p?.name ?? '',
        p?.buildingName ?? '',
        r.title,
        r.team,
        r.place,
        beijingDate(r.date),
        r.hours,
        r.points,
        r.confirmedByName,
        r.organisation,
      ],
    }
  })
  rows.sort((a, b) => a.at - b.at || String(a.row[0]).localeCompare(String(b.row[0]), 'zh-CN'))
  return [[...EXPORT_COLUMNS], ...rows.map((r) => r.row)]
}

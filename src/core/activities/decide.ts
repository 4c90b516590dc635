/**
 * The deciders of volunteer activities: whether a sign-up, withdrawal, check-in, confirmation or
 * cancellation may happen now (or exactly why not), each answered by the sign-up machine's rows
 * (./machine.ts), with the seats a move's effects leave.
 */
import { DomainError, type ErrorCode } from '../errors'
import { NoMove } from '../machine'
import type { ActivityMove, SignupStatus } from './api'
import { ActivityErrors } from './errors'
import { live, signupMachine, stateOf, type SignupEffect } from './machine'
import { hasStarted, type Phased, type Seats } from './timing'

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

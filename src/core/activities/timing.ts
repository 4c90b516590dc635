/**
 * An activity against the clock: its check-in window, whether it has started or ended, the seats
 * left, and the phase a list shows.
 */
import type { SignupStatus } from './api'
import { ACTIVITY_RULES, MINUTE } from './limits'
import { HOLDS_SEAT, type ActivityRecord } from './model'

export type Timing = Pick<ActivityRecord, 'startAt' | 'endAt'>
export type Seats = Pick<ActivityRecord, 'capacity' | 'signedUp'>
export type Phased = Timing & Seats & Pick<ActivityRecord, 'status'>

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

/**
 * Time-window rules for an errand (instants; China-time display is china-time.ts): it starts no earlier than a few minutes ago and within a
 * week, ends after it starts, lasts at least 15 minutes and at most 12 hours.
 */
import { DomainError } from '../errors'
import { ErrandErrors } from './errors'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

export const WINDOW_RULES = {
  /** A start a little in the past is "now" (the form was open a while). */
  graceMinutes: 5,
  minMinutes: 15,
  maxHours: 12,
  maxDaysAhead: 7,
} as const

/** The window as dates, or the reason it is not acceptable. */
export function checkWindow(startIso: string, endIso: string, now: Date): { start: Date; end: Date } {
  const start = Date.parse(startIso)
  const end = Date.parse(endIso)
  if (Number.isNaN(start) || Number.isNaN(end) || !(end > start)) {
    throw new DomainError(ErrandErrors.WINDOW_INVALID, '结束时间应晚于开始时间')
  }
  const t = now.getTime()
  if (start < t - WINDOW_RULES.graceMinutes * MINUTE) {
    throw new DomainError(ErrandErrors.WINDOW_PAST, '开始时间已经过去了，请重新选择')
  }
  if (start > t + WINDOW_RULES.maxDaysAhead * DAY) {
    throw new DomainError(ErrandErrors.WINDOW_TOO_FAR, `只能发布 ${WINDOW_RULES.maxDaysAhead} 天内的互助`)
  }
  const minutes = (end - start) / MINUTE
  if (minutes < WINDOW_RULES.minMinutes)
    throw new DomainError(ErrandErrors.WINDOW_TOO_SHORT, `时间段至少 ${WINDOW_RULES.minMinutes} 分钟`)
  if (minutes > WINDOW_RULES.maxHours * 60)
    throw new DomainError(ErrandErrors.WINDOW_TOO_LONG, `时间段不能超过 ${WINDOW_RULES.maxHours} 小时`)
  return { start: new Date(start), end: new Date(end) }
}

/** Has an open errand's window ended (the sweep expires it)? */
export function isOverdue(windowEnd: Date, now: Date): boolean {
  return now.getTime() >= new Date(windowEnd).getTime()
}

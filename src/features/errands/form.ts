import { chinaDay, chinaWall } from '@core/china-time'
import type { ApiInput } from '@core/api'
import { ErrandErrors } from '@core/errands/errors'
import type { ErrandType } from '@core/errands/model'
import { checkPostText } from '@core/errands/decide'
import { checkWindow, WINDOW_RULES } from '@core/errands/window'
import { isDomainError } from '@core/errors'
import { errorCopy } from '../../services/error-copy'

/** The post form as typed: day and times in China time (what the pickers show). */
export interface PostDraft {
  readonly type: ErrandType | null
  readonly text: string
  /** YYYY-MM-DD */
  readonly date: string
  /** HH:mm */
  readonly start: string
  readonly end: string
  /** 我家 (or empty) = the household; anything else is the requester's own words. */
  readonly meetingPoint: string
  readonly note: string
}

export const HOME = '我家'
const HOUR = 3600_000
const two = (n: number) => String(n).padStart(2, '0')
/** Date and time fields of a China wall-clock Date (`chinaWall`). */
const day = (d: Date) => d.toISOString().slice(0, 10)
const clock = (d: Date) => `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`

export { chinaDay }

/** A window to start from: the next half hour after 30 minutes from now, for two hours (same day). */
export function defaultWindow(now: Date): Pick<PostDraft, 'date' | 'start' | 'end'> {
  const half = 30 * 60_000
  const start = chinaWall(Math.ceil((now.getTime() + half) / half) * half)
  const endAt = new Date(Math.min(start.getTime() + 2 * HOUR, Date.parse(`${day(start)}T23:59:00Z`)))
  return { date: day(start), start: clock(start), end: clock(endAt) }
}

/** The instant of a China day and time, as an ISO string. */
export function isoOf(date: string, time: string): string {
  const t = Date.parse(`${date}T${time}:00+08:00`)
  return Number.isNaN(t) ? '' : new Date(t).toISOString()
}

/** The first thing wrong with a post, as copy to show; null when it may be sent (the function checks again). */
export function postProblem(d: PostDraft, now: Date, trustedCount: number): string | null {
  if (!d.type) return '请选择要帮什么忙'
  try {
    checkPostText(d.text, d.note)
    checkWindow(isoOf(d.date, d.start), isoOf(d.date, d.end), now)
  } catch (e) {
    if (isDomainError(e)) return e.message || errorCopy(e.code)
    throw e
  }
  if ([...d.meetingPoint.trim()].length > 60) return '见面地点不超过 60 个字'
  if (d.type === 'child_pickup' && trustedCount === 0) return errorCopy(ErrandErrors.NO_TRUSTED_HELPERS)
  return null
}

/** errand.post's input: the household is the default meeting point (omitted), an empty note is omitted. */
export function postInput(
  d: PostDraft & { readonly type: ErrandType },
  requestId: string,
): ApiInput<'errand.post'> {
  const place = d.meetingPoint.trim()
  return {
    requestId,
    type: d.type,
    text: d.text.trim(),
    windowStart: isoOf(d.date, d.start),
    windowEnd: isoOf(d.date, d.end),
    ...(d.note.trim() ? { note: d.note.trim() } : {}),
    ...(place && place !== HOME ? { meetingPoint: place } : {}),
  }
}

export const MAX_DAYS_AHEAD = WINDOW_RULES.maxDaysAhead

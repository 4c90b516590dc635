/**
 * China wall-clock time (UTC+8, no daylight saving) for display and day arithmetic, whatever zone
 * the phone, the browser or the server is in: an instant is shifted by eight hours and its fields
 * are read with `getUTC*`.
 */
export const CHINA_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 24 * 3_600_000
const two = (n: number) => String(n).padStart(2, '0')

/** The instant as China's wall clock (read its fields with getUTC*). */
export const chinaWall = (at: string | number | Date): Date =>
  new Date(new Date(at).getTime() + CHINA_OFFSET_MS)

/** `YYYY-MM-DD` of a day in China, `plus` days after `now`. */
export function chinaDay(now: Date, plus = 0): string {
  return chinaWall(now.getTime() + plus * DAY_MS)
    .toISOString()
    .slice(0, 10)
}

/** `09:05` */
export function clock(at: string | Date): string {
  const d = chinaWall(at)
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`
}

/** `2026年11月23日` */
export function fullDate(at: string | Date): string {
  const d = chinaWall(at)
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
}

/** `11月23日`; with the year (`2028年10月26日`) when that is not this year in China. */
export function monthDay(at: string | Date, now: Date = new Date()): string {
  const d = chinaWall(at)
  if (d.getUTCFullYear() !== chinaWall(now).getUTCFullYear()) return fullDate(at)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
}

/** `11月23日 09:05` (the year too when it is not this year). */
export function shortTime(at: string | Date, now: Date = new Date()): string {
  return `${monthDay(at, now)} ${clock(at)}`
}

/** `11月23日 09:00–11:00`, or both ends in full when the span crosses midnight. */
export function spanText(start: string | Date, end: string | Date, now: Date = new Date()): string {
  const sameDay = chinaDay(new Date(start)) === chinaDay(new Date(end))
  return sameDay
    ? `${shortTime(start, now)}–${clock(end)}`
    : `${shortTime(start, now)} – ${shortTime(end, now)}`
}

/** `2026-11-21 09:05` (subscribe messages, exports: fixed width, always with the year). */
export function stamp(at: string | number | Date): string {
  const d = chinaWall(at)
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`
}

/** `2026-11-21`, the China day of an instant. */
export const isoDay = (at: string | number | Date): string => chinaDay(new Date(at))

/**
 * A length of time as a person reads it: under an hour in minutes (`1 分钟`, `45 分钟`, `不到 1 分钟`),
 * then hours to one decimal (`1.5 小时`); `—` when there is nothing to average.
 */
export function duration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '—'
  const minutes = Math.round(ms / 60_000)
  if (minutes < 1) return '不到 1 分钟'
  if (minutes < 60) return `${minutes} 分钟`
  return `${Math.round(ms / 360_000) / 10} 小时`
}

/** `duration` of a number of hours (the rates carry hours). */
export const hoursDuration = (hours: number | null): string =>
  duration(hours === null ? null : hours * 3_600_000)

/** A stored instant as the ISO string an answer carries, or null when there is none. */
export const isoOrNull = (at: Date | string | null | undefined): string | null =>
  at ? new Date(at).toISOString() : null

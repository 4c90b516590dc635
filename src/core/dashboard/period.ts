/**
 * The period a dashboard shows, in China days: this week (from Monday), this month, this quarter, or
 * custom (at most a year, not past today). Days are `YYYY-MM-DD` and both ends are included.
 */
import { chinaDay } from '../china-time'
import { DomainError } from '../errors'
import { DashboardErrors } from './errors'

export const PeriodPresets = ['week', 'month', 'quarter', 'custom'] as const
export type PeriodPreset = (typeof PeriodPresets)[number]

export const PresetLabel: Readonly<Record<PeriodPreset, string>> = {
  week: '本周',
  month: '本月',
  quarter: '本季度',
  custom: '自定义',
}

export interface Period {
  readonly preset: PeriodPreset
  readonly from: string
  readonly to: string
}

/** The longest custom period, in days. */
export const MAX_PERIOD_DAYS = 366
const DAY_MS = 86_400_000

const dayMs = (day: string): number => Date.parse(`${day}T00:00:00Z`)
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10)
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/

/** A real calendar day (`2026-02-30` is not). */
export const isDay = (s: string): boolean => DAY_RE.test(s) && dayOf(dayMs(s)) === s

/** Days from `from` to `to`, both included (1 for a single day). */
export const daysIn = (from: string, to: string): number => Math.round((dayMs(to) - dayMs(from)) / DAY_MS) + 1

/** The day `n` days after `day`. */
export const addDays = (day: string, n: number): string => dayOf(dayMs(day) + n * DAY_MS)

/** The Monday of the week of `day` (weeks start on Monday in China). */
export function mondayOf(day: string): string {
  const weekday = (new Date(dayMs(day)).getUTCDay() + 6) % 7
  return addDays(day, -weekday)
}

/** The period of a preset as of `now` (China time), or a custom one checked (DASHBOARD.BAD_PERIOD). */
export function periodOf(preset: PeriodPreset, now: Date, custom?: { from?: string; to?: string }): Period {
  const today = chinaDay(now)
  const [y, m] = today.split('-').map(Number) as [number, number]
  const two = (n: number) => String(n).padStart(2, '0')
  switch (preset) {
    case 'week':
      return { preset, from: mondayOf(today), to: today }
    case 'month':
      return { preset, from: `${y}-${two(m)}-01`, to: today }
    case 'quarter':
      return { preset, from: `${y}-${two(m - ((m - 1) % 3))}-01`, to: today }
    case 'custom': {
      const from = custom?.from ?? ''
      const to = custom?.to ?? ''
      const ok = isDay(from) && isDay(to) && from <= to && to <= today && daysIn(from, to) <= MAX_PERIOD_DAYS
      if (!ok)
        throw new DomainError(
          DashboardErrors.BAD_PERIOD,
          '时间范围有误：开始不晚于结束，不晚于今天，最长一年',
        )
      return { preset, from, to }
    }
  }
}

/** `12月1日–12月7日`, with the years when the period is not within one year. */
export function periodText(p: Pick<Period, 'from' | 'to'>): string {
  const [fy, fm, fd] = p.from.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = p.to.split('-').map(Number) as [number, number, number]
  if (fy !== ty) return `${fy}年${fm}月${fd}日–${ty}年${tm}月${td}日`
  return p.from === p.to ? `${fm}月${fd}日` : `${fm}月${fd}日–${tm}月${td}日`
}

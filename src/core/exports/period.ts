/**
 * The period of an export: whole China days, `from` and `to` both included (`YYYY-MM-DD`), at most a
 * year; and the presets the page offers (this week, this month, this quarter, each up to today).
 */
import { CHINA_OFFSET_MS } from '../china-time'
import { periodOf as dashboardPeriod } from '../dashboard/period'
import { DomainError } from '../errors'
import { ExportErrors } from './errors'

const DAY_MS = 24 * 3_600_000
/** The longest period one file covers: a year (a leap year's 366 days). */
export const EXPORT_MAX_DAYS = 366

export interface Period {
  /** The first instant of the first day (China midnight). */
  readonly from: Date
  /** The first instant after the last day (exclusive). */
  readonly until: Date
  readonly fromDay: string
  readonly toDay: string
}

/** China midnight of a `YYYY-MM-DD` day, or null when it is not a real date. */
function dayStart(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const utc = Date.UTC(y, mo - 1, d)
  const back = new Date(utc)
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null
  return new Date(utc - CHINA_OFFSET_MS)
}

/** The period of two China days; EXPORT.BAD_DATE, EXPORT.BAD_PERIOD or EXPORT.PERIOD_TOO_LONG otherwise. */
export function periodOf(fromDay: string, toDay: string): Period {
  const from = dayStart(fromDay)
  const to = dayStart(toDay)
  if (!from || !to) throw new DomainError(ExportErrors.BAD_DATE, '日期格式不正确，应为 年-月-日')
  if (from.getTime() > to.getTime())
    throw new DomainError(ExportErrors.BAD_PERIOD, '开始日期不能晚于结束日期')
  const days = Math.round((to.getTime() - from.getTime()) / DAY_MS) + 1
  if (days > EXPORT_MAX_DAYS)
    throw new DomainError(ExportErrors.PERIOD_TOO_LONG, '一次最多导出一年的数据，请缩短时间范围')
  return { from, until: new Date(to.getTime() + DAY_MS), fromDay, toDay }
}

export const Presets = ['week', 'month', 'quarter'] as const
export type Preset = (typeof Presets)[number]
export const PresetLabel: Readonly<Record<Preset, string>> = {
  week: '本周',
  month: '本月',
  quarter: '本季度',
}

/** This week (from Monday), month or quarter in China, up to today: the dashboards' own periods. */
export function presetPeriod(preset: Preset, now: Date): { from: string; to: string } {
  const { from, to } = dashboardPeriod(preset, now)
  return { from, to }
}

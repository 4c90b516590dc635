/** The volunteer hours record and its export: the total, the export's range and its rows. */
import { isoDay } from '../china-time'
import { DomainError } from '../errors'
import { ActivityErrors } from './errors'
import { ACTIVITY_RULES, DAY } from './limits'
import type { HoursRecord } from './model'
import { parseDate } from './publish'

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

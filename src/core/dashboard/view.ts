/**
 * A dashboard from its counters (pure): the per-day buckets of a scope's grids (./days.ts) folded
 * into the period's rates, categories, statuses, funnel, league table and an eight-week trend, and
 * the grades, sorting and sentences the page shows.
 */
import { StatsFields, ratesOf, type StatsCounters } from '../orders/metrics'
import type { OrderRates } from '../orders/api'
import { StatusLabel, TierLabel } from '../orders/messages'
import { OrderStatuses, Tiers } from '../orders/model'
import type { WishStats } from '../wishes/stats'
import type {
  CountRow,
  DashboardView,
  DeliberationFigures,
  HelperFigures,
  LeagueRow,
  TrendWeek,
  WishTotals,
} from './api'
import type { DayDoc } from './days'
import { addDays, mondayOf, periodText, type Period } from './period'

/** Weeks in the trend. */
export const TREND_WEEKS = 8

/** The first day a dashboard of this period reads: the period's start or the trend's, whichever is earlier. */
export function readFrom(p: Pick<Period, 'from' | 'to'>): string {
  const trendFrom = addDays(mondayOf(p.to), -7 * (TREND_WEEKS - 1))
  return trendFrom < p.from ? trendFrom : p.from
}

type Bag = Record<string, number>
const num = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) ? x : 0)
const orderPart = (d: DayDoc): Readonly<Record<string, unknown>> => d.o ?? {}
const part = (d: DayDoc, ns: 'e' | 'a' | 'p' | 't'): Readonly<Record<string, unknown>> => d[ns] ?? {}
const sub = (d: DayDoc, key: string): Readonly<Record<string, unknown>> => {
  const x = orderPart(d)[key]
  return x && typeof x === 'object' ? (x as Record<string, unknown>) : {}
}

function addInto(bag: Bag, from: Readonly<Record<string, unknown>>): void {
  for (const [k, n] of Object.entries(from)) bag[k] = (bag[k] ?? 0) + num(n)
}

function countersOf(days: readonly DayDoc[]): StatsCounters {
  const c: Bag = {}
  for (const d of days) for (const f of StatsFields) c[f] = (c[f] ?? 0) + num(orderPart(d)[f])
  return c as StatsCounters
}

export interface DashboardInput {
  readonly level: 'grid' | 'community' | 'street'
  readonly id: string
  readonly name: string
  readonly period: Period
  /** The grids of the scope (every one gets a league row, with or without orders). */
  readonly grids: readonly Omit<LeagueRow, 'rates'>[]
  /** The scope's day buckets from `readFrom(period)` to the period's end. */
  readonly days: readonly DayDoc[]
  /** A category's name from its key (community-added categories included). */
  readonly categoryName: (key: string) => string
  readonly wishes: Partial<WishStats> | null
}

export function dashboardOf(input: DashboardInput): DashboardView {
  const { period } = input
  const inPeriod = input.days.filter((d) => d.day >= period.from && d.day <= period.to)
  const cats: Bag = {}
  const statuses: Bag = {}
  const tiers: Bag = {}
  for (const d of inPeriod) {
    addInto(cats, sub(d, 'cat'))
    addInto(statuses, sub(d, 'status'))
    addInto(tiers, sub(d, 'tier'))
  }
  const byGrid = gridCounters(inPeriod)
  return {
    level: input.level,
    id: input.id,
    name: input.name,
    period,
    rates: ratesOf(countersOf(inPeriod)),
    byCategory: Object.entries(cats)
      .filter(([, n]) => n > 0)
      .map(([key, count]) => ({ key, label: input.categoryName(key), count }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'zh-CN')),
    byStatus: OrderStatuses.map((s) => ({ key: s, label: StatusLabel[s], count: statuses[s] ?? 0 })),
    funnel: Tiers.map((t) => ({ key: t, label: TierLabel[t], count: tiers[t] ?? 0 })),
    trend: trendOf(input.days, period.to),
    league: input.grids
      .map((g) => ({ ...g, rates: ratesOf(byGrid.get(g.id)) }))
      .sort(
        (a, b) =>
          (a.community ?? '').localeCompare(b.community ?? '', 'zh-CN', { numeric: true }) ||
          a.name.localeCompare(b.name, 'zh-CN', { numeric: true }),
      ),
    helpers: helpersOf(inPeriod),
    deliberation: deliberationOf(inPeriod),
    wishes: wishTotals(input.wishes),
  }
}

/** The helpers' and volunteers' figures of the period's buckets. */
export function helpersOf(days: readonly DayDoc[]): HelperFigures {
  const sum = (ns: 'e' | 'a' | 'p', f: string) => days.reduce((s, d) => s + num(part(d, ns)[f]), 0)
  const people = new Set<string>()
  for (const d of days)
    for (const ns of ['e', 'a'] as const) {
      const p = part(d, ns).people
      if (p && typeof p === 'object')
        for (const [k, n] of Object.entries(p as Record<string, unknown>)) if (num(n) > 0) people.add(k)
    }
  return {
    errandsPosted: sum('e', 'posted'),
    errandsAccepted: sum('e', 'accepted'),
    errandsConfirmed: sum('e', 'confirmed'),
    activitiesHeld: sum('a', 'held'),
    attendances: sum('a', 'attended'),
    volunteerHours: Math.round(sum('a', 'hours') * 10) / 10,
    activeHelpers: people.size,
    pointsIssued: sum('p', 'issued'),
    pointsSpent: sum('p', 'spent'),
  }
}

/** Each grid's order counters summed over the days given (a community's own buckets have none). */
export function gridCounters(days: readonly DayDoc[]): Map<string, StatsCounters> {
  const byGrid = new Map<string, DayDoc[]>()
  for (const d of days) if (d.gridId) byGrid.set(d.gridId, [...(byGrid.get(d.gridId) ?? []), d])
  return new Map([...byGrid].map(([id, list]) => [id, countersOf(list)]))
}

/** Received and answered per week, for the TREND_WEEKS weeks up to the week of `to`. */
export function trendOf(days: readonly DayDoc[], to: string): TrendWeek[] {
  const last = mondayOf(to)
  const weeks = Array.from({ length: TREND_WEEKS }, (_, i) => addDays(last, -7 * (TREND_WEEKS - 1 - i)))
  const received: Bag = {}
  const answered: Bag = {}
  for (const d of days) {
    if (d.day > to) continue
    const w = mondayOf(d.day)
    received[w] = (received[w] ?? 0) + num(orderPart(d).received)
    answered[w] = (answered[w] ?? 0) + num(orderPart(d).answered)
  }
  return weeks.map((from) => {
    const [, m, dd] = from.split('-').map(Number) as [number, number, number]
    return { from, label: `${m}/${dd}`, received: received[from] ?? 0, answered: answered[from] ?? 0 }
  })
}

/** The deliberation's figures of the period's buckets. */
export function deliberationOf(days: readonly DayDoc[]): DeliberationFigures {
  const t = (f: string) => days.reduce((s, d) => s + num(part(d, 't')[f]), 0)
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null)
  return {
    topicsRaised: t('raised'),
    topicsConfirmed: t('confirmed'),
    topicsDecided: t('decided'),
    topicsDone: t('done'),
    topicsEvaluated: t('evaluated'),
    voteParticipation: ratio(t('participated'), t('electorate')),
    outcomeSatisfaction: ratio(t('satisfied') + t('basically'), t('rated')),
  }
}

function wishTotals(w: Partial<WishStats> | null): WishTotals {
  return { published: w?.published ?? 0, claimed: w?.claimed ?? 0, closed: w?.closed ?? 0 }
}

// ── What the page shows ──

export type Grade = 'good' | 'fair' | 'poor' | 'none'
export const GradeLabel: Readonly<Record<Grade, string>> = {
  good: '良好',
  fair: '一般',
  poor: '需关注',
  none: '暂无',
}
/** A rate's grade: 良好 from 90 %, 一般 from 75 %, 需关注 below; 暂无 with nothing to rate. */
export function gradeOf(rate: number | null): Grade {
  if (rate === null) return 'none'
  if (rate >= 0.9) return 'good'
  return rate >= 0.75 ? 'fair' : 'poor'
}

/** `91%`, or `—` with nothing to rate. */
export const percent = (rate: number | null): string => (rate === null ? '—' : `${Math.round(rate * 100)}%`)

export const LeagueKeys = [
  'responseRate',
  'resolutionRate',
  'satisfactionRate',
  'onTimeRate',
  'received',
] as const
export type LeagueKey = (typeof LeagueKeys)[number]
export const LeagueKeyLabel: Readonly<Record<LeagueKey, string>> = {
  responseRate: '响应率',
  resolutionRate: '解决率',
  satisfactionRate: '满意率',
  onTimeRate: '按期办结率',
  received: '诉求数',
}

/** The league table sorted by a column, best first; grids with nothing to rate last, by name. */
export function sortLeague(rows: readonly LeagueRow[], key: LeagueKey): LeagueRow[] {
  const val = (r: LeagueRow): number | null => (r.rates as OrderRates)[key]
  return [...rows].sort((a, b) => {
    const x = val(a)
    const y = val(b)
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1
    return y - x || byName(a, b)
  })
}
const byName = (a: LeagueRow, b: LeagueRow) =>
  (a.community ?? '').localeCompare(b.community ?? '', 'zh-CN', { numeric: true }) ||
  a.name.localeCompare(b.name, 'zh-CN', { numeric: true })

/** The sentence a screen reader (and everyone) gets first. */
export function summaryOf(v: DashboardView): string {
  const r = v.rates
  const when = `${periodText(v.period)}`
  if (r.received === 0) return `${when}，${v.name}没有收到诉求。`
  const top = v.byCategory[0]
  return (
    `${when}，${v.name}共收到诉求 ${r.received} 件，` +
    `响应率 ${percent(r.responseRate)}，解决率 ${percent(r.resolutionRate)}，满意率 ${percent(r.satisfactionRate)}；` +
    `仍在办理 ${r.open} 件` +
    (top ? `；最多的是${top.label}（${top.count} 件）。` : '。')
  )
}

/** The trend as a sentence: the weeks with their counts. */
export function trendText(weeks: readonly TrendWeek[]): string {
  return `近 ${weeks.length} 周：${weeks.map((w) => `${w.label} 周收到 ${w.received} 件、答复 ${w.answered} 件`).join('；')}。`
}

/** A list of counts as a sentence (`待接单 2 件、办理中 1 件`), zeros left out. */
export function countsText(rows: readonly CountRow[], unit = '件'): string {
  const some = rows.filter((r) => r.count > 0)
  return some.length === 0 ? '暂无。' : `${some.map((r) => `${r.label} ${r.count} ${unit}`).join('、')}。`
}

/**
 * The grid league table (网格排行): one row per grid with its three rates, the on-time rate, the
 * average times to accept and reply, orders received and still open, read from the grid's counter
 * document in `order_stats` through `ratesOf` (src/core/orders/metrics.ts), never from the orders.
 * The export writes these rows; a dashboard may render the same `LeagueRow`s.
 */
import type { OrderRates } from '../orders/api'
import { ratesOf, type StatsCounters } from '../orders/metrics'

export interface LeagueGrid {
  readonly gridId: string
  readonly gridName: string
  readonly communityId: string
  readonly communityName: string
}

export interface LeagueRow extends LeagueGrid {
  readonly rates: OrderRates
}

export const LEAGUE_COLUMNS = [
  '所属社区',
  '网格',
  '受理工单',
  '响应率（%）',
  '解决率（%）',
  '满意率（%）',
  '按期办结率（%）',
  '平均接单用时（小时）',
  '平均答复用时（小时）',
  '未办结工单',
] as const

/** A grid's row from its counters (a grid with no document yet: all zero, rates unknown). */
export function leagueRowOf(
  grid: LeagueGrid,
  counters: Partial<StatsCounters> | null | undefined,
): LeagueRow {
  return { ...grid, rates: ratesOf(counters) }
}

/** The rows in reading order: by community, then grid, names compared as people read them (2网格 before 10网格). */
export function sortLeague(rows: readonly LeagueRow[]): LeagueRow[] {
  const cmp = (a: string, b: string) => a.localeCompare(b, 'zh-CN', { numeric: true })
  return [...rows].sort((a, b) => cmp(a.communityName, b.communityName) || cmp(a.gridName, b.gridName))
}

/** A rate as a percentage with one decimal (`92.5`), or `—` when nothing was counted. */
export const percentCell = (rate: number | null): number | string =>
  rate === null ? '—' : Math.round(rate * 1000) / 10

/** Hours with one decimal, or `—`. */
export const hoursCell = (hours: number | null): number | string =>
  hours === null ? '—' : Math.round(hours * 10) / 10

/** The sheet row of a league row, in LEAGUE_COLUMNS order. */
export function leagueCells(r: LeagueRow): (string | number)[] {
  return [
    r.communityName,
    r.gridName,
    r.rates.received,
    percentCell(r.rates.responseRate),
    percentCell(r.rates.resolutionRate),
    percentCell(r.rates.satisfactionRate),
    percentCell(r.rates.onTimeRate),
    hoursCell(r.rates.avgAcceptHours),
    hoursCell(r.rates.avgReplyHours),
    r.rates.open,
  ]
}

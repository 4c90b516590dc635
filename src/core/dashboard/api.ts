/**
 * Wire contract of the dashboards (数据看板, issue #17): a community admin's (their community and
 * each grid in it), a street admin's (every community and grid) and a grid worker's (their grid),
 * for a period. Every figure is
 * read from counters (the per-day buckets of src/core/dashboard/days.ts and the wish wall's counter
 * documents), never from the orders themselves.
 */
import * as v from 'valibot'
import { defineAction } from '../contract/define'
import type { OrderRates } from '../orders/api'
import type { OrderStatus, Tier } from '../orders/model'
import { PeriodPresets, type Period } from './period'

export interface CountRow<K extends string = string> {
  readonly key: K
  readonly label: string
  readonly count: number
}

/** One week of the trend: orders received that week, and first final replies given that week. */
export interface TrendWeek {
  /** The week's Monday (`YYYY-MM-DD`). */
  readonly from: string
  readonly label: string
  readonly received: number
  readonly answered: number
}

/** One grid of the league table: its rates over the period. */
export interface LeagueRow {
  readonly id: string
  readonly name: string
  readonly communityId: string
  /** The grid's community's name (a street's table; null on a community's). */
  readonly community: string | null
  readonly rates: OrderRates
}

/** Helpers and volunteers in the period (errands by the day of each move, activities by their day). */
export interface HelperFigures {
  readonly errandsPosted: number
  readonly errandsAccepted: number
  readonly errandsConfirmed: number
  readonly activitiesHeld: number
  /** Confirmed attendances, and the volunteer hours they credited. */
  readonly attendances: number
  readonly volunteerHours: number
  /** Distinct people who completed an errand or had an attendance confirmed. */
  readonly activeHelpers: number
  /** Points paid out of the issuance accounts, and spent in the love supermarkets. */
  readonly pointsIssued: number
  readonly pointsSpent: number
}

/** Deliberation in the period: its topics' moves by the day they happened (namespace `t`). */
export interface DeliberationFigures {
  readonly topicsRaised: number
  readonly topicsConfirmed: number
  readonly topicsDecided: number
  readonly topicsDone: number
  readonly topicsEvaluated: number
  /** Households that voted ÷ households called to vote, over the votes closed in the period (0–1). */
  readonly voteParticipation: number | null
  /** (满意 + 基本满意) ÷ rated, over the evaluations closed in the period (0–1). */
  readonly outcomeSatisfaction: number | null
}

/** The wish wall since the start (its counters are not kept per day). */
export interface WishTotals {
  readonly published: number
  readonly claimed: number
  readonly closed: number
}

export interface DashboardView {
  readonly level: 'grid' | 'community' | 'street'
  readonly id: string
  readonly name: string
  readonly period: Period
  /** The orders received in the period: their three rates and the rest (./../orders/metrics.ts). */
  readonly rates: OrderRates
  readonly byCategory: readonly CountRow[]
  readonly byStatus: readonly CountRow<OrderStatus>[]
  /** How many of the period's orders reached each tier of the ladder. */
  readonly funnel: readonly CountRow<Tier>[]
  /** The eight weeks up to the period's end. */
  readonly trend: readonly TrendWeek[]
  readonly league: readonly LeagueRow[]
  readonly helpers: HelperFigures
  readonly deliberation: DeliberationFigures
  readonly wishes: WishTotals
}

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64))
const day = v.optional(v.pipe(v.string(), v.maxLength(10)))
const period = { period: v.picklist(PeriodPresets), from: day, to: day }

export const dashboardActions = {
  /** A community's dashboard (its community admin, or the street admin over it). */
  'dashboard.community': defineAction<DashboardView>()(v.strictObject({ communityId: id, ...period })),
  /** One grid's dashboard (its grid worker, or the admins over it). */
  'dashboard.grid': defineAction<DashboardView>()(v.strictObject({ gridId: id, ...period })),
  /** A street's dashboard (its street admin). */
  'dashboard.street': defineAction<DashboardView>()(v.strictObject({ streetId: id, ...period })),
}

import * as v from 'valibot'
import { defineAction } from '../contract/define'

/**
 * What a staff member's workbench counts, most urgent first (the home card shows the first that
 * is not zero). The rules of each are in ./rules.ts.
 */
export const CountKeys = [
  'overdue',
  'hazard',
  'new',
  'joins',
  'disputes',
  'topics',
  'signups',
  'vouchers',
  'lendOverdue',
  'lendPickups',
  'lendDue',
] as const
export type CountKey = (typeof CountKeys)[number]

/** The roles that have a desk of their own: staff, and the grid's council (its topics only). */
export const DeskRoles = [
  'grid_worker',
  'building_leader',
  'council_member',
  'community_admin',
  'street_admin',
] as const
export type DeskRole = (typeof DeskRoles)[number]

/** One count that matters now, and the page that lists what it counts. */
export interface WorkbenchCount {
  readonly key: CountKey
  readonly label: string
  readonly count: number
  readonly url: string
}

/** The three rates (0–1, or null when there is nothing to rate yet) of the desk's place. */
export interface DeskRates {
  readonly responseRate: number | null
  readonly resolutionRate: number | null
  readonly satisfactionRate: number | null
}

/** One role the caller holds, over the places of its grants. */
export interface WorkbenchDesk {
  readonly role: DeskRole
  readonly roleLabel: string
  /** The place's name, or "3 个网格" when the role is held over several. */
  readonly placeName: string
  readonly counts: readonly WorkbenchCount[]
  readonly rates: DeskRates | null
}

export interface WorkbenchSummary {
  readonly desks: readonly WorkbenchDesk[]
}

export const workbenchActions = {
  /** The caller's staff desks: counts that matter now, each with its page, and the three rates. */
  'workbench.summary': defineAction<WorkbenchSummary>()(v.strictObject({})),
}

/**
 * The pure rules of the workbench: which desks a staff member has (one per staff role they hold,
 * over the places of those grants), what each desk counts, the indexed query of every count
 * (bounded by the desk's places), where each count opens, and the three rates from the per-grid
 * counters. The store only runs the queries these rules write.
 */
import { placeIds } from '../access'
import { CHINA_OFFSET_MS, chinaDay } from '../china-time'
import { DefaultCategories, type CategoryOverride } from '../orders/categories'
import { ratesOf, statsIdFor, sumCounters } from '../orders/metrics'
import type { StatsCounters } from '../orders/metrics'
import { RoleLabel, type Actor } from '../roles'
import { CountKeys, DeskRoles, type CountKey, type DeskRates, type DeskRole } from './api'

/** The level of the places each desk works over. */
export type DeskLevel = 'grid' | 'building' | 'community' | 'street'

export const DeskLevelOf: Readonly<Record<DeskRole, DeskLevel>> = {
  grid_worker: 'grid',
  building_leader: 'building',
  council_member: 'grid',
  community_admin: 'community',
  street_admin: 'street',
}

/**
 * What each desk counts (each in CountKeys' order of urgency). Grid workers and community admins
 * run the community's daily services (orders at their tier, joins, errand disputes, activity
 * check-ins, love-supermarket vouchers); building leaders decide joins into their building; the
 * grid's council puts its topics on the agenda and to a vote (nothing else: it is not staff); street
 * admins handle orders at the street tier.
 */
export const DeskCounts: Readonly<Record<DeskRole, readonly CountKey[]>> = {
  grid_worker: CountKeys,
  building_leader: ['joins'],
  council_member: ['topics'],
  community_admin: CountKeys,
  street_admin: ['overdue', 'hazard', 'new'],
}

export const CountLabel: Readonly<Record<CountKey, string>> = {
  overdue: '已超时工单',
  hazard: '安全隐患在办',
  new: '待接单工单',
  joins: '入格申请待审核',
  disputes: '互助纠纷待处理',
  signups: '今日活动待确认出勤',
  vouchers: '待核销兑换券',
  topics: '议题待立项或表决',
  wishes: '心愿待核实',
  lendOverdue: '百宝屋逾期未还',
  lendPickups: '百宝屋待取用',
  lendDue: '百宝屋今日到期',
}

/** The collection of the org tree that holds a desk's places (declared in collections/org.json). */
export const PlaceCollection: Readonly<Record<DeskLevel, string>> = {
  grid: 'grids',
  building: 'buildings',
  community: 'communities',
  street: 'streets',
}

/** One desk: a staff role and the places of the caller's grants of it. */
export interface DeskPlan {
  readonly role: DeskRole
  readonly level: DeskLevel
  /** The ids of the places at `level`. */
  readonly ids: readonly string[]
  /** Their communities (none for a street desk): activities, vouchers and category config live there. */
  readonly communityIds: readonly string[]
  /** Their grids (grid and building desks): the rates are these grids' counters. */
  readonly gridIds: readonly string[]
}

/** The caller's desks, one per staff role held, in DeskRoles' order (none for a resident or helper). */
export function desksFor(actor: Actor): DeskPlan[] {
  return DeskRoles.map((role) => ({
    role,
    level: DeskLevelOf[role],
    ids: placeIds(actor, role, DeskLevelOf[role]),
    communityIds: placeIds(actor, role, 'community'),
    gridIds: placeIds(actor, role, 'grid'),
  })).filter((d) => d.ids.length > 0)
}

/** A condition of a count query: equal to a value, one of a list, or a time range [gte, lt). */
export type Cond =
  | string
  | boolean
  | { readonly in: readonly string[] }
  | { readonly range: { readonly gte?: Date; readonly lt?: Date } }

/** An equality-only query on one collection, meant for `count()` on the index named. */
export interface CountQuery {
  readonly collection: string
  readonly where: Readonly<Record<string, Cond>>
  readonly index: string
}

/** What the store loaded first: the hazard categories of the desk's communities, today's activities. */
export interface Known {
  readonly hazardCategoryIds: readonly string[]
  readonly todaysActivityIds: readonly string[]
  /** The clock, for counts of what is due (百宝屋 loans); without it they count nothing. */
  readonly now?: Date
}

const PATH_KEY: Readonly<Record<DeskLevel, string>> = {
  grid: 'path.gridId',
  building: 'path.buildingId',
  community: 'path.communityId',
  street: 'path.streetId',
}
/** The tiers at which a desk's staff accept a new order (a street takes outside-department ones too). */
const TIERS: Readonly<Record<DeskLevel, readonly string[]>> = {
  grid: ['grid'],
  building: [],
  community: ['community'],
  street: ['street', 'department'],
}
const oneOf = (ids: readonly string[]): Cond => (ids.length === 1 ? (ids[0] as string) : { in: ids })

/**
 * The count query of `key` on desk `d`, or null when there is nothing to count (the answer is 0
 * without a query). Every query is bounded by the desk's places and served by the index named
 * (declared in cloudfunctions/collections/<owner>.json).
 */
export function countQuery(d: DeskPlan, key: CountKey, known: Known): CountQuery | null {
  if (!DeskCounts[d.role].includes(key)) return null
  const at = { [PATH_KEY[d.level]]: oneOf(d.ids) }
  // The orders' indexes per level (a building desk counts no orders: DeskCounts).
  const L = d.level
  switch (key) {
    case 'new': {
      const tiers = TIERS[d.level]
      if (tiers.length === 0) return null
      return {
        collection: 'orders',
        where: { ...at, tier: oneOf(tiers), status: 'submitted' },
        index: L === 'grid' ? 'inbox_new' : `${L}_tier_status`,
      }
    }
    case 'overdue':
      return {
        collection: 'orders',
        where: { ...at, open: true, overdue: true },
        index: `${L}_open_overdue`,
      }
    case 'hazard':
      if (known.hazardCategoryIds.length === 0) return null
      return {
        collection: 'orders',
        where: { categoryId: oneOf(known.hazardCategoryIds), ...at, open: true },
        index: L === 'grid' ? 'similar_grid' : `hazard_${L}`,
      }
    case 'joins':
      return {
        collection: 'join_requests',
        // A building leader decides only the joins whose building asks for its leader.
        where:
          d.level === 'building'
            ? { ...at, status: 'pending', policy: 'building_leader' }
            : { ...at, status: 'pending' },
        index: `${d.level}_status_created`,
      }
    case 'disputes':
      return {
        collection: 'errands',
        where: { status: { in: ['disputed', 'locked'] }, ...at },
        index: `queue_${d.level}`,
      }
    case 'signups':
      if (known.todaysActivityIds.length === 0) return null
      return {
        collection: 'activity_signups',
        where: { activityId: oneOf(known.todaysActivityIds), status: 'checked_in' },
        index: 'activity_status',
      }
    case 'topics':
      // Topics waiting for staff: to be put on the agenda (or not), or to be put to a vote.
      return {
        collection: 'topics',
        where: { ...at, status: { in: ['proposed', 'confirmed'] } },
        index: `${L}_status`,
      }
    case 'wishes':
      // Wishes posted and waiting for the staff's check (核实) before they go on the wall.
      return { collection: 'wishes', where: { ...at, status: 'pending' }, index: `${L}_status_created` }
    case 'vouchers':
      if (d.communityIds.length === 0) return null
      return {
        collection: 'market_vouchers',
        where: { communityId: oneOf(d.communityIds), status: 'issued' },
        index: 'community_status',
      }
    case 'lendPickups':
      // 百宝屋 is the community's: a grid worker's desk counts the community of their grid.
      if (d.communityIds.length === 0) return null
      return {
        collection: 'lending_holds',
        where: { communityId: oneOf(d.communityIds), status: 'ready' },
        index: 'community_ready',
      }
    case 'lendDue':
    case 'lendOverdue': {
      if (d.communityIds.length === 0 || !known.now) return null
      const now = known.now
      const dueAt =
        key === 'lendOverdue' ? { range: { lt: now } } : { range: { gte: now, lt: chinaToday(now).end } }
      return {
        collection: 'lending_loans',
        where: { communityId: oneOf(d.communityIds), status: 'out', dueAt },
        index: 'community_status_due',
      }
    }
  }
}

const INBOX = '/features/reports/pages/inbox/index'
const QUEUE = '/features/reports/pages/queue/index'

/** The page that lists what `key` counts on desk `d`. */
export function countUrl(d: DeskPlan, key: CountKey, known: Known): string {
  const orders = d.level === 'grid' || d.level === 'building' ? INBOX : QUEUE
  switch (key) {
    case 'overdue':
      return `${orders}?box=overdue`
    case 'hazard':
      return orders === INBOX ? `${INBOX}?box=new` : `${QUEUE}?box=open`
    case 'new':
      return orders === INBOX ? `${INBOX}?box=new` : `${QUEUE}?box=open`
    case 'joins':
      return '/features/grid/pages/joins/index'
    case 'disputes':
      return '/features/errands/pages/queue/index'
    case 'signups':
      return known.todaysActivityIds.length === 1
        ? `/features/activities/pages/manage/index?activityId=${known.todaysActivityIds[0]}`
        : '/features/activities/pages/index/index'
    case 'vouchers':
      return '/features/market/pages/verify/index'
    case 'wishes':
      return d.ids.length === 1 && d.level === 'grid'
        ? `/features/wishes/pages/index/index?tab=review&gridId=${d.ids[0]}`
        : '/features/wishes/pages/index/index?tab=review'
    case 'lendPickups':
    case 'lendDue':
    case 'lendOverdue': {
      const view = { lendPickups: 'pickups', lendDue: 'due', lendOverdue: 'overdue' }[key]
      return d.communityIds.length === 1
        ? `/features/lending/pages/staff/index?communityId=${d.communityIds[0]}&view=${view}`
        : '/features/lending/pages/index/index'
    }
    case 'topics':
      // One grid: its hall; one community: the community's hall (every grid's topics, by step).
      return d.ids.length === 1 && (d.level === 'grid' || d.level === 'community')
        ? `/features/deliberation/pages/index/index?${d.level}Id=${d.ids[0]}`
        : '/features/deliberation/pages/index/index'
  }
}

/** The counts a desk shows, in order of urgency. */
export function countKeysOf(d: DeskPlan): CountKey[] {
  return CountKeys.filter((k) => DeskCounts[d.role].includes(k))
}

/** The label of a desk: its role, and the place (or how many places) it works over. */
export function deskTitle(d: DeskPlan, names: ReadonlyMap<string, string>): string {
  const unit = { grid: '个网格', building: '栋楼', community: '个社区', street: '个街道' }[d.level]
  const one = d.ids.length === 1 ? names.get(d.ids[0] as string) : undefined
  return one ?? `${d.ids.length} ${unit}`
}

export const roleLabelOf = (d: DeskPlan): string => RoleLabel[d.role]

/**
 * Where the desk's rates come from: the per-grid counter documents (one per grid, ADR on stats
 * in core/orders/metrics.ts) of its grids, of its communities' grids or of its streets' grids.
 * A dashboard reads counters, never scans the orders.
 */
export function ratesQuery(d: DeskPlan): CountQuery | null {
  // The council handles no orders: its desk shows no order rates.
  if (d.role === 'council_member') return null
  if (d.level === 'grid' || d.level === 'building') {
    if (d.gridIds.length === 0) return null
    return {
      collection: 'order_stats',
      where: { _id: oneOf(d.gridIds.map((g) => statsIdFor('grid', g))) },
      index: '_id',
    }
  }
  return d.level === 'community'
    ? { collection: 'order_stats', where: { level: 'grid', parentId: oneOf(d.ids) }, index: 'level_parent' }
    : { collection: 'order_stats', where: { level: 'grid', streetId: oneOf(d.ids) }, index: 'level_street' }
}

/** The three rates of the grids' counters summed (each null while there is nothing to rate, as stats.rates answers). */
export function threeRates(docs: readonly Partial<StatsCounters>[]): DeskRates {
  const r = ratesOf(sumCounters(docs))
  return {
    responseRate: r.responseRate,
    resolutionRate: r.resolutionRate,
    satisfactionRate: r.satisfactionRate,
  }
}

/** Today in China as [start, end) instants: the day whose activities' check-ins are confirmed now. */
export function chinaToday(now: Date): { readonly start: Date; readonly end: Date } {
  const start = new Date(Date.parse(`${chinaDay(now)}T00:00:00Z`) - CHINA_OFFSET_MS)
  return { start, end: new Date(start.getTime() + 24 * 3_600_000) }
}

/**
 * The hazard categories of some communities: the default hazards (an order keeps its category's
 * rule even after a community replaces its list) and every hazard category of their own lists.
 */
export function hazardCategoryIds(overrides: readonly (CategoryOverride | null)[]): string[] {
  const ids = new Set(DefaultCategories.filter((c) => c.hazard).map((c) => c.id))
  for (const o of overrides) for (const c of o?.categories ?? []) if (c.hazard) ids.add(c.id)
  return [...ids]
}

/**
 * The workbench store: it only runs the queries core/workbench/rules.ts writes (indexed `count()`
 * queries bounded by the caller's places, and the per-grid rate counters). It reads the owners'
 * collections directly and imports no other feature's store.
 */
import type { DeskRates, WorkbenchDesk, WorkbenchSummary } from '../../../src/core/workbench/api'
import type { CategoryOverride } from '../../../src/core/orders/categories'
import type { StatsCounters } from '../../../src/core/orders/metrics'
import {
  CountLabel,
  chinaToday,
  countKeysOf,
  countQuery,
  countUrl,
  PlaceCollection,
  deskTitle,
  desksFor,
  hazardCategoryIds,
  ratesQuery,
  roleLabelOf,
  threeRates,
  type Cond,
  type CountQuery,
  type DeskPlan,
  type Known,
} from '../../../src/core/workbench/rules'
import type { Actor } from '../../../src/core/roles'
import { db } from '../sdk'
import { namesByIds } from './docs'

/** The most activities a community holds in one day that the workbench looks at. */
const DAY_ACTIVITIES = 50

function whereOf(q: CountQuery): Record<string, unknown> {
  const _ = db().command
  const out: Record<string, unknown> = {}
  for (const [k, c] of Object.entries(q.where) as [string, Cond][])
    out[k] =
      typeof c !== 'object'
        ? c
        : 'in' in c
          ? _.in([...c.in])
          : c.range.gte && c.range.lt
            ? _.and(_.gte(c.range.gte), _.lt(c.range.lt))
            : c.range.lt
              ? _.lt(c.range.lt)
              : _.gte(c.range.gte)
  return out
}

async function countOf(q: CountQuery | null): Promise<number> {
  if (!q) return 0
  const res = await db().collection(q.collection).where(whereOf(q)).count()
  return res.total
}

/** The communities of these streets (a street desk's, whose grants name no community). */
async function communitiesOf(streetIds: readonly string[]): Promise<string[]> {
  if (streetIds.length === 0) return []
  const res = await db()
    .collection('communities')
    .where({ streetId: db().command.in([...streetIds]) })
    .field({ _id: true })
    .limit(100)
    .get()
  return (res.data as { _id: string }[]).map((c) => String(c._id))
}

/**
 * The hazard categories of these communities: the defaults and any a community added (its
 * `order_config`). A street desk asks over every community of its streets.
 */
async function hazardsOf(communityIds: readonly string[]): Promise<string[]> {
  if (communityIds.length === 0) return hazardCategoryIds([])
  const _ = db().command
  const res = await db()
    .collection('order_config')
    .where({ _id: _.in([...communityIds]) })
    .field({ categories: true })
    .get()
  return hazardCategoryIds(res.data as CategoryOverride[])
}

/** Published activities of the communities starting today in China (index `community_start`). */
async function todaysActivities(communityIds: readonly string[], now: Date): Promise<string[]> {
  if (communityIds.length === 0) return []
  const _ = db().command
  const { start, end } = chinaToday(now)
  const res = await db()
    .collection('activities')
    .where({
      communityId: _.in([...communityIds]),
      startAt: _.and(_.gte(start), _.lt(end)),
      status: 'published',
    })
    .field({ _id: true })
    .limit(DAY_ACTIVITIES)
    .get()
  return (res.data as { _id: string }[]).map((a) => a._id)
}

async function ratesOfDesk(d: DeskPlan): Promise<DeskRates | null> {
  const q = ratesQuery(d)
  if (!q) return null
  const res = await db()
    .collection(q.collection)
    .where(whereOf(q))
    .field({ workers: false })
    .limit(1000)
    .get()
  return threeRates(res.data as Partial<StatsCounters>[])
}

async function deskOf(d: DeskPlan, now: Date): Promise<WorkbenchDesk> {
  const keys = countKeysOf(d)
  const [hazards, todays, names, rates] = await Promise.all([
    keys.includes('hazard')
      ? d.level === 'street'
        ? communitiesOf(d.ids).then(hazardsOf)
        : hazardsOf(d.communityIds)
      : Promise.resolve([]),
    keys.includes('signups') ? todaysActivities(d.communityIds, now) : Promise.resolve([]),
    d.ids.length === 1
      ? namesByIds(PlaceCollection[d.level], d.ids)
      : Promise.resolve(new Map<string, string>()),
    ratesOfDesk(d),
  ])
  const known: Known = { hazardCategoryIds: hazards, todaysActivityIds: todays, now }
  const counts = await Promise.all(keys.map((k) => countOf(countQuery(d, k, known))))
  return {
    role: d.role,
    roleLabel: roleLabelOf(d),
    placeName: deskTitle(d, names),
    counts: keys.map((key, i) => ({
      key,
      label: CountLabel[key],
      count: counts[i] ?? 0,
      url: countUrl(d, key, known),
    })),
    rates,
  }
}

/** The caller's desks (one per staff role held), their counts and rates. */
export async function summary(actor: Actor, now: Date): Promise<WorkbenchSummary> {
  return { desks: await Promise.all(desksFor(actor).map((d) => deskOf(d, now))) }
}

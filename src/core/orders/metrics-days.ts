/**
 * The orders' part of the per-day buckets (src/core/dashboard/days.ts, namespace `o`), from which a
 * dashboard reads any period. Two kinds of figures:
 *
 * - **By the day an order was received** (a cohort): every counter of ./metrics.ts (`o.received`,
 *   `o.acceptedOnTime`, …), `o.status.<status>` (where those orders stand now), `o.cat.<category>`
 *   (received, by category) and `o.tier.<tier>` (how many reached each tier of the ladder: the
 *   escalation funnel). A later move of an order changes the bucket of the day it was received, so
 *   the rates of a period are exactly the rates of the orders received in it.
 * - **By the day it happened**: `o.answered`, first final replies given that day (the trend of
 *   received against answered).
 */
import { dayCount, fieldKey } from '../dashboard/days'
import type { Count } from '../effects'
import type { StatsDelta } from './metrics'
import { Tiers, type OrderRecord, type OrderStatus, type Tier } from './model'

type Counted = Pick<OrderRecord, 'path' | 'submittedAt' | 'categoryId' | 'repliedAt'>

/** The tiers an order has reached: the one it started at and every tier it was escalated to. */
export function reachedTiers(o: Pick<OrderRecord, 'events'>): Set<Tier> {
  const out = new Set<Tier>()
  for (const e of o.events) {
    if (e.kind === 'submit') out.add(e.tier ?? 'grid')
    if (e.kind === 'escalate' && e.toTier) out.add(e.toTier)
  }
  return out
}

/**
 * The day buckets' increments for one change of an order: `area` is its counters' delta
 * (./metrics.ts `statsDelta`), `from`/`to` its status before and after (`from` null for a new
 * order), `reached` the tiers it reached for the first time.
 */
export function orderDayCounts(
  o: Counted,
  area: StatsDelta,
  from: OrderStatus | null,
  to: OrderStatus,
  reached: readonly Tier[],
): Count[] {
  const cohort: Record<string, number> = {}
  const add = (f: string, n: number) => {
    cohort[f] = (cohort[f] ?? 0) + n
  }
  for (const [f, n] of Object.entries(area)) if (n) add(`o.${f}`, n)
  if (from !== to) {
    if (from) add(`o.status.${from}`, -1)
    add(`o.status.${to}`, 1)
  }
  if (from === null) add(`o.cat.${fieldKey(o.categoryId)}`, 1)
  for (const t of Tiers) if (reached.includes(t)) add(`o.tier.${t}`, 1)
  const answered =
    area.replied && o.repliedAt ? dayCount(o.path, o.repliedAt, { 'o.answered': area.replied }) : []
  return [...dayCount(o.path, o.submittedAt, cohort), ...answered]
}

/** The day counts of a move from `before` to `after` (a submit: `before` null). */
export function orderMoveDayCounts(
  before: Pick<OrderRecord, 'status' | 'events'> | null,
  after: Counted & Pick<OrderRecord, 'status' | 'events'>,
  area: StatsDelta,
): Count[] {
  const had = before ? reachedTiers(before) : new Set<Tier>()
  const reached = [...reachedTiers(after)].filter((t) => !had.has(t))
  return orderDayCounts(after, area, before?.status ?? null, after.status, reached)
}

/**
 * The three rates (响应率、解决率、满意率) and friends, per grid worker, grid, community and street.
 *
 * Counters live in collection `order_stats`, ONE document per grid (`statsIdFor('grid', gridId)`):
 * the grid's counters at the top level and each first receiver's under `workers.<workerKey(id)>`.
 * Every move adds a delta (`statsDelta`, computed from the order before and after the move) with
 * one atomic increment of that one document right after the move's conditional write. A community's
 * or street's figures are the sums of its grids' documents (`sumCounters`, one query when viewed), a
 * worker's the sum of their entries in the grids of their street: dashboards read a few counter
 * documents, never the orders. (One document per grid also spreads the write load: no counter
 * document is shared by a whole street.)
 *
 * Definitions (area units count the orders whose place lies in the area; a grid worker counts the
 * orders they received first, 首接负责):
 * - received: orders reported (worker: orders they accepted first).
 * - accepted / acceptedOnTime: first accepted at all / within the first accept deadline
 *   (the acceptHours of the tier it started at, hazards hazardAcceptHours) counted from submission.
 *   An order filed at the community or street (民办) counts in its grid's document like any other
 *   (the area is where the problem is, not who handles it), measured against that tier's limit, so
 *   the grid's response rate holds no deadline the grid was never given.
 * - replied / repliedOnTime: first final reply (当场办/解释说明/转办; a 限期办 promise is not final) /
 *   with no deadline missed before it (no tier deadline, no promised date broken).
 * - resolved: orders now closed (rated 满意/基本满意, or unrated when the reopen window ended);
 *   reopening a closed order takes it back out. 不满意 is never resolved: it goes to the supervisor.
 * - rated, satisfied, basically, unsatisfied: ratings given.
 * - open: orders in an open state now.
 * - sumAcceptMs / sumReplyMs: submission → first accept / first final reply, for the averages.
 *
 * Rates (null when the denominator is 0):
 * - 响应率 responseRate = acceptedOnTime / received
 * - 解决率 resolutionRate = resolved / received
 * - 满意率 satisfactionRate = (satisfied + basically) / rated
 * - 按期办结率 onTimeRate = repliedOnTime / replied
 * - avgAcceptHours = sumAcceptMs / accepted, avgReplyHours = sumReplyMs / replied
 */
import type { OrderRates, StatsLevel } from './api'
import type { OrderRecord } from './model'
import { isOpen } from './machine'

export const StatsFields = [
  'received',
  'accepted',
  'acceptedOnTime',
  'replied',
  'repliedOnTime',
  'resolved',
  'rated',
  'satisfied',
  'basically',
  'unsatisfied',
  'open',
  'sumAcceptMs',
  'sumReplyMs',
] as const
export type StatsField = (typeof StatsFields)[number]
export type StatsCounters = Readonly<Record<StatsField, number>>
export type StatsDelta = Partial<Record<StatsField, number>>

export const ZeroCounters: StatsCounters = Object.fromEntries(StatsFields.map((f) => [f, 0])) as StatsCounters

export function statsIdFor(level: StatsLevel, id: string): string {
  return `${level}_${id}`
}

/** A user id as a field name under `workers` (field names may not contain `.` or start with `$`). */
export function workerKey(userId: string): string {
  return userId.replace(/[.$]/g, '_')
}

/** Field → increment for one counter document: the area delta at the top, the worker's under their key. */
export function counterIncrements(
  area: StatsDelta,
  worker: StatsDelta,
  workerId: string | null,
): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [f, n] of Object.entries(area)) if (n) out[f] = n
  if (workerId)
    for (const [f, n] of Object.entries(worker)) if (n) out[`workers.${workerKey(workerId)}.${f}`] = n
  return out
}

/** The sum of several units' counters (a community's grids, a worker's entries in several grids). */
export function sumCounters(units: readonly (Partial<StatsCounters> | null | undefined)[]): StatsCounters {
  const total: Record<StatsField, number> = { ...ZeroCounters }
  for (const u of units) for (const f of StatsFields) total[f] += u?.[f] ?? 0
  return total
}

type Snapshot = Pick<
  OrderRecord,
  'status' | 'submittedAt' | 'acceptedAt' | 'repliedAt' | 'rating' | 'overdue' | 'firstReceiverId'
>

const ms = (d: Date | null) => (d ? new Date(d).getTime() : 0)

/**
 * The counter changes one move causes. `before` is null for a submit. `acceptDeadline`: the first
 * accept deadline of this order (submittedAt + its starting tier's acceptHours or the hazard limit).
 * Returns the area delta (grid, community, street) and the worker delta (first receiver).
 */
export function statsDelta(
  before: Snapshot | null,
  after: Snapshot,
  acceptDeadline: Date,
): { area: StatsDelta; worker: StatsDelta } {
  const area: Record<string, number> = {}
  const worker: Record<string, number> = {}
  const add = (d: Record<string, number>, f: StatsField, n = 1) => {
    d[f] = (d[f] ?? 0) + n
  }
  const both = (f: StatsField, n = 1) => {
    add(area, f, n)
    add(worker, f, n)
  }
  if (!before) {
    add(area, 'received')
    add(area, 'open')
    return { area, worker }
  }
  if (!before.acceptedAt && after.acceptedAt) {
    const took = ms(after.acceptedAt) - ms(after.submittedAt)
    both('accepted')
    add(worker, 'received')
    add(worker, 'open', isOpen(after.status) ? 1 : 0)
    if (ms(after.acceptedAt) <= acceptDeadline.getTime()) both('acceptedOnTime')
    both('sumAcceptMs', took)
  }
  if (!before.repliedAt && after.repliedAt) {
    both('replied')
    if (!after.overdue) both('repliedOnTime')
    both('sumReplyMs', ms(after.repliedAt) - ms(after.submittedAt))
  }
  if (!before.rating && after.rating) {
    both('rated')
    both(after.rating.rating)
  }
  const wasOpen = isOpen(before.status)
  const nowOpen = isOpen(after.status)
  if (wasOpen !== nowOpen) {
    add(area, 'open', nowOpen ? 1 : -1)
    if (before.firstReceiverId && before.acceptedAt) add(worker, 'open', nowOpen ? 1 : -1)
  }
  if (before.status !== 'closed' && after.status === 'closed') both('resolved')
  if (before.status === 'closed' && after.status !== 'closed') both('resolved', -1)
  const clean = (d: Record<string, number>) =>
    Object.fromEntries(Object.entries(d).filter(([, n]) => n !== 0)) as StatsDelta
  return { area: clean(area), worker: clean(worker) }
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null)
const HOUR = 3_600_000

export function ratesOf(c: Partial<StatsCounters> | null | undefined): OrderRates {
  const n = { ...ZeroCounters, ...(c ?? {}) }
  return {
    received: n.received,
    accepted: n.accepted,
    acceptedOnTime: n.acceptedOnTime,
    replied: n.replied,
    repliedOnTime: n.repliedOnTime,
    resolved: n.resolved,
    rated: n.rated,
    satisfied: n.satisfied,
    basically: n.basically,
    unsatisfied: n.unsatisfied,
    open: n.open,
    responseRate: ratio(n.acceptedOnTime, n.received),
    resolutionRate: ratio(n.resolved, n.received),
    satisfactionRate: ratio(n.satisfied + n.basically, n.rated),
    onTimeRate: ratio(n.repliedOnTime, n.replied),
    avgAcceptHours: n.accepted > 0 ? n.sumAcceptMs / n.accepted / HOUR : null,
    avgReplyHours: n.replied > 0 ? n.sumReplyMs / n.replied / HOUR : null,
  }
}

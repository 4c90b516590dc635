/**
 * Service levels and the escalation ladder (grid → community → street → outside department), as
 * data with per-community overrides, and pure deadline arithmetic with the clock passed in.
 *
 * Hours and days are calendar time (a weekend counts), the simple rule residents understand; a
 * community that wants working days sets longer limits.
 */
import type { OrderRecord, OrderStatus, Tier } from './model'
import { chinaDay } from '../china-time'

export interface TierSla {
  /** Accept (接单) within this many hours of the order reaching the tier. */
  readonly acceptHours: number
  /** Reply with an outcome within this many days of the order reaching the tier. */
  readonly replyDays: number
}

export interface SlaTable {
  readonly tiers: Readonly<Record<Tier, TierSla>>
  /** Safety hazards (category.hazard) must be accepted this fast at every tier. */
  readonly hazardAcceptHours: number
  /** The reporter may reopen for this many days after the last reply. Unrated replies close then. */
  readonly reopenDays: number
  /** Promised dates (限期办) may lie at most this far ahead. */
  readonly maxPromiseDays: number
}

export const DefaultSla: SlaTable = {
  tiers: {
    grid: { acceptHours: 4, replyDays: 3 },
    community: { acceptHours: 8, replyDays: 5 },
    street: { acceptHours: 24, replyDays: 10 },
    department: { acceptHours: 72, replyDays: 30 },
  },
  hazardAcceptHours: 1,
  reopenDays: 7,
  maxPromiseDays: 90,
}

/** Collection `order_config` (`_id` = communityId) may carry `sla`: any part of the table. */
export interface SlaOverride {
  readonly tiers?: Partial<Record<Tier, Partial<TierSla>>>
  readonly hazardAcceptHours?: number
  readonly reopenDays?: number
  readonly maxPromiseDays?: number
}

const positive = (n: unknown, fallback: number) =>
  typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : fallback

export function slaFor(override: SlaOverride | null | undefined): SlaTable {
  const tiers = {} as Record<Tier, TierSla>
  for (const tier of Object.keys(DefaultSla.tiers) as Tier[]) {
    const d = DefaultSla.tiers[tier]
    const o = override?.tiers?.[tier]
    tiers[tier] = {
      acceptHours: positive(o?.acceptHours, d.acceptHours),
      replyDays: positive(o?.replyDays, d.replyDays),
    }
  }
  return {
    tiers,
    hazardAcceptHours: positive(override?.hazardAcceptHours, DefaultSla.hazardAcceptHours),
    reopenDays: positive(override?.reopenDays, DefaultSla.reopenDays),
    maxPromiseDays: positive(override?.maxPromiseDays, DefaultSla.maxPromiseDays),
  }
}

/** The ladder: the tier above, or null at the top. */
export const NextTier: Readonly<Record<Tier, Tier | null>> = {
  grid: 'community',
  community: 'street',
  street: 'department',
  department: null,
}

/** The sweep never sends an order to an outside department by itself: a person names the department. */
export function autoEscalationTarget(tier: Tier): Tier | null {
  const next = NextTier[tier]
  return next === 'department' ? null : next
}

const HOUR = 3_600_000
const DAY = 24 * HOUR
const BEIJING = 8 * HOUR

/** The end of a Beijing calendar date `YYYY-MM-DD` (a promise holds until 23:59:59 that day). */
export function endOfBeijingDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + 1) - BEIJING - 1000)
}

/** Today's Beijing date, `YYYY-MM-DD`. */
export const beijingDate = (now: Date): string => chinaDay(now)

/** Is this promised date acceptable now: today or later, and within maxPromiseDays? */
export function promiseDateValid(date: string, now: Date, sla: SlaTable): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(endOfBeijingDay(date).getTime())) return false
  if (new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) return false
  const end = endOfBeijingDay(date).getTime()
  return end >= now.getTime() && end <= now.getTime() + (sla.maxPromiseDays + 1) * DAY
}

/** Hours a tier has to accept an order: its own limit, shorter for a hazard. */
export function acceptHoursOf(sla: SlaTable, tier: Tier, hazard: boolean): number {
  const t = sla.tiers[tier]
  return hazard ? Math.min(sla.hazardAcceptHours, t.acceptHours) : t.acceptHours
}

/**
 * The first accept deadline of an order (the tier it started at, from its submission: the grid's
 * for a report, the community's or street's for an order filed there): what the counters measure against.
 */
export function acceptDeadline(submittedAt: Date, sla: SlaTable, hazard: boolean, tier: Tier = 'grid'): Date {
  return new Date(new Date(submittedAt).getTime() + acceptHoursOf(sla, tier, hazard) * HOUR)
}

type DeadlineInput = Pick<OrderRecord, 'status' | 'tier' | 'tierSince' | 'lastReplyAt' | 'reply'> & {
  readonly hazard: boolean
}

/**
 * The next deadline of an order and what happens when it passes:
 * - submitted: accept within the tier's acceptHours (hazards: hazardAcceptHours) → escalate
 * - accepted / in progress: reply within the tier's replyDays from reaching the tier → escalate
 * - promised (限期办): the end of the promised day → escalate (a promise broken)
 * - replied: the reopen window → close (unrated replies count as accepted by the resident)
 * - unsatisfied, closed: nothing automatic (the supervisor's queue / done)
 */
export function nextDeadline(
  o: DeadlineInput,
  sla: SlaTable,
): { at: Date; action: 'escalate' | 'close' } | null {
  const since = new Date(o.tierSince).getTime()
  switch (o.status as OrderStatus) {
    case 'submitted':
      return { at: new Date(since + acceptHoursOf(sla, o.tier, o.hazard) * HOUR), action: 'escalate' }
    case 'accepted':
    case 'in_progress':
      return { at: new Date(since + sla.tiers[o.tier].replyDays * DAY), action: 'escalate' }
    case 'promised':
      return o.reply?.promisedDate ? { at: endOfBeijingDay(o.reply.promisedDate), action: 'escalate' } : null
    case 'replied':
      return o.lastReplyAt
        ? { at: new Date(new Date(o.lastReplyAt).getTime() + sla.reopenDays * DAY), action: 'close' }
        : null
    default:
      return null
  }
}

/** Until when the reporter may reopen (after the last reply), or null when not replied. */
export function reopenUntil(o: Pick<OrderRecord, 'lastReplyAt' | 'status'>, sla: SlaTable): Date | null {
  if (!o.lastReplyAt || (o.status !== 'replied' && o.status !== 'closed')) return null
  return new Date(new Date(o.lastReplyAt).getTime() + sla.reopenDays * DAY)
}

/** What the sweep does with an order whose deadline has passed. */
export type SweepDecision =
  | { readonly kind: 'escalate'; readonly toTier: Tier }
  | { readonly kind: 'overdue' }
  | { readonly kind: 'close' }
  | null

export function sweepDecision(
  o: Pick<OrderRecord, 'dueAt' | 'dueAction' | 'tier' | 'status'>,
  now: Date,
): SweepDecision {
  if (!o.dueAt || !o.dueAction || new Date(o.dueAt).getTime() > now.getTime()) return null
  if (o.dueAction === 'close') return o.status === 'replied' ? { kind: 'close' } : null
  const to = autoEscalationTarget(o.tier)
  return to ? { kind: 'escalate', toTier: to } : { kind: 'overdue' }
}

/**
 * An accepted order always has a reply deadline: the one-write accept leaves it (it cannot read the
 * community's SLA) for its follow-on work to store, and the detail shows it meanwhile.
 */
export function withReplyDeadline<
  O extends Omit<DeadlineInput, 'hazard'> & Pick<OrderRecord, 'dueAt' | 'dueAction'>,
>(o: O, sla: SlaTable, hazard: boolean): O {
  if (o.dueAt !== null || (o.status !== 'accepted' && o.status !== 'in_progress')) return o
  const due = nextDeadline({ ...o, hazard }, sla)
  return { ...o, dueAt: due?.at ?? null, dueAction: due?.action ?? null }
}

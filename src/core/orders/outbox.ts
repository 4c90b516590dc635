/**
 * The hot path of work orders (docs/adr/0011-order-outbox.md, ADR 0019): submit and accept each
 * make ONE write, and what follows from them (counters, the grid workers' message, the reply
 * deadline) is left on the order as an outbox entry (src/core/effects.ts) that the one dispatcher
 * carries out exactly once, right after the answer (the app nudges `order.dispatch`; the `sweep`
 * timer catches the rest).
 *
 * Accept in one write: the machine's accept rule for the common case (a new order at the grid tier,
 * nobody has accepted it yet, nothing held, its accept deadline not passed) compiled into the
 * write's condition: the grids, communities or streets where the caller's grants make them its
 * handler or supervisor. The database matches the condition atomically, so of two racing accepts
 * exactly one matches. Anything outside the common case (a late accept, a held order, an escalated
 * one, a caller with several kinds of staff grants) takes the read → decide → conditional-write
 * path, which also gives every refusal its precise code. test/core/orders-outbox.test.ts proves,
 * for every order and caller in its tables, that the condition matches exactly when `applyMove`
 * allows the accept, and that the write sets what `applyMove` would (the deadline aside: the
 * dispatcher sets it, and until then the order carries none).
 */
import { grantsOver, holdsOver, StaffRoles } from '../access'
import type { OrgPath } from '../org/model'
import type { Actor } from '../roles'
import { TierHandlers, TierSupervisors } from './decide'
import { statsDelta, type StatsDelta } from './metrics'
import type { OutboxEntry } from '../effects'
import { acceptedFollow } from './effects'
import type { OrderEvent, OrderRecord } from './model'

/**
 * The counter change of a one-write accept, carried out by its follow-on work: the first accept of
 * a new order at the grid tier, by `by` at `at` — what `statsDelta` counts for that move.
 */
export function acceptedDelta(
  o: Pick<OrderRecord, 'submittedAt'>,
  by: string,
  at: Date,
  acceptDeadline: Date,
): { area: StatsDelta; worker: StatsDelta } {
  const base = {
    status: 'submitted' as const,
    submittedAt: o.submittedAt,
    acceptedAt: null,
    repliedAt: null,
    rating: null,
    overdue: false,
    firstReceiverId: null,
  }
  return statsDelta(
    base,
    { ...base, status: 'accepted', acceptedAt: at, firstReceiverId: by },
    acceptDeadline,
  )
}

// ── Accept in one write ──

/** Orders the one-write accept may take (besides the caller's scope and the deadline). */
export const FastAcceptState = {
  status: 'submitted',
  tier: 'grid',
  acceptedAt: null,
  handlerId: null,
  firstReceiverId: null,
  held: false,
} as const

/** One place where the caller may accept a grid-tier order: the order's path must carry these ids. */
export type ScopeClause = Readonly<Partial<Record<keyof OrgPath, string>>>

const PATH_KEYS = ['streetId', 'communityId', 'gridId', 'buildingId', 'unitId', 'householdId'] as const

export interface FastAccept {
  /** Any one of these (the order's `path` fields) must match. */
  readonly scopes: readonly ScopeClause[]
  /** The fields the write sets (besides version +1, the event and the outbox entry pushed). */
  readonly set: {
    readonly status: 'accepted'
    readonly handlerId: string
    readonly handlerName: string
    readonly firstReceiverId: string
    readonly firstReceiverName: string
    readonly acceptedAt: Date
    readonly photosChecked: true
    readonly unnotified: false
    readonly dueAt: null
    readonly dueAction: null
    readonly outboxAt: Date
  }
  readonly event: OrderEvent
  readonly entry: OutboxEntry
}

/**
 * The one-write accept for this caller, or null when they must take the read → decide path (no
 * staff grant that could accept at the grid tier, or grants of more than one staff kind: the role
 * shown on the timeline would depend on the order's place).
 */
export function fastAcceptFor(actor: Actor, name: string, now: Date): FastAccept | null {
  const grants = grantsOver(actor, [...TierHandlers.grid, ...TierSupervisors.grid])
  const kinds = StaffRoles.filter((r) => holdsOver(actor, r))
  const role = kinds[0]
  if (grants.length === 0 || kinds.length !== 1 || role === undefined) return null
  const scopes: ScopeClause[] = []
  for (const g of grants) {
    const clause: Partial<Record<keyof OrgPath, string>> = {}
    for (const key of PATH_KEYS) {
      const v = g.scope[key]
      if (v === undefined) break
      clause[key] = v
    }
    if (!scopes.some((s) => JSON.stringify(s) === JSON.stringify(clause))) scopes.push(clause)
  }
  return {
    scopes,
    set: {
      status: 'accepted',
      handlerId: actor.userId,
      handlerName: name,
      firstReceiverId: actor.userId,
      firstReceiverName: name,
      acceptedAt: now,
      photosChecked: true,
      unnotified: false,
      dueAt: null,
      dueAction: null,
      outboxAt: now,
    },
    event: { kind: 'accept', at: now, by: actor.userId, byRole: role, byName: name, tier: 'grid' },
    entry: { id: 'accept', at: now, effects: [acceptedFollow(actor.userId, now)] },
  }
}

/** What the database is asked to match, evaluated here (for the tests and as documentation). */
export function fastAcceptMatches(o: OrderRecord, plan: FastAccept, now: Date): boolean {
  const state = Object.entries(FastAcceptState).every(
    ([k, v]) => (o as unknown as Record<string, unknown>)[k] === v,
  )
  const due = o.dueAt !== null && new Date(o.dueAt).getTime() > now.getTime()
  const scoped = plan.scopes.some((s) =>
    Object.entries(s).every(([k, v]) => (o.path as unknown as Record<string, unknown>)[k] === v),
  )
  return state && due && scoped
}

/**
 * A decider's answer as data (docs/adr/0019-plans-and-one-outbox.md): the documents to create or
 * change, each change with the condition it depends on (compare-and-set on a version or a status),
 * the ledger transfers, and the outbox entry that carries the move's effects. One runner
 * (cloudfunctions/shared/runner.ts) executes it: a single conditional write when it can, else one
 * transaction; a condition that no longer holds is retried or answered DATA.CONFLICT, never
 * applied half-way.
 */
import type { Condition, OutboxEntry } from './effects'
import type { TransferRequest } from './points/ledger'

export interface Create {
  readonly op: 'create'
  readonly collection: string
  readonly id: string
  readonly doc: Readonly<Record<string, unknown>>
}

export interface Update {
  readonly op: 'update'
  readonly collection: string
  readonly id: string
  /** The fields the document must still hold for the write to apply (e.g. `{ version: 3 }`). */
  readonly if: Condition
  readonly set: Readonly<Record<string, unknown>>
}

export type Write = Create | Update

export interface Plan {
  readonly writes: readonly Write[]
  readonly transfers?: readonly TransferRequest[]
  /** The move's effects, stored on `on` (one of the written documents) in the same write. */
  readonly outbox?: {
    readonly on: { readonly collection: string; readonly id: string }
    readonly entry: OutboxEntry
  }
}

/** A plan with one conditional update of one document, its effects on it (the common move). */
export function updatePlan(
  collection: string,
  id: string,
  condition: Condition,
  set: Readonly<Record<string, unknown>>,
  entry: OutboxEntry | null,
): Plan {
  return {
    writes: [{ op: 'update', collection, id, if: condition, set }],
    ...(entry ? { outbox: { on: { collection, id }, entry } } : {}),
  }
}

/**
 * The fields of `next` that differ from `before` (by value), but the `kept` ones: what a move
 * writes, so that fields others keep meanwhile (counts, the outbox) are never overwritten.
 */
export function changedSet(before: object, next: object, kept: ReadonlySet<string>): Record<string, unknown> {
  const was = before as Record<string, unknown>
  return Object.fromEntries(
    Object.entries(next).filter(([k, v]) => !kept.has(k) && JSON.stringify(v) !== JSON.stringify(was[k])),
  )
}

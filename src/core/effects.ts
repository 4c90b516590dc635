/**
 * The effects of a move, as data (docs/adr/0019-plans-and-one-outbox.md). A decider in core says
 * what follows from a move: who is told what (`notify`), which counters change (`count`), and
 * follow-on work a feature carries out later (`follow`). The move's own write stores them on its
 * subject as an outbox entry; one dispatcher (cloudfunctions/shared/outbox.ts) carries each entry
 * out exactly once: counters and message records in one transaction with the entry's removal, then
 * the messages are sent.
 */
import type { MessageData, TemplateKey } from './notify/templates'
import type { OrgPath } from './org/model'
import type { Role } from './roles'

/** Field → value a document must still hold. An array value means "one of these". */
export type Condition = Readonly<Record<string, unknown>>

/**
 * Who a message goes to, resolved by the dispatcher when it runs:
 * - `users`: these people;
 * - `staff`: holders of these roles whose grant covers the place (`cascade`: the first role, in
 *   order, that anyone holds there — a building without a leader falls to the grid worker);
 * - `named`: the people named in the `field` of the documents of `collection` matching `match`
 *   (e.g. everyone signed up for an activity), at most `limit`;
 * - `residents`: the residents whose household lies in the place (e.g. every household of a grid),
 *   or, with `buildingIds`, in these buildings of it (e.g. a deliberation topic of 3号楼 and 5号楼),
 *   at most `limit`.
 */
export type Audience =
  | { readonly users: readonly string[] }
  | { readonly residents: OrgPath; readonly buildingIds?: readonly string[]; readonly limit: number }
  | { readonly staff: readonly Role[]; readonly over: OrgPath; readonly cascade?: boolean }
  | {
      readonly named: {
        readonly collection: string
        readonly match: Condition
        readonly field: string
        readonly limit: number
      }
    }

export interface Notify {
  readonly kind: 'notify'
  /** The message records' kind (their ids: one message per kind, subject and recipient). */
  readonly key: string
  readonly to: Audience
  /** Never these people (e.g. whoever made the move). */
  readonly except?: readonly string[]
  /** Notices of one entry with the same `once` reach each person at most once (the first wins). */
  readonly once?: string
  readonly template: TemplateKey
  readonly data: MessageData
  /** Only while the subject still holds these fields (news that is no longer true is not sent). */
  readonly onlyIf?: Condition
  /** Set on the subject once a message got through, if the subject has not moved meanwhile. */
  readonly onReached?: Readonly<Record<string, unknown>>
}

/**
 * Increments of one counter document. The first count creates it from `init` (dotted field names
 * become nested fields), so a counter document needs no set-up.
 */
export interface Count {
  readonly kind: 'count'
  readonly collection: string
  readonly id: string
  readonly incs: Readonly<Record<string, number>>
  readonly init: Readonly<Record<string, unknown>>
}

/** Follow-on work the feature registers by name (e.g. an accepted order's reply deadline). */
export interface Follow {
  readonly kind: 'follow'
  readonly name: string
  readonly args?: Readonly<Record<string, unknown>>
}

export type Effect = Notify | Count | Follow

/**
 * Messages still to be recorded, to these recipients in this order: a large audience is recorded a
 * batch per transaction, and what is left waits on the subject as a continuation entry.
 */
export interface Remaining {
  readonly key: string
  readonly template: TemplateKey
  readonly data: MessageData
  readonly onReached?: Readonly<Record<string, unknown>>
  readonly recipients: readonly string[]
}

/** What a move owes, stored on its subject in the same write as the move. */
export interface OutboxEntry {
  /** Unique on the subject (e.g. `submit`, `accept`, `v7`): a dispatcher removes exactly what it handled. */
  readonly id: string
  readonly at: Date
  readonly effects: readonly Effect[]
  /** A continuation: its effects were carried out; these messages are still to be recorded. */
  readonly rest?: readonly Remaining[]
}

/** Message records written per transaction: a larger audience takes several. */
export const RECORD_BATCH = 50

/** The fields a document with an outbox carries. */
export interface WithOutbox {
  readonly outbox?: readonly OutboxEntry[]
  /** When an entry was last added or a dispatch last tried; null when nothing is owed (indexed, for the timer). */
  readonly outboxAt?: Date | null
}

/** The timer leaves entries this young to the nudge right after the answer. */
export const DISPATCH_GRACE_MS = 20_000

/** An entry, or null when the move owes nothing. */
export function entryOf(id: string, at: Date, effects: readonly Effect[]): OutboxEntry | null {
  return effects.length === 0 ? null : { id, at, effects }
}

/** The outbox fields of a document created with these entries. */
export function newOutbox(entries: readonly (OutboxEntry | null)[], at: Date): Required<WithOutbox> {
  const owed = entries.filter((e): e is OutboxEntry => e !== null)
  return { outbox: owed, outboxAt: owed.length > 0 ? at : null }
}

/** Does the document hold every field of the condition? (An array value: one of these.) */
export function holds(doc: Readonly<Record<string, unknown>>, condition: Condition | undefined): boolean {
  if (!condition) return true
  return Object.entries(condition).every(([k, want]) => {
    const have = fieldAt(doc, k)
    return Array.isArray(want) ? want.some((w) => same(have, w)) : same(have, want)
  })
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a !== null && b !== null && a !== undefined && b !== undefined
      ? new Date(a as Date).getTime() === new Date(b as Date).getTime()
      : a === b
  }
  return (a ?? null) === (b ?? null)
}

function fieldAt(doc: Readonly<Record<string, unknown>>, path: string): unknown {
  let at: unknown = doc
  for (const key of path.split('.')) {
    if (at === null || typeof at !== 'object') return undefined
    at = (at as Record<string, unknown>)[key]
  }
  return at
}

/** A counter document as its first count creates it: `init` with the increments, dotted names nested. */
export function counterDoc(
  init: Readonly<Record<string, unknown>>,
  incs: Readonly<Record<string, number>>,
): Record<string, unknown> {
  const doc = structuredCloneable(init)
  for (const [path, n] of Object.entries(incs)) {
    const keys = path.split('.')
    let at = doc
    for (const key of keys.slice(0, -1)) {
      const next = at[key]
      at[key] = next !== null && typeof next === 'object' ? { ...(next as Record<string, unknown>) } : {}
      at = at[key] as Record<string, unknown>
    }
    const last = keys[keys.length - 1] as string
    at[last] = (typeof at[last] === 'number' ? (at[last] as number) : 0) + n
  }
  return doc
}

function structuredCloneable(o: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(o).map(([k, v]) => [
      k,
      v !== null && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v)
        ? structuredCloneable(v as Record<string, unknown>)
        : v,
    ]),
  )
}

/** The sum of several counts on the same documents (one increment per document). */
export function mergeCounts(counts: readonly Count[]): Count[] {
  const byDoc = new Map<string, Count>()
  for (const c of counts) {
    const key = `${c.collection}/${c.id}`
    const was = byDoc.get(key)
    if (!was) {
      byDoc.set(key, c)
      continue
    }
    const incs: Record<string, number> = { ...was.incs }
    for (const [f, n] of Object.entries(c.incs)) incs[f] = (incs[f] ?? 0) + n
    byDoc.set(key, { ...was, incs })
  }
  return [...byDoc.values()].filter((c) => Object.values(c.incs).some((n) => n !== 0))
}

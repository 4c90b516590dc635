/**
 * The demo's counters, as the dispatcher would leave them: the seed builds records through core's
 * own deciders, whose moves owe counts (src/core/effects.ts). The seed carries those out here, once,
 * and leaves every outbox empty: counts are applied, messages are not replayed.
 */
import { counterDoc, type Count, type Effect, type WithOutbox } from '../../src/core/effects'

type Doc = Record<string, unknown> & { _id: string }

/** Adds the count effects among `owed` to the counter documents of `into` (by collection). */
export function applyCounts(into: Record<string, Doc[]>, owed: readonly Effect[]): void {
  for (const c of owed.filter((e): e is Count => e.kind === 'count')) {
    const docs = (into[c.collection] ??= [])
    const at = docs.findIndex((d) => d._id === c.id)
    const next = counterDoc(at >= 0 ? (docs[at] as Doc) : { _id: c.id, ...c.init }, c.incs) as Doc
    if (at >= 0) docs[at] = next
    else docs.push(next)
  }
}

/** Every seeded document that still owes something: its counts applied, its outbox emptied. */
export function settleOutboxes(data: Record<string, Doc[]>): Record<string, Doc[]> {
  const owed: Effect[] = []
  const settled: Record<string, Doc[]> = {}
  for (const [name, docs] of Object.entries(data))
    settled[name] = docs.map((d) => {
      const entries = (d as WithOutbox).outbox ?? []
      if (entries.length === 0) return d
      for (const e of entries) owed.push(...e.effects)
      return { ...d, outbox: [], outboxAt: null }
    })
  applyCounts(settled, owed)
  return settled
}

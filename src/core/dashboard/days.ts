/**
 * Per-day counter buckets (issue #17): collection `day_stats`, one document per grid and China day
 * (`<gridId>:<YYYY-MM-DD>`), written only by `count` effects through the one outbox, like every
 * other counter (src/core/effects.ts). Each feature owns a namespace of fields in it (orders `o.*`);
 * a dashboard sums the documents of a scope and a period: O(grids × days) reads, whatever the
 * number of orders. The first count of a day creates its document from `init`.
 */
import { chinaDay } from '../china-time'
import type { Count } from '../effects'

export const DAY_STATS = 'day_stats'

/**
 * Where a counted thing lies: its grid, community and street. Things of a whole community (its
 * activities, its points) have no grid: they are counted in the community's own bucket
 * (`<communityId>:<day>`, `gridId` null), which no grid's league row reads.
 */
export interface DayPlace {
  readonly communityId: string
  readonly gridId?: string | null
  readonly streetId?: string | null
}

/** One day's counters of one grid, as stored. */
export interface DayDoc {
  readonly _id: string
  readonly gridId: string | null
  readonly communityId: string
  /** Null in a community's own bucket (a street's dashboard reads its communities' buckets). */
  readonly streetId: string | null
  /** China day, `YYYY-MM-DD` (strings of this shape sort as dates). */
  readonly day: string
  /** Work orders (src/core/orders/metrics-days.ts). */
  readonly o?: Readonly<Record<string, unknown>>
  /** Errands (src/core/errands/effects.ts). */
  readonly e?: Readonly<Record<string, unknown>>
  /** Volunteer activities and their attendance (src/core/activities/effects.ts). */
  readonly a?: Readonly<Record<string, unknown>>
  /** Points issued and spent (src/core/points/ledger.ts). */
  readonly p?: Readonly<Record<string, unknown>>
  /** Deliberation topics' moves (src/core/deliberation/stats.ts). */
  readonly t?: Readonly<Record<string, unknown>>
}

/** A bucket's id: its grid's (or, for a whole community's things, its community's) id and the day. */
export const dayId = (unitId: string, day: string): string => `${unitId}:${day}`

/** A key usable as a field name (no `.`, no leading `$`). */
export const fieldKey = (key: string): string => key.replace(/[.$]/g, '_')

/**
 * A person as a counter key, to count distinct people (active helpers) without storing who they
 * are: two 32-bit FNV-1a hashes of the id, 16 hex digits. Not reversible; collisions among a
 * street's people are negligible.
 */
export function personKey(userId: string): string {
  let a = 0x811c9dc5
  let b = 0x01000193 ^ 0x5bd1e995
  for (let i = 0; i < userId.length; i += 1) {
    const c = userId.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193) >>> 0
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0
    b = (b ^ (b >>> 15)) >>> 0
  }
  return `k${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}`
}

/**
 * The increments of one grid's bucket of the China day of `at`, or nothing when every increment
 * is zero. Field names are dotted paths (`o.received`, `o.status.accepted`).
 */
export function dayCount(place: DayPlace, at: Date, incs: Readonly<Record<string, number>>): Count[] {
  const clean = Object.fromEntries(Object.entries(incs).filter(([, n]) => n !== 0))
  if (Object.keys(clean).length === 0) return []
  const day = chinaDay(new Date(at))
  return [
    {
      kind: 'count',
      collection: DAY_STATS,
      id: dayId(place.gridId ?? place.communityId, day),
      incs: clean,
      init: {
        gridId: place.gridId ?? null,
        communityId: place.communityId,
        streetId: place.streetId ?? null,
        day,
      },
    },
  ]
}

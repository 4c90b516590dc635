/**
 * Per-day counter buckets (issue #17): collection `day_stats`, one document per grid and China day
 * (`<gridId>:<YYYY-MM-DD>`), written only by `count` effects through the one outbox, like every
 * other counter (src/core/effects.ts). Each feature owns a namespace of fields in it (orders `o.*`);
 * a dashboard sums the documents of a scope and a period: O(grids × days) reads, whatever the
 * number of orders. The first count of a day creates its document from `init`.
 */
import { chinaDay } from '../china-time'
import type { Count } from '../effects'
import type { OrgPath } from '../org/model'

export const DAY_STATS = 'day_stats'

/** Where a counted thing lies: its grid, community and street. */
export type DayPlace = Required<Pick<OrgPath, 'streetId' | 'communityId' | 'gridId'>>

/** One day's counters of one grid, as stored. */
export interface DayDoc {
  readonly _id: string
  readonly gridId: string
  readonly communityId: string
  readonly streetId: string
  /** China day, `YYYY-MM-DD` (strings of this shape sort as dates). */
  readonly day: string
  readonly o?: Readonly<Record<string, unknown>>
}

export const dayId = (gridId: string, day: string): string => `${gridId}:${day}`

/** A key usable as a field name (no `.`, no leading `$`). */
export const fieldKey = (key: string): string => key.replace(/[.$]/g, '_')

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
      id: dayId(place.gridId, day),
      incs: clean,
      init: { gridId: place.gridId, communityId: place.communityId, streetId: place.streetId, day },
    },
  ]
}

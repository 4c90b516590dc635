/** The one line the home page's staff card shows (light: the main package imports it). */
import type { WorkbenchCount, WorkbenchSummary } from './api'

/** Urgency order of the count keys (CountKeys in ./api.ts, repeated here to keep this file light). */
const ORDER = [
  'overdue',
  'hazard',
  'new',
  'joins',
  'disputes',
  'topics',
  'signups',
  'vouchers',
  'lendOverdue',
  'lendPickups',
  'lendDue',
] as const

/** The most urgent count that is not zero, over all desks; null when nothing is waiting. */
export function mostUrgent(s: WorkbenchSummary): WorkbenchCount | null {
  for (const key of ORDER)
    for (const d of s.desks) {
      const c = d.counts.find((x) => x.key === key && x.count > 0)
      if (c) return c
    }
  return null
}

/** Everything waiting, over all desks (a person holding two desks over one place may see it twice). */
export function pendingTotal(s: WorkbenchSummary): number {
  return s.desks.reduce((n, d) => n + d.counts.reduce((m, c) => m + c.count, 0), 0)
}

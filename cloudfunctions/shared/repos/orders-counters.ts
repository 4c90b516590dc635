/** The shape of a grid's counter document in `order_stats` (src/core/orders/metrics.ts; written by the outbox's counts). */
import type { StatsCounters } from '../../../src/core/orders/metrics'

export type Counters = Partial<StatsCounters> & {
  readonly workers?: Readonly<Record<string, Partial<StatsCounters>>>
}

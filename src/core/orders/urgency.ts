/**
 * How the grid worker's inbox orders and marks a page of orders: overdue first, then safety
 * hazards (安全隐患, the short clock), then by the next deadline (none last), then oldest first.
 * The server pages by submit time; this order applies within the page the worker sees.
 */
import type { CategoryView, OrderSummary } from './api'
import { DefaultCategories } from './categories'

type Ranked = Pick<OrderSummary, 'orderId' | 'categoryId' | 'open' | 'overdue' | 'dueAt' | 'submittedAt'>

/** The hazard category ids: the defaults' and those the community marks (its list from report.categories). */
export function hazardIds(categories: readonly CategoryView[] = []): ReadonlySet<string> {
  return new Set([...DefaultCategories, ...categories].filter((c) => c.hazard).map((c) => c.id))
}

/** Is the order late now: marked overdue, or its open deadline has passed? */
export function isLate(o: Ranked, now: Date): boolean {
  return o.open && (o.overdue || (o.dueAt !== null && Date.parse(o.dueAt) <= now.getTime()))
}

/** 0 late, 1 hazard, 2 the rest. */
export function urgencyRank(o: Ranked, hazards: ReadonlySet<string>, now: Date): 0 | 1 | 2 {
  if (isLate(o, now)) return 0
  return hazards.has(o.categoryId) ? 1 : 2
}

const dueMs = (o: Ranked) => (o.dueAt === null ? Number.POSITIVE_INFINITY : Date.parse(o.dueAt))

/** The page in order of urgency (a new array; ties keep submit order, then id). */
export function byUrgency<T extends Ranked>(
  items: readonly T[],
  hazards: ReadonlySet<string>,
  now: Date,
): T[] {
  return [...items].sort(
    (a, b) =>
      urgencyRank(a, hazards, now) - urgencyRank(b, hazards, now) ||
      dueMs(a) - dueMs(b) ||
      Date.parse(a.submittedAt) - Date.parse(b.submittedAt) ||
      a.orderId.localeCompare(b.orderId),
  )
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** `3 小时 20 分钟`, `45 分钟` (under an hour in minutes; at least 1 minute). */
function span(ms: number): string {
  const minutes = Math.max(1, Math.floor(ms / MINUTE))
  if (minutes < 60) return `${minutes} 分钟`
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return m === 0 ? `${h} 小时` : `${h} 小时 ${m} 分钟`
}

/**
 * What an open order's clock says: `还剩 3 小时 20 分钟` before its deadline, `已超时 5 小时` after it
 * (`已超时 40 分钟` under an hour); `已超时` when it was marked late with no deadline running; null for
 * a closed order or one with no deadline.
 */
export function clockText(o: Ranked, now: Date): string | null {
  if (!o.open) return null
  if (o.dueAt === null) return o.overdue ? '已超时' : null
  const left = Date.parse(o.dueAt) - now.getTime()
  if (left > 0) return `还剩 ${span(left)}`
  return `已超时 ${Math.floor(-left / HOUR) >= 1 ? `${Math.floor(-left / HOUR)} 小时` : span(-left)}`
}

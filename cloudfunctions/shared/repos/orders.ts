/**
 * Work orders in the store (collection `orders`, one document per order with its timeline inside).
 * This module is the store's public face; each part lives next door:
 * - `orders-base.ts`: the collections, the community's config (cached), reading an order, who is
 *   calling, the deadlines the store shows and counts against;
 * - `orders-place.ts`: where a report lands (its grid, building and place name);
 * - `orders-submit.ts`: the report page's categories and the one-insert submit (the hot path);
 * - `orders-read.ts`: one order, following it, the similar ones, and the lists (mine, inbox, queue);
 * - `orders-moves.ts`: every move by a person, and the one-write accept (the other hot path);
 * - `orders-dispatch.ts`: the one-write accept's follow-on work and the app's nudge of the outbox;
 * - `orders-counters.ts`: the shape of the per-grid counter documents (`order_stats`);
 * - who is told what after a move, and the counter changes: src/core/orders/effects.ts, carried
 *   out by the one dispatcher (../outbox.ts);
 * - `orders-sweep.ts`: the timer's deadlines;
 * - `orders-rates.ts`: the rates read from the counters.
 *
 * The hot path (docs/adr/0011-order-outbox.md): a submit is ONE insert with a fresh opaque id and its
 * request id under a unique index (ADR 0016: a duplicate-key error means "a retry of the same
 * request"), and the common accept ONE conditional
 * write that returns the order (`accept`: the accept rule compiled into the condition by core).
 * With the caller's identify that is 2 database round trips each. What they owe besides — counters,
 * the grid workers' message, the reply deadline — rides on the order as outbox entries, carried out
 * by `dispatch` right after the answer (the app's `order.dispatch` nudge; the `sweep` timer catches
 * the rest): counters and message records exactly once (one transaction with the entries'
 * removal), `unnotified` cleared once a message got through (ADR 0019).
 */
export { ORDERS, ORDER_CONFIG, ORDER_STATS, configOf, forgetConfig, type Caller } from './orders-base'
export { categories, type SubmitInput, submit } from './orders-submit'
export { similar, get, follow, mine, inbox, queue } from './orders-read'
export { move, accept } from './orders-moves'
export { dispatchFor } from './orders-dispatch'
export { type SweepReport, sweep } from './orders-sweep'
export { rates } from './orders-rates'

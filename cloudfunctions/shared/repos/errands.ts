/**
 * Errands store (src/core/errands): this module is its public face; each part lives next door:
 * - `errands-base.ts`: the collections, the requester's household, loading an errand, who sees it;
 * - `errands-view.ts`: the cards and the detail (what is revealed to whom);
 * - who hears about a move: src/core/errands/effects.ts, carried out by the outbox (../outbox.ts);
 * - `errands-post.ts`: posting an errand;
 * - `errands-trust.ts`: the approved helpers (child pickup);
 * - `errands-read.ts`: the board, my errands, the grid's queue and one errand;
 * - `errands-moves.ts`: every move, and paying the helper with the confirmation;
 * - `errands-sweep.ts`: the timer's expiry.
 */
export { ERRANDS, TRUST } from './errands-base'
export { type PostInput, post } from './errands-post'
export { trusted, trust } from './errands-trust'
export { board, mine, queue, get } from './errands-read'
export { move, thank } from './errands-moves'
export { type ErrandSweepReport, sweepErrands } from './errands-sweep'

/**
 * The wish wall's store (心愿墙 · 微心愿, docs/adr/0023-wish-wall.md): this module is its public face.
 * It loads, writes the plans core decides (src/core/wishes/decide.ts) through the one runner, and
 * answers views. Collections: `wishes` (one document per wish, its outbox on it) and `wish_numbers`
 * (a community's count of the year: a wish is numbered at publishing, in the same transaction, so
 * numbers never repeat). Its parts:
 * - `wishes-base.ts`: loading, the card and the detail, a move as a plan (`moveBy`);
 * - `wishes-read.ts`: one wish, a tab of a wall, the grid's helpers;
 * - `wishes-post.ts`: posting;
 * - `wishes-moves.ts`: publish, claim, fulfil, confirm, the other moves, promote;
 * - `wishes-sweep.ts`: expiry by the timer; `wishes-privacy.ts`: me.data/me.delete.
 */
export { get, list, helpers } from './wishes-read'
export { post } from './wishes-post'
export { publish, claim, fulfil, confirm, move, promote } from './wishes-moves'

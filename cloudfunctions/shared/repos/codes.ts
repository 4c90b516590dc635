/**
 * Grid and building invite codes in the store (src/core/codes): this module is its public face; each
 * part lives next door:
 * - `codes-base.ts`: the collections, the targets (a grid or a building) and their places, the
 *   permission check;
 * - `codes-issue.ts`: one active code per target, issued on first listing, rotated by
 *   codes.regenerate (the target's pointer document decides every race);
 * - `codes-images.ts`: each code's wxacode image, stored once, and the cards the page shows;
 * - `codes-list.ts`: a grid's codes (codes.list) and the grids the caller may see (codes.grids).
 */
export { regenerateCode } from './codes-issue'
export { listCodes, codeGrids } from './codes-list'

/**
 * The lending store (百宝屋): this module is its public face; rules and moves are core's
 * (src/core/lending) and each part lives next door:
 * - `lending-base.ts`: the collections, loading, the views, the read log;
 * - `lending-read.ts`: the items, one item as the caller sees it, my holds and loans;
 * - `lending-holds.ts`: reserving and cancelling, and the queue (`startNext`);
 * - `lending-inventory.ts`: adding and editing items, and their moves (staff);
 * - `lending-loans.ts`: a loan's pickup, renewal and reading;
 * - `lending-return.ts`: a loan's end (returned, or lost);
 * - `lending-desk.ts`: the desk's lists and an item's label;
 * - `lending-donations.ts`, `lending-sweep.ts`, `lending-privacy.ts`: donations, the timer, me.data/me.delete.
 */
export { listItems, getItem, mine } from './lending-read'
export { reserve, cancel } from './lending-holds'
export { type SaveInput, saveItem, itemMove } from './lending-inventory'
export { pickupItem, renewLoan, getLoan } from './lending-loans'
export { returnItem, lose } from './lending-return'
export { deskList, label } from './lending-desk'

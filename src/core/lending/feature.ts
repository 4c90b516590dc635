import { defineFeature } from '../feature'
import type { Role } from '../roles'

const staff: readonly Role[] = ['grid_worker', 'community_admin']
/** Residents borrow and may keep an item (a staff-named keeper hands it out); staff run the 百宝屋. */
const anyPart: readonly Role[] = ['resident', ...staff]
/** Rows written compactly: this declaration ships in the main package (its budget is tight). */
const rows = (roles: readonly Role[], ...names: string[]) =>
  Object.fromEntries(names.map((n) => [`lending.${n}`, [...roles]]))
const inCommunity = { roles: [...staff], place: 'communityId', inside: ['grid_worker'] } as const

/**
 * Tool lending (百宝屋): who may call its actions and what the kit audits. Which item, hold or loan
 * the caller may move is core's (src/core/lending/rules.ts, machine.ts): staff are the community's
 * admins and grid workers, the keeper is the resident named on the item. Error copy ships with the
 * subpackage (./copy.ts).
 */
export const lendingFeature = defineFeature({
  name: 'lending',
  permissions: {
    ...rows(anyPart, 'items', 'item', 'cancel', 'loan', 'pickup', 'return', 'donation', 'donations'),
    ...rows(['resident'], 'reserve', 'renew', 'mine', 'donate'),
    ...rows(staff, 'itemMove', 'label', 'lose', 'decide'),
    'lending.save': inCommunity,
    'lending.desk': inCommunity,
  },
  // Answers that name other residents (holder, borrower, donor) to the desk.
  audited: ['item', 'loan', 'desk', 'donations', 'donation'].map((n) => `lending.${n}`),
})

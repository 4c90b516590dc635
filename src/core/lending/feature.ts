import { defineFeature } from '../feature'

const staff = ['grid_worker', 'community_admin'] as const
/** Residents borrow and may keep an item (a staff-named keeper hands it out); staff run the 百宝屋. */
const anyPart = ['resident', 'grid_worker', 'community_admin'] as const

/**
 * Tool lending (百宝屋): who may call its actions and what the kit audits. Which item, hold or loan
 * the caller may move is core's (src/core/lending/rules.ts, machine.ts): staff are the community's
 * admins and grid workers, the keeper is the resident named on the item. Error copy ships with the
 * subpackage (./copy.ts).
 */
export const lendingFeature = defineFeature({
  name: 'lending',
  permissions: {
    'lending.items': { roles: [...anyPart] },
    'lending.item': { roles: [...anyPart] },
    'lending.reserve': { roles: ['resident'] },
    'lending.cancel': { roles: [...anyPart] },
    'lending.renew': { roles: ['resident'] },
    'lending.mine': { roles: ['resident'] },
    'lending.loan': { roles: [...anyPart] },
    'lending.save': { roles: [...staff], place: 'communityId', inside: ['grid_worker'] },
    'lending.itemMove': { roles: [...staff] },
    'lending.label': { roles: [...staff] },
    'lending.pickup': { roles: [...anyPart] },
    'lending.return': { roles: [...anyPart] },
    'lending.lose': { roles: [...staff] },
    'lending.desk': { roles: [...staff], place: 'communityId', inside: ['grid_worker'] },
    'lending.donate': { roles: ['resident'] },
    'lending.donation': { roles: [...anyPart] },
    'lending.donations': { roles: [...anyPart] },
    'lending.decide': { roles: [...staff] },
  },
  // Answers that name other residents (holder, borrower, donor) to the desk.
  audited: ['lending.item', 'lending.loan', 'lending.desk', 'lending.donations', 'lending.donation'],
})

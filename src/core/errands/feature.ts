import { defineFeature } from '../feature'

/** Mutual-aid errands: who may call its actions, what the kit audits, and its error copy (./copy.ts, shipped with its subpackage). */
export const errandsFeature = defineFeature({
  name: 'errands',
  // Who may make which move on WHICH errand is core/errands/machine.ts. Posting needs a household;
  // the board and taking errands need a helper grant of the errand's grid.
  permissions: {
    'errand.post': { roles: ['resident'] },
    'errand.trusted': { roles: ['resident'] },
    'errand.trust': { roles: ['resident'] },
    'errand.board': { roles: ['helper'] },
    'errand.accept': { roles: ['helper'] },
    'errand.release': { roles: ['helper'] },
    'errand.start': { roles: ['helper'] },
    'errand.done': { roles: ['helper'] },
    'errand.get': { anyone: true },
    'errand.mine': { anyone: true },
    'errand.cancel': { anyone: true },
    'errand.confirm': { anyone: true },
    'errand.dispute': { anyone: true },
    'errand.thank': { anyone: true },
    'errand.queue': { roles: ['grid_worker', 'community_admin'] },
    'errand.resolve': { roles: ['grid_worker', 'community_admin'] },
  },
})

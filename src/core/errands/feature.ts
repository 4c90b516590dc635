import { defineFeature } from '../feature'

/** Mutual-aid errands: who may call its actions, what the kit audits, and its error copy (./copy.ts, shipped with its subpackage). */
export const errandsFeature = defineFeature({
  name: 'errands',
  // Who may make which move on WHICH errand is core/errands/machine.ts. Posting needs a household;
  // the board and taking errands need a helper grant of the errand's grid.
  permissions: {
    'errand.post': ['resident'],
    'errand.trusted': ['resident'],
    'errand.trust': ['resident'],
    'errand.board': ['helper'],
    'errand.accept': ['helper'],
    'errand.release': ['helper'],
    'errand.start': ['helper'],
    'errand.done': ['helper'],
    'errand.get': 'anyone',
    'errand.mine': 'anyone',
    'errand.cancel': 'anyone',
    'errand.confirm': 'anyone',
    'errand.dispute': 'anyone',
    'errand.thank': 'anyone',
    'errand.queue': ['grid_worker', 'community_admin'],
    'errand.resolve': ['grid_worker', 'community_admin'],
  },
})

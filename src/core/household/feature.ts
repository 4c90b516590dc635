import { defineFeature } from '../feature'

/** My household: who may call its actions, what the kit audits, and its error copy. */
export const householdFeature = defineFeature({
  name: 'household',
  // Everyone leaves or moves their own household (idempotent).
  permissions: {
    'household.mine': 'anyone',
    'household.leave': 'anyone',
    // Staff record a household's floor area; over its grid only (the route checks the household's place).
    'household.setArea': ['grid_worker', 'community_admin', 'street_admin'],
  },
})

import { defineFeature } from '../feature'

/** My household: who may call its actions, what the kit audits, and its error copy. */
export const householdFeature = defineFeature({
  name: 'household',
  // Everyone leaves or moves their own household (idempotent).
  permissions: {
    'household.mine': { anyone: true },
    'household.leave': { anyone: true },
  },
})

import { defineFeature } from '../feature'

/** Workbench: who may call its actions, what the kit audits, and its error copy. */
export const workbenchFeature = defineFeature({
  name: 'workbench',
  permissions: {
    // No place in the input: every count is bounded by the places of the caller's own grants.
    'workbench.summary': { roles: ['grid_worker', 'building_leader', 'community_admin', 'street_admin'] },
  },
})

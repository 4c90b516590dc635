import { defineFeature } from '../feature'

/** Workbench: who may call its actions, what the kit audits, and its error copy. */
export const workbenchFeature = defineFeature({
  name: 'workbench',
  permissions: {
    // No place in the input: every count is bounded by the places of the caller's own grants. The
    // grid's council has a desk too: its topics waiting to be put on the agenda or to a vote.
    'workbench.summary': {
      roles: ['grid_worker', 'building_leader', 'council_member', 'community_admin', 'street_admin'],
    },
  },
})

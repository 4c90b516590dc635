import { defineFeature } from '../feature'

/** Building codes: who may call its actions, what the kit audits, and its error copy. */
export const codesFeature = defineFeature({
  name: 'codes',
  permissions: {
    // Viewing, downloading and printing a grid's codes: its grid workers and the admins above it.
    'codes.grids': ['grid_worker', 'community_admin', 'street_admin'],
    'codes.list': ['grid_worker', 'community_admin', 'street_admin'],
    // Regenerating retires codes already printed on doors, so only community and street admins may.
    'codes.regenerate': ['community_admin', 'street_admin'],
  },
})

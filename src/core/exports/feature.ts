import { defineFeature } from '../feature'

/**
 * Excel exports (数据导出, issue #17): a community admin exports their community, a street admin
 * their street or one community of it. Grid workers export nothing (no whole community for them).
 * The files carry residents' (masked) names and their orders: both actions are audited, refusals
 * logged by the kit, every file made logged by the store. Error copy: ./copy.ts (subpackage).
 */
export const exportsFeature = defineFeature({
  name: 'exports',
  permissions: {
    'export.community': { roles: ['community_admin', 'street_admin'], place: 'communityId' },
    'export.street': { roles: ['street_admin'], place: 'streetId' },
  },
  audited: ['export.community', 'export.street'],
})

import { defineFeature } from '../feature'

/**
 * The dashboards (数据看板): a community admin sees their community, a street admin their street
 * and each community of it. The scope is checked by the kit from the place each action names. The
 * error copy is ./copy.ts, shipped with the dashboard subpackage (registerCopy).
 */
export const dashboardFeature = defineFeature({
  name: 'dashboard',
  permissions: {
    'dashboard.community': { roles: ['community_admin', 'street_admin'], place: 'communityId' },
    'dashboard.street': { roles: ['street_admin'], place: 'streetId' },
  },
})

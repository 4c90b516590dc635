import { defineFeature } from '../feature'

/**
 * The dashboards (数据看板): a community admin sees their community and each grid of it, a street
 * admin their street and each community and grid of it, a grid worker their grid. The scope is checked by the kit from the place each action names. The
 * error copy is ./copy.ts, shipped with the dashboard subpackage (registerCopy).
 */
export const dashboardFeature = defineFeature({
  name: 'dashboard',
  permissions: {
    'dashboard.community': { roles: ['community_admin', 'street_admin'], place: 'communityId' },
    'dashboard.street': { roles: ['street_admin'], place: 'streetId' },
    'dashboard.grid': { roles: ['grid_worker', 'community_admin', 'street_admin'], place: 'gridId' },
  },
})

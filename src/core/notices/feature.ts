import { defineFeature } from '../feature'

const everyone = ['resident', 'grid_worker', 'community_admin', 'street_admin'] as const
const admins = ['community_admin', 'street_admin'] as const

/**
 * Notices (社区公告): who may call its actions. Which scope a publisher may use, and which notice a
 * caller may read, is ./rules.ts (admins over the place; residents of the place). Its error copy
 * is ./copy.ts, shipped with the notices subpackage; only `notice.latest` is called from home.
 */
export const noticesFeature = defineFeature({
  name: 'notices',
  permissions: {
    'notice.latest': ['resident'],
    'notice.list': ['resident'],
    'notice.manage': [...admins],
    'notice.get': [...everyone],
    'notice.publish': [...admins],
    'notice.edit': [...admins],
    'notice.withdraw': [...admins],
    'notice.options': [...admins],
  },
})

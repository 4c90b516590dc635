import { defineFeature } from '../feature'

const everyone = ['resident', 'grid_worker', 'community_admin', 'street_admin'] as const

/**
 * The service guide (办事指南): anyone who uses the app reads it; the street's admins edit the
 * street's catalogue, a community's admins (or the street's admins over it) the community's own
 * entries (./rules.ts). Its error copy is ./copy.ts, shipped with the guide subpackage.
 */
export const guideFeature = defineFeature({
  name: 'guide',
  permissions: {
    'guide.list': [...everyone],
    'guide.get': [...everyone],
    'guide.save': ['community_admin', 'street_admin'],
    'guide.remove': ['community_admin', 'street_admin'],
  },
})

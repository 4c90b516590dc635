import { defineFeature } from '../feature'

const staff = ['grid_worker', 'community_admin'] as const

/**
 * The wish wall (心愿墙 · 微心愿): who may call its actions. Which wish a caller may see or move is
 * ./view.ts and ./machine.ts (a resident or helper of its grid; its owner; its claimant; staff over
 * it). Its error copy is ./copy.ts, shipped with the wishes subpackage (registerCopy).
 */
export const wishesFeature = defineFeature({
  name: 'wishes',
  permissions: {
    'wish.list': 'anyone',
    'wish.get': 'anyone',
    'wish.post': ['resident', ...staff],
    'wish.publish': [...staff],
    'wish.claim': ['helper'],
    'wish.helpers': ['helper'],
    'wish.fulfil': ['helper'],
    'wish.confirm': 'anyone',
    'wish.move': 'anyone',
    'wish.promote': [...staff],
  },
  // The claimant and staff read the family's contact (name, phone, address): logged by the route.
  audited: ['wish.get', 'wish.claim', 'wish.fulfil'],
})

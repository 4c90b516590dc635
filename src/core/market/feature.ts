import { defineFeature } from '../feature'

/** The love supermarket and the community fund: who may call its actions, what the kit audits, and its error copy. */
export const marketFeature = defineFeature({
  name: 'market',
  // Saving items and the fund name a community (checked by the kit); vouchers check theirs.
  permissions: {
    'market.items': 'anyone',
    'market.save': { roles: ['community_admin'], place: 'communityId', outOfScope: 'MARKET.NOT_IN_SCOPE' },
    'market.redeem': ['resident'],
    'market.vouchers': 'anyone',
    'market.cancel': 'anyone',
    'market.lookup': ['grid_worker', 'community_admin'],
    'market.verify': ['grid_worker', 'community_admin'],
    'fund.view': { roles: ['community_admin'], place: 'communityId' },
    'fund.pay': { roles: ['community_admin'], place: 'communityId' },
  },
  audited: ['market.lookup', 'market.verify'],
})

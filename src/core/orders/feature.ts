import { defineFeature } from '../feature'

/** Work orders, their config (categories, SLA) and the area rates: who may call its actions, what the kit audits, and its error copy. */
export const ordersFeature = defineFeature({
  name: 'orders',
  // Who may act on WHICH order is core/orders/machine.ts + decide.ts. Reporting needs a household
  // (resident) or staff intake on behalf; reading/rating/reopening own orders is checked per order.
  permissions: {
    'report.categories': 'anyone',
    'report.similar': ['resident', 'grid_worker', 'community_admin', 'street_admin'],
    'report.submit': ['resident', 'grid_worker', 'community_admin', 'street_admin'],
    'report.follow': ['resident'],
    'report.mine': 'anyone',
    'order.get': 'anyone',
    'order.rate': 'anyone',
    'order.reopen': 'anyone',
    'order.inbox': ['grid_worker'],
    'order.queue': ['community_admin', 'street_admin'],
    'order.accept': ['grid_worker', 'community_admin', 'street_admin'],
    'order.dispatch': ['resident', 'grid_worker', 'community_admin', 'street_admin'],
    'order.start': ['grid_worker', 'community_admin', 'street_admin'],
    'order.reply': ['grid_worker', 'community_admin', 'street_admin'],
    'order.escalate': ['grid_worker', 'community_admin', 'street_admin'],
    'order.release': ['grid_worker', 'community_admin', 'street_admin'],
    // Area rates are public figures (事事有回音); a worker's own figures: that worker and staff above.
    'stats.rates': 'anyone',
    // A community's categories and SLA table: admins above it; for reading also its grid workers.
    'order.config': {
      roles: ['grid_worker', 'community_admin', 'street_admin'],
      place: 'communityId',
      inside: ['grid_worker'],
    },
    'order.configure': { roles: ['community_admin', 'street_admin'], place: 'communityId' },
  },
})

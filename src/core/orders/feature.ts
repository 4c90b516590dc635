import { defineFeature } from '../feature'

/** Work orders, their config (categories, SLA) and the area rates: who may call its actions, what the kit audits, and its error copy. */
export const ordersFeature = defineFeature({
  name: 'orders',
  // Who may act on WHICH order is core/orders/machine.ts + decide.ts. Reporting needs a household
  // (resident) or staff intake on behalf; reading/rating/reopening own orders is checked per order.
  permissions: {
    'report.categories': { anyone: true },
    'report.similar': { roles: ['resident', 'grid_worker', 'community_admin', 'street_admin'] },
    'report.submit': { roles: ['resident', 'grid_worker', 'community_admin', 'street_admin'] },
    'report.follow': { roles: ['resident'] },
    'report.mine': { anyone: true },
    'order.get': { anyone: true },
    'order.rate': { anyone: true },
    'order.reopen': { anyone: true },
    'order.inbox': { roles: ['grid_worker'] },
    'order.queue': { roles: ['community_admin', 'street_admin'] },
    'order.accept': { roles: ['grid_worker', 'community_admin', 'street_admin'] },
    'order.dispatch': { roles: ['resident', 'grid_worker', 'community_admin', 'street_admin'] },
    'order.start': { roles: ['grid_worker', 'community_admin', 'street_admin'] },
    'order.reply': { roles: ['grid_worker', 'community_admin', 'street_admin'] },
    'order.escalate': { roles: ['grid_worker', 'community_admin', 'street_admin'] },
    'order.release': { roles: ['grid_worker', 'community_admin', 'street_admin'] },
    // Area rates are public figures (事事有回音); a worker's own figures: that worker and staff above.
    'stats.rates': { anyone: true },
    // A community's categories and SLA table: admins above it; for reading also its grid workers.
    'order.config': {
      roles: ['grid_worker', 'community_admin', 'street_admin'],
      place: 'communityId',
      inside: ['grid_worker'],
    },
    'order.configure': { roles: ['community_admin', 'street_admin'], place: 'communityId' },
  },
})

import type { configActions } from '../../../../src/core/orders/config-api'
import type { RoutesFor } from '../../../shared/kit'
import { configure, getConfig } from '../../../shared/repos/order-config'

/** A community's report categories and SLA table: read (grid workers, admins), change (admins). */
export const orderConfigRoutes: RoutesFor<typeof configActions> = {
  'order.config': (input, ctx) => getConfig(ctx.actor, input.communityId),
  'order.configure': (input, ctx) => configure(ctx.actor, input, new Date()),
}

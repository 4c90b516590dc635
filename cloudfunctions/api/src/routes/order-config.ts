import type { configActions } from '../../../../src/core/orders/config-api'
import { placeOf, type RoutesFor } from '../../../shared/kit'
import { configure, getConfig } from '../../../shared/repos/order-config'

/** A community's report categories and SLA table: read (grid workers, admins), change (admins). */
export const orderConfigRoutes: RoutesFor<typeof configActions> = {
  'order.config': (_input, ctx) => getConfig(ctx.actor, placeOf(ctx)),
  'order.configure': (input, ctx) => configure(ctx.actor, placeOf(ctx), input, new Date()),
}

import type { dashboardActions } from '../../../../src/core/dashboard/api'
import { periodOf } from '../../../../src/core/dashboard/period'
import { defineServerFeature } from '../../../shared/feature'
import { placeOf, type RoutesFor } from '../../../shared/kit'
import { dashboard } from '../../../shared/repos/dashboard'

const routes: RoutesFor<typeof dashboardActions> = {
  'dashboard.community': (input, ctx) => dashboard(placeOf(ctx), periodOf(input.period, new Date(), input)),
  'dashboard.street': (input, ctx) => dashboard(placeOf(ctx), periodOf(input.period, new Date(), input)),
  'dashboard.grid': (input, ctx) => dashboard(placeOf(ctx), periodOf(input.period, new Date(), input)),
}

/** The dashboards read counters only: nothing about a person is stored, so no privacy contribution. */
export const dashboardServer = defineServerFeature({ name: 'dashboard', routes })

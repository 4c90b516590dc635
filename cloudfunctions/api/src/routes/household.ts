import type { householdActions } from '../../../../src/core/household/api'
import type { RoutesFor } from '../../../shared/kit'
import { leave, myHousehold, setArea } from '../../../shared/repos/household'
import { defineServerFeature } from '../../../shared/feature'

/** 我的家庭: view, leave (moving is a join with `move: true`, see routes/join.ts). */
export const householdRoutes: RoutesFor<typeof householdActions> = {
  'household.mine': (_input, ctx) => myHousehold(ctx.actor, ctx.user),
  'household.leave': (_input, ctx) => leave(ctx.actor),
  'household.setArea': (input, ctx) => setArea(ctx.actor, input),
}

export const householdServer = defineServerFeature({
  name: 'household',
  routes: householdRoutes,
})

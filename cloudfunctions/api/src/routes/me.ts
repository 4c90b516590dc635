import type { meActions } from '../../../../src/core/me/api'
import { getProfile } from '../../../../src/core/me/commands'
import type { RoutesFor } from '../../../shared/kit'
import { householdSummary } from '../../../shared/repos/org'
import { findUser } from '../../../shared/repos/users'

const profile = getProfile({ findUser, householdSummary })

export const meRoutes: RoutesFor<typeof meActions> = {
  'me.profile': (_input, ctx) => profile(ctx.actor, ctx.created),
}

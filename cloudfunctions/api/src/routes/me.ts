import type { meActions } from '../../../../src/core/me/api'
import { customSkills } from '../../../../src/core/me/helper'
import { getProfile } from '../../../../src/core/me/commands'
import { checkText, SecScene } from '../../../shared/content-security'
import type { RoutesFor } from '../../../shared/kit'
import { eraseMe, helperProfile, myData, updateHelper } from '../../../shared/repos/me'
import { householdSummary } from '../../../shared/repos/org'
import { findUser } from '../../../shared/repos/users'
import { callerOpenId } from '../../../shared/sdk'

export const meRoutes: RoutesFor<typeof meActions> = {
  // The caller's record is the one identify read: no second read of it.
  'me.profile': (_input, ctx) =>
    getProfile({ findUser: async (id) => (id === ctx.user._id ? ctx.user : findUser(id)), householdSummary })(
      ctx.actor,
      ctx.created,
    ),
  'me.data': (_input, ctx) => myData(ctx.actor, ctx.user),
  'me.delete': (_input, ctx) => eraseMe(ctx, new Date()),
  'helper.profile': (_input, ctx) => helperProfile(ctx.actor, ctx.user),
  'helper.update': async (input, ctx) => {
    // Free-text skills appear on the public service card: checked before they are stored.
    const custom = customSkills(input.skills)
    if (custom.length > 0) await checkText(callerOpenId(), custom.join('\n'), SecScene.profile)
    return updateHelper(ctx.actor, input)
  },
}

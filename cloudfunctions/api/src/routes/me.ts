import type { meActions } from '../../../../src/core/me/api'
import { customSkills } from '../../../../src/core/me/helper'
import { getProfile } from '../../../../src/core/me/commands'
import { checkText, SecScene } from '../../../shared/content-security'
import { defineServerFeature, privacyOf, type ServerFeature } from '../../../shared/feature'
import type { RoutesFor } from '../../../shared/kit'
import { checkOwnership } from '../../../shared/privacy'
import {
  eraseMe,
  helperProfile,
  mePrivacy,
  MY_DATA_SECTIONS,
  myData,
  updateHelper,
} from '../../../shared/repos/me'
import { householdSummary } from '../../../shared/repos/org'
import { findUser } from '../../../shared/repos/users'
import { callerOpenId } from '../../../shared/sdk'

/**
 * The caller's own record and their rights over their data. `me.data` and `me.delete` reach every
 * other feature only through the privacy contributions of the features listed in the api's module.
 */
export function meServer(others: readonly ServerFeature[]) {
  const contributions = [mePrivacy, ...privacyOf(others)]
  checkOwnership(contributions, MY_DATA_SECTIONS)
  const routes: RoutesFor<typeof meActions> = {
    // The caller's record is the one identify read: no second read of it.
    'me.profile': (_input, ctx) =>
      getProfile({
        findUser: async (id) => (id === ctx.user._id ? ctx.user : findUser(id)),
        householdSummary,
      })(ctx.actor, ctx.created),
    'me.data': (_input, ctx) => myData(contributions, ctx.actor, ctx.user),
    'me.delete': (_input, ctx) => eraseMe(contributions, ctx, new Date()),
    'helper.profile': (_input, ctx) => helperProfile(ctx.actor, ctx.user),
    'helper.update': async (input, ctx) => {
      // Free-text skills appear on the public service card: checked before they are stored.
      const custom = customSkills(input.skills)
      if (custom.length > 0) await checkText(callerOpenId(), custom.join('\n'), SecScene.profile)
      return updateHelper(ctx.actor, input)
    },
  }
  return defineServerFeature({ name: 'me', routes, privacy: mePrivacy })
}

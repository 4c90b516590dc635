/**
 * `api`: the one user-facing function. Routes every action of the core contract (src/core/api.ts).
 * See docs/adr/0004-functions.md for why one function routes many actions.
 */
import { getProfile } from '../../../src/core/me/commands'
import { createApiHandler, jsonLog, type Routes } from '../../shared/kit'
import { householdSummary } from '../../shared/repos/org'
import { findUser, identify } from '../../shared/repos/users'
import { callerOpenId } from '../../shared/sdk'

const profile = getProfile({ findUser, householdSummary })

const routes: Routes = {
  'me.profile': (_input, ctx) => profile(ctx.actor, ctx.created),
}

export const main = createApiHandler(routes, { openId: callerOpenId, identify, log: jsonLog })

/**
 * `api`: the one user-facing function. Routes every action of the core contract (src/core/api.ts).
 * See docs/adr/0001-foundation.md for why one function routes many actions.
 */
import { getProfile } from '../../../src/core/me/commands'
import { createApiHandler, jsonLog, type Routes } from '../../shared/kit'
import { card, reveal } from '../../shared/repos/directory'
import { decide, inbox, mine, options, resolveCode, submit } from '../../shared/repos/join'
import { householdSummary } from '../../shared/repos/org'
import { findUser, identify } from '../../shared/repos/users'
import { callerOpenId } from '../../shared/sdk'

const profile = getProfile({ findUser, householdSummary })
const now = () => new Date()

const routes: Routes = {
  'me.profile': (_input, ctx) => profile(ctx.actor, ctx.created),
  'code.resolve': (input) => resolveCode(input.scene),
  'join.options': (input) => options(input.level, input.parentId),
  'join.submit': (input, ctx) => submit(ctx.actor, input, 'picker', now()),
  'join.mine': (_input, ctx) => mine(ctx.actor),
  'join.inbox': (_input, ctx) => inbox(ctx.actor),
  'join.decide': (input, ctx) => decide(ctx.actor, input, now()),
  'directory.card': (_input, ctx) => card(ctx.actor),
  'directory.call': (input, ctx) => reveal(ctx.actor, input.contactId, ctx.requestId, now()),
}

export const main = createApiHandler(routes, { openId: callerOpenId, identify, log: jsonLog })

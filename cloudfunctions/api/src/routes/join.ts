import type { joinActions } from '../../../../src/core/join/api'
import type { RoutesFor } from '../../../shared/kit'
import { decide, inbox, mine, options, resolveCode, submit } from '../../../shared/repos/join'

const now = () => new Date()

export const joinRoutes: RoutesFor<typeof joinActions> = {
  'code.resolve': (input) => resolveCode(input.scene),
  'join.options': (input) => options(input.level, input.parentId),
  'join.submit': (input, ctx) => submit(ctx.actor, input, 'picker', now()),
  'join.mine': (_input, ctx) => mine(ctx.actor),
  'join.inbox': (_input, ctx) => inbox(ctx.actor),
  'join.decide': (input, ctx) => decide(ctx.actor, input, now()),
}

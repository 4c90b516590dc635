import type { joinActions } from '../../../../src/core/join/api'
import { checkText, SecScene } from '../../../shared/content-security'
import type { RoutesFor } from '../../../shared/kit'
import { cancel, decide, inbox, mine, options, resolveCode, submit } from '../../../shared/repos/join'
import { phoneFromCode } from '../../../shared/repos/users'
import { callerOpenId } from '../../../shared/sdk'
import { defineServerFeature } from '../../../shared/feature'
import { joinPrivacy } from '../../../shared/repos/join-privacy'

const now = () => new Date()

export const joinRoutes: RoutesFor<typeof joinActions> = {
  'code.resolve': (input) => resolveCode(input.scene),
  'join.options': (input) => options(input.level, input.parentId),
  'join.submit': async (input, ctx) => {
    // The name is shown to deciders and (as the display name) on cards: checked before it is stored.
    await checkText(callerOpenId(), input.name, SecScene.profile)
    return submit(ctx.actor, input, now())
  },
  'join.mine': (_input, ctx) => mine(ctx.actor),
  'join.cancel': (input, ctx) => cancel(ctx.actor, input.joinId, now()),
  'join.inbox': (_input, ctx) => inbox(ctx.actor, ctx.requestId, now()),
  'join.decide': (input, ctx) => decide(ctx.actor, input, now()),
  'phone.fromCode': (input) => phoneFromCode(input.code),
}

export const joinServer = defineServerFeature({
  name: 'join',
  routes: joinRoutes,
  privacy: joinPrivacy,
})

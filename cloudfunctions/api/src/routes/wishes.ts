import type { wishActions } from '../../../../src/core/wishes/api'
import { checkText, SecScene } from '../../../shared/content-security'
import { defineServerFeature } from '../../../shared/feature'
import type { RoutesFor } from '../../../shared/kit'
import * as store from '../../../shared/repos/wishes'
import { wishesPrivacy } from '../../../shared/repos/wishes-privacy'
import { callerOpenId } from '../../../shared/sdk'

const now = () => new Date()
/** Every text others read passes content security first: risky → CONTENT.RISKY, nothing stored. */
const secure = (scene: (typeof SecScene)[keyof typeof SecScene]) => async (text: string) => {
  await checkText(callerOpenId(), text, scene)
}

const routes: RoutesFor<typeof wishActions> = {
  'wish.list': (input, ctx) => store.list(ctx.actor, input),
  'wish.get': (input, ctx) => store.get(ctx, input.wishId, now()),
  'wish.post': (input, ctx) => store.post(ctx, input, now(), secure(SecScene.forum)),
  'wish.publish': (input, ctx) => store.publish(ctx, input, now(), secure(SecScene.forum)),
  'wish.claim': (input, ctx) => store.claim(ctx, input, now(), secure(SecScene.profile)),
  'wish.helpers': (input, ctx) => store.helpers(ctx.actor, input.wishId),
  'wish.fulfil': (input, ctx) => store.fulfil(ctx, input, now(), secure(SecScene.comment)),
  'wish.confirm': (input, ctx) => store.confirm(ctx, input, now(), secure(SecScene.comment)),
  'wish.move': (input, ctx) => store.move(ctx, input, now(), secure(SecScene.comment)),
  'wish.promote': (input, ctx) => store.promote(ctx, input, now()),
}

export const wishesServer = defineServerFeature({ name: 'wishes', routes, privacy: wishesPrivacy })

import type { errandActions } from '../../../../src/core/errands/api'
import { checkText, SecScene } from '../../../shared/content-security'
import type { RoutesFor } from '../../../shared/kit'
import * as errands from '../../../shared/repos/errands'
import { callerOpenId } from '../../../shared/sdk'
import { defineServerFeature } from '../../../shared/feature'
import { errandsPrivacy } from '../../../shared/repos/errands-privacy'

const now = () => new Date()
/** Risky → CONTENT.RISKY, check unavailable → CONTENT.CHECK_UNAVAILABLE: nothing stored either way. */
const secure = (scene: (typeof SecScene)[keyof typeof SecScene]) => async (text: string) => {
  await checkText(callerOpenId(), text, scene)
}

export const errandRoutes: RoutesFor<typeof errandActions> = {
  'errand.post': (input, ctx) => errands.post(ctx, input, now(), secure(SecScene.forum)),
  'errand.trusted': (_input, ctx) => errands.trusted(ctx.actor),
  'errand.trust': (input, ctx) => errands.trust(ctx.actor, input.helperIds, now()),
  'errand.board': (input, ctx) => errands.board(ctx.actor, input.type, input.cursor),
  'errand.mine': (input, ctx) => errands.mine(ctx.actor, input.as, input.cursor),
  'errand.get': (input, ctx) => errands.get(ctx, input.errandId, now()),
  'errand.accept': (input, ctx) => errands.move(ctx, input.errandId, 'accept', now()),
  'errand.release': (input, ctx) => errands.move(ctx, input.errandId, 'release', now()),
  'errand.cancel': (input, ctx) =>
    errands.move(ctx, input.errandId, 'cancel', now(), input.reason ? { note: input.reason } : {}),
  'errand.start': (input, ctx) =>
    errands.move(ctx, input.errandId, 'start', now(), input.code ? { code: input.code } : {}),
  'errand.done': (input, ctx) => errands.move(ctx, input.errandId, 'done', now()),
  'errand.confirm': (input, ctx) => errands.move(ctx, input.errandId, 'confirm', now()),
  'errand.dispute': async (input, ctx) => {
    if (input.reason.trim()) await checkText(callerOpenId(), input.reason, SecScene.comment)
    return errands.move(ctx, input.errandId, 'dispute', now(), { note: input.reason })
  },
  'errand.thank': async (input, ctx) => {
    if (input.note.trim()) await checkText(callerOpenId(), input.note, SecScene.comment)
    return errands.thank(ctx, input.errandId, input.note, now())
  },
  'errand.queue': (input, ctx) => errands.queue(ctx.actor, input.cursor),
  'errand.resolve': (input, ctx) =>
    errands.move(ctx, input.errandId, input.decision, now(), input.note ? { note: input.note } : {}),
}

export const errandsServer = defineServerFeature({
  name: 'errands',
  routes: errandRoutes,
  privacy: errandsPrivacy,
})

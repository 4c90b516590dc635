import type { activityActions } from '../../../../src/core/activities/api'
import { checkText, SecScene } from '../../../shared/content-security'
import type { RoutesFor } from '../../../shared/kit'
import * as activities from '../../../shared/repos/activities'
import { callerOpenId } from '../../../shared/sdk'
import { defineServerFeature } from '../../../shared/feature'
import { activitiesPrivacy } from '../../../shared/repos/activities-privacy'

const now = () => new Date()
/** Risky → CONTENT.RISKY, check unavailable → CONTENT.CHECK_UNAVAILABLE: nothing stored either way. */
const secure = (scene: (typeof SecScene)[keyof typeof SecScene]) => async (text: string) => {
  await checkText(callerOpenId(), text, scene)
}

export const activityRoutes: RoutesFor<typeof activityActions> = {
  'activity.publish': (input, ctx) => activities.publish(ctx, input, now(), secure(SecScene.forum)),
  'activity.cancel': (input, ctx) => activities.cancel(ctx, input, now(), secure(SecScene.comment)),
  'activity.list': (input, ctx) => activities.list(ctx.actor, input.when, input.cursor, now()),
  'activity.get': (input, ctx) => activities.get(ctx.actor, input.activityId, now()),
  'activity.signup': (input, ctx) => activities.signup(ctx.actor, input.activityId, now()),
  'activity.withdraw': (input, ctx) => activities.withdraw(ctx.actor, input.activityId, now()),
  'activity.checkinCode': (input, ctx) => activities.checkinCode(ctx.actor, input, now()),
  'activity.checkin': (input, ctx) => activities.checkin(ctx.actor, input.code, now()),
  'activity.roster': (input, ctx) => activities.roster(ctx, input.activityId, now()),
  'activity.confirm': (input, ctx) => activities.confirm(ctx, input, now()),
  'hours.mine': (_input, ctx) => activities.mineHours(ctx, now()),
  'hours.export': (input, ctx) => activities.exportHours(ctx, input, now()),
}

export const activitiesServer = defineServerFeature({
  name: 'activities',
  routes: activityRoutes,
  privacy: activitiesPrivacy,
})

import type { noticesActions } from '../../../../src/core/notices/api'
import { checkText, SecScene } from '../../../shared/content-security'
import { defineServerFeature } from '../../../shared/feature'
import type { RoutesFor } from '../../../shared/kit'
import * as store from '../../../shared/repos/notices'
import { noticesPrivacy } from '../../../shared/repos/notices-privacy'
import { callerOpenId } from '../../../shared/sdk'

const now = () => new Date()
/** Every text residents read passes content security first: risky → CONTENT.RISKY, nothing stored. */
const secure = async (text: string) => {
  await checkText(callerOpenId(), text, SecScene.forum)
}

const routes: RoutesFor<typeof noticesActions> = {
  'notice.latest': (_input, ctx) => store.latest(ctx.actor, now()),
  'notice.list': (input, ctx) => store.list(ctx.actor, input.cursor, now()),
  'notice.manage': (input, ctx) => store.manage(ctx.actor, input, now()),
  'notice.get': (input, ctx) => store.get(ctx.actor, input.noticeId, now()),
  'notice.publish': (input, ctx) => store.publish(ctx, input, now(), secure),
  'notice.edit': (input, ctx) => store.edit(ctx, input, now(), secure),
  'notice.withdraw': (input, ctx) => store.withdraw(ctx, input.noticeId, now()),
  'notice.options': (input, ctx) => store.options(ctx.actor, input.communityId),
}

export const noticesServer = defineServerFeature({ name: 'notices', routes, privacy: noticesPrivacy })

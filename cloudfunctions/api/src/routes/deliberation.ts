import type { deliberationActions } from '../../../../src/core/deliberation/api'
import { checkText, SecScene } from '../../../shared/content-security'
import { defineServerFeature } from '../../../shared/feature'
import type { RoutesFor } from '../../../shared/kit'
import * as store from '../../../shared/repos/deliberation'
import * as comments from '../../../shared/repos/deliberation-comments'
import * as meetings from '../../../shared/repos/deliberation-meetings'
import { deliberationPrivacy } from '../../../shared/repos/deliberation-privacy'
import { callerOpenId } from '../../../shared/sdk'

const now = () => new Date()
/** Every text others read passes content security first: risky → CONTENT.RISKY, nothing stored. */
const secure = (scene: (typeof SecScene)[keyof typeof SecScene]) => async (text: string) => {
  await checkText(callerOpenId(), text, scene)
}

const routes: RoutesFor<typeof deliberationActions> = {
  'topic.list': (input, ctx) => store.list(ctx.actor, input),
  'topic.get': (input, ctx) => store.get(ctx.actor, input.topicId, now()),
  'topic.propose': (input, ctx) => store.propose(ctx, input, now(), secure(SecScene.forum)),
  'topic.support': (input, ctx) => store.support(ctx, input.topicId, now()),
  'topic.raise': (input, ctx) => store.raise(ctx, input, now(), secure(SecScene.forum)),
  'topic.sources': (input, ctx) => store.sourceOptions(ctx.actor, input),
  'topic.move': (input, ctx) => store.move(ctx, input, now(), secure(SecScene.comment)),
  'topic.openVote': (input, ctx) => store.openVote(ctx, input, now(), secure(SecScene.comment)),
  'topic.closeVote': (input, ctx) => store.closeVote(ctx, input.topicId, now()),
  'ballot.cast': (input, ctx) => store.cast(ctx, input, now()),
  'topic.carry': (input, ctx) => store.carry(ctx, input, now(), secure(SecScene.forum)),
  'topic.workOptions': (input, ctx) => store.workOptions(ctx.actor, input.topicId, now()),
  'topic.workPhotos': (input, ctx) => store.workPhotos(ctx, input, now()),
  'topic.rate': (input, ctx) => store.rateOutcome(ctx, input, now(), secure(SecScene.comment)),
  'topic.stats': (input, ctx) => store.stats(ctx.actor, input),
  'deliberation.config': (input) => store.configOf(input.communityId),
  'deliberation.configure': (input, ctx) => store.configure(ctx, input, now()),
  'comment.list': (input, ctx) => comments.listComments(ctx.actor, input.topicId, input.cursor),
  'comment.post': (input, ctx) => comments.postComment(ctx, input, now(), secure(SecScene.comment)),
  'comment.hide': (input, ctx) => comments.hide(ctx, input, now(), secure(SecScene.comment)),
  'meeting.schedule': (input, ctx) => meetings.schedule(ctx, input, now(), secure(SecScene.comment)),
  'meeting.get': (input, ctx) => meetings.get(ctx.actor, input.meetingId, now()),
  'meeting.list': (input, ctx) => meetings.list(ctx.actor, input.topicId),
  'meeting.close': (input, ctx) =>
    meetings.close(ctx, input, now(), { minutes: secure(SecScene.forum), words: secure(SecScene.comment) }),
  'meeting.cancel': (input, ctx) => meetings.cancel(ctx, input, now(), secure(SecScene.comment)),
}

export const deliberationServer = defineServerFeature({
  name: 'deliberation',
  routes,
  privacy: deliberationPrivacy,
})

/**
 * 民办 in the deliberation store, beyond `topic.carry`: a volunteer activity published for a topic
 * being carried out (the activity created and the topic's work gaining it in ONE transaction, the
 * topic's write on its version), and the staff's photos of the work in the 公示. Core decides
 * (src/core/deliberation/spawn.ts); the activity's own rules stay the activities store's.
 */
import { isStaffOver } from '../../../src/core/access'
import type { ActivityRecord } from '../../../src/core/activities/model'
import type { TopicDetail } from '../../../src/core/deliberation/api'
import { MeetingErrors } from '../../../src/core/deliberation/meeting'
import type { TopicRecord } from '../../../src/core/deliberation/model'
import { changeWorkPhotos, type PhotoChange } from '../../../src/core/deliberation/photos'
import { spawnActivity } from '../../../src/core/deliberation/spawn'
import { DomainError } from '../../../src/core/errors'
import { allStored } from '../files'
import type { CallContext } from '../kit'
import { decideAndRun } from '../runner'
import { withoutId } from './docs'
import { detailOf, load, moverOf, topicPlan, visible } from './deliberation-base'

const ACTIVITIES = 'activities'

const linkOf = (a: ActivityRecord) => ({
  id: a._id,
  communityId: a.communityId,
  title: a.title,
  endAt: a.endAt,
})

/**
 * Before anything is paid for (content security) or stored: may this activity be published for the
 * topic (seen by the caller, of its community, being carried out, staff over it, room for one more item)?
 */
export async function checkTopicFor(
  ctx: CallContext,
  topicId: string,
  a: ActivityRecord,
  now: Date,
): Promise<void> {
  const t = visible(ctx.actor, await load(topicId))
  spawnActivity(t, linkOf(a), a.requestId, moverOf(ctx, t), now)
}

/**
 * activity.publish with a topic: the activity (carrying `topicId`) is created and the topic moves
 * `add_work` with it, in one transaction conditional on the topic's version; a lost race decides
 * again on the topic as it is now. A racing twin of the same publish request fails the activities'
 * unique (createdBy, requestId) index: the caller answers the one stored.
 */
export async function publishForTopic(
  ctx: CallContext,
  topicId: string,
  a: ActivityRecord,
  now: Date,
): Promise<TopicRecord> {
  return decideAndRun<TopicRecord, TopicRecord>(
    async () => visible(ctx.actor, await load(topicId)),
    (t) => {
      const out = spawnActivity(t, linkOf(a), a.requestId, moverOf(ctx, t), now)
      const create = { op: 'create' as const, collection: ACTIVITIES, id: a._id, doc: withoutId(a) }
      return { plan: topicPlan(t, out.next, out.effects, now, [create]), result: out.next }
    },
    now,
  )
}

/**
 * topic.workPhotos: staff over the place add or remove photos of the work (≤ 9 in all), each new
 * one their own upload for this topic and in storage; one write conditional on the topic's version.
 */
export async function workPhotos(
  ctx: CallContext,
  input: { topicId: string } & PhotoChange,
  now: Date,
): Promise<TopicDetail> {
  const { actor } = ctx
  const by = (t: TopicRecord) => ({ userId: actor.userId, staff: isStaffOver(actor, t.path) })
  const seen = visible(actor, await load(input.topicId))
  const first = changeWorkPhotos(seen, input, by(seen))
  const added = (first ?? []).filter((p) => !(seen.workPhotos ?? []).includes(p))
  if (!(await allStored(added)))
    throw new DomainError(MeetingErrors.PHOTO_INVALID, '照片上传未完成，请重新添加')
  const next = await decideAndRun<TopicRecord, TopicRecord>(
    () => load(input.topicId),
    (t) => {
      const photos = changeWorkPhotos(t, input, by(t))
      // Checked in storage above: a photo added meanwhile by someone else was checked by their call.
      if (photos === null) return { done: t }
      const after: TopicRecord = { ...t, workPhotos: photos, version: t.version + 1, updatedAt: now }
      return { plan: topicPlan(t, after, [], now), result: after }
    },
    now,
  )
  return detailOf(actor, next, now)
}

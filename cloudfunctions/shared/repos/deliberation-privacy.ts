/**
 * Deliberation's part of me.delete (see privacy.ts). Topics are the grid's public record: what was
 * raised, supported, voted and decided stays. Shown to others is only the proposer's masked name;
 * on erasure it becomes the placeholder, on the topic and on its timeline. Supports and ballots
 * carry no name (a household and an internal user id), and stay: a recount from the stored ballots
 * must equal the published result. Comments are part of the same record: their text stays (the
 * discussion others answered must still read), their author's masked name becomes the placeholder,
 * and so does the name of a staff member who hid one. A meeting keeps its minutes; its organiser's
 * name becomes the placeholder. A reporter following a topic raised from their report stops
 * following it (their user id off `followerIds`, without the version, as a report's follower).
 */
import type { CommentRecord } from '../../../src/core/deliberation/comments'
import type { MeetingRecord } from '../../../src/core/deliberation/meeting'
import type { TopicEvent, TopicRecord } from '../../../src/core/deliberation/model'
import { ERASED_NAME } from '../../../src/core/me/erase'
import { definePrivacy, ERASE_BATCH } from '../privacy'
import { db } from '../sdk'

const TOPICS = 'topics'
const COMMENTS = 'topic_comments'

async function topicsOf(userId: string): Promise<boolean> {
  const res = await db()
    .collection(TOPICS)
    .where({ proposerId: userId, proposerShown: db().command.neq(ERASED_NAME) })
    .limit(ERASE_BATCH)
    .get()
  const topics = res.data as TopicRecord[]
  for (const t of topics) {
    const events: TopicEvent[] = t.events.map((e) => (e.by === userId ? { ...e, byName: ERASED_NAME } : e))
    await db().collection(TOPICS).doc(t._id).update({ proposerShown: ERASED_NAME, events })
  }
  return topics.length === ERASE_BATCH
}

/** The comments they wrote (index request_unique, on authorId first) and the ones they hid (hidden_by). */
async function commentsOf(userId: string): Promise<boolean> {
  const _ = db().command
  const [written, hid] = await Promise.all([
    db()
      .collection(COMMENTS)
      .where({ authorId: userId, authorShown: _.neq(ERASED_NAME) })
      .limit(ERASE_BATCH)
      .get(),
    db()
      .collection(COMMENTS)
      .where({ 'hidden.by': userId, 'hidden.byName': _.neq(ERASED_NAME) })
      .limit(ERASE_BATCH)
      .get(),
  ])
  const mine = written.data as CommentRecord[]
  const hidden = hid.data as CommentRecord[]
  for (const c of mine) await db().collection(COMMENTS).doc(c._id).update({ authorShown: ERASED_NAME })
  for (const c of hidden) await db().collection(COMMENTS).doc(c._id).update({ 'hidden.byName': ERASED_NAME })
  return mine.length === ERASE_BATCH || hidden.length === ERASE_BATCH
}

const MEETINGS = 'topic_meetings'

/** The meetings they organised: their name off each, one batch; true when more may be left. */
async function anonymiseMeetings(userId: string): Promise<boolean> {
  const res = await db()
    .collection(MEETINGS)
    .where({ organiserId: userId, organiserName: db().command.neq(ERASED_NAME) })
    .limit(ERASE_BATCH)
    .get()
  const meetings = res.data as MeetingRecord[]
  for (const m of meetings) await db().collection(MEETINGS).doc(m._id).update({ organiserName: ERASED_NAME })
  return meetings.length === ERASE_BATCH
}

/** The topics they follow as a source order's reporter (index `followers`): their id off, one batch. */
async function unfollowTopics(userId: string): Promise<boolean> {
  const _ = db().command
  const res = await db()
    .collection(TOPICS)
    .where({ followerIds: userId })
    .field({ _id: true })
    .limit(ERASE_BATCH)
    .get()
  const ids = (res.data as { _id: string }[]).map((t) => t._id)
  if (ids.length > 0)
    await db()
      .collection(TOPICS)
      .where({ _id: _.in(ids), followerIds: userId })
      .update({ followerIds: _.pull(userId) })
  return ids.length === ERASE_BATCH
}

export const deliberationPrivacy = definePrivacy({
  feature: 'deliberation',
  sections: [],
  anonymise: async (userId) => {
    const [topics, comments, meetings, followed] = [
      await topicsOf(userId),
      await commentsOf(userId),
      await anonymiseMeetings(userId),
      await unfollowTopics(userId),
    ]
    return topics || comments || meetings || followed
  },
})

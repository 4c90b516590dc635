/**
 * Deliberation's part of me.delete (see privacy.ts). Topics are the grid's public record: what was
 * raised, supported, voted and decided stays. Shown to others is only the proposer's masked name;
 * on erasure it becomes the placeholder, on the topic and on its timeline. Supports and ballots
 * carry no name (a household and an internal user id), and stay: a recount from the stored ballots
 * must equal the published result.
 */
import type { TopicEvent, TopicRecord } from '../../../src/core/deliberation/model'
import { ERASED_NAME } from '../../../src/core/me/erase'
import { definePrivacy, ERASE_BATCH } from '../privacy'
import { db } from '../sdk'

const TOPICS = 'topics'

export const deliberationPrivacy = definePrivacy({
  feature: 'deliberation',
  sections: [],
  anonymise: async (userId) => {
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
  },
})

/** The activities lists (with my sign-up status on each card) and one activity. */
import type { ActivityDetail, ActivityPage, SignupStatus } from '../../../src/core/activities/api'
import type { ActivityRecord, SignupRecord } from '../../../src/core/activities/model'
import { listCommunities } from '../../../src/core/activities/rules'
import type { Actor } from '../../../src/core/roles'
import { db } from '../sdk'
import { pageAfter } from './paging'
import {
  ACTIVITIES,
  cardOf,
  detailOf,
  load,
  mySignup,
  notFound,
  PAGE,
  SIGNUPS,
  visible,
} from './activities-base'

/** My sign-up statuses for these activities (one query). */
async function myStatuses(
  userId: string,
  activityIds: readonly string[],
): Promise<Map<string, SignupStatus>> {
  if (activityIds.length === 0) return new Map()
  const _ = db().command
  const res = await db()
    .collection(SIGNUPS)
    .where({ userId, activityId: _.in([...activityIds]) })
    .limit(activityIds.length)
    .get()
  return new Map((res.data as SignupRecord[]).map((s) => [s.activityId, s.status]))
}

/**
 * activity.list: `upcoming` (not yet ended, soonest first), `past` (ended, newest first) of my
 * communities (home and those I work for); `mine`: the activities I hold a seat in or held one,
 * newest sign-up first. 20 a page, cursor `<ms>_<id>`.
 */
export async function list(
  actor: Actor,
  when: 'upcoming' | 'past' | 'mine',
  cursor: string | undefined,
  now: Date,
): Promise<ActivityPage> {
  const _ = db().command
  if (when === 'mine') {
    const { rows: shown, cursor: next } = await pageAfter<SignupRecord>(
      SIGNUPS,
      { userId: actor.userId, status: _.neq('withdrawn') },
      { field: 'signedAt', dir: 'desc' },
      cursor,
      PAGE,
    )
    const ids = shown.map((s) => s.activityId)
    const found = ids.length
      ? ((
          await db()
            .collection(ACTIVITIES)
            .where({ _id: _.in(ids) })
            .limit(ids.length)
            .get()
        ).data as ActivityRecord[])
      : []
    const byId = new Map(found.map((a) => [a._id, a]))
    return {
      items: shown.flatMap((s) => {
        const a = byId.get(s.activityId)
        return a ? [cardOf(a, s.status, now)] : []
      }),
      cursor: next,
    }
  }
  const communities = listCommunities(actor)
  if (communities.length === 0) return { items: [], cursor: null }
  const dir = when === 'upcoming' ? 'asc' : 'desc'
  const page = await pageAfter<ActivityRecord>(
    ACTIVITIES,
    { communityId: _.in(communities), endAt: when === 'upcoming' ? _.gte(now) : _.lt(now) },
    { field: 'startAt', dir },
    cursor,
    PAGE,
  )
  const mine = await myStatuses(
    actor.userId,
    page.rows.map((a) => a._id),
  )
  return { items: page.rows.map((a) => cardOf(a, mine.get(a._id) ?? null, now)), cursor: page.cursor }
}

export async function get(actor: Actor, activityId: string, now: Date): Promise<ActivityDetail> {
  const a = await load(activityId)
  if (!visible(actor, a)) throw notFound()
  return detailOf(actor, a, await mySignup(a._id, actor.userId), now)
}

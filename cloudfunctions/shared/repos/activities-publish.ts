/** Publishing an activity, and cancelling it: the residents signed up are told. */
import { withRetry } from '../tx'
import { isAdminOf } from '../../../src/core/access'
import type { ActivityDetail } from '../../../src/core/activities/api'
import type { ActivityRecord, SignupRecord } from '../../../src/core/activities/model'
import {
  checkPublish,
  checkReason,
  decideCancel,
  type PublishInput,
} from '../../../src/core/activities/rules'
import type { UserRecord } from '../../../src/core/me/model'
import { beijingTime, clipThing } from '../../../src/core/notify/templates'
import type { CallContext } from '../kit'
import { jsonLog } from '../kit'
import { sendAndRecord, type Addressed } from '../notify'
import { db } from '../sdk'
import { byRequest, isDuplicateKey, newId } from '../ids'
import { txGet } from './docs'
import { ACTIVITIES, detailOf, load, notFound, notInScope, ROSTER_MAX, SIGNUPS } from './activities-base'

export interface PublishRequest extends PublishInput {
  readonly requestId: string
  readonly communityId: string
}

/**
 * activity.publish: a community admin of `communityId`; idempotent on requestId (a unique index on
 * createdBy + requestId; the id itself is opaque, ADR 0016); text passes `check` (content security)
 * before anything is stored.
 */
export async function publish(
  ctx: CallContext,
  input: PublishRequest,
  now: Date,
  check: (text: string) => Promise<void>,
): Promise<ActivityDetail> {
  const { actor } = ctx
  // The community scope was checked by the kit (permission row `activity.publish`).
  const activityId = newId('ac')
  const earlier = () =>
    byRequest<ActivityRecord>(ACTIVITIES, { createdBy: actor.userId, requestId: input.requestId })
  const existing = await earlier()
  if (existing) return detailOf(actor, existing, null, now, true)
  const checked = checkPublish(input, now)
  await check([checked.title, checked.team, checked.place, checked.description].filter(Boolean).join('\n'))
  const record: ActivityRecord = {
    _id: activityId,
    communityId: input.communityId,
    ...checked,
    signedUp: 0,
    status: 'published',
    createdBy: actor.userId,
    requestId: input.requestId,
    checkinCode: null,
    checkinSession: 0,
    cancelReason: null,
    cancelledAt: null,
    cancelledBy: null,
    createdAt: now,
    updatedAt: now,
  }
  try {
    await db().collection(ACTIVITIES).add(record)
  } catch (err) {
    // A concurrent publish of the same request won the unique (createdBy, requestId) index.
    const again = isDuplicateKey(err) ? await earlier() : null
    if (!again) throw err
    return detailOf(actor, again, null, now, true)
  }
  return detailOf(actor, record, null, now, false)
}

// ── Cancel ──

/**
 * activity.cancel: the community admin, before the start, with a reason. Residents holding a seat
 * are told through subscribe messages (sent, then recorded: failed ones are retried by the notify
 * timer). Cancelling twice answers the cancelled activity (retried).
 */
export async function cancel(
  ctx: CallContext,
  input: { activityId: string; reason: string },
  now: Date,
  check: (text: string) => Promise<void>,
): Promise<ActivityDetail> {
  const { actor } = ctx
  const a = await load(input.activityId)
  if (!isAdminOf(actor, a.communityId)) throw notInScope('只能取消本社区的活动')
  if (decideCancel(a, now) === 'again') return detailOf(actor, a, null, now, true)
  const reason = checkReason(input.reason)
  await check(reason)
  const outcome = await withRetry(async (tx) => {
    const current = await txGet<ActivityRecord>(tx, ACTIVITIES, a._id)
    if (!current) throw notFound()
    if (decideCancel(current, now) === 'again') return { activity: current, retried: true }
    const patch = {
      status: 'cancelled' as const,
      cancelReason: reason,
      cancelledAt: now,
      cancelledBy: actor.userId,
      updatedAt: now,
    }
    await tx.collection(ACTIVITIES).doc(a._id).update(patch)
    return { activity: { ...current, ...patch }, retried: false }
  })
  if (!outcome.retried) await notifyCancelled(outcome.activity, reason, now)
  return detailOf(actor, outcome.activity, null, now, outcome.retried)
}

async function notifyCancelled(a: ActivityRecord, reason: string, now: Date): Promise<void> {
  try {
    const _ = db().command
    const res = await db()
      .collection(SIGNUPS)
      .where({ activityId: a._id, status: _.in(['signed', 'checked_in']) })
      .limit(ROSTER_MAX)
      .get()
    const userIds = (res.data as SignupRecord[]).map((s) => s.userId)
    if (userIds.length === 0) return
    const users = (
      await db()
        .collection('users')
        .where({ _id: _.in(userIds) })
        .field({ openid: true })
        .limit(userIds.length)
        .get()
    ).data as Pick<UserRecord, '_id' | 'openid'>[]
    const openids = new Map(users.map((u) => [u._id, u.openid]))
    const data = {
      thing1: { value: clipThing(a.title) },
      time2: { value: beijingTime(new Date(a.startAt)) },
      thing3: { value: clipThing(reason) },
      thing4: { value: '活动已取消，感谢您的热心参与' },
    }
    const messages: Addressed[] = userIds.map((recipientId) => ({
      kind: 'activity.cancelled',
      sourceId: a._id,
      recipientId,
      template: 'activityCancelled',
      data,
      openid: openids.get(recipientId) ?? null,
    }))
    await sendAndRecord(messages, now)
  } catch (err) {
    jsonLog({ level: 'error', what: 'activity.notify', activityId: a._id, error: String(err) })
  }
}

/** Publishing an activity, and cancelling it: the residents signed up are told. */
import { isAdminOf } from '../../../src/core/access'
import type { ActivityDetail } from '../../../src/core/activities/api'
import type { ActivityRecord } from '../../../src/core/activities/model'
import { cancelEffects, heldCounts } from '../../../src/core/activities/effects'
import { entryOf, newOutbox } from '../../../src/core/effects'
import { updatePlan } from '../../../src/core/plan'
import {
  checkPublish,
  checkReason,
  decideCancel,
  type PublishInput,
} from '../../../src/core/activities/rules'
import type { CallContext } from '../kit'
import { decideAndRun } from '../runner'
import { db } from '../sdk'
import { byRequest, isDuplicateKey, newId } from '../ids'
import { ACTIVITIES, detailOf, load, notInScope, ROSTER_MAX, SIGNUPS } from './activities-base'
import { checkTopicFor, publishForTopic } from './deliberation-spawn'

export interface PublishRequest extends PublishInput {
  readonly requestId: string
  readonly communityId: string
  /** 民办: for this topic being carried out (deliberation's rules: src/core/deliberation/spawn.ts). */
  readonly topicId?: string | undefined
}

/**
 * activity.publish: a community admin of `communityId`; idempotent on requestId (a unique index on
 * createdBy + requestId; the id itself is opaque, ADR 0016); text passes `check` (content security)
 * before anything is stored. With `topicId` the topic's rules are checked first too, and the
 * activity is created in the transaction that adds it to the topic's work.
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
  const fields: ActivityRecord = {
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
    ...(input.topicId ? { topicId: input.topicId } : {}),
    createdAt: now,
    updatedAt: now,
  }
  // Counted as held on its day (the dashboards), through the one outbox.
  const record: ActivityRecord = {
    ...fields,
    ...newOutbox([entryOf('publish', now, heldCounts(fields, 1))], now),
  }
  if (input.topicId) await checkTopicFor(ctx, input.topicId, record, now)
  await check([checked.title, checked.team, checked.place, checked.description].filter(Boolean).join('\n'))
  try {
    if (input.topicId) await publishForTopic(ctx, input.topicId, record, now)
    else await db().collection(ACTIVITIES).add(record)
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
 * are told (src/core/activities/effects.ts, on the activity's outbox in the cancel's own write).
 * Cancelling twice answers the cancelled activity (retried).
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
  return decideAndRun<ActivityRecord, ActivityDetail>(
    () => load(a._id),
    (current) => {
      if (decideCancel(current, now) === 'again') return { done: detailOf(actor, current, null, now, true) }
      const patch = {
        status: 'cancelled' as const,
        cancelReason: reason,
        cancelledAt: now,
        cancelledBy: actor.userId,
        updatedAt: now,
      }
      const entry = entryOf('cancel', now, [
        ...cancelEffects(current, reason, SIGNUPS, ROSTER_MAX),
        ...heldCounts(current, -1),
      ])
      return {
        plan: updatePlan(ACTIVITIES, a._id, { status: current.status }, patch, entry),
        result: detailOf(actor, { ...current, ...patch }, null, now, false),
      }
    },
    now,
  )
}

/**
 * Volunteer activities' part of me.data and me.delete (see privacy.ts).
 * Shown: my sign-ups (with the activity's title and start) and my volunteer-hours lines.
 * Settled: sign-ups still `signed` for published activities not yet started are withdrawn with
 * `withdrawSeat` (the seat is freed in the same transaction; `decideWithdraw` inside it is the rule,
 * the filter only saves transactions). Sign-ups of started, ended or cancelled activities,
 * check-ins and confirmations stay as they are (attendance).
 * Kept: volunteer-hours lines — the record 民政部《志愿服务记录与证明出具办法》 asks the organisation to
 * keep. No name is on them (the staff export reads it from the user at export time, so it shows
 * 新邻居 after erasure); `confirmedByName` is the confirming staff member's, part of the certificate.
 */
import {
  ACTIVITY_COLLECTIONS,
  type ActivityRecord,
  type HoursRecord,
  type SignupRecord,
} from '../../../src/core/activities/model'
import type { MyData } from '../../../src/core/me/api'
import { definePrivacy, ERASE_BATCH, iso, recent, settleOne } from '../privacy'
import { db } from '../sdk'
import { lineOf, withdrawSeat } from './activities'

const { activities: ACTIVITIES, signups: SIGNUPS, hours: HOURS } = ACTIVITY_COLLECTIONS

async function mySignupsAndHours(userId: string): Promise<Pick<MyData, 'signups' | 'hours'>> {
  const _ = db().command
  const [signups, hours] = await Promise.all([
    recent<SignupRecord>(SIGNUPS, { userId }, 'signedAt'),
    recent<HoursRecord>(HOURS, { userId }, 'date'),
  ])
  const activityIds = [...new Set(signups.rows.map((s) => s.activityId))]
  const activities = activityIds.length
    ? ((
        await db()
          .collection(ACTIVITIES)
          .where({ _id: _.in(activityIds) })
          .field({ title: true, startAt: true })
          .limit(activityIds.length)
          .get()
      ).data as Pick<ActivityRecord, '_id' | 'title' | 'startAt'>[])
    : []
  const byId = new Map(activities.map((a) => [a._id, a]))
  return {
    signups: {
      count: signups.count,
      lines: signups.rows.map((s) => ({
        activityId: s.activityId,
        title: byId.get(s.activityId)?.title ?? '',
        startAt: iso(byId.get(s.activityId)?.startAt),
        status: s.status,
        signedAt: iso(s.signedAt) ?? '',
        walkIn: s.walkIn,
      })),
    },
    hours: { count: hours.count, lines: hours.rows.map(lineOf) },
  }
}

async function withdrawOpenSignups(userId: string, now: Date): Promise<void> {
  const _ = db().command
  const open = (
    await db()
      .collection(SIGNUPS)
      .where({ userId, status: 'signed' })
      .field({ activityId: true })
      .limit(ERASE_BATCH)
      .get()
  ).data as Pick<SignupRecord, 'activityId'>[]
  const ids = [...new Set(open.map((s) => s.activityId))]
  if (ids.length === 0) return
  const upcoming = (
    await db()
      .collection(ACTIVITIES)
      .where({ _id: _.in(ids), status: 'published', startAt: _.gt(now) })
      .field({ _id: true })
      .limit(ids.length)
      .get()
  ).data as { _id: string }[]
  for (const a of upcoming) await settleOne('withdraw', a._id, () => withdrawSeat(userId, a._id, now))
}

export const activitiesPrivacy = definePrivacy({
  feature: 'activities',
  sections: ['signups', 'hours'],
  data: (actor) => mySignupsAndHours(actor.userId),
  settle: (ctx, now) => withdrawOpenSignups(ctx.actor.userId, now),
})

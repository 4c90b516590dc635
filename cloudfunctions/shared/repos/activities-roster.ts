/**
 * The roster, and confirming attendance. Confirming moves the sign-up to `confirmed`, pays the
 * points through the ledger (cause `activity:<id>:<userId>`, idempotent) and writes the
 * volunteer-hours line, in one transaction per resident: a second confirmation, even a concurrent
 * one, pays nothing more.
 */
import { withRetry } from '../tx'
import { homeOf, isCommunityStaff } from '../../../src/core/access'
import type { ConfirmResult, Roster, RosterLine, SignupStatus } from '../../../src/core/activities/api'
import { ActivityErrors } from '../../../src/core/activities/errors'
import type { ActivityRecord, HoursRecord, SignupRecord } from '../../../src/core/activities/model'
import { attendanceCounts } from '../../../src/core/activities/effects'
import { confirmVerdict } from '../../../src/core/activities/rules'
import { entryOf, newOutbox } from '../../../src/core/effects'
import { DomainError } from '../../../src/core/errors'
import type { UserRecord } from '../../../src/core/me/model'
import { Causes, issuanceAccount, personAccount } from '../../../src/core/points/model'
import type { CallContext } from '../kit'
import { db } from '../sdk'
import { logAccess } from './access-log'
import { getDoc, namesByIds, withoutId } from './docs'
import { transferInTx } from './ledger'
import {
  cardOf,
  displayName,
  HOURS,
  iso,
  load,
  mySignup,
  notInScope,
  ROSTER_MAX,
  signupInTx,
  SIGNUPS,
  statusOf,
} from './activities-base'

const ORDER: Record<SignupStatus, number> = { checked_in: 0, signed: 1, confirmed: 2, withdrawn: 3 }

/** The roster of an activity for its staff; the full names it carries are logged as an access. */
async function rosterOf(ctx: CallContext, a: ActivityRecord, action: string, now: Date): Promise<Roster> {
  const _ = db().command
  const signups = (await db().collection(SIGNUPS).where({ activityId: a._id }).limit(ROSTER_MAX).get())
    .data as SignupRecord[]
  const userIds = signups.map((s) => s.userId)
  const users = userIds.length
    ? ((
        await db()
          .collection('users')
          .where({ _id: _.in(userIds) })
          .field({ realName: true, displayName: true, grants: true })
          .limit(userIds.length)
          .get()
      ).data as UserRecord[])
    : []
  const byId = new Map(users.map((u) => [u._id, u]))
  const buildingOf = (u: UserRecord | undefined) => (u && homeOf(u)?.buildingId) ?? ''
  const buildings = await namesByIds('buildings', users.map((u) => buildingOf(u)).filter(Boolean))
  const lines: RosterLine[] = signups
    .map((s) => {
      const u = byId.get(s.userId)
      return {
        userId: s.userId,
        name: displayName(u),
        buildingName: buildings.get(buildingOf(u)) ?? '',
        status: s.status,
        signedAt: new Date(s.signedAt).toISOString(),
        checkedInAt: iso(s.checkedInAt),
        confirmedAt: iso(s.confirmedAt),
        confirmedByName: s.confirmedByName ?? null,
      }
    })
    .sort(
      (x, y) =>
        ORDER[x.status] - ORDER[y.status] ||
        x.signedAt.localeCompare(y.signedAt) ||
        x.userId.localeCompare(y.userId),
    )
  const counts: Record<SignupStatus, number> = { signed: 0, withdrawn: 0, checked_in: 0, confirmed: 0 }
  for (const l of lines) counts[l.status] += 1
  await logAccess({
    actorId: ctx.actor.userId,
    action,
    subject: a._id,
    people: userIds,
    allowed: true,
    requestId: ctx.requestId,
    at: now,
  })
  return { activity: cardOf(a, null, now), lines, counts }
}

/** Staff only; a refused attempt on the roster (its names) is logged too. */
async function staffForRoster(
  ctx: CallContext,
  activityId: string,
  action: string,
  now: Date,
): Promise<ActivityRecord> {
  const a = await load(activityId)
  if (!isCommunityStaff(ctx.actor, a.communityId)) {
    await logAccess({
      actorId: ctx.actor.userId,
      action,
      subject: activityId,
      people: [],
      allowed: false,
      requestId: ctx.requestId,
      at: now,
    })
    throw notInScope('只能管理本社区的活动')
  }
  return a
}

export async function roster(ctx: CallContext, activityId: string, now: Date): Promise<Roster> {
  const a = await staffForRoster(ctx, activityId, 'activity.roster', now)
  return rosterOf(ctx, a, 'activity.roster', now)
}

/**
 * activity.confirm: each resident in their own transaction — the sign-up must be checked in; the
 * points (issuance → resident, cause activity:<id>:<userId>), the sign-up's confirmation and the
 * volunteer-hours line are written together. Already confirmed → nothing new (alreadyPaid).
 */
export async function confirm(
  ctx: CallContext,
  input: { activityId: string; userIds: readonly string[] },
  now: Date,
): Promise<ConfirmResult> {
  const a = await staffForRoster(ctx, input.activityId, 'activity.confirm', now)
  if (a.status === 'cancelled') throw new DomainError(ActivityErrors.CANCELLED, '活动已取消')
  const organisation = (await getDoc<{ name: string }>('communities', a.communityId))?.name ?? ''
  const byName = displayName(ctx.user)
  const paid: string[] = []
  const alreadyPaid: string[] = []
  const skipped: { userId: string; reason: string }[] = []
  for (const userId of [...new Set(input.userIds)]) {
    const known = await mySignup(a._id, userId)
    const verdict = await withRetry(async (tx) => {
      const s = await signupInTx(tx, known)
      const v = confirmVerdict(statusOf(s))
      if (v !== 'pay') return v
      // Only a checked-in sign-up is paid. The hours line shares its (opaque) id: one line per sign-up.
      const sid = (s as SignupRecord)._id
      let transferId: string | null = null
      if (a.points > 0) {
        const outcome = await transferInTx(
          tx,
          {
            cause: Causes.activity(a._id, userId),
            from: issuanceAccount(a.communityId),
            to: personAccount(userId),
            amount: a.points,
            reason: a.title,
            communityId: a.communityId,
            by: ctx.actor.userId,
          },
          now,
        )
        transferId = outcome.transfer._id
      }
      await tx.collection(SIGNUPS).doc(sid).update({
        status: 'confirmed',
        confirmedAt: now,
        confirmedBy: ctx.actor.userId,
        confirmedByName: byName,
        transferId,
      })
      const line: HoursRecord = {
        _id: sid,
        userId,
        communityId: a.communityId,
        activityId: a._id,
        title: a.title,
        team: a.team,
        place: a.place,
        date: new Date(a.startAt),
        hours: a.hours,
        points: a.points,
        confirmedBy: ctx.actor.userId,
        confirmedByName: byName,
        organisation,
        confirmedAt: now,
      }
      // The line carries its attendance's day counts (the dashboards) through the one outbox.
      const counts = newOutbox([entryOf('day', now, attendanceCounts(a, userId))], now)
      await tx
        .collection(HOURS)
        .doc(sid)
        .set({ ...withoutId(line), ...counts })
      return 'pay' as const
    })
    if (verdict === 'pay') paid.push(userId)
    else if (verdict === 'already') alreadyPaid.push(userId)
    else skipped.push({ userId, reason: verdict.skip })
  }
  return { roster: await rosterOf(ctx, a, 'activity.confirm', now), paid, alreadyPaid, skipped }
}

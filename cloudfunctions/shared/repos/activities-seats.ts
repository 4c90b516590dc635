/**
 * Seats. Every seat change (sign-up, withdrawal, walk-in check-in) is one transaction that reads the
 * activity and the resident's sign-up and writes both, the activity's `signedUp` counter included:
 * residents racing for the last seat conflict on the activity document, the loser is retried
 * (`withRetry`, cloudfunctions/shared/tx.ts) against the new count and gets ACTIVITY.FULL.
 */
import { withRetry } from '../tx'
import { homeCommunity } from '../../../src/core/access'
import type { ActivityDetail } from '../../../src/core/activities/api'
import type { ActivityRecord, SignupRecord } from '../../../src/core/activities/model'
import { decideWithdraw, seatsAfter, signupStep } from '../../../src/core/activities/rules'
import type { Actor } from '../../../src/core/roles'
import { newId } from '../ids'
import { txGet, withoutId } from './docs'
import {
  ACTIVITIES,
  detailOf,
  load,
  mySignup,
  notFound,
  notInScope,
  retryOnceOnDuplicate,
  signupInTx,
  SIGNUPS,
  statusOf,
} from './activities-base'

export function freshSignup(
  a: ActivityRecord,
  userId: string,
  now: Date,
  over: Partial<SignupRecord> = {},
): SignupRecord {
  return {
    _id: newId('su'),
    activityId: a._id,
    userId,
    communityId: a.communityId,
    status: 'signed',
    signedAt: now,
    walkIn: false,
    withdrawnAt: null,
    checkedInAt: null,
    confirmedAt: null,
    confirmedBy: null,
    confirmedByName: null,
    transferId: null,
    ...over,
  }
}

async function residentOf(actor: Actor, activityId: string): Promise<ActivityRecord> {
  const a = await load(activityId)
  if (homeCommunity(actor) !== a.communityId) throw notInScope()
  return a
}

/** activity.signup: one seat, counted in the same transaction (ACTIVITY.FULL when none is left). */
export async function signup(actor: Actor, activityId: string, now: Date): Promise<ActivityDetail> {
  await residentOf(actor, activityId)
  const out = await retryOnceOnDuplicate(async () => {
    const known = await mySignup(activityId, actor.userId)
    return withRetry(async (tx) => {
      const a = await txGet<ActivityRecord>(tx, ACTIVITIES, activityId)
      if (!a) throw notFound()
      const current = await signupInTx(tx, known)
      const step = signupStep(a, statusOf(current), now)
      if (step.again) return { a, s: current, retried: true }
      const fresh = freshSignup(a, actor.userId, now)
      const s = current ? { ...fresh, _id: current._id } : fresh
      const next = { ...a, signedUp: seatsAfter(a, step.effects), updatedAt: now }
      // The contended document first: a conflict there leaves nothing else written.
      await tx.collection(ACTIVITIES).doc(activityId).update({ signedUp: next.signedUp, updatedAt: now })
      await tx.collection(SIGNUPS).doc(s._id).set(withoutId(s))
      return { a: next, s, retried: false }
    })
  })
  return detailOf(actor, out.a, out.s, now, out.retried)
}

/** activity.withdraw: before the start only; the seat is freed in the same transaction. */
export async function withdraw(actor: Actor, activityId: string, now: Date): Promise<ActivityDetail> {
  await residentOf(actor, activityId)
  const out = await withdrawSeat(actor.userId, activityId, now)
  return detailOf(actor, out.a, out.s, now)
}

/**
 * `userId`'s sign-up → withdrawn and the seat freed, in one transaction, under the withdraw rules
 * (decideWithdraw: DomainError when cancelled, started, checked in or not signed up). No scope
 * check: activity.withdraw checks its caller first; me.delete withdraws the caller's own sign-ups.
 */
export async function withdrawSeat(
  userId: string,
  activityId: string,
  now: Date,
): Promise<{ a: ActivityRecord; s: SignupRecord }> {
  const known = await mySignup(activityId, userId)
  return withRetry(async (tx) => {
    const a = await txGet<ActivityRecord>(tx, ACTIVITIES, activityId)
    if (!a) throw notFound()
    const current = await signupInTx(tx, known)
    const effects = decideWithdraw(a, statusOf(current), now)
    const s = { ...(current as SignupRecord), status: 'withdrawn' as const, withdrawnAt: now }
    const next = { ...a, signedUp: seatsAfter(a, effects), updatedAt: now }
    await tx.collection(ACTIVITIES).doc(activityId).update({ signedUp: next.signedUp, updatedAt: now })
    await tx.collection(SIGNUPS).doc(s._id).update({ status: 'withdrawn', withdrawnAt: now })
    return { a: next, s }
  })
}

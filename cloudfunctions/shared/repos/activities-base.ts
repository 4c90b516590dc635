/** What every part of the activities store shares: the collections, loading an activity and a sign-up, who sees it, and its views. */
import type { Tx } from '../tx'
import type { ActivityCard, ActivityDetail, SignupStatus } from '../../../src/core/activities/api'
import { ActivityErrors } from '../../../src/core/activities/errors'
import {
  ACTIVITY_COLLECTIONS,
  type ActivityRecord,
  type SignupRecord,
} from '../../../src/core/activities/model'
import { checkinWindow, movesFor, phaseLabel, standingOf } from '../../../src/core/activities/rules'
import { DomainError } from '../../../src/core/errors'
import type { UserRecord } from '../../../src/core/me/model'
import type { Actor } from '../../../src/core/roles'
import { byRequest, isDuplicateKey } from '../ids'
import { cloud } from '../sdk'
import { getDoc, txGet } from './docs'
import { isoOrNull as iso } from '../../../src/core/china-time'
export { iso }

export const { activities: ACTIVITIES, signups: SIGNUPS, codes: CODES, hours: HOURS } = ACTIVITY_COLLECTIONS
export const PAGE = 20
export const ROSTER_MAX = 1000
export const HOURS_MAX = 500
export const EXPORT_MAX_ROWS = 20_000
const TEMP_URL_MAX_AGE_S = 2 * 60 * 60

export const notFound = () => new DomainError(ActivityErrors.NOT_FOUND, '活动不存在或已删除')
export const notInScope = (what = '只能参加本社区的活动') =>
  new DomainError(ActivityErrors.NOT_IN_SCOPE, what)

export async function load(activityId: string): Promise<ActivityRecord> {
  const a = await getDoc<ActivityRecord>(ACTIVITIES, activityId)
  if (!a) throw notFound()
  return { ...a, _id: activityId }
}

/**
 * A person's sign-up for an activity: (activityId, userId) is unique and the id opaque (ADR 0016).
 * Read outside the transaction, then re-read by its id inside it (no where-queries in transactions);
 * a concurrent first sign-up of the same person loses on the unique index (see `retryOnceOnDuplicate`).
 */
export async function mySignup(activityId: string, userId: string): Promise<SignupRecord | null> {
  return byRequest<SignupRecord>(SIGNUPS, { activityId, userId })
}

/** The sign-up `known` names, as it is now inside the transaction. */
export async function signupInTx(tx: Tx, known: SignupRecord | null): Promise<SignupRecord | null> {
  return known ? txGet<SignupRecord>(tx, SIGNUPS, known._id) : null
}

/** A write that lost a concurrent first sign-up on the unique index runs again (and then finds it). */
export async function retryOnceOnDuplicate<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
    return run()
  }
}

/** A signup's status, with a withdrawn one read as no sign-up where seats are concerned. */
export const statusOf = (s: SignupRecord | null | undefined): SignupStatus | null => s?.status ?? null

export function cardOf(a: ActivityRecord, mine: SignupStatus | null, now: Date): ActivityCard {
  return {
    activityId: a._id,
    communityId: a.communityId,
    title: a.title,
    team: a.team,
    place: a.place,
    startAt: new Date(a.startAt).toISOString(),
    endAt: new Date(a.endAt).toISOString(),
    capacity: a.capacity,
    signedUp: a.signedUp,
    points: a.points,
    hours: a.hours,
    status: a.status,
    phaseLabel: phaseLabel(a, now),
    mine,
  }
}

export function detailOf(
  actor: Actor,
  a: ActivityRecord,
  signup: SignupRecord | null,
  now: Date,
  retried = false,
): ActivityDetail {
  const mine = statusOf(signup)
  const window = checkinWindow(a)
  return {
    ...cardOf(a, mine, now),
    description: a.description,
    moves: movesFor(a, mine, standingOf(actor, a.communityId), now),
    checkinFrom: window.from.toISOString(),
    checkinTo: window.to.toISOString(),
    checkedInAt: iso(signup?.checkedInAt),
    confirmedAt: iso(signup?.confirmedAt),
    topicId: a.topicId ?? null,
    retried,
  }
}

/** Residents and staff of the activity's community see it; nobody else (NOT_FOUND). */
export function visible(actor: Actor, a: ActivityRecord): boolean {
  const s = standingOf(actor, a.communityId)
  return s.resident || s.staff
}

export const displayName = (u: Pick<UserRecord, 'realName' | 'displayName'> | null | undefined) =>
  u?.realName ?? u?.displayName ?? ''

/** A storage file's temporary URL (TEMP_URL_MAX_AGE_S), or null when it cannot be had. */
export async function tempUrl(fileID: string): Promise<string | null> {
  const res = await cloud().getTempFileURL({ fileList: [{ fileID, maxAge: TEMP_URL_MAX_AGE_S }] })
  const f = res.fileList?.[0]
  return f && f.code === 'SUCCESS' && f.tempFileURL ? f.tempFileURL : null
}

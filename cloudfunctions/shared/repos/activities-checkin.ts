/** Check-in codes (drawn once per activity, with their image) and checking in; a walk-in's check-in takes a seat in the same transaction. */
import { withRetry, type Tx } from '../tx'
import { homeCommunity, isCommunityStaff } from '../../../src/core/access'
import { randomBytes } from 'node:crypto'
import type { ActivityDetail, CheckinCode } from '../../../src/core/activities/api'
import { ActivityErrors } from '../../../src/core/activities/errors'
import {
  CHECKIN_WXACODE,
  checkinImagePath,
  type ActivityRecord,
  type CheckinCodeRecord,
  type SignupRecord,
} from '../../../src/core/activities/model'
import {
  checkinCodeFromBytes,
  checkinScene,
  checkinWindow,
  decideCheckin,
  seatsAfter,
  parseCheckinInput,
} from '../../../src/core/activities/rules'
import { DomainError } from '../../../src/core/errors'
import type { Actor } from '../../../src/core/roles'
import { jsonLog } from '../kit'
import { cloud, db } from '../sdk'
import { getUnlimitedWxacode } from '../wxacode'
import { getDoc, txGet, withoutId } from './docs'
import {
  ACTIVITIES,
  CODES,
  detailOf,
  load,
  mySignup,
  notFound,
  notInScope,
  retryOnceOnDuplicate,
  signupInTx,
  SIGNUPS,
  statusOf,
  tempUrl,
} from './activities-base'
import { freshSignup } from './activities-seats'

async function staffOf(actor: Actor, activityId: string): Promise<ActivityRecord> {
  const a = await load(activityId)
  if (!isCommunityStaff(actor, a.communityId)) throw notInScope('只能管理本社区的活动')
  return a
}

async function drawUnusedCode(tx: Tx): Promise<string> {
  for (let i = 0; i < 5; i += 1) {
    const code = checkinCodeFromBytes(randomBytes(8))
    if (!(await txGet<CheckinCodeRecord>(tx, CODES, code))) return code
  }
  throw new Error('could not draw an unused check-in code')
}

/** The image of a code, made once and remembered on the code record; null (logged) when it fails. */
async function imageUrlOf(record: CheckinCodeRecord): Promise<string | null> {
  try {
    let fileId = record.imageFileId
    if (!fileId) {
      const png = await getUnlimitedWxacode({ scene: checkinScene(record._id), ...CHECKIN_WXACODE })
      fileId = (
        await cloud().uploadFile({
          cloudPath: checkinImagePath(record.activityId, record._id),
          fileContent: png,
        })
      ).fileID
      await db().collection(CODES).doc(record._id).update({ imageFileId: fileId })
    }
    return await tempUrl(fileId)
  } catch (err) {
    jsonLog({
      level: 'error',
      what: 'checkin wxacode',
      code: record._id,
      error: err instanceof Error ? err.message : String(err),
    })
    return null
  }
}

/**
 * activity.checkinCode: staff of the activity's community. The current code, made on the first ask;
 * `rotate` starts the next session: the pointer on the activity moves in a transaction and the old
 * code stops working (its record is marked retired).
 */
export async function checkinCode(
  actor: Actor,
  input: { activityId: string; rotate?: boolean | undefined },
  now: Date,
): Promise<CheckinCode> {
  const a = await staffOf(actor, input.activityId)
  if (a.status === 'cancelled') throw new DomainError(ActivityErrors.CANCELLED, '活动已取消')
  let record = !input.rotate && a.checkinCode ? await getDoc<CheckinCodeRecord>(CODES, a.checkinCode) : null
  if (!record) {
    record = await withRetry(async (tx) => {
      const current = await txGet<ActivityRecord>(tx, ACTIVITIES, a._id)
      if (!current) throw notFound()
      const previous = current.checkinCode
        ? await txGet<CheckinCodeRecord>(tx, CODES, current.checkinCode)
        : null
      // Made meanwhile by someone else (or rotated by a concurrent call): answer that one.
      if (previous && (!input.rotate || current.checkinSession > a.checkinSession)) return previous
      const code = await drawUnusedCode(tx)
      const session = current.checkinSession + 1
      const made: CheckinCodeRecord = {
        _id: code,
        activityId: a._id,
        session,
        createdAt: now,
        createdBy: actor.userId,
        imageFileId: null,
        retiredAt: null,
      }
      await tx
        .collection(ACTIVITIES)
        .doc(a._id)
        .update({ checkinCode: code, checkinSession: session, updatedAt: now })
      await tx.collection(CODES).doc(code).set(withoutId(made))
      if (previous) await tx.collection(CODES).doc(previous._id).update({ retiredAt: now })
      return made
    })
  } else {
    record = { ...record, _id: a.checkinCode as string }
  }
  const window = checkinWindow(a)
  return {
    activityId: a._id,
    code: record._id,
    scene: checkinScene(record._id),
    session: record.session,
    imageUrl: await imageUrlOf(record),
    validFrom: window.from.toISOString(),
    validTo: window.to.toISOString(),
  }
}

/**
 * activity.checkin: a resident of the activity's community with its current code, inside the
 * window. Not signed up → signed up on the spot while a seat is left, in the same transaction.
 */
export async function checkin(actor: Actor, raw: string, now: Date): Promise<ActivityDetail> {
  const code = parseCheckinInput(raw)
  const badCode = () => new DomainError(ActivityErrors.BAD_CODE, '签到码无效或已更换，请扫描现场最新的签到码')
  if (!code) throw badCode()
  const record = await getDoc<CheckinCodeRecord>(CODES, code)
  if (!record) throw badCode()
  const a = await load(record.activityId)
  if (a.checkinCode !== code) throw badCode()
  if (homeCommunity(actor) !== a.communityId) throw notInScope()
  const out = await retryOnceOnDuplicate(async () => {
    const known = await mySignup(a._id, actor.userId)
    return withRetry(async (tx) => {
      const current = await txGet<ActivityRecord>(tx, ACTIVITIES, a._id)
      if (!current) throw notFound()
      if (current.checkinCode !== code) throw badCode()
      const before = await signupInTx(tx, known)
      const { walkIn, effects } = decideCheckin(current, statusOf(before), now)
      if (walkIn) {
        const fresh = freshSignup(current, actor.userId, now, {
          status: 'checked_in',
          walkIn: true,
          checkedInAt: now,
        })
        const s = before ? { ...fresh, _id: before._id } : fresh
        const next = { ...current, signedUp: seatsAfter(current, effects), updatedAt: now }
        await tx.collection(ACTIVITIES).doc(a._id).update({ signedUp: next.signedUp, updatedAt: now })
        await tx.collection(SIGNUPS).doc(s._id).set(withoutId(s))
        return { a: next, s }
      }
      const s = before as SignupRecord
      await tx.collection(SIGNUPS).doc(s._id).update({ status: 'checked_in', checkedInAt: now })
      return { a: current, s: { ...s, status: 'checked_in' as const, checkedInAt: now } }
    })
  })
  return detailOf(actor, out.a, out.s, now)
}

/**
 * Volunteer activities store (src/core/activities). Every seat change (sign-up, withdrawal, walk-in
 * check-in) is one transaction that reads the activity and the resident's sign-up and writes both,
 * the activity's `signedUp` counter included: residents racing for the last seat conflict on the
 * activity document, the loser is retried (`withRetry`, repos/ledger.ts) against the new count and gets ACTIVITY.FULL.
 * Confirming an attendance moves the sign-up to `confirmed`, pays the points through the ledger
 * (cause `activity:<id>:<userId>`, idempotent) and writes the volunteer-hours line, in one
 * transaction per resident: a second confirmation, even a concurrent one, pays nothing more.
 */
import { withRetry, type Tx } from '../tx'
import { homeCommunity, homeOf, isAdminOf, isCommunityStaff } from '../../../src/core/access'
import { randomBytes } from 'node:crypto'
import type {
  ActivityCard,
  ActivityDetail,
  ActivityPage,
  CheckinCode,
  ConfirmResult,
  HoursExport,
  HoursLine,
  MyHours,
  Roster,
  RosterLine,
  SignupStatus,
} from '../../../src/core/activities/api'
import { ActivityErrors } from '../../../src/core/activities/errors'
import {
  ACTIVITY_COLLECTIONS,
  CHECKIN_WXACODE,
  checkinImagePath,
  exportPath,
  type ActivityRecord,
  type CheckinCodeRecord,
  type HoursRecord,
  type SignupRecord,
} from '../../../src/core/activities/model'
import {
  beijingDate,
  checkinCodeFromBytes,
  checkinScene,
  checkinWindow,
  checkPublish,
  checkReason,
  confirmVerdict,
  decideCancel,
  decideCheckin,
  decideSignup,
  decideWithdraw,
  EXPORT_COLUMNS,
  exportRange,
  exportRows,
  listCommunities,
  movesFor,
  parseCheckinInput,
  phaseLabel,
  standingOf,
  totalHours,
  type PublishInput,
} from '../../../src/core/activities/rules'
import { DomainError } from '../../../src/core/errors'
import type { UserRecord } from '../../../src/core/me/model'
import { beijingTime, clipThing } from '../../../src/core/notify/templates'
import { Causes, issuanceAccount, personAccount } from '../../../src/core/points/model'
import type { Actor } from '../../../src/core/roles'
import type { CallContext } from '../kit'
import { jsonLog } from '../kit'
import { sendAndRecord, type Addressed } from '../notify'
import { cloud, db } from '../sdk'
import { byRequest, isDuplicateKey, newId } from '../ids'
import { getUnlimitedWxacode } from '../wxacode'
import { buildXlsx } from '../xlsx'
import { logAccess } from './access-log'
import { getDoc, namesByIds, txGet, withoutId } from './docs'
import { afterTimeCursor, timeCursor } from './paging'
import { transferInTx } from './ledger'

const { activities: ACTIVITIES, signups: SIGNUPS, codes: CODES, hours: HOURS } = ACTIVITY_COLLECTIONS
const PAGE = 20
const ROSTER_MAX = 1000
const HOURS_MAX = 500
const EXPORT_MAX_ROWS = 20_000
const TEMP_URL_MAX_AGE_S = 2 * 60 * 60

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null)
const notFound = () => new DomainError(ActivityErrors.NOT_FOUND, '活动不存在或已删除')
const notInScope = (what = '只能参加本社区的活动') => new DomainError(ActivityErrors.NOT_IN_SCOPE, what)

async function load(activityId: string): Promise<ActivityRecord> {
  const a = await getDoc<ActivityRecord>(ACTIVITIES, activityId)
  if (!a) throw notFound()
  return { ...a, _id: activityId }
}

/**
 * A person's sign-up for an activity: (activityId, userId) is unique and the id opaque (ADR 0016).
 * Read outside the transaction, then re-read by its id inside it (no where-queries in transactions);
 * a concurrent first sign-up of the same person loses on the unique index (see `retryOnceOnDuplicate`).
 */
async function mySignup(activityId: string, userId: string): Promise<SignupRecord | null> {
  return byRequest<SignupRecord>(SIGNUPS, { activityId, userId })
}

/** The sign-up `known` names, as it is now inside the transaction. */
async function signupInTx(tx: Tx, known: SignupRecord | null): Promise<SignupRecord | null> {
  return known ? txGet<SignupRecord>(tx, SIGNUPS, known._id) : null
}

/** A write that lost a concurrent first sign-up on the unique index runs again (and then finds it). */
async function retryOnceOnDuplicate<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
    return run()
  }
}

/** A signup's status, with a withdrawn one read as no sign-up where seats are concerned. */
const statusOf = (s: SignupRecord | null | undefined): SignupStatus | null => s?.status ?? null

function cardOf(a: ActivityRecord, mine: SignupStatus | null, now: Date): ActivityCard {
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

function detailOf(
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
    retried,
  }
}

/** Residents and staff of the activity's community see it; nobody else (NOT_FOUND). */
function visible(actor: Actor, a: ActivityRecord): boolean {
  const s = standingOf(actor, a.communityId)
  return s.resident || s.staff
}

const displayName = (u: Pick<UserRecord, 'realName' | 'displayName'> | null | undefined) =>
  u?.realName ?? u?.displayName ?? ''

// ── Publish ──

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

// ── Lists ──

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
    const res = await db()
      .collection(SIGNUPS)
      .where(
        _.and([
          { userId: actor.userId, status: _.neq('withdrawn') },
          afterTimeCursor(cursor, 'signedAt', 'desc'),
        ]),
      )
      .orderBy('signedAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(PAGE + 1)
      .get()
    const rows = res.data as SignupRecord[]
    const shown = rows.slice(0, PAGE)
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
    const last = shown[shown.length - 1]
    return {
      items: shown.flatMap((s) => {
        const a = byId.get(s.activityId)
        return a ? [cardOf(a, s.status, now)] : []
      }),
      cursor: rows.length > PAGE && last ? timeCursor(last.signedAt, last._id) : null,
    }
  }
  const communities = listCommunities(actor)
  if (communities.length === 0) return { items: [], cursor: null }
  const dir = when === 'upcoming' ? 'asc' : 'desc'
  const res = await db()
    .collection(ACTIVITIES)
    .where(
      _.and([
        { communityId: _.in(communities), endAt: when === 'upcoming' ? _.gte(now) : _.lt(now) },
        afterTimeCursor(cursor, 'startAt', dir),
      ]),
    )
    .orderBy('startAt', dir)
    .orderBy('_id', dir)
    .limit(PAGE + 1)
    .get()
  const rows = res.data as ActivityRecord[]
  const shown = rows.slice(0, PAGE)
  const mine = await myStatuses(
    actor.userId,
    shown.map((a) => a._id),
  )
  const last = shown[shown.length - 1]
  return {
    items: shown.map((a) => cardOf(a, mine.get(a._id) ?? null, now)),
    cursor: rows.length > PAGE && last ? timeCursor(last.startAt, last._id) : null,
  }
}

export async function get(actor: Actor, activityId: string, now: Date): Promise<ActivityDetail> {
  const a = await load(activityId)
  if (!visible(actor, a)) throw notFound()
  return detailOf(actor, a, await mySignup(a._id, actor.userId), now)
}

// ── Seats ──

function freshSignup(
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
      if (decideSignup(a, statusOf(current), now) === 'again') return { a, s: current, retried: true }
      const fresh = freshSignup(a, actor.userId, now)
      const s = current ? { ...fresh, _id: current._id } : fresh
      const next = { ...a, signedUp: a.signedUp + 1, updatedAt: now }
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
    decideWithdraw(a, statusOf(current), now)
    const s = { ...(current as SignupRecord), status: 'withdrawn' as const, withdrawnAt: now }
    const next = { ...a, signedUp: Math.max(a.signedUp - 1, 0), updatedAt: now }
    await tx.collection(ACTIVITIES).doc(activityId).update({ signedUp: next.signedUp, updatedAt: now })
    await tx.collection(SIGNUPS).doc(s._id).update({ status: 'withdrawn', withdrawnAt: now })
    return { a: next, s }
  })
}

// ── Check-in codes ──

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

async function tempUrl(fileID: string): Promise<string | null> {
  const res = await cloud().getTempFileURL({ fileList: [{ fileID, maxAge: TEMP_URL_MAX_AGE_S }] })
  const f = res.fileList?.[0]
  return f && f.code === 'SUCCESS' && f.tempFileURL ? f.tempFileURL : null
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
      const { walkIn } = decideCheckin(current, statusOf(before), now)
      if (walkIn) {
        const fresh = freshSignup(current, actor.userId, now, {
          status: 'checked_in',
          walkIn: true,
          checkedInAt: now,
        })
        const s = before ? { ...fresh, _id: before._id } : fresh
        const next = { ...current, signedUp: current.signedUp + 1, updatedAt: now }
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

// ── Roster and confirmation ──

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
      await tx.collection(HOURS).doc(sid).set(withoutId(line))
      return 'pay' as const
    })
    if (verdict === 'pay') paid.push(userId)
    else if (verdict === 'already') alreadyPaid.push(userId)
    else skipped.push({ userId, reason: verdict.skip })
  }
  return { roster: await rosterOf(ctx, a, 'activity.confirm', now), paid, alreadyPaid, skipped }
}

// ── Volunteer hours ──

export function lineOf(h: HoursRecord): HoursLine {
  return {
    activityId: h.activityId,
    title: h.title,
    team: h.team,
    place: h.place,
    date: new Date(h.date).toISOString(),
    hours: h.hours,
    points: h.points,
    confirmedByName: h.confirmedByName,
    organisation: h.organisation,
    confirmedAt: new Date(h.confirmedAt).toISOString(),
  }
}

/** hours.mine: my volunteer-hours lines (newest first, up to 500) and their total. */
export async function mineHours(ctx: CallContext, now: Date): Promise<MyHours> {
  const home = homeCommunity(ctx.actor)
  const [res, community] = await Promise.all([
    db()
      .collection(HOURS)
      .where({ userId: ctx.actor.userId })
      .orderBy('date', 'desc')
      .orderBy('_id', 'desc')
      .limit(HOURS_MAX)
      .get(),
    home ? getDoc<{ name: string }>('communities', home) : Promise.resolve(null),
  ])
  const lines = (res.data as HoursRecord[]).map(lineOf)
  return {
    name: displayName(ctx.user),
    communityName: community?.name ?? '',
    totalHours: totalHours(lines),
    count: lines.length,
    lines,
    issuedAt: now.toISOString(),
  }
}

/**
 * hours.export: a community admin's .xlsx of the community's volunteer-hours lines in the range,
 * stored at exports/hours/<communityId>/<ms>.xlsx and answered with a temporary URL. The file
 * carries residents' names: the export is logged as an access to their data first.
 */
export async function exportHours(
  ctx: CallContext,
  input: { communityId: string; from?: string | undefined; to?: string | undefined },
  now: Date,
): Promise<HoursExport> {
  // The community scope was checked by the kit (permission row `hours.export`), refusals logged.
  const range = exportRange(input.from, input.to, now)
  const _ = db().command
  const records: HoursRecord[] = []
  let lastId: string | null = null
  while (records.length < EXPORT_MAX_ROWS) {
    const where: object = _.and([
      { communityId: input.communityId, date: _.and(_.gte(range.from), _.lte(range.to)) },
      lastId === null ? {} : { _id: _.gt(lastId) },
    ])
    const page = (await db().collection(HOURS).where(where).orderBy('_id', 'asc').limit(1000).get())
      .data as HoursRecord[]
    records.push(...page)
    if (page.length < 1000) break
    lastId = page[page.length - 1]?._id ?? null
  }
  const userIds = [...new Set(records.map((r) => r.userId))]
  const people = new Map<string, { name: string; buildingName: string }>()
  for (let i = 0; i < userIds.length; i += 500) {
    const chunk = userIds.slice(i, i + 500)
    const users = (
      await db()
        .collection('users')
        .where({ _id: _.in(chunk) })
        .field({ realName: true, displayName: true, grants: true })
        .limit(chunk.length)
        .get()
    ).data as UserRecord[]
    const buildingOf = (u: UserRecord) => homeOf(u)?.buildingId ?? ''
    const names = await namesByIds('buildings', users.map(buildingOf).filter(Boolean))
    for (const u of users)
      people.set(u._id, { name: displayName(u), buildingName: names.get(buildingOf(u)) ?? '' })
  }
  const rows = exportRows(records, people)
  const community = await getDoc<{ name: string }>('communities', input.communityId)
  const fileName = `志愿服务记录-${community?.name ?? input.communityId}-${beijingDate(range.from)}至${beijingDate(range.to)}.xlsx`
  const xlsx = buildXlsx(
    { name: '志愿服务记录', rows, widths: EXPORT_COLUMNS.map((c) => Math.max(10, [...c].length * 2 + 2)) },
    now,
  )
  await logAccess({
    actorId: ctx.actor.userId,
    action: 'hours.export',
    subject: input.communityId,
    people: userIds,
    allowed: true,
    requestId: ctx.requestId,
    at: now,
  })
  const { fileID } = await cloud().uploadFile({
    cloudPath: exportPath(input.communityId, now),
    fileContent: xlsx,
  })
  const url = await tempUrl(fileID)
  if (!url) throw new Error(`no temporary URL for ${fileID}`)
  return { fileID, url, fileName, rows: records.length }
}

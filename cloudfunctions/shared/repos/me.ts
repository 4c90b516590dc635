import { inTransaction, type Tx } from '../tx'
import { holdsOver } from '../../../src/core/access'
import {
  ACTIVITY_COLLECTIONS,
  type ActivityRecord,
  type HoursRecord,
  type SignupRecord,
} from '../../../src/core/activities/model'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import { MARKET_COLLECTIONS, type VoucherRecord } from '../../../src/core/market/model'
import { MY_DATA_RECENT, type MyData, type MyErrandLine, type Profile } from '../../../src/core/me/api'
import { personAccount } from '../../../src/core/points/model'
import { AccessActionLabel } from '../../../src/core/privacy/access-log'
import { ErrandStatusLabel, ErrandTypeLabel, type ErrandRecord } from '../../../src/core/errands/model'
import type { ErrandMove } from '../../../src/core/errands/machine'
import { StatusLabel as OrderStatusLabel } from '../../../src/core/orders/messages'
import type { OrderRecord } from '../../../src/core/orders/model'
import {
  helperAfterUpdate,
  helperProfileOf,
  MAX_THANKS_SHOWN,
  type HelperProfile,
  type HelperProfileView,
} from '../../../src/core/me/helper'
import { DEFAULT_DISPLAY_NAME, type UserRecord } from '../../../src/core/me/model'
import type { JoinRecord } from '../../../src/core/join/model'
import { ERASED_NAME, grantsAfterErasure } from '../../../src/core/me/erase'
import { maskName } from '../../../src/core/privacy/mask'
import { RoleLabel, type Actor, type Role } from '../../../src/core/roles'
import { jsonLog, type CallContext } from '../kit'
import { eraseNotificationsOf, eraseNotificationsOfKind } from '../notify'
import { db } from '../sdk'
import { lineOf as hoursLineOf, withdrawSeat } from './activities'
import { firstDoc, getDoc, namesByIds } from './docs'
import { ERRANDS, move as moveErrand, TRUST } from './errands'
import { ENTRIES, mine as myPoints } from './ledger'
import { cancel as cancelVoucher } from './market'
import { ORDERS } from './orders'
import { householdSummary } from './org'

const JOINS = 'join_requests'
const { activities: ACTIVITIES, signups: SIGNUPS, hours: HOURS } = ACTIVITY_COLLECTIONS
const VOUCHERS = MARKET_COLLECTIONS.vouchers
/** Sign-ups withdrawn, vouchers cancelled, errands settled, reports/errands anonymised per me.delete call (a second call continues). */
const ERASE_BATCH = 100
/** Batches of one anonymising step per call: up to 1,000 orders or errands of a person at once. */
const ERASE_ROUNDS = 10
const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null)

/** How others reach my personal data: the directory's contact ids for me (repos/directory.ts). */
function subjectsOf(userId: string): string[] {
  return [
    userId,
    ...(['grid_worker', 'building_leader', 'helper'] as Role[]).map((r) => `user:${userId}:${r}`),
  ]
}

/** How many of my records a store holds and the newest `MY_DATA_RECENT` (indexes userId + `by` desc). */
async function recent<T>(
  collection: string,
  where: object,
  by: string,
): Promise<{ count: number; rows: T[] }> {
  const [count, res] = await Promise.all([
    db().collection(collection).where(where).count(),
    db()
      .collection(collection)
      .where(where)
      .orderBy(by, 'desc')
      .orderBy('_id', 'desc')
      .limit(MY_DATA_RECENT)
      .get(),
  ])
  return { count: count.total, rows: res.data as T[] }
}

/** My love-card points, activity sign-ups, volunteer hours and vouchers (issue #7 stores), bounded. */
async function myLoveCard(actor: Actor): Promise<Pick<MyData, 'points' | 'signups' | 'hours' | 'vouchers'>> {
  const _ = db().command
  const account = personAccount(actor.userId)
  const [points, entries, signups, hours, vouchers] = await Promise.all([
    myPoints(actor),
    db().collection(ENTRIES).where({ account }).count(),
    recent<SignupRecord>(SIGNUPS, { userId: actor.userId }, 'signedAt'),
    recent<HoursRecord>(HOURS, { userId: actor.userId }, 'date'),
    recent<VoucherRecord>(VOUCHERS, { userId: actor.userId }, 'issuedAt'),
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
  const signupLines: MyData['signups'] = {
    count: signups.count,
    lines: signups.rows.map((s) => ({
      activityId: s.activityId,
      title: byId.get(s.activityId)?.title ?? '',
      startAt: iso(byId.get(s.activityId)?.startAt),
      status: s.status,
      signedAt: iso(s.signedAt) ?? '',
      walkIn: s.walkIn,
    })),
  }
  const voucherLines: MyData['vouchers'] = {
    count: vouchers.count,
    lines: vouchers.rows.map((v) => ({
      voucherId: v._id,
      itemName: v.itemName,
      price: v.price,
      status: v.status,
      issuedAt: iso(v.issuedAt) ?? '',
      expiresAt: iso(v.expiresAt) ?? '',
      usedAt: iso(v.usedAt),
      closedAt: iso(v.closedAt),
    })),
  }
  const hoursLines: MyData['hours'] = { count: hours.count, lines: hours.rows.map(hoursLineOf) }
  return {
    points: { balance: points.balance, entries: entries.total, lines: points.lines.slice(0, MY_DATA_RECENT) },
    signups: signupLines,
    hours: hoursLines,
    vouchers: voucherLines,
  }
}

/**
 * 我的上报 and 邻里互助: work orders I reported or follow (indexes orders.reporter, orders.followers:
 * the same query as report.mine) and errands I posted or served (errands.requester, errands.helper),
 * counts and the newest `MY_DATA_RECENT`.
 */
async function myCases(userId: string): Promise<Pick<MyData, 'reports' | 'errands'>> {
  const _ = db().command
  const mine = _.or([{ reporterId: userId }, { followerIds: userId }])
  const [reportCount, reportRows, posted, served] = await Promise.all([
    db().collection(ORDERS).where(mine).count(),
    db()
      .collection(ORDERS)
      .where(mine)
      .orderBy('submittedAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(MY_DATA_RECENT)
      .field({ categoryName: true, status: true, reporterId: true, submittedAt: true })
      .get(),
    recent<ErrandRecord>(ERRANDS, { requesterId: userId }, 'createdAt'),
    recent<ErrandRecord>(ERRANDS, { helperId: userId }, 'createdAt'),
  ])
  const orders = reportRows.data as Pick<
    OrderRecord,
    '_id' | 'categoryName' | 'status' | 'reporterId' | 'submittedAt'
  >[]
  const errandLine = (e: ErrandRecord, role: MyErrandLine['role']): MyErrandLine => ({
    errandId: e._id,
    type: e.type,
    typeLabel: ErrandTypeLabel[e.type] ?? '',
    status: e.status,
    statusLabel: ErrandStatusLabel[e.status] ?? '',
    role,
    createdAt: iso(e.createdAt) ?? '',
  })
  const errands = [
    ...posted.rows.map((e) => errandLine(e, 'requester')),
    ...served.rows.map((e) => errandLine(e, 'helper')),
  ]
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.errandId.localeCompare(a.errandId))
    .slice(0, MY_DATA_RECENT)
  return {
    reports: {
      count: reportCount.total,
      lines: orders.map((o) => ({
        orderId: o._id,
        categoryName: o.categoryName,
        status: o.status,
        statusLabel: OrderStatusLabel[o.status] ?? '',
        role: o.reporterId === userId ? 'reporter' : 'follower',
        submittedAt: iso(o.submittedAt) ?? '',
      })),
    },
    errands: { count: posted.count + served.count, lines: errands },
  }
}

/** me.data: everything stored about the caller, read by the caller (PIPL art. 45). */
export async function myData(actor: Actor, user: UserRecord): Promise<MyData> {
  const _ = db().command
  const [household, joinsRes, logsRes, loveCard, cases] = await Promise.all([
    user.householdId ? householdSummary(user.householdId) : Promise.resolve(null),
    db().collection(JOINS).where({ userId: actor.userId }).orderBy('createdAt', 'desc').limit(50).get(),
    db()
      .collection('access_logs')
      .where(_.or([{ subject: _.in(subjectsOf(actor.userId)) }, { people: actor.userId }]))
      .orderBy('at', 'desc')
      .limit(100)
      .get(),
    myLoveCard(actor),
    myCases(actor.userId),
  ])
  const joins = joinsRes.data as JoinRecord[]
  const logs = logsRes.data as {
    actorId: string
    action: string
    subject: string
    allowed: boolean
    at: Date
  }[]
  const [gridName, buildingName, unitName, actorName] = await Promise.all([
    namesByIds(
      'grids',
      joins.map((j) => j.path.gridId),
    ),
    namesByIds(
      'buildings',
      joins.map((j) => j.path.buildingId),
    ),
    namesByIds(
      'units',
      joins.map((j) => j.path.unitId),
    ),
    displayNames(logs.map((l) => l.actorId)),
  ])
  return {
    user: {
      displayName: user.displayName,
      realName: user.realName ?? null,
      phone: user.phone ?? null,
      roles: user.grants,
      createdAt: iso(user.createdAt) ?? '',
    },
    household,
    joins: joins.map((j) => ({
      joinId: j._id,
      status: j.status,
      place:
        `${gridName.get(j.path.gridId) ?? ''} ${buildingName.get(j.path.buildingId) ?? ''}${unitName.get(j.path.unitId) ?? ''}`.trim(),
      room: j.room,
      name: j.name,
      phone: j.phone,
      via: j.via,
      move: Boolean(j.moveFrom),
      reason: j.reason,
      createdAt: iso(j.createdAt) ?? '',
      decidedAt: iso(j.decidedAt),
    })),
    helper: holdsOver(user, 'helper') || user.helper ? helperProfileOf(user.helper) : null,
    accessLog: logs.map((l) => {
      const role = /^user:[^:]+:(\w+)$/.exec(l.subject)?.[1] as Role | undefined
      const who = maskName(actorName.get(l.actorId) ?? '') || '某用户'
      return {
        at: iso(l.at) ?? '',
        who: role ? `${who}（通过${RoleLabel[role] ?? ''}服务卡）` : who,
        action: AccessActionLabel[l.action] ?? l.action,
        allowed: l.allowed,
      }
    }),
    ...loveCard,
    ...cases,
  }
}

async function displayNames(ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const res = await db()
    .collection('users')
    .where({ _id: db().command.in(unique) })
    .field({ displayName: true })
    .limit(unique.length)
    .get()
  return new Map((res.data as { _id: string; displayName: string }[]).map((u) => [u._id, u.displayName]))
}

/**
 * me.delete: erase the caller's personal data; afterwards the app treats them as a newcomer.
 *
 * Erased: real and display name, phone, household membership (link and resident grant), the helper
 * profile and grant (skills, party membership — sensitive personal information — and their place on
 * the public service card), the pointer to their latest request; pending requests are cancelled; every join request loses name and phone (`erased: true`)
 * and the subscribe messages that carried them lose their contents; the guardian's list of approved
 * child-pickup helpers (`errand_trust`, theirs) is deleted and they leave other guardians' lists.
 *
 * Settled, because they are pending and concern only the person:
 * - sign-ups (`activity_signups`) still `signed` for activities not yet started are withdrawn with
 *   `withdrawSeat` (repos/activities.ts: the seat is freed in the same transaction); sign-ups of
 *   started, ended or cancelled activities, check-ins and confirmations stay as they are (attendance);
 * - `issued` vouchers (`market_vouchers`) are cancelled with `market.cancel` (points refunded to the
 *   person's account with `Causes.refund`, the unit back to stock). Used/expired/cancelled ones stay;
 * - errands they posted that nobody started (`open`, `accepted`) are cancelled through errand.cancel's
 *   own path (repos/errands.ts `move`: compare-and-set, the accepted helper is notified); errands they
 *   accepted but did not start are released the same way (open again for other helpers, the
 *   requester notified). Started ones (`in_progress`, `done`, `locked`, `disputed`) stay: the other
 *   party and the grid worker finish them (the requester may still confirm; disputes and lockouts
 *   are the grid worker's);
 * - following someone else's report (`orders.followerIds`): they are taken off, so its progress no
 *   longer reaches them.
 * Kept unchanged, and none of them stores the person's name (they hold the user id):
 * - the points ledger: account `u:<userId>` with its balance (still the person's: it is theirs again
 *   if they rejoin), transfers and entries — immutable accounting records (ADR 0009), never edited;
 * - volunteer-hours lines (`volunteer_hours`): the record 民政部《志愿服务记录与证明出具办法》 asks
 *   the organisation to keep. The volunteer's name is not on them (the staff export reads it from
 *   the user at export time, so it shows 新邻居 after erasure); `confirmedByName` there and on sign-ups
 *   is the confirming staff member's, part of the certificate issued, kept like staff positions;
 * - past sign-ups and vouchers (which activity, which item, when): ids and dates, no name.
 *
 * Kept, because the law or accountability needs them, and none names the person any more:
 * - the user document itself (an internal id and the OPENID, which the platform gives us on every
 *   call anyway) so staff positions (grid worker, building leader, admin: core/me/erase.ts) and the
 *   decisions taken in them stay attributable; ending those is the granting staff's act (so the names
 *   a staff member left on orders as handler/first receiver/replier stay, like `confirmedByName`);
 * - anonymised join requests (place, status, which staff member decided and when): the
 *   community's accountability trail for admissions;
 * - access logs (who read whose personal data): 《网络安全法》 art. 21 requires logs to be kept for
 *   at least six months, and they protect the person themselves;
 * - their work orders (`orders`, 事事有回音: the community's case record of a report, its replies,
 *   rating and the rates computed from them): `reporterName` and the name on their own timeline
 *   events become `ERASED_NAME` (core/me/erase.ts, the 新邻居 their user record shows),
 *   `reporterErased: true`. No phone is stored on an order for its reporter. The place stays: it is
 *   where the problem is (for a report "at my household" the path down to the household, an org
 *   unit kept on anonymised join requests too, and the building's name). What they wrote stays —
 *   description, rating comment, reopen reason — as the case record, like a join request keeps its
 *   place and room: no field of it names anyone, and it passed content security. The photos
 *   (storage `reports/<userId>/…`) stay as staff-visible case evidence of the problem; they are
 *   shown as before (to staff, to other residents once checked). Orders that staff registered on a
 *   walk-in's behalf (`onBehalfOf`) name that walk-in, not the staff member: untouched;
 * - the errands that stay (finished, or started above): the requester's `requesterName` becomes
 *   `ERASED_NAME` and their `meetingPoint` (free text, often an address) and `note` (private
 *   instructions for the helper) are removed (`requesterErased: true`); as helper, `helperName`
 *   becomes `ERASED_NAME` (`helperErased: true`) and the `errand.accept` messages that told
 *   requesters their name lose their contents. No phone is stored on an errand (the helper's view
 *   reads the requester's live, now removed). The description, dispute reason and thank-you note
 *   stay: the grid's record of the help given (disputes are the grid worker's case; a thank-you note
 *   is the helper's record on their profile and names nobody by field). The household path stays
 *   (the errand's grid scope, an org unit).
 * Every rewrite of an order or errand is a compare-and-set on its `version` (bumped, so a racing
 * move re-reads and keeps the erasure) and is skipped once the record is marked erased, so a second
 * erase changes nothing. The anonymising steps repeat their batch of `ERASE_BATCH` until nothing is
 * left (at most `ERASE_ROUNDS` batches a call; a second call continues); the settling steps take one
 * batch each (a person with over 100 open sign-ups, vouchers or errands is not a resident).
 *
 * Steps are idempotent and ordered so that a crash part-way leaves nothing half-visible: cancel
 * pending requests first (a decider can no longer admit them), settle errands while the caller
 * still acts as their party, then anonymise, then the user.
 */
export async function eraseMe(ctx: CallContext, now: Date): Promise<Profile> {
  const { actor } = ctx
  const _ = db().command
  const joins = db().collection(JOINS)
  await joins
    .where({ userId: actor.userId, status: 'pending' })
    .update({ status: 'cancelled', decidedBy: actor.userId, decidedAt: now })
  await withdrawOpenSignups(actor.userId, now)
  await cancelIssuedVouchers(actor, now)
  await settleErrands(ctx, now)
  await untilDone('errands', () => eraseFromErrands(actor.userId))
  await untilDone('orders', () => eraseFromOrders(actor.userId))
  await eraseTrust(actor.userId)
  const ids = (await joins.where({ userId: actor.userId }).field({ _id: true }).limit(1000).get()).data as {
    _id: string
  }[]
  await joins.where({ userId: actor.userId }).update({ name: '', phone: null, erased: true })
  await eraseNotificationsOf(
    ids.map((j) => j._id),
    now,
  )
  const user = await inTransaction(async (tx: Tx) => {
    const current = firstDoc<UserRecord>((await tx.collection('users').doc(actor.userId).get()).data)
    if (!current) throw new Error(`identified user ${actor.userId} vanished`)
    const grants = grantsAfterErasure(current.grants)
    await tx.collection('users').doc(actor.userId).update({
      displayName: DEFAULT_DISPLAY_NAME,
      grants,
      realName: _.remove(),
      phone: _.remove(),
      householdId: _.remove(),
      helper: _.remove(),
      lastJoinId: _.remove(),
      erasedAt: now,
    })
    return { ...current, grants }
  })
  return {
    userId: user._id,
    displayName: DEFAULT_DISPLAY_NAME,
    roles: user.grants,
    household: null,
    created: false,
  }
}

/**
 * Withdraws the person's `signed` sign-ups of published activities not yet started (the filter only
 * saves transactions: `decideWithdraw` inside `withdrawSeat` is the rule). A sign-up that moved
 * meanwhile (started, cancelled, checked in) is a DomainError: skipped and logged.
 */
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
  for (const a of upcoming) {
    try {
      await withdrawSeat(userId, a._id, now)
    } catch (err) {
      if (!(err instanceof DomainError)) throw err
      jsonLog({ level: 'info', what: 'me.delete withdraw skipped', activityId: a._id, code: err.code })
    }
  }
}

/**
 * Cancels the person's `issued` vouchers with a refund (market.cancel). One that staff verified or
 * the sweep expired meanwhile, or whose refund the supermarket account cannot cover (a redemption
 * reversed by a correction, ADR 0010), is a DomainError: skipped and logged, left to staff.
 */
async function cancelIssuedVouchers(actor: Actor, now: Date): Promise<void> {
  const issued = (
    await db()
      .collection(VOUCHERS)
      .where({ userId: actor.userId, status: 'issued' })
      .field({ _id: true })
      .limit(ERASE_BATCH)
      .get()
  ).data as { _id: string }[]
  for (const v of issued) {
    try {
      await cancelVoucher(actor, v._id, now)
    } catch (err) {
      if (!(err instanceof DomainError)) throw err
      jsonLog({ level: 'warn', what: 'me.delete voucher cancel skipped', voucherId: v._id, code: err.code })
    }
  }
}

/**
 * Errands the person is a party to that nobody started: the ones they posted (`open`, `accepted`)
 * are cancelled, the ones they accepted are released — each through repos/errands.ts `move`, the
 * path of errand.cancel / errand.release (compare-and-set, notifications). First, the accept
 * messages that told requesters the person's name lose their contents (errands they hold now).
 * A move the errand no longer allows (started meanwhile) is a DomainError: skipped and logged; the
 * errand then stays and is anonymised with the others.
 */
async function settleErrands(ctx: CallContext, now: Date): Promise<void> {
  const _ = db().command
  const userId = ctx.actor.userId
  const col = db().collection(ERRANDS)
  const [posted, held] = await Promise.all([
    col
      .where({ requesterId: userId, status: _.in(['open', 'accepted']) })
      .field({ _id: true })
      .limit(ERASE_BATCH)
      .get(),
    col
      .where({ helperId: userId, helperErased: _.neq(true) })
      .field({ _id: true, status: true })
      .limit(ERASE_BATCH)
      .get(),
  ])
  const taken = held.data as Pick<ErrandRecord, '_id' | 'status'>[]
  await eraseNotificationsOfKind(
    taken.map((e) => e._id),
    'errand.accept.',
    now,
  )
  const moves: [string, ErrandMove][] = [
    ...(posted.data as { _id: string }[]).map((e): [string, ErrandMove] => [e._id, 'cancel']),
    ...taken.filter((e) => e.status === 'accepted').map((e): [string, ErrandMove] => [e._id, 'release']),
  ]
  for (const [errandId, m] of moves) {
    try {
      await moveErrand(ctx, errandId, m, now)
    } catch (err) {
      if (!(err instanceof DomainError)) throw err
      jsonLog({ level: 'info', what: `me.delete errand ${m} skipped`, errandId, code: err.code })
    }
  }
}

/**
 * One rewrite of an order or errand as a compare-and-set on its `version` (bumped: a move that read
 * the record before re-reads and keeps the change). `change` answers the fields, or null when there
 * is nothing (left) to do. Re-read and re-decided on a lost race.
 */
async function rewrite<T extends { version: number }>(
  collection: string,
  id: string,
  change: (doc: T) => Record<string, unknown> | null,
): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const doc = await getDoc<T>(collection, id)
    const fields = doc ? change(doc) : null
    if (!doc || !fields) return
    const res = (await db()
      .collection(collection)
      .where({ _id: id, version: doc.version })
      .update({ ...fields, version: doc.version + 1 })) as { updated?: number }
    if (res.updated === 1) return
  }
  throw new DomainError(CommonErrorCodes.CONFLICT, '操作冲突，请重试')
}

/** The errands that stay (see eraseMe): the person's name becomes `ERASED_NAME`; as requester, meeting point and note go. */
async function eraseFromErrands(userId: string): Promise<boolean> {
  const _ = db().command
  const col = db().collection(ERRANDS)
  const [posted, served] = await Promise.all([
    col
      .where({ requesterId: userId, requesterErased: _.neq(true) })
      .field({ _id: true })
      .limit(ERASE_BATCH)
      .get(),
    col
      .where({ helperId: userId, helperErased: _.neq(true) })
      .field({ _id: true })
      .limit(ERASE_BATCH)
      .get(),
  ])
  for (const { _id } of posted.data as { _id: string }[]) {
    await rewrite<ErrandRecord>(ERRANDS, _id, (e) =>
      e.requesterId === userId && !e.requesterErased
        ? { requesterName: ERASED_NAME, meetingPoint: null, note: null, requesterErased: true }
        : null,
    )
  }
  for (const { _id } of served.data as { _id: string }[]) {
    await rewrite<ErrandRecord>(ERRANDS, _id, (e) =>
      e.helperId === userId && !e.helperErased ? { helperName: ERASED_NAME, helperErased: true } : null,
    )
  }
  return posted.data.length === ERASE_BATCH || served.data.length === ERASE_BATCH
}

/**
 * Orders (see eraseMe): on the person's own reports `reporterName` and the name on their own
 * (resident) timeline events become `ERASED_NAME`; they stop following others' reports (not a move:
 * `followerIds` is written without the version, like report.follow).
 */
async function eraseFromOrders(userId: string): Promise<boolean> {
  const _ = db().command
  const col = db().collection(ORDERS)
  const [reported, followed] = await Promise.all([
    col
      .where({ reporterId: userId, onBehalfOf: null, reporterErased: _.neq(true) })
      .field({ _id: true })
      .limit(ERASE_BATCH)
      .get(),
    col.where({ followerIds: userId }).field({ _id: true }).limit(ERASE_BATCH).get(),
  ])
  for (const { _id } of reported.data as { _id: string }[]) {
    await rewrite<OrderRecord>(ORDERS, _id, (o) =>
      o.reporterId === userId && !o.onBehalfOf && !o.reporterErased
        ? {
            reporterName: ERASED_NAME,
            events: o.events.map((e) =>
              e.by === userId && e.byRole === 'resident' ? { ...e, byName: ERASED_NAME } : e,
            ),
            reporterErased: true,
          }
        : null,
    )
  }
  const ids = (followed.data as { _id: string }[]).map((o) => o._id)
  if (ids.length > 0)
    await col.where({ _id: _.in(ids), followerIds: userId }).update({ followerIds: _.pull(userId) })
  return reported.data.length === ERASE_BATCH || followed.data.length === ERASE_BATCH
}

/** Repeats one anonymising step (true: a full batch, maybe more) until it is done or the call's rounds are spent. */
async function untilDone(what: string, step: () => Promise<boolean>): Promise<void> {
  for (let round = 0; round < ERASE_ROUNDS; round += 1) if (!(await step())) return
  jsonLog({
    level: 'warn',
    what: `me.delete ${what}: more than ${ERASE_ROUNDS * ERASE_BATCH} records, the next call continues`,
  })
}

/** The person's own approved child-pickup helpers go; they leave other guardians' lists (index errand_trust.helper). */
async function eraseTrust(userId: string): Promise<void> {
  const _ = db().command
  const col = db().collection(TRUST)
  await col.where({ _id: userId }).remove()
  await col.where({ helperIds: userId }).update({ helperIds: _.pull(userId) })
}

/** helper.profile: the profile and the latest thank-you notes (index errands.thanked: helperId + thankedAt). */
export async function helperProfile(actor: Actor, user: UserRecord): Promise<HelperProfileView> {
  const _ = db().command
  const thanked = await db()
    .collection('errands')
    .where({ helperId: actor.userId, thankedAt: _.gt(new Date(0)) })
    .orderBy('thankedAt', 'desc')
    .limit(MAX_THANKS_SHOWN)
    .field({ requesterName: true, requesterErased: true, type: true, thanks: true, thankedAt: true })
    .get()
  const notes = (
    thanked.data as Pick<
      ErrandRecord,
      '_id' | 'requesterName' | 'requesterErased' | 'type' | 'thanks' | 'thankedAt'
    >[]
  ).filter((e) => e.thanks)
  return {
    ...helperProfileOf(user.helper),
    thanks: notes.map((e) => ({
      errandId: e._id,
      at: iso(e.thankedAt) ?? '',
      // An erased requester's placeholder names nobody: shown as is.
      from: (e.requesterErased ? e.requesterName : maskName(e.requesterName)) || '邻居',
      typeLabel: ErrandTypeLabel[e.type] ?? '',
      note: e.thanks ?? '',
    })),
  }
}

/**
 * helper.update: skills and "show my party membership". `partyMember` is staff's (role grants) and
 * is read, never written, here; the transaction keeps a concurrent staff change from being undone.
 */
export async function updateHelper(
  actor: Actor,
  input: { skills: readonly string[]; showParty: boolean; notifyErrands?: boolean },
): Promise<HelperProfile> {
  return inTransaction(async (tx: Tx) => {
    const user = firstDoc<UserRecord>((await tx.collection('users').doc(actor.userId).get()).data)
    if (!user) throw new Error(`identified user ${actor.userId} vanished`)
    const next = helperAfterUpdate(user.helper, input)
    await tx
      .collection('users')
      .doc(actor.userId)
      .update({
        'helper.showParty': next.showParty,
        'helper.skills': next.skills,
        ...(input.notifyErrands === undefined ? {} : { 'helper.notifyErrands': next.notifyErrands }),
      })
    return next
  })
}

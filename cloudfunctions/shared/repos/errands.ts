/**
 * Errands store (src/core/errands). Every move is a compare-and-set on the errand's `version`
 * (`where({ _id, version }).update(…)`): of many helpers tapping 接单 at once exactly one write
 * matches; the others re-read, find it taken and get ERRAND.TAKEN. Confirmation (and a grid
 * worker's settlement) moves the errand AND pays the helper in one transaction through the ledger
 * (cause `errand:<id>`, idempotent), so points are paid once and only with the confirmation.
 */
import { inTransaction, withRetry, type Tx } from '../tx'
import { CommunityStaffRoles, grantsOver, holdsWithin, homeOf, placeIds } from '../../../src/core/access'
import { randomInt } from 'node:crypto'
import type { ErrandCard, ErrandDetail, ErrandPage, TrustedHelpers } from '../../../src/core/errands/api'
import {
  actorsOf,
  applyMove,
  checkAccept,
  checkCode,
  checkPostText,
  isGridStaff,
  mayTake,
  type Mover,
} from '../../../src/core/errands/decide'
import { ErrandErrors } from '../../../src/core/errands/errors'
import { movesFor, paysOn, type ErrandActor, type ErrandMove } from '../../../src/core/errands/machine'
import {
  ErrandPoints,
  ErrandStatusLabel,
  ErrandTypeLabel,
  MAX_CODE_TRIES,
  MAX_TRUSTED,
  type ErrandRecord,
  type ErrandType,
  type TrustRecord,
} from '../../../src/core/errands/model'
import { checkWindow, isOverdue } from '../../../src/core/errands/window'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { UserRecord } from '../../../src/core/me/model'
import {
  beijingTime,
  clipThing,
  type MessageData,
  type TemplateKey,
} from '../../../src/core/notify/templates'
import { Causes, issuanceAccount, personAccount } from '../../../src/core/points/model'
import { maskName } from '../../../src/core/privacy/mask'
import type { Actor, RoleGrant } from '../../../src/core/roles'
import type { CallContext } from '../kit'
import { deliver, holdersOf, writeNotifications, type Outgoing } from '../notify'
import { db } from '../sdk'
import { byRequest, isDuplicateKey, newId } from '../ids'
import { logAccess } from './access-log'
import { firstDoc, getDoc, namesByIds } from './docs'
import { afterTimeCursor, timeCursor } from './paging'
import { transferInTx } from './ledger'

export const ERRANDS = 'errands'
export const TRUST = 'errand_trust'
const PAGE = 20

type Path = ErrandRecord['path']

function householdPath(grants: readonly RoleGrant[]): Path | null {
  const s = homeOf(grants)
  if (!s?.communityId || !s.gridId || !s.buildingId || !s.unitId || !s.householdId) return null
  return {
    streetId: s.streetId,
    communityId: s.communityId,
    gridId: s.gridId,
    buildingId: s.buildingId,
    unitId: s.unitId,
    householdId: s.householdId,
  }
}

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null)

async function cardsOf(list: readonly ErrandRecord[]): Promise<ErrandCard[]> {
  const buildings = await namesByIds(
    'buildings',
    list.map((e) => e.path.buildingId),
  )
  return list.map((e) => cardOf(e, buildings.get(e.path.buildingId) ?? ''))
}

/** The requester's name masked (王**), or, once they erased their data (me.delete), the placeholder as is. */
function shownName(e: Pick<ErrandRecord, 'requesterName' | 'requesterErased'>): string {
  return e.requesterErased ? e.requesterName : maskName(e.requesterName)
}

function cardOf(e: ErrandRecord, buildingName: string): ErrandCard {
  return {
    errandId: e._id,
    type: e.type,
    typeLabel: ErrandTypeLabel[e.type],
    text: e.text,
    status: e.status,
    statusLabel: ErrandStatusLabel[e.status],
    windowStart: new Date(e.windowStart).toISOString(),
    windowEnd: new Date(e.windowEnd).toISOString(),
    requesterName: shownName(e),
    buildingName,
    points: e.points,
  }
}

/** Statuses in which the accepted helper needs the requester's address and phone. */
const REVEALED = new Set(['accepted', 'in_progress', 'done', 'locked'])

/**
 * The errand as this caller may see it. The address and phone go to the requester (their own) and,
 * while the errand is theirs to do, to the accepted helper only — that read is logged first.
 */
async function detailOf(
  actor: Actor,
  e: ErrandRecord,
  ctx: { requestId: string; action: string; now: Date },
  retried = false,
): Promise<ErrandDetail> {
  const actors = actorsOf(actor, e)
  const isRequester = actors.includes('requester')
  const isHelper = e.helperId === actor.userId
  const reveal = isRequester || (isHelper && REVEALED.has(e.status))
  const [building, unit, household, requester] = await Promise.all([
    getDoc<{ name: string }>('buildings', e.path.buildingId),
    reveal ? getDoc<{ name: string }>('units', e.path.unitId) : Promise.resolve(null),
    reveal ? getDoc<{ room: string }>('households', e.path.householdId) : Promise.resolve(null),
    reveal ? getDoc<UserRecord>('users', e.requesterId) : Promise.resolve(null),
  ])
  if (reveal && !isRequester) {
    await logAccess({
      actorId: actor.userId,
      action: ctx.action,
      subject: e._id,
      people: [e.requesterId],
      allowed: true,
      requestId: ctx.requestId,
      at: ctx.now,
    })
  }
  const home = reveal ? `${building?.name ?? ''}${unit?.name ?? ''}${household?.room ?? ''}室` : null
  return {
    ...cardOf(e, building?.name ?? ''),
    requesterName: reveal ? e.requesterName : shownName(e),
    as: actors.filter((a): a is 'requester' | 'helper' | 'grid_worker' => a !== 'system'),
    moves: movesFor(e.status, actors, e.type),
    note: reveal ? e.note : null,
    helperName: e.helperName,
    address: home === null ? null : e.meetingPoint ? `${e.meetingPoint}（住址：${home}）` : home,
    phone: reveal ? (requester?.phone ?? null) : null,
    handoverCode: isRequester ? e.handoverCode : null,
    needsCode: e.handoverCode !== null,
    acceptedAt: iso(e.acceptedAt),
    pickedUpAt: iso(e.pickedUpAt),
    doneAt: iso(e.doneAt),
    confirmedAt: iso(e.confirmedAt),
    disputeReason: isRequester || actors.includes('grid_worker') ? e.disputeReason : null,
    thanks: e.thanks,
    codeTriesLeft:
      e.handoverCode && (isHelper || isRequester) ? Math.max(MAX_CODE_TRIES - e.codeTries, 0) : null,
    retried,
  }
}

async function load(errandId: string): Promise<ErrandRecord> {
  const e = await getDoc<ErrandRecord>(ERRANDS, errandId)
  if (!e) throw new DomainError(CommonErrorCodes.NOT_FOUND, '互助不存在或已删除')
  return e
}

/** Can this caller see the errand at all? Parties, and while open the helpers who may take it. */
function visible(actor: Actor, e: ErrandRecord): boolean {
  return actorsOf(actor, e).length > 0 || (e.status === 'open' && mayTake(actor, e))
}

// ── Notifications ──

function messageOf(e: ErrandRecord, what: string, now: Date): MessageData {
  return {
    thing1: { value: clipThing(`${ErrandTypeLabel[e.type]}：${e.text}`) },
    phrase2: { value: ErrandStatusLabel[e.status] },
    thing3: { value: clipThing(what) },
    time4: { value: beijingTime(now) },
  }
}

/** Who hears about a move, and what they read. */
function announce(
  e: ErrandRecord,
  move: ErrandMove,
  byId: string,
  staff: readonly UserRecord[],
  now: Date,
): Outgoing[] {
  const out: Outgoing[] = []
  const to = (recipientId: string | null, template: TemplateKey, what: string) => {
    if (recipientId && recipientId !== byId) {
      out.push({
        kind: `errand.${move}.v${e.version}`,
        sourceId: e._id,
        recipientId,
        template,
        data: messageOf(e, what, now),
      })
    }
  }
  const helper = e.helperId
  switch (move) {
    case 'accept':
      to(e.requesterId, 'errandProgress', `${e.helperName ?? '邻居'}已接单`)
      break
    case 'release':
      to(e.requesterId, 'errandProgress', '帮办人已放弃，重新等待接单')
      break
    case 'cancel':
      to(e.requesterId, 'errandProgress', '互助已取消')
      to(helper, 'errandProgress', '对方已取消这次互助')
      break
    case 'start':
      to(e.requesterId, 'errandProgress', e.type === 'child_pickup' ? '已接到孩子' : '帮办人已出发')
      break
    case 'done':
      to(e.requesterId, 'errandProgress', '已完成，请确认')
      break
    case 'expire':
      to(e.requesterId, 'errandProgress', '无人接单，已过期')
      break
    case 'confirm':
    case 'settle':
      to(helper, 'errandProgress', `已确认完成，获得${e.points}积分`)
      if (move === 'settle') to(e.requesterId, 'errandProgress', '网格员已处理异议')
      break
    case 'dispute':
    case 'lock':
      for (const s of staff)
        to(s._id, 'errandAttention', move === 'dispute' ? '居民对互助有异议' : '交接码多次错误已锁定')
      break
    case 'close':
    case 'unlock':
      to(e.requesterId, 'errandProgress', '网格员已处理')
      to(helper, 'errandProgress', '网格员已处理')
      break
  }
  return out
}

/** Grid workers of the errand's grid (for disputes and lockouts). */
async function gridStaff(e: ErrandRecord): Promise<UserRecord[]> {
  return (await holdersOf('grid_worker', { gridId: e.path.gridId })).filter((u) =>
    holdsWithin(u, 'grid_worker', { gridId: e.path.gridId }),
  )
}

async function notifyMove(
  before: ErrandRecord,
  next: ErrandRecord,
  move: ErrandMove,
  byId: string,
  now: Date,
): Promise<void> {
  const staff = move === 'dispute' || move === 'lock' ? await gridStaff(next) : []
  // The released / cancelled helper is named on `before`.
  const subject =
    move === 'release' || move === 'cancel'
      ? { ...next, helperId: before.helperId, helperName: before.helperName }
      : next
  const messages = announce(subject, move, byId, staff, now)
  if (messages.length === 0) return
  try {
    await deliver(await writeNotifications(db(), messages, now))
  } catch (err) {
    console.log(
      JSON.stringify({ level: 'error', what: 'errand.notify', errandId: next._id, error: String(err) }),
    )
  }
}

// ── Post ──

export interface PostInput {
  readonly requestId: string
  readonly type: ErrandType
  readonly text: string
  readonly windowStart: string
  readonly windowEnd: string
  readonly note?: string
  readonly meetingPoint?: string
}

/** Verified helpers of a grid: users holding a helper grant for it (granted by staff). */
async function gridHelpers(gridId: string): Promise<UserRecord[]> {
  return (await holdersOf('helper', { gridId })).filter((u) => holdsWithin(u, 'helper', { gridId }))
}

/**
 * errand.post: idempotent on requestId (deterministic id, re-checked in the transaction). Checks,
 * in order: household, text, window, content security (`check`, before anything is stored), child
 * pickup's approved helpers. New errand → the grid's helpers who may take it and opted in are notified.
 */
export async function post(
  ctx: CallContext,
  input: PostInput,
  now: Date,
  check: (text: string) => Promise<void>,
): Promise<ErrandDetail> {
  const { actor, user } = ctx
  const errandId = newId('er')
  const meta = { requestId: ctx.requestId, action: 'errand.post', now }
  const earlier = () =>
    byRequest<ErrandRecord>(ERRANDS, { requesterId: actor.userId, requestId: input.requestId })
  const existing = await earlier()
  if (existing) return detailOf(actor, existing, meta, true)
  const path = householdPath(actor.grants)
  if (!path) throw new DomainError(ErrandErrors.NO_HOUSEHOLD, '请先加入网格再发布互助')
  const { text, note } = checkPostText(input.text, input.note)
  const window = checkWindow(input.windowStart, input.windowEnd, now)
  const meetingPoint = input.meetingPoint?.trim() || null
  await check([text, note ?? '', meetingPoint ?? ''].join('\n'))
  const helpers = (await gridHelpers(path.gridId)).filter((h) => h._id !== actor.userId)
  let approved: string[] = []
  if (input.type === 'child_pickup') {
    const trust = await getDoc<TrustRecord>(TRUST, actor.userId)
    const verified = new Set(helpers.map((h) => h._id))
    approved = (trust?.gridId === path.gridId ? trust.helperIds : []).filter((id) => verified.has(id))
    if (approved.length === 0)
      throw new DomainError(ErrandErrors.NO_TRUSTED_HELPERS, '代接送小孩请先选择信任的帮办人')
  }
  const record: ErrandRecord = {
    _id: errandId,
    requestId: input.requestId,
    requesterId: actor.userId,
    requesterName: user.realName ?? user.displayName,
    type: input.type,
    text,
    note,
    meetingPoint,
    path,
    windowStart: window.start,
    windowEnd: window.end,
    status: 'open',
    open: true,
    helperId: null,
    helperName: null,
    approvedHelperIds: approved,
    handoverCode: input.type === 'child_pickup' ? String(randomInt(0, 1_000_000)).padStart(6, '0') : null,
    codeTries: 0,
    points: ErrandPoints[input.type],
    acceptedAt: null,
    pickedUpAt: null,
    doneAt: null,
    confirmedAt: null,
    disputeReason: null,
    thanks: null,
    events: [{ at: now, move: 'post', by: actor.userId }],
    version: 1,
    createdAt: now,
    updatedAt: now,
  }
  // Only helpers who opted in (helper.update notifyErrands) hear of it; the board shows it to all who may take it.
  const recipients = helpers.filter(
    (h) => h.helper?.notifyErrands === true && (input.type !== 'child_pickup' || approved.includes(h._id)),
  )
  const data: MessageData = {
    thing1: { value: clipThing(`${ErrandTypeLabel[record.type]}：${text}`) },
    thing2: { value: clipThing(`${beijingTime(window.start)}起`) },
    thing3: { value: `${record.points}积分` },
    thing4: { value: '邻居需要帮忙，先到先得' },
  }
  let written: { stored: ErrandRecord; notify: string[] }
  try {
    written = await inTransaction(async (tx: Tx) => {
      const { _id, ...body } = record
      await tx.collection(ERRANDS).doc(_id).set(body)
      const messages: Outgoing[] = recipients.map((r) => ({
        kind: 'errand.new',
        sourceId: errandId,
        recipientId: r._id,
        template: 'errandNew',
        data,
      }))
      return { stored: record, notify: await writeNotifications(tx, messages, now) }
    })
  } catch (err) {
    // A concurrent post of the same request won the unique (requesterId, requestId) index: answer it.
    const again = isDuplicateKey(err) ? await earlier() : null
    if (!again) throw err
    written = { stored: again, notify: [] }
  }
  const { stored, notify } = written
  if (notify.length > 0) await deliver(notify)
  return detailOf(actor, stored, meta, stored !== record)
}

// ── Approved helpers (child pickup) ──

export async function trusted(actor: Actor): Promise<TrustedHelpers> {
  const path = householdPath(actor.grants)
  if (!path) throw new DomainError(ErrandErrors.NO_HOUSEHOLD, '请先加入网格')
  const [trust, helpers] = await Promise.all([
    getDoc<TrustRecord>(TRUST, actor.userId),
    gridHelpers(path.gridId),
  ])
  const byId = new Map(helpers.filter((h) => h._id !== actor.userId).map((h) => [h._id, h]))
  const approved = (trust?.gridId === path.gridId ? trust.helperIds : []).filter((id) => byId.has(id))
  return {
    approved: approved.map((id) => ({
      userId: id,
      name: byId.get(id)?.realName ?? byId.get(id)?.displayName ?? '',
    })),
    candidates: [...byId.values()].map((h) => ({
      userId: h._id,
      name: h.realName ?? h.displayName,
      partyMember: h.helper?.partyMember === true,
    })),
  }
}

export async function trust(actor: Actor, helperIds: readonly string[], now: Date): Promise<TrustedHelpers> {
  const path = householdPath(actor.grants)
  if (!path) throw new DomainError(ErrandErrors.NO_HOUSEHOLD, '请先加入网格')
  const unique = [...new Set(helperIds)].slice(0, MAX_TRUSTED)
  const verified = new Set((await gridHelpers(path.gridId)).map((h) => h._id))
  if (unique.some((id) => id === actor.userId || !verified.has(id))) {
    throw new DomainError(ErrandErrors.NOT_GRID_HELPER, '只能选择本网格经过认证的帮办人')
  }
  await db()
    .collection(TRUST)
    .doc(actor.userId)
    .set({ gridId: path.gridId, helperIds: unique, updatedAt: now })
  return trusted(actor)
}

// ── Lists ──

async function page(
  where: object,
  field: 'windowStart' | 'createdAt',
  dir: 'asc' | 'desc',
  cursor: string | undefined,
  keep: (e: ErrandRecord) => boolean = () => true,
): Promise<ErrandPage> {
  const _ = db().command
  const res = await db()
    .collection(ERRANDS)
    .where(_.and([where, afterTimeCursor(cursor, field, dir)]))
    .orderBy(field, dir)
    .orderBy('_id', dir)
    .limit(PAGE + 1)
    .get()
  const list = res.data as ErrandRecord[]
  const shown = list.slice(0, PAGE)
  const last = shown[shown.length - 1]
  return {
    items: await cardsOf(shown.filter(keep)),
    cursor: list.length > PAGE && last ? timeCursor(last[field], last._id) : null,
  }
}

/** errand.board: open errands of my helper grids that I may take, soonest first. */
export async function board(
  actor: Actor,
  type: ErrandType | undefined,
  cursor: string | undefined,
): Promise<ErrandPage> {
  const _ = db().command
  const grids = placeIds(actor, 'helper', 'grid')
  if (grids.length === 0) return { items: [], cursor: null }
  const where = _.and([
    { open: true, 'path.gridId': _.in(grids) },
    type ? { type } : {},
    _.or([{ type: _.neq('child_pickup') }, { approvedHelperIds: actor.userId }]),
  ])
  return page(where, 'windowStart', 'asc', cursor, (e) => mayTake(actor, e))
}

export async function mine(
  actor: Actor,
  as: 'requester' | 'helper',
  cursor: string | undefined,
): Promise<ErrandPage> {
  return page(
    as === 'requester' ? { requesterId: actor.userId } : { helperId: actor.userId },
    'createdAt',
    'desc',
    cursor,
  )
}

/** errand.queue: disputed and locked errands of the grids I work for. */
export async function queue(actor: Actor, cursor: string | undefined): Promise<ErrandPage> {
  const _ = db().command
  const clauses = grantsOver(actor, CommunityStaffRoles).map((g) =>
    g.scope.gridId ? { 'path.gridId': g.scope.gridId } : { 'path.communityId': g.scope.communityId },
  )
  if (clauses.length === 0) return { items: [], cursor: null }
  return page(
    _.and([{ status: _.in(['disputed', 'locked']) }, _.or(clauses)]),
    'createdAt',
    'desc',
    cursor,
    (e) => isGridStaff(actor, e.path),
  )
}

export async function get(ctx: CallContext, errandId: string, now: Date): Promise<ErrandDetail> {
  const e = await load(errandId)
  if (!visible(ctx.actor, e)) throw new DomainError(CommonErrorCodes.NOT_FOUND, '互助不存在或已删除')
  return detailOf(ctx.actor, e, { requestId: ctx.requestId, action: 'errand.get', now })
}

// ── Moves ──

async function writeIfVersion(before: ErrandRecord, next: ErrandRecord): Promise<boolean> {
  const { _id, requestId: _r, requesterId: _q, path: _p, createdAt: _c, ...body } = next
  const res = (await db().collection(ERRANDS).where({ _id, version: before.version }).update(body)) as {
    updated?: number
  }
  return res.updated === 1
}

function moverOf(ctx: CallContext, actors: readonly ErrandActor[]): Mover {
  return { userId: ctx.actor.userId, name: ctx.user.realName ?? ctx.user.displayName, actors }
}

/** Records one wrong code (locking on the last try) and answers why the start failed. */
async function wrongCode(e: ErrandRecord, verdict: { wrong: number } | 'lock', now: Date): Promise<never> {
  if (verdict === 'lock') {
    const next = { ...applyMove(e, 'lock', 'system', now), codeTries: MAX_CODE_TRIES }
    if (await writeIfVersion(e, next)) {
      await notifyMove(e, next, 'lock', 'system', now)
      throw new DomainError(ErrandErrors.CODE_LOCKED, '交接码错误次数过多，已锁定，请联系网格员处理')
    }
  } else {
    const next = { ...e, codeTries: e.codeTries + 1, version: e.version + 1, updatedAt: now }
    if (await writeIfVersion(e, next))
      throw new DomainError(ErrandErrors.CODE_WRONG, `交接码不正确，还可以再试 ${verdict.wrong} 次`)
  }
  throw new DomainError(CommonErrorCodes.CONFLICT, '操作冲突，请重试')
}

/**
 * One move on one errand by the caller. Compare-and-set on `version`, re-read and re-decided on a
 * lost race (for accept: the loser then finds it taken). A move whose row pays (core/errands/machine.ts)
 * runs in a transaction with the ledger transfer.
 */
export async function move(
  ctx: CallContext,
  errandId: string,
  m: ErrandMove,
  now: Date,
  opts: { code?: string; note?: string } = {},
): Promise<ErrandDetail> {
  const meta = { requestId: ctx.requestId, action: `errand.${m}`, now }
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const e = await load(errandId)
    if (!visible(ctx.actor, e) && m !== 'accept')
      throw new DomainError(CommonErrorCodes.NOT_FOUND, '互助不存在或已删除')
    const actors = actorsOf(ctx.actor, e)
    if (m === 'accept' && checkAccept(ctx.actor, e) === 'again') return detailOf(ctx.actor, e, meta, true)
    if (m === 'confirm' && e.status === 'confirmed' && actors.includes('requester'))
      return detailOf(ctx.actor, e, meta, true)
    if (m === 'start' && e.helperId === ctx.actor.userId) {
      const verdict = checkCode(e, opts.code)
      if (verdict !== 'ok') await wrongCode(e, verdict, now)
    }
    if (m === 'cancel' && e.status === 'cancelled' && actors.includes('requester'))
      return detailOf(ctx.actor, e, meta, true)
    const next = applyMove(e, m, moverOf(ctx, actors), now, opts.note)
    if (paysOn(m, e.status)) {
      const paid = await payAndMove(e, next, now)
      if (paid) {
        await notifyMove(e, next, m, ctx.actor.userId, now)
        return detailOf(ctx.actor, next, meta)
      }
      continue
    }
    if (await writeIfVersion(e, next)) {
      await notifyMove(e, next, m, ctx.actor.userId, now)
      return detailOf(ctx.actor, next, meta)
    }
  }
  throw new DomainError(CommonErrorCodes.CONFLICT, '操作冲突，请重试')
}

/** The paying move and the ledger transfer, all or nothing. False when the errand changed meanwhile. */
async function payAndMove(before: ErrandRecord, next: ErrandRecord, now: Date): Promise<boolean> {
  return withRetry(async (tx: Tx) => {
    const current = firstDoc<ErrandRecord>((await tx.collection(ERRANDS).doc(before._id).get()).data)
    if (!current || current.version !== before.version || !next.helperId) return false
    const { _id, requestId: _r, requesterId: _q, path: _p, createdAt: _c, ...body } = next
    await tx.collection(ERRANDS).doc(_id).update(body)
    await transferInTx(
      tx,
      {
        cause: Causes.errand(before._id),
        from: issuanceAccount(before.path.communityId),
        to: personAccount(next.helperId),
        amount: next.points,
        reason: `${ErrandTypeLabel[next.type]}：${clipThing(next.text, 30)}`,
        communityId: before.path.communityId,
        by: 'system',
      },
      now,
    )
    return true
  })
}

/** errand.thank: the requester's short note on a confirmed errand (once; content-checked by the route). */
export async function thank(
  ctx: CallContext,
  errandId: string,
  note: string,
  now: Date,
): Promise<ErrandDetail> {
  const e = await load(errandId)
  if (e.requesterId !== ctx.actor.userId)
    throw new DomainError(CommonErrorCodes.NOT_FOUND, '互助不存在或已删除')
  if (e.status !== 'confirmed') throw new DomainError(ErrandErrors.BAD_STATE, '确认完成后才能致谢')
  if (e.thanks) throw new DomainError(ErrandErrors.ALREADY_THANKED, '您已经感谢过了')
  const text = note.trim()
  if (!text) throw new DomainError(ErrandErrors.TEXT_EMPTY, '请写一句感谢的话')
  const next = {
    ...e,
    thanks: text,
    thankedAt: now,
    version: e.version + 1,
    updatedAt: now,
    events: [...e.events, { at: now, move: 'thank', by: ctx.actor.userId }],
  }
  if (!(await writeIfVersion(e, next))) throw new DomainError(CommonErrorCodes.CONFLICT, '操作冲突，请重试')
  return detailOf(ctx.actor, next, { requestId: ctx.requestId, action: 'errand.thank', now })
}

// ── Expiry (timer) ──

export interface ErrandSweepReport {
  readonly found: number
  readonly expired: number
}

/** Open errands whose window ended: expired, requester notified. Conditional on version: racing sweeps expire once. */
export async function sweepErrands(now: Date, limit = 100): Promise<ErrandSweepReport> {
  const _ = db().command
  const res = await db()
    .collection(ERRANDS)
    .where({ open: true, windowEnd: _.lte(now) })
    .orderBy('windowEnd', 'asc')
    .limit(limit)
    .get()
  const due = (res.data as ErrandRecord[]).filter((e) => e.status === 'open' && isOverdue(e.windowEnd, now))
  let expired = 0
  for (const e of due) {
    const next = applyMove(e, 'expire', 'system', now)
    if (await writeIfVersion(e, next)) {
      expired += 1
      await notifyMove(e, next, 'expire', 'system', now)
    }
  }
  return { found: due.length, expired }
}

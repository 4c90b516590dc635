import { inTransaction, type Tx } from '../tx'
import type { JoinInboxItem, JoinTarget, MyJoin, NamedOption } from '../../../src/core/join/api'
import { joinMachine } from '../../../src/core/join/machine'
import { roomKey, type HouseholdPlace } from '../../../src/core/join/model'
import {
  applyCancel,
  applyDecision,
  checkCanAdmit,
  checkCanSubmit,
  grantsAfterAdmission,
  householdPathOf,
  JoinErrors,
  viaOf,
} from '../../../src/core/join/decide'
import type { InviteCodeRecord, JoinRecord } from '../../../src/core/join/model'
import { JoinDeciders, mayDecideJoin } from '../../../src/core/join/rules'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { UserRecord } from '../../../src/core/me/model'
import { parseScene } from '../../../src/core/org/invite-code'
import type { Building, Community, Grid, Street, Unit } from '../../../src/core/org/model'
import { maskPhone } from '../../../src/core/privacy/mask'
import type { Actor } from '../../../src/core/roles'
import { NOTIFICATIONS } from '../notify'
import { dispatch } from '../outbox'
import { entryOf, newOutbox } from '../../../src/core/effects'
import { pendingEffects } from '../../../src/core/join/effects'
import { db } from '../sdk'
import { byRequest, isDuplicateKey, newId } from '../ids'
import { logAccess } from './access-log'
import { firstDoc, getDoc, placeNames } from './docs'

const JOINS = 'join_requests'

async function targetOf(gridId: string, buildingId: string | null): Promise<JoinTarget | null> {
  const grid = await getDoc<Grid>('grids', gridId)
  if (!grid) return null
  const [community, street, building] = await Promise.all([
    getDoc<Community>('communities', grid.communityId),
    getDoc<Street>('streets', grid.streetId),
    buildingId ? getDoc<Building>('buildings', buildingId) : Promise.resolve(null),
  ])
  if (!community || !street || (buildingId && (!building || building.gridId !== grid._id))) return null
  return {
    street: { id: street._id, name: street.name },
    community: { id: community._id, name: community.name, joinPolicy: community.joinPolicy },
    grid: { id: grid._id, name: grid.name },
    building: building ? { id: building._id, name: building.name } : null,
  }
}

const invalidCode = () => new DomainError(JoinErrors.CODE_INVALID, '该二维码已失效，请联系网格员获取新码')

/** The live code a scene names; unknown, retired and mismatched codes are the same error. */
async function liveCode(scene: string): Promise<InviteCodeRecord & { path: { gridId: string } }> {
  const parsed = parseScene(scene)
  if (!parsed) throw invalidCode()
  const code = await getDoc<InviteCodeRecord>('invite_codes', parsed.code)
  if (!code || !code.active || code.target !== parsed.target || !code.path.gridId) throw invalidCode()
  return code as InviteCodeRecord & { path: { gridId: string } }
}

/** code.resolve: a live code's place in the tree. */
export async function resolveCode(scene: string): Promise<JoinTarget> {
  const code = await liveCode(scene)
  const target = await targetOf(code.path.gridId, code.target === 'building' ? code.targetId : null)
  if (!target) throw invalidCode()
  return target
}

const CHILD: Record<string, { collection: string; parentKey: string | null; parent: string | null }> = {
  street: { collection: 'streets', parentKey: null, parent: null },
  community: { collection: 'communities', parentKey: 'streetId', parent: 'streets' },
  grid: { collection: 'grids', parentKey: 'communityId', parent: 'communities' },
  building: { collection: 'buildings', parentKey: 'gridId', parent: 'grids' },
  unit: { collection: 'units', parentKey: 'buildingId', parent: 'buildings' },
}

/** join.options: names for the manual picker (public information: places, not people). */
export async function options(level: string, parentId: string): Promise<NamedOption[]> {
  const child = CHILD[level]
  if (!child) throw new DomainError(CommonErrorCodes.INVALID_INPUT, `bad level ${level}`)
  const res = await db()
    .collection(child.collection)
    .where(child.parentKey ? { [child.parentKey]: parentId } : {})
    .field({ name: true })
    .limit(200)
    .get()
  const list = (res.data as { _id: string; name: string }[]).map((d) => ({ id: d._id, name: d.name }))
  // No children: an unknown parent is not found (an empty list is only for a parent that exists).
  if (list.length === 0 && child.parent && !(await getDoc(child.parent, parentId)))
    throw new DomainError(CommonErrorCodes.NOT_FOUND, '没有找到上一级')
  // Natural order: 2号楼 before 10号楼.
  return list.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true }))
}

async function viewOf(join: JoinRecord): Promise<MyJoin> {
  const [grid, building, unit] = await Promise.all([
    getDoc<Grid>('grids', join.path.gridId),
    getDoc<Building>('buildings', join.path.buildingId),
    getDoc<Unit>('units', join.path.unitId),
  ])
  return {
    joinId: join._id,
    status: join.status,
    gridName: grid?.name ?? '',
    buildingName: building?.name ?? '',
    unitName: unit?.name ?? '',
    room: join.room,
    reason: join.reason,
    move: Boolean(join.moveFrom),
    moves: joinMachine.movesFor(join.status, 'applicant'),
  }
}

/** The caller's latest request, not counting those anonymised when they erased their data. */
export async function latestJoin(userId: string): Promise<JoinRecord | null> {
  const res = await db()
    .collection(JOINS)
    .where({ userId, erased: db().command.neq(true) })
    .orderBy('createdAt', 'desc')
    .limit(1)
    .get()
  return firstDoc<JoinRecord>(res.data)
}

/** join.mine */
export async function mine(actor: Actor): Promise<MyJoin | null> {
  const join = await latestJoin(actor.userId)
  return join ? viewOf(join) : null
}

/** The household at a unit and room: its opaque id, and whether it is stored yet. */
interface Home {
  readonly id: string
  readonly stored: boolean
}

/**
 * Finds the household at (unitId, room) — index `households.unit_room_unique` — or names a new one
 * with an opaque id (ADR 0016: the id never carries the address). Outside the transaction: a
 * where-query is not allowed inside one.
 */
async function homeAt(unitId: string, room: string): Promise<Home> {
  const found = await db()
    .collection('households')
    .where({ unitId, room: roomKey(room) })
    .field({ _id: true })
    .limit(1)
    .get()
  const id = (found.data as { _id: string }[])[0]?._id
  return id ? { id, stored: true } : { id: newId('hh'), stored: false }
}

/**
 * Runs `admitting(home)` for the household at `place`, the unit and room of a join that admits its
 * applicant now; null when nobody is admitted (a pending submit, a rejection): no lookup then. Two
 * approvals for one new household at once: the second creation fails on the unique index, so it
 * runs again and finds the first's household.
 */
async function withHome<T>(
  place: { readonly unitId: string; readonly room: string } | null,
  admitting: (home: Home | null) => Promise<T>,
): Promise<T> {
  if (!place) return admitting(null)
  for (let attempt = 0; ; attempt += 1) {
    const home = await homeAt(place.unitId, place.room)
    try {
      return await admitting(home)
    } catch (err) {
      if (home.stored || attempt >= 2 || !isDuplicateKey(err)) throw err
    }
  }
}

/**
 * Inside a transaction: the household exists, the user lives there and holds a resident grant.
 * For a move this replaces the old household and resident grant in the same write.
 */
async function admit(tx: Tx, join: JoinRecord, user: UserRecord, home: Home): Promise<void> {
  const household = householdPathOf(join, home.id)
  if (!home.stored)
    await tx
      .collection('households')
      .doc(home.id)
      .set({
        level: 'household',
        streetId: household.streetId,
        communityId: household.communityId,
        gridId: household.gridId,
        buildingId: household.buildingId,
        unitId: household.unitId,
        room: roomKey(join.room),
      })
  await tx
    .collection('users')
    .doc(user._id)
    .update({
      householdId: household.householdId,
      displayName: join.name,
      realName: join.name,
      phone: join.phone,
      grants: grantsAfterAdmission(user.grants, household),
      lastJoinId: join._id,
    })
}

export interface SubmitInput {
  readonly requestId: string
  readonly unitId: string
  readonly room: string
  readonly name: string
  readonly phone?: string
  readonly scene?: string
  readonly move?: boolean
}

/**
 * join.submit: idempotent on the client's requestId. Under an `auto` policy the request is
 * approved and the resident admitted in the same transaction; otherwise the deciders' notification
 * records are written in that transaction and delivered after it (a failed push never fails this).
 *
 * One pending request per person: the user document's `lastJoinId` is read and written in the
 * transaction, so of two concurrent submits to different places one conflicts, is retried by the
 * SDK, and then finds the other's pending request (JOIN.PENDING_EXISTS).
 */
export async function submit(actor: Actor, input: SubmitInput, now: Date): Promise<MyJoin> {
  const joinId = newId('jr')
  const earlier = () => byRequest<JoinRecord>(JOINS, { userId: actor.userId, requestId: input.requestId })
  const existing = await earlier()
  if (existing) return viewOf(existing)

  const unit = await getDoc<Unit>('units', input.unitId)
  if (!unit) throw new DomainError(JoinErrors.UNIT_NOT_FOUND, '所选单元不存在')
  const [community, building] = await Promise.all([
    getDoc<Community>('communities', unit.communityId),
    getDoc<Building>('buildings', unit.buildingId),
  ])
  if (!community) throw new DomainError(JoinErrors.UNIT_NOT_FOUND, '所选单元不存在')
  const via = input.scene ? viaOf(await liveCode(input.scene), unit) : 'picker'
  const auto = community.joinPolicy === 'auto'

  const draft: Omit<JoinRecord, 'moveFrom'> = {
    _id: joinId,
    userId: actor.userId,
    requestId: input.requestId,
    path: {
      streetId: unit.streetId,
      communityId: unit.communityId,
      gridId: unit.gridId,
      buildingId: unit.buildingId,
      unitId: unit._id,
    },
    room: input.room.toUpperCase(),
    name: input.name,
    phone: input.phone ?? null,
    policy: community.joinPolicy,
    status: auto ? 'approved' : 'pending',
    via,
    reason: null,
    decidedBy: auto ? 'auto' : null,
    createdAt: now,
    decidedAt: auto ? now : null,
  }
  let written: { record: JoinRecord; told: boolean }
  try {
    written = await withHome(auto ? { unitId: unit._id, room: input.room } : null, (home) =>
      inTransaction(async (tx: Tx) => {
        const user = firstDoc<UserRecord>((await tx.collection('users').doc(actor.userId).get()).data)
        if (!user) throw new Error(`user ${actor.userId} vanished`)
        const [current, currentHome] = await Promise.all([
          user.lastJoinId
            ? tx
                .collection(JOINS)
                .doc(user.lastJoinId)
                .get()
                .then((r) => firstDoc<JoinRecord>(r.data))
            : null,
          user.householdId
            ? tx
                .collection('households')
                .doc(user.householdId)
                .get()
                .then((r) => firstDoc<HouseholdPlace>(r.data))
            : null,
        ])
        const same = checkCanSubmit(
          user,
          current ? { ...current, _id: user.lastJoinId as string } : null,
          unit._id,
          input.room,
          input.move === true,
          currentHome,
        )
        if (same) return { record: same, told: false }
        const asked: JoinRecord = { ...draft, moveFrom: user.householdId ?? null }
        // The deciders are told through the request's outbox, in this same write (src/core/join/effects.ts).
        const entry = auto
          ? null
          : entryOf(
              'pending',
              now,
              pendingEffects(asked, { building: building?.name ?? '', unit: unit.name }),
            )
        const join: JoinRecord = { ...asked, ...newOutbox([entry], now) }
        const { _id, ...body } = join
        await tx.collection(JOINS).doc(_id).set(body)
        if (auto) {
          if (!home) throw new Error(`join ${join._id}: admitted without its household looked up`)
          await admit(tx, join, user, home)
          return { record: join, told: false }
        }
        await tx.collection('users').doc(user._id).update({ lastJoinId: join._id })
        return { record: join, told: entry !== null }
      }),
    )
  } catch (err) {
    // A concurrent submit of the same request won the unique (userId, requestId) index: answer it.
    const again = isDuplicateKey(err) ? await earlier() : null
    if (!again) throw err
    written = { record: again, told: false }
  }
  const { record, told } = written
  if (told) await dispatch(JOINS, record._id, now)
  return viewOf(record)
}

/** join.cancel: the applicant withdraws a pending request; its undelivered notifications go too. */
export async function cancel(actor: Actor, joinId: string, now: Date): Promise<MyJoin> {
  const cancelled: JoinRecord = await inTransaction(async (tx: Tx) => {
    const join = firstDoc<JoinRecord>((await tx.collection(JOINS).doc(joinId).get()).data)
    if (!join) throw new DomainError(CommonErrorCodes.NOT_FOUND, '申请不存在')
    const next = applyCancel({ ...join, _id: joinId }, actor, now)
    await tx
      .collection(JOINS)
      .doc(joinId)
      .update({ status: next.status, decidedBy: next.decidedBy, decidedAt: now })
    return next
  })
  const _ = db().command
  await db()
    .collection(NOTIFICATIONS)
    .where({ sourceId: joinId, status: _.in(['pending', 'failed']) })
    .update({ status: 'cancelled', updatedAt: now })
  return viewOf(cancelled)
}

/** join.inbox: pending requests the caller may decide, oldest first, phones masked. */
export async function inbox(actor: Actor, requestId: string, now: Date): Promise<JoinInboxItem[]> {
  const _ = db().command
  const deciderRoles = new Set(Object.values(JoinDeciders).flat())
  const clauses = actor.grants
    .filter((g) => deciderRoles.has(g.role))
    .map((g) =>
      g.scope.buildingId
        ? { 'path.buildingId': g.scope.buildingId }
        : g.scope.gridId
          ? { 'path.gridId': g.scope.gridId }
          : g.scope.communityId
            ? { 'path.communityId': g.scope.communityId }
            : { 'path.streetId': g.scope.streetId },
    )
  if (clauses.length === 0) return []
  const res = await db()
    .collection(JOINS)
    .where(_.and([{ status: 'pending' }, _.or(clauses)]))
    .orderBy('createdAt', 'asc')
    .limit(100)
    .get()
  const joins = (res.data as JoinRecord[]).filter((j) => mayDecideJoin(actor, j.policy, j.path))
  // Applicants' names, rooms and masked phones are personal data: logged before answering.
  if (joins.length > 0) {
    await logAccess({
      actorId: actor.userId,
      action: 'join.inbox',
      subject: '',
      people: joins.map((j) => j.userId),
      allowed: true,
      requestId,
      at: now,
    })
  }
  const names = await placeNames(
    joins.map((j) => j.path),
    ['building', 'unit'],
  )
  return joins.map((j) => ({
    joinId: j._id,
    name: j.name,
    maskedPhone: j.phone ? maskPhone(j.phone) : null,
    buildingName: names.building.get(j.path.buildingId) ?? '',
    unitName: names.unit.get(j.path.unitId) ?? '',
    room: j.room,
    submittedAt: new Date(j.createdAt).toISOString(),
    path: j.path,
    move: Boolean(j.moveFrom),
  }))
}

/** join.decide: approve (admitting the resident) or reject with a reason, atomically. */
export async function decide(
  actor: Actor,
  input: { joinId: string; decision: 'approve' } | { joinId: string; decision: 'reject'; reason: string },
  now: Date,
): Promise<MyJoin> {
  // An approval admits: where the household would be is read first, as the household lookup must
  // happen outside the transaction; the transaction reads the request again and decides on that.
  const seen = input.decision === 'approve' ? await getDoc<JoinRecord>(JOINS, input.joinId) : null
  if (input.decision === 'approve' && !seen) throw new DomainError(CommonErrorCodes.NOT_FOUND, '申请不存在')
  const place = seen ? { unitId: seen.path.unitId, room: seen.room } : null
  const decided: JoinRecord = await withHome(place, (home) =>
    inTransaction(async (tx: Tx) => {
      const join = firstDoc<JoinRecord>((await tx.collection(JOINS).doc(input.joinId).get()).data)
      if (!join) throw new DomainError(CommonErrorCodes.NOT_FOUND, '申请不存在')
      const next = applyDecision({ ...join, _id: input.joinId }, actor, input, now)
      await tx.collection(JOINS).doc(input.joinId).update({
        status: next.status,
        reason: next.reason,
        decidedBy: next.decidedBy,
        decidedAt: now,
      })
      if (next.status === 'approved') {
        const user = firstDoc<UserRecord>((await tx.collection('users').doc(join.userId).get()).data)
        if (!user) throw new DomainError(CommonErrorCodes.NOT_FOUND, '申请人不存在')
        if (!home) throw new Error(`join ${input.joinId}: approved without its household looked up`)
        checkCanAdmit(next, user, home.id)
        await admit(tx, next, user, home)
      }
      return next
    }),
  )
  return viewOf(decided)
}

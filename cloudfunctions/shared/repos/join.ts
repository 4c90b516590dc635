import type { JoinInboxItem, JoinTarget, MyJoin, NamedOption } from '../../../src/core/join/api'
import {
  applyDecision,
  checkCanSubmit,
  grantsAfterAdmission,
  householdPathOf,
  JoinErrors,
} from '../../../src/core/join/decide'
import { joinIdFor, type InviteCodeRecord, type JoinRecord } from '../../../src/core/join/model'
import { JoinDeciders, mayDecideJoin } from '../../../src/core/join/rules'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { UserRecord } from '../../../src/core/me/model'
import { parseScene } from '../../../src/core/org/invite-code'
import type { Building, Community, Grid, Street, Unit } from '../../../src/core/org/model'
import { maskPhone } from '../../../src/core/privacy/mask'
import type { Actor } from '../../../src/core/roles'
import { db } from '../sdk'
import { firstDoc, getDoc, namesByIds } from './docs'

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

/** code.resolve: a live code's place in the tree; unknown and retired codes are the same error. */
export async function resolveCode(scene: string): Promise<JoinTarget> {
  const parsed = parseScene(scene)
  const invalid = () => new DomainError(JoinErrors.CODE_INVALID, '该二维码已失效，请联系网格员获取新码')
  if (!parsed) throw invalid()
  const code = await getDoc<InviteCodeRecord>('invite_codes', parsed.code)
  if (!code || !code.active || code.target !== parsed.target || !code.path.gridId) throw invalid()
  const target = await targetOf(code.path.gridId, code.target === 'building' ? code.targetId : null)
  if (!target) throw invalid()
  return target
}

const CHILD: Record<string, { collection: string; parentKey: string | null }> = {
  street: { collection: 'streets', parentKey: null },
  community: { collection: 'communities', parentKey: 'streetId' },
  grid: { collection: 'grids', parentKey: 'communityId' },
  building: { collection: 'buildings', parentKey: 'gridId' },
  unit: { collection: 'units', parentKey: 'buildingId' },
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
  }
}

async function latestJoin(userId: string): Promise<JoinRecord | null> {
  const res = await db().collection(JOINS).where({ userId }).orderBy('createdAt', 'desc').limit(1).get()
  return firstDoc<JoinRecord>(res.data)
}

/** join.mine */
export async function mine(actor: Actor): Promise<MyJoin | null> {
  const join = await latestJoin(actor.userId)
  return join ? viewOf(join) : null
}

/** A transaction as node-sdk hands it to `runTransaction`: single-document operations only. */
type Tx = { collection(name: string): ReturnType<ReturnType<typeof db>['collection']> }

/** Inside a transaction: the household exists, the user lives there and holds a resident grant. */
async function admit(tx: Tx, join: JoinRecord, user: UserRecord): Promise<void> {
  const household = householdPathOf(join)
  await tx.collection('households').doc(household.householdId).set({
    level: 'household',
    streetId: household.streetId,
    communityId: household.communityId,
    gridId: household.gridId,
    buildingId: household.buildingId,
    unitId: household.unitId,
    room: join.room.toUpperCase(),
  })
  await tx.collection('users').doc(user._id).update({
    householdId: household.householdId,
    displayName: join.name,
    realName: join.name,
    phone: join.phone,
    grants: grantsAfterAdmission(user.grants, household),
  })
}

/**
 * join.submit: idempotent on the client's requestId. Under an `auto` policy the request is
 * approved and the resident admitted in the same transaction.
 */
export async function submit(
  actor: Actor,
  input: { requestId: string; unitId: string; room: string; name: string; phone?: string },
  via: 'code' | 'picker',
  now: Date,
): Promise<MyJoin> {
  const joinId = joinIdFor(actor.userId, input.requestId)
  const existing = await getDoc<JoinRecord>(JOINS, joinId)
  if (existing) return viewOf(existing)

  const unit = await getDoc<Unit>('units', input.unitId)
  if (!unit) throw new DomainError(JoinErrors.UNIT_NOT_FOUND, '所选单元不存在')
  const community = await getDoc<Community>('communities', unit.communityId)
  if (!community) throw new DomainError(JoinErrors.UNIT_NOT_FOUND, '所选单元不存在')

  const record: JoinRecord = await db().runTransaction(async (tx: Tx) => {
    const user = firstDoc<UserRecord>((await tx.collection('users').doc(actor.userId).get()).data)
    if (!user) throw new Error(`user ${actor.userId} vanished`)
    const again = firstDoc<JoinRecord>((await tx.collection(JOINS).doc(joinId).get()).data)
    if (again) return again
    const same = checkCanSubmit(user, await latestJoin(actor.userId), unit._id, input.room)
    if (same) return same
    const auto = community.joinPolicy === 'auto'
    const join: JoinRecord = {
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
    const { _id, ...body } = join
    await tx.collection(JOINS).doc(_id).set(body)
    if (auto) await admit(tx, join, user)
    return join
  })
  return viewOf(record)
}

/** join.inbox: pending requests the caller may decide, oldest first, phones masked. */
export async function inbox(actor: Actor): Promise<JoinInboxItem[]> {
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
  const [buildingName, unitName] = await Promise.all([
    namesByIds('buildings', joins.map((j) => j.path.buildingId)),
    namesByIds('units', joins.map((j) => j.path.unitId)),
  ])
  return joins.map((j) => ({
    joinId: j._id,
    name: j.name,
    maskedPhone: j.phone ? maskPhone(j.phone) : null,
    buildingName: buildingName.get(j.path.buildingId) ?? '',
    unitName: unitName.get(j.path.unitId) ?? '',
    room: j.room,
    submittedAt: new Date(j.createdAt).toISOString(),
    path: j.path,
  }))
}

/** join.decide: approve (admitting the resident) or reject with a reason, atomically. */
export async function decide(
  actor: Actor,
  input: { joinId: string; decision: 'approve' } | { joinId: string; decision: 'reject'; reason: string },
  now: Date,
): Promise<MyJoin> {
  const decided: JoinRecord = await db().runTransaction(async (tx: Tx) => {
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
      if (user.householdId) throw new DomainError(JoinErrors.ALREADY_MEMBER, '申请人已加入其他家庭')
      await admit(tx, next, user)
    }
    return next
  })
  return viewOf(decided)
}

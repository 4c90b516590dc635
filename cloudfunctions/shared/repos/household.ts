import { inTransaction, type Tx } from '../tx'
import { holdsOver, isStaffOver } from '../../../src/core/access'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { HouseholdArea, HouseholdView } from '../../../src/core/household/api'
import { grantsAfterLeaving } from '../../../src/core/join/decide'
import type { UserRecord } from '../../../src/core/me/model'
import type { Actor } from '../../../src/core/roles'
import { db } from '../sdk'
import { firstDoc, householdAt } from './docs'
import { mine } from './join'
import { householdSummary } from './org'

/** household.mine: my household, its members' display names, and a move under way. */
export async function myHousehold(actor: Actor, user: UserRecord): Promise<HouseholdView> {
  const household = user.householdId ? await householdSummary(user.householdId) : null
  const latest = await mine(actor)
  const pendingMove = household && latest?.status === 'pending' && latest.move ? latest : null
  if (!household || !user.householdId) return { household: null, members: [], pendingMove: null }
  const res = await db()
    .collection('users')
    .where({ householdId: user.householdId })
    .field({ displayName: true })
    .limit(20)
    .get()
  const members = (res.data as { _id: string; displayName: string }[])
    .map((m) => ({ name: m.displayName, me: m._id === actor.userId }))
    .sort((a, b) => Number(b.me) - Number(a.me))
  return { household, members, pendingMove }
}

/**
 * household.leave: out of the household in one write (link and resident grant together). A pending
 * move stays pending and, if approved, admits them as a newcomer. Idempotent.
 */
export async function leave(actor: Actor): Promise<{ left: boolean }> {
  return inTransaction(async (tx: Tx) => {
    const user = firstDoc<UserRecord>((await tx.collection('users').doc(actor.userId).get()).data)
    if (!user) throw new Error(`user ${actor.userId} vanished`)
    const hasGrant = holdsOver(user, 'resident')
    if (!user.householdId && !hasGrant) return { left: false }
    await tx
      .collection('users')
      .doc(user._id)
      .update({
        householdId: db().command.remove(),
        grants: grantsAfterLeaving(user.grants),
      })
    return { left: true }
  })
}

/**
 * household.setArea: staff over the household's grid record its floor area (m²), or clear it
 * (null). An owners' decision fixes the grid's total when it opens and each ballot carries its
 * household's area when cast, so a later change alters no vote already counted or cast.
 */
export async function setArea(
  actor: Actor,
  input: { unitId: string; room: string; area: number | null },
): Promise<HouseholdArea> {
  const h = await householdAt(input.unitId, input.room)
  if (!h) throw new DomainError(CommonErrorCodes.NOT_FOUND, '该房号还没有住户加入')
  if (!isStaffOver(actor, { streetId: h.streetId, communityId: h.communityId, gridId: h.gridId }))
    throw new DomainError(CommonErrorCodes.FORBIDDEN, '只能登记本网格住户的面积')
  await db()
    .collection('households')
    .doc(h._id)
    .update({ area: input.area === null ? db().command.remove() : input.area })
  return { room: h.room, area: input.area }
}

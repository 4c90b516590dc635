/**
 * The deciders' side: the pending requests the caller may decide (join.inbox, access-logged), and
 * approving (admitting the applicant) or rejecting one (join.decide).
 */
import { grantsOver } from '../../../src/core/access'
import { inTransaction, type Tx } from '../tx'
import type { JoinInboxItem, MyJoin } from '../../../src/core/join/api'
import { applyDecision, checkCanAdmit } from '../../../src/core/join/decide'
import type { JoinRecord } from '../../../src/core/join/model'
import { JoinDeciders, mayDecideJoin } from '../../../src/core/join/rules'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { UserRecord } from '../../../src/core/me/model'
import { maskPhone } from '../../../src/core/privacy/mask'
import type { Actor } from '../../../src/core/roles'
import { db } from '../sdk'
import { logAccess } from './access-log'
import { firstDoc, getDoc, placeNames } from './docs'
import { JOINS, viewOf } from './join-base'
import { admit, withHome } from './join-admit'

/** join.inbox: pending requests the caller may decide, oldest first, phones masked. */
export async function inbox(actor: Actor, requestId: string, now: Date): Promise<JoinInboxItem[]> {
  const _ = db().command
  const deciderRoles = [...new Set(Object.values(JoinDeciders).flat())]
  const clauses = grantsOver(actor, deciderRoles).map((g) =>
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

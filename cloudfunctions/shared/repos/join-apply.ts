/**
 * The applicant's side: my latest request (join.mine), asking to join or move (join.submit,
 * admitted at once under an `auto` policy), and withdrawing a pending request (join.cancel).
 */
import { inTransaction, type Tx } from '../tx'
import type { MyJoin } from '../../../src/core/join/api'
import type { HouseholdPlace, JoinRecord } from '../../../src/core/join/model'
import { applyCancel, checkCanSubmit, JoinErrors, viaOf } from '../../../src/core/join/decide'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { UserRecord } from '../../../src/core/me/model'
import type { Building, Community, Unit } from '../../../src/core/org/model'
import type { Actor } from '../../../src/core/roles'
import { NOTIFICATIONS } from '../notify'
import { nudge } from '../outbox'
import { entryOf, newOutbox } from '../../../src/core/effects'
import { pendingEffects } from '../../../src/core/join/effects'
import { db } from '../sdk'
import { byRequest, isDuplicateKey, newId } from '../ids'
import { firstDoc, getDoc } from './docs'
import { JOINS, latestJoin, viewOf } from './join-base'
import { admit, withHome } from './join-admit'
import { liveCode } from './join-places'

/** join.mine */
export async function mine(actor: Actor): Promise<MyJoin | null> {
  const join = await latestJoin(actor.userId)
  return join ? viewOf(join) : null
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
  if (told) await nudge(JOINS, record._id, now)
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

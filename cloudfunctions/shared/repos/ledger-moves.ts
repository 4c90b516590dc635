/**
 * The transfers a person asks for: an admin's award (points.award) and correction (points.correct),
 * and a resident's gift to the fund or to a neighbour who served them (points.give), with the gift
 * form's recipients (points.recipients).
 */
import { holdsOver, homeCommunity, homeOf, isAdminOf } from '../../../src/core/access'
import type { GiftNeighbour, GiftRecipients, TransferView } from '../../../src/core/points/api'
import { ErrandTypeLabel, type ErrandRecord } from '../../../src/core/errands/model'
import { PointsErrors } from '../../../src/core/points/errors'
import { correctionOf } from '../../../src/core/points/ledger'
import {
  Causes,
  fundAccount,
  issuanceAccount,
  personAccount,
  type TransferRecord,
} from '../../../src/core/points/model'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { UserRecord } from '../../../src/core/me/model'
import type { Actor } from '../../../src/core/roles'
import { db } from '../sdk'
import { getDoc } from './docs'
import { TRANSFERS } from './ledger-base'
import { balanceOf, transfer, viewOf } from './ledger-transfer'

/** points.award: issuance → the resident, by a community admin of the resident's community. */
export async function award(
  actor: Actor,
  input: { userId: string; amount: number; reason: string; requestId: string },
  now: Date,
): Promise<TransferView> {
  const user = await getDoc<UserRecord>('users', input.userId)
  if (!user) throw new DomainError(CommonErrorCodes.NOT_FOUND, '居民不存在')
  const home = homeOf(user)
  const communityId = home?.communityId
  if (!home || !communityId || !holdsOver(actor, 'community_admin', home)) {
    throw new DomainError(PointsErrors.NOT_IN_SCOPE, '只能奖励本社区的居民')
  }
  const outcome = await transfer(
    {
      cause: Causes.award(actor.userId, input.requestId),
      from: issuanceAccount(communityId),
      to: personAccount(user._id),
      amount: input.amount,
      reason: input.reason,
      communityId,
      by: actor.userId,
    },
    now,
  )
  return viewOf(outcome)
}

/** Collection `errands` (repos/errands.ts imports this file, so its constant is not imported here). */
const ERRANDS = 'errands'
/** Confirmed errands read to find the latest distinct helpers. */
const RECENT_ERRANDS = 100
const MAX_NEIGHBOURS = 10

/**
 * points.recipients: my balance, my community's fund, and the neighbours who served me — the
 * helpers of my latest confirmed errands (index `errands.requester_confirmed`), newest first, one
 * line each (their latest errand for me), at most 10, only those still residents of my community.
 */
export async function recipients(actor: Actor): Promise<GiftRecipients> {
  const communityId = homeCommunity(actor.grants)
  if (!communityId) throw new DomainError(PointsErrors.NOT_IN_SCOPE, '请先加入网格')
  const [balance, community, res] = await Promise.all([
    balanceOf(personAccount(actor.userId)),
    getDoc<{ name: string }>('communities', communityId),
    db()
      .collection(ERRANDS)
      .where({ requesterId: actor.userId, status: 'confirmed' })
      .orderBy('confirmedAt', 'desc')
      .limit(RECENT_ERRANDS)
      .field({ helperId: true, helperName: true, type: true, confirmedAt: true })
      .get(),
  ])
  const latest = new Map<string, ErrandRecord>()
  for (const e of res.data as ErrandRecord[])
    if (e.helperId && e.helperId !== actor.userId && !latest.has(e.helperId)) latest.set(e.helperId, e)
  const ids = [...latest.keys()]
  const users =
    ids.length === 0
      ? []
      : ((
          await db()
            .collection('users')
            .where({ _id: db().command.in(ids) })
            .field({ grants: true })
            .limit(ids.length)
            .get()
        ).data as Pick<UserRecord, '_id' | 'grants'>[])
  const neighbours = new Set(users.filter((u) => homeCommunity(u.grants) === communityId).map((u) => u._id))
  const list: GiftNeighbour[] = [...latest.values()]
    .filter((e) => neighbours.has(e.helperId as string))
    .slice(0, MAX_NEIGHBOURS)
    .map((e) => ({
      userId: e.helperId as string,
      name: e.helperName ?? '邻居',
      errandId: e._id,
      type: e.type,
      typeLabel: ErrandTypeLabel[e.type] ?? e.type,
      at: new Date(e.confirmedAt ?? 0).toISOString(),
    }))
  return { balance, fundName: `${community?.name ?? '社区'}爱心基金`, neighbours: list }
}

/** Has `helperId` done a confirmed errand for `requesterId`? (index `errands.helper`) */
async function hasServed(requesterId: string, helperId: string): Promise<boolean> {
  const res = await db()
    .collection(ERRANDS)
    .where({ helperId, requesterId, status: 'confirmed' })
    .field({ _id: true })
    .limit(1)
    .get()
  return res.data.length > 0
}

/**
 * points.give: from my account to the community fund, or to a neighbour of my community who served
 * me (the helper of one of my confirmed errands: a gift is a thank-you "for a service done", and
 * it keeps points from being moved freely between accounts).
 */
export async function give(
  actor: Actor,
  input: { to: 'fund' | { userId: string }; amount: number; note?: string; requestId: string },
  now: Date,
): Promise<TransferView> {
  const communityId = homeCommunity(actor.grants)
  if (!communityId) throw new DomainError(PointsErrors.NOT_IN_SCOPE, '请先加入网格')
  let to = fundAccount(communityId)
  if (input.to !== 'fund') {
    const other = await getDoc<UserRecord>('users', input.to.userId)
    if (!other) throw new DomainError(CommonErrorCodes.NOT_FOUND, '居民不存在')
    if (homeCommunity(other.grants) !== communityId)
      throw new DomainError(PointsErrors.NOT_IN_SCOPE, '只能转赠给本社区的居民')
    // Giving to myself falls through to the ledger's POINTS.SAME_ACCOUNT.
    if (other._id !== actor.userId && !(await hasServed(actor.userId, other._id))) {
      throw new DomainError(PointsErrors.NOT_MY_HELPER, '只能转赠给帮您办过事的邻居')
    }
    to = personAccount(other._id)
  }
  const outcome = await transfer(
    {
      cause: Causes.gift(actor.userId, input.requestId),
      from: personAccount(actor.userId),
      to,
      amount: input.amount,
      reason: input.note?.trim() ?? '',
      communityId,
      by: actor.userId,
    },
    now,
  )
  return viewOf(outcome)
}

/** points.correct: the reversing transfer of a transfer of the admin's community, with a reason. */
export async function correct(
  actor: Actor,
  input: { transferId: string; reason: string },
  now: Date,
): Promise<TransferView> {
  const original = await getDoc<TransferRecord>(TRANSFERS, input.transferId)
  if (!original) throw new DomainError(CommonErrorCodes.NOT_FOUND, '积分记录不存在')
  if (!isAdminOf(actor, original.communityId)) {
    throw new DomainError(CommonErrorCodes.FORBIDDEN, '只能更正本社区的积分记录')
  }
  const outcome = await transfer(
    correctionOf({ ...original, _id: input.transferId }, input.reason, actor.userId),
    now,
  )
  return viewOf(outcome)
}

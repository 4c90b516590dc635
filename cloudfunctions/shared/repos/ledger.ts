/**
 * The points ledger store (src/core/points). One transfer = one transaction that writes the
 * transfer, its two entries and both cached balances, after reading the balances in the same
 * transaction: two debits racing on one account conflict (first writer wins), the loser is retried
 * against the new balance and fails with POINTS.INSUFFICIENT rather than overdraw.
 *
 * Entries and transfers are only ever created (`set` on a fresh opaque id), never updated or
 * deleted. A cause already paid answers the existing transfer (`retried: true`); the unique
 * `point_transfers.cause_unique` index makes racing payers of one cause write it once (ADR 0016).
 */
import { withRetry, type Tx } from '../tx'
import { holdsOver, homeCommunity, homeOf, isAdminOf } from '../../../src/core/access'
import type {
  AuditReport,
  CommunityTransfers,
  GiftNeighbour,
  GiftRecipients,
  MyPoints,
  TransferLine,
  TransferView,
} from '../../../src/core/points/api'
import { ErrandTypeLabel, type ErrandRecord } from '../../../src/core/errands/model'
import { PointsErrors } from '../../../src/core/points/errors'
import {
  auditDifferences,
  CauseLabel,
  correctionOf,
  planTransfer,
  checkRequest,
  type BalanceDifference,
  type TransferRequest,
} from '../../../src/core/points/ledger'
import {
  AccountLabel,
  Causes,
  fundAccount,
  issuanceAccount,
  parseAccount,
  personAccount,
  type AccountRecord,
  type EntryRecord,
  type TransferRecord,
} from '../../../src/core/points/model'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { UserRecord } from '../../../src/core/me/model'
import type { Actor } from '../../../src/core/roles'
import { db } from '../sdk'
import { byRequest, isDuplicateKey, newId } from '../ids'
import { logAccess } from './access-log'
import { firstDoc, getDoc, userNames } from './docs'
import { afterTimeCursor, timeCursor } from './paging'

export const TRANSFERS = 'point_transfers'
export const ENTRIES = 'point_entries'
export const ACCOUNTS = 'point_accounts'

const PAGE = 20

export interface TransferOutcome {
  readonly transfer: TransferRecord
  readonly retried: boolean
}

/** The transfer a cause made, if any (`cause` is unique in `point_transfers`). */
async function transferOfCause(cause: string): Promise<TransferRecord | null> {
  return byRequest<TransferRecord>(TRANSFERS, { cause })
}

/**
 * Inside the caller's transaction (so a feature can pay in the same commit as its own write, e.g.
 * an errand's confirmation): the transfer of `req`, or the one its cause already made. The cause is
 * looked up by a query beside the transaction (no where-queries inside one); a racing payer of the
 * same cause conflicts on the accounts (and is retried, then finds it) or loses on the unique
 * `cause` index at commit, so one cause never pays twice.
 */
export async function transferInTx(tx: Tx, req: TransferRequest, now: Date): Promise<TransferOutcome> {
  checkRequest(req)
  const existing = await transferOfCause(req.cause)
  if (existing) return { transfer: existing, retried: true }
  const [from, to] = await Promise.all(
    [req.from, req.to].map(async (a) =>
      firstDoc<AccountRecord>((await tx.collection(ACCOUNTS).doc(a).get()).data),
    ),
  )
  const plan = planTransfer(req, from?.balance ?? 0, to?.balance ?? 0, now, newId('tr'))
  const { _id, ...transfer } = plan.transfer
  await tx.collection(TRANSFERS).doc(_id).set(transfer)
  for (const e of plan.entries) {
    const { _id: entryId, ...entry } = e
    await tx.collection(ENTRIES).doc(entryId).set(entry)
  }
  const account = (a: AccountRecord | null | undefined, delta: number): Omit<AccountRecord, '_id'> => ({
    balance: (a?.balance ?? 0) + delta,
    credited: (a?.credited ?? 0) + Math.max(delta, 0),
    debited: (a?.debited ?? 0) + Math.max(-delta, 0),
    updatedAt: now,
  })
  await tx.collection(ACCOUNTS).doc(req.from).set(account(from, -req.amount))
  await tx.collection(ACCOUNTS).doc(req.to).set(account(to, req.amount))
  return { transfer: plan.transfer, retried: false }
}

/** One transfer in its own transaction (a concurrent one of the same cause answers that one). */
export async function transfer(req: TransferRequest, now: Date): Promise<TransferOutcome> {
  try {
    return await withRetry((tx) => transferInTx(tx, req, now))
  } catch (err) {
    const again = isDuplicateKey(err) ? await transferOfCause(req.cause) : null
    if (!again) throw err
    return { transfer: again, retried: true }
  }
}

export function viewOf(o: TransferOutcome): TransferView {
  const t = o.transfer
  return {
    transferId: t._id,
    cause: t.cause,
    from: t.from,
    to: t.to,
    amount: t.amount,
    reason: t.reason,
    at: new Date(t.at).toISOString(),
    retried: o.retried,
  }
}

export async function balanceOf(account: string): Promise<number> {
  return (await getDoc<AccountRecord>(ACCOUNTS, account))?.balance ?? 0
}

const cursorAfter = (list: readonly { at: Date; _id: string }[]): string | null => {
  const last = list.length > PAGE ? list[PAGE - 1] : undefined
  return last ? timeCursor(last.at, last._id) : null
}

/** points.mine: my balance and my entries, newest first, 20 a page; cursor `<ms>_<entryId>`. */
export async function mine(actor: Actor, cursor?: string): Promise<MyPoints> {
  const _ = db().command
  const account = personAccount(actor.userId)
  const [balance, res] = await Promise.all([
    balanceOf(account),
    db()
      .collection(ENTRIES)
      .where(_.and([{ account }, afterTimeCursor(cursor, 'at', 'desc')]))
      .orderBy('at', 'desc')
      .orderBy('_id', 'desc')
      .limit(PAGE + 1)
      .get(),
  ])
  const list = res.data as EntryRecord[]
  const page = list.slice(0, PAGE)
  return {
    balance,
    lines: page.map((e) => ({
      transferId: e.transferId,
      at: new Date(e.at).toISOString(),
      delta: e.delta,
      balanceAfter: e.balanceAfter,
      cause: e.cause,
      kind: e.kind,
      label: CauseLabel[e.kind] ?? e.kind,
      reason: e.reason,
      reverses: e.kind === 'correction' ? e.cause.slice('correction:'.length) : null,
    })),
    cursor: cursorAfter(list),
  }
}

/**
 * The latest `limit` movements in and out of one account, newest first, as transfers (read from the
 * account's entries: index `point_entries.account_time`). Used by fund.view.
 */
export async function recentTransfers(account: string, limit = PAGE): Promise<TransferView[]> {
  const res = await db()
    .collection(ENTRIES)
    .where({ account })
    .orderBy('at', 'desc')
    .orderBy('_id', 'desc')
    .limit(limit)
    .get()
  return (res.data as EntryRecord[]).map((e) => ({
    transferId: e.transferId,
    cause: e.cause,
    from: e.delta < 0 ? e.account : e.counterparty,
    to: e.delta < 0 ? e.counterparty : e.account,
    amount: Math.abs(e.delta),
    reason: e.reason,
    at: new Date(e.at).toISOString(),
    retried: false,
  }))
}

/** Communities where the actor is a community admin. */
const adminOf = (actor: Actor, communityId: string, streetId?: string) =>
  isAdminOf(actor, communityId) ||
  (streetId !== undefined && holdsOver(actor, 'street_admin', { streetId, communityId }))

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

/**
 * points.transfers: the community's transfers, newest first, 20 a page (index
 * `point_transfers.community_time`), with names and whether each was corrected. The people named
 * are access-logged before answering; a refused attempt is logged too.
 */
export async function communityTransfers(
  actor: Actor,
  input: { communityId: string; cursor?: string },
  requestId: string,
  now: Date,
): Promise<CommunityTransfers> {
  const _ = db().command
  const { communityId } = input
  const community = await getDoc<{ streetId: string }>('communities', communityId)
  const allowed = community !== null && adminOf(actor, communityId, community.streetId)
  const log = (people: readonly string[]) =>
    logAccess({
      actorId: actor.userId,
      action: 'points.transfers',
      subject: communityId,
      people,
      allowed,
      requestId,
      at: now,
    })
  if (!allowed) {
    await log([])
    if (!community) throw new DomainError(CommonErrorCodes.NOT_FOUND, '没有找到这个社区')
    throw new DomainError(CommonErrorCodes.FORBIDDEN, '只能查看本辖区的积分流水')
  }
  const res = await db()
    .collection(TRANSFERS)
    .where(_.and([{ communityId }, afterTimeCursor(input.cursor, 'at', 'desc')]))
    .orderBy('at', 'desc')
    .orderBy('_id', 'desc')
    .limit(PAGE + 1)
    .get()
  const list = res.data as TransferRecord[]
  const page = list.slice(0, PAGE)
  const people = [
    ...new Set(
      page.flatMap((t) => [t.from, t.to]).flatMap((a) => (parseAccount(a)?.kind === 'u' ? [a.slice(2)] : [])),
    ),
  ]
  const correctionCauses = page.filter((t) => t.kind !== 'correction').map((t) => Causes.correction(t._id))
  const [names, corrections] = await Promise.all([
    userNames(people),
    correctionCauses.length === 0
      ? Promise.resolve({ data: [] })
      : db()
          .collection(TRANSFERS)
          .where({ cause: _.in(correctionCauses) })
          .field({ cause: true })
          .limit(correctionCauses.length)
          .get(),
  ])
  const corrected = new Set((corrections.data as { cause: string }[]).map((c) => c.cause))
  const nameOf = (account: string) => {
    const parsed = parseAccount(account)
    if (!parsed) return account
    return parsed.kind === 'u' ? (names.get(parsed.ref) ?? '未知居民') : AccountLabel[parsed.kind]
  }
  await log(people)
  const lines: TransferLine[] = page.map((t) => ({
    transferId: t._id,
    at: new Date(t.at).toISOString(),
    kind: t.kind,
    label: CauseLabel[t.kind] ?? t.kind,
    amount: t.amount,
    from: t.from,
    fromName: nameOf(t.from),
    to: t.to,
    toName: nameOf(t.to),
    reason: t.reason,
    reverses: t.reverses ?? null,
    corrected: corrected.has(Causes.correction(t._id)),
  }))
  return { lines, cursor: cursorAfter(list) }
}

async function all<T>(collection: string, where: object, max = 20): Promise<T[]> {
  const out: T[] = []
  const _ = db().command
  let last: string | null = null
  for (let i = 0; i < max; i += 1) {
    const res = await db()
      .collection(collection)
      .where(last === null ? where : _.and([where, { _id: _.gt(last) }]))
      .orderBy('_id', 'asc')
      .limit(1000)
      .get()
    const page = res.data as (T & { _id: string })[]
    out.push(...page)
    if (page.length < 1000) break
    last = page[page.length - 1]?._id ?? null
  }
  return out
}

/**
 * Recomputes these accounts' balances from ALL their entries and compares with the cached ones.
 * Used by `points.audit` and directly by tests.
 */
export async function auditAccounts(
  accounts: readonly string[],
): Promise<{ entries: number; differences: BalanceDifference[] }> {
  const _ = db().command
  const unique = [...new Set(accounts)]
  let entries = 0
  const differences: BalanceDifference[] = []
  for (let i = 0; i < unique.length; i += 50) {
    const chunk = unique.slice(i, i + 50)
    const [list, cached] = await Promise.all([
      all<EntryRecord>(ENTRIES, { account: _.in(chunk) }),
      all<AccountRecord>(ACCOUNTS, { _id: _.in(chunk) }),
    ])
    entries += list.length
    differences.push(...auditDifferences(list, new Map(cached.map((a) => [a._id, a.balance]))))
  }
  return { entries, differences }
}

/** points.audit: every account touched by the community's transfers, recomputed. */
export async function audit(actor: Actor, communityId: string): Promise<AuditReport> {
  const community = await getDoc<{ streetId: string }>('communities', communityId)
  if (!community) throw new DomainError(CommonErrorCodes.NOT_FOUND, '社区不存在')
  if (!adminOf(actor, communityId, community.streetId))
    throw new DomainError(CommonErrorCodes.FORBIDDEN, '只能核对本辖区的积分')
  const touched = await all<TransferRecord>(TRANSFERS, { communityId })
  const accounts = [...new Set(touched.flatMap((t) => [t.from, t.to]))]
  const { entries, differences } = await auditAccounts(accounts)
  return { accounts: accounts.length, entries, differences }
}

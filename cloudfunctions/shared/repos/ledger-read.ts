/**
 * Reading the points ledger: my balance and entries (points.mine), an account's latest movements
 * (the fund's page), and a community's transfers with names, access-logged (points.transfers).
 */
import type { CommunityTransfers, MyPoints, TransferLine, TransferView } from '../../../src/core/points/api'
import { CauseLabel } from '../../../src/core/points/ledger'
import {
  AccountLabel,
  Causes,
  parseAccount,
  personAccount,
  type EntryRecord,
  type TransferRecord,
} from '../../../src/core/points/model'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { Actor } from '../../../src/core/roles'
import { db } from '../sdk'
import { logAccess } from './access-log'
import { getDoc, userNames } from './docs'
import { afterTimeCursor } from './paging'
import { adminOf, cursorAfter, ENTRIES, PAGE, TRANSFERS } from './ledger-base'
import { balanceOf } from './ledger-transfer'

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

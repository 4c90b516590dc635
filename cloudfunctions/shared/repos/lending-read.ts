/**
 * The lending store's reads: the community's items, one item as the caller sees it (with whether
 * they may reserve it now), and my holds and loans. Reads of others' names at the desk are logged.
 */
import { CommonErrorCodes, DomainError, isDomainError } from '../../../src/core/errors'
import type { ItemDetail, ItemPage, MyLending } from '../../../src/core/lending/api'
import { LendingErrors } from '../../../src/core/lending/errors'
import {
  ActiveHold,
  type HoldRecord,
  type ItemRecord,
  type LoanRecord,
} from '../../../src/core/lending/model'
import {
  blockCutoff,
  checkReserve,
  communityFor,
  isLendingStaff,
  parseItemCode,
  positionOf,
  seesItem,
} from '../../../src/core/lending/rules'
import { personAccount } from '../../../src/core/points/model'
import { isResidentOf } from '../../../src/core/access'
import type { Actor } from '../../../src/core/roles'
import type { CallContext } from '../kit'
import { db } from '../sdk'
import { logAccess } from './access-log'
import { firstDoc, getDoc } from './docs'
import { balanceOf } from './ledger'
import { pageAfter } from './paging'
import {
  cardOf,
  detailOf,
  HOLDS,
  holdLineOf,
  ITEMS,
  loanViewOf,
  LOANS,
  openLoanOf,
  PAGE,
  queueOf,
} from './lending-base'

/** lending.items: the community's items, newest first (index `community_created`), with queue lengths. */
export async function listItems(actor: Actor, asked: string | undefined, cursor?: string): Promise<ItemPage> {
  const communityId = communityFor(actor, asked)
  const _ = db().command
  const staff = isLendingStaff(actor, communityId)
  const shown = staff ? {} : { status: _.neq('retired') }
  const { rows: page, cursor: next } = await pageAfter<ItemRecord>(
    ITEMS,
    { communityId, ...shown },
    { field: 'createdAt', dir: 'desc' },
    cursor,
    PAGE,
  )
  const counts = await Promise.all(
    page.map(
      async (i) =>
        (
          await db()
            .collection(HOLDS)
            .where({ itemId: i._id, status: _.in([...ActiveHold]) })
            .count()
        ).total,
    ),
  )
  return {
    communityId,
    staff,
    items: page.map((i, n) => cardOf(i, counts[n] ?? 0)),
    cursor: next,
  }
}

/** The caller's active holds and open loans (any item) and their balance: what a reservation checks. */
export async function reserveFacts(userId: string) {
  const _ = db().command
  const [holds, loans, balance] = await Promise.all([
    db()
      .collection(HOLDS)
      .where({ holderId: userId, status: _.in([...ActiveHold]) })
      .limit(50)
      .get(),
    db().collection(LOANS).where({ borrowerId: userId, status: 'out' }).limit(50).get(),
    balanceOf(personAccount(userId)),
  ])
  return { myHolds: holds.data as HoldRecord[], myLoans: loans.data as LoanRecord[], balance }
}

async function reserveBlock(actor: Actor, item: ItemRecord, now: Date): Promise<string | null> {
  if (!isResidentOf(actor, { communityId: item.communityId })) return '只有本社区居民可以预约'
  try {
    checkReserve(actor, { item, ...(await reserveFacts(actor.userId)) }, now)
    return null
  } catch (err) {
    if (isDomainError(err)) return err.message
    throw err
  }
}

/** The detail of an item as the caller sees it; reads of others' names at the desk are logged. */
export async function detailFor(
  ctx: CallContext,
  item: ItemRecord,
  now: Date,
  action: string,
): Promise<ItemDetail> {
  if (!seesItem(ctx.actor, item)) throw new DomainError(CommonErrorCodes.NOT_FOUND, '物品不存在')
  const [queue, openLoan, block] = await Promise.all([
    queueOf(item._id),
    openLoanOf(item._id),
    reserveBlock(ctx.actor, item, now),
  ])
  const detail = detailOf(ctx.actor, item, { queue, openLoan, reserveBlock: block }, now)
  const people = [
    ...(detail.desk?.readyHold ? queue.filter((h) => h.status === 'ready').map((h) => h.holderId) : []),
    ...(detail.desk?.openLoan && openLoan ? [openLoan.borrowerId] : []),
  ].filter((p) => p !== ctx.actor.userId)
  if (people.length > 0)
    await logAccess({
      actorId: ctx.actor.userId,
      action,
      subject: item._id,
      people,
      allowed: true,
      requestId: ctx.requestId,
      at: now,
    })
  return detail
}

/** lending.item: by id, by the label's code (scanned or typed), or by one of my holds (a message). */
export async function getItem(
  ctx: CallContext,
  input: { itemId?: string; code?: string; holdId?: string },
  now: Date,
): Promise<ItemDetail> {
  let item: ItemRecord | null = null
  if (input.itemId) item = await getDoc<ItemRecord>(ITEMS, input.itemId)
  else if (input.code) {
    const code = parseItemCode(input.code)
    if (!code) throw new DomainError(LendingErrors.UNKNOWN_CODE, '没有找到这个物品码')
    item = firstDoc<ItemRecord>((await db().collection(ITEMS).where({ code }).limit(1).get()).data)
    if (!item) throw new DomainError(LendingErrors.UNKNOWN_CODE, '没有找到这个物品码')
  } else if (input.holdId) {
    const h = await getDoc<HoldRecord>(HOLDS, input.holdId)
    if (h && (h.holderId === ctx.actor.userId || isLendingStaff(ctx.actor, h.communityId)))
      item = await getDoc<ItemRecord>(ITEMS, h.itemId)
  }
  if (!item) throw new DomainError(CommonErrorCodes.NOT_FOUND, '物品不存在')
  return detailFor(ctx, item, now, 'lending.item')
}

/** lending.mine: my queued holds (with places) and my loans, newest pickup first (index `borrower_picked`). */
export async function mine(ctx: CallContext, cursor: string | undefined, now: Date): Promise<MyLending> {
  const _ = db().command
  const userId = ctx.actor.userId
  const [holds, loans, blocked] = await Promise.all([
    db()
      .collection(HOLDS)
      .where({ holderId: userId, status: _.in([...ActiveHold]) })
      .limit(20)
      .get(),
    pageAfter<LoanRecord>(LOANS, { borrowerId: userId }, { field: 'pickedAt', dir: 'desc' }, cursor, PAGE),
    db()
      .collection(LOANS)
      .where({ borrowerId: userId, status: 'out', dueAt: _.lte(blockCutoff(now)) })
      .count(),
  ])
  const myHolds = holds.data as HoldRecord[]
  const queues = await Promise.all(myHolds.map((h) => queueOf(h.itemId)))
  const waiting = await Promise.all(
    loans.rows.map(async (l) => (l.status === 'out' ? (await queueOf(l.itemId)).length : 0)),
  )
  return {
    holds: myHolds.map((h, i) => holdLineOf(h, positionOf(queues[i] ?? [], h._id))),
    loans: loans.rows.map((l, i) => loanViewOf(ctx.actor, l, { keeperId: null }, waiting[i] ?? 0, now)),
    cursor: loans.cursor,
    blocked: blocked.total > 0,
  }
}

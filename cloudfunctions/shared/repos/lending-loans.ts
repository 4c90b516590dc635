/**
 * A loan's life until it ends: its pickup at the desk (staff, or the item's keeper, after scanning
 * or typing the item's code), its renewal by the borrower, and reading it.
 *
 * Pickup is ONE transaction: the ready hold collected, the loan created (unique per hold, so a
 * retried pickup lends once), the item lent, and the pledge (if any) moved from the borrower to
 * the community's escrow `pledge:<communityId>` (cause `pledge:<loanId>`).
 */
import { CommonErrorCodes, DomainError, isDomainError } from '../../../src/core/errors'
import type { LoanView } from '../../../src/core/lending/api'
import { pickup, renew } from '../../../src/core/lending/decide'
import { LendingErrors } from '../../../src/core/lending/errors'
import type { HoldRecord, LoanRecord } from '../../../src/core/lending/model'
import { checkTicked, holdParties, loanParties, mayDesk } from '../../../src/core/lending/rules'
import type { Write } from '../../../src/core/plan'
import { Causes, personAccount, pledgeAccount } from '../../../src/core/points/model'
import type { TransferRequest } from '../../../src/core/points/ledger'
import { PointsErrors } from '../../../src/core/points/errors'
import { isDuplicateKey, newId } from '../ids'
import type { CallContext } from '../kit'
import { decideAndRun } from '../runner'
import { db } from '../sdk'
import { firstDoc, getDoc } from './docs'
import {
  HOLDS,
  ITEMS,
  LOANS,
  loadItem,
  loadLoan,
  loanFields,
  loanViewOf,
  logNames,
  queueOf,
} from './lending-base'

/** lending.pickup: the ready hold's holder takes the item; due date set now; pledge held. */
export async function pickupItem(
  ctx: CallContext,
  input: { itemId: string; holdId: string; accessories: readonly string[]; requestId: string },
  now: Date,
): Promise<LoanView> {
  const existing = async () =>
    firstDoc<LoanRecord>((await db().collection(LOANS).where({ holdId: input.holdId }).limit(1).get()).data)
  const earlier = await existing()
  if (earlier) {
    // A retried pickup answers the loan it made; another hold's pickup is refused.
    if (earlier.itemId !== input.itemId) throw new DomainError(LendingErrors.NOT_READY, '这不是该物品的预约')
    const item = await loadItem(earlier.itemId)
    if (!mayDesk(ctx.actor, item)) throw new DomainError(CommonErrorCodes.NOT_FOUND, '物品不存在')
    return loanViewOf(ctx.actor, earlier, item, 0, now)
  }
  const loanId = newId('ll')
  let loan: LoanRecord
  try {
    loan = await decideAndRun(
      async () => {
        const [item, hold] = await Promise.all([
          loadItem(input.itemId),
          getDoc<HoldRecord>(HOLDS, input.holdId),
        ])
        return { item, hold }
      },
      ({ item, hold }) => {
        if (!mayDesk(ctx.actor, item)) throw new DomainError(CommonErrorCodes.NOT_FOUND, '物品不存在')
        if (!hold) throw new DomainError(LendingErrors.NOT_READY, '这不是该物品的预约')
        const ticked = checkTicked(item, input.accessories)
        const out = pickup(
          item,
          hold,
          holdParties(ctx.actor, hold, item),
          ticked,
          ctx.actor.userId,
          loanId,
          now,
        )
        const transfers: TransferRequest[] =
          out.loan.pledge === 'held'
            ? [
                {
                  cause: Causes.pledge(loanId),
                  from: personAccount(out.loan.borrowerId),
                  to: pledgeAccount(item.communityId),
                  amount: out.loan.pledgePoints,
                  reason: `借用押分：${item.name}`,
                  communityId: item.communityId,
                  by: ctx.actor.userId,
                },
              ]
            : []
        const writes: Write[] = [
          { op: 'create', collection: LOANS, id: loanId, doc: loanFields(out.loan) },
          {
            op: 'update',
            collection: HOLDS,
            id: hold._id,
            if: { version: hold.version, status: 'ready' },
            set: {
              status: out.hold.status,
              loanId,
              version: out.hold.version,
              updatedAt: now,
              events: out.hold.events,
            },
          },
          {
            op: 'update',
            collection: ITEMS,
            id: item._id,
            if: { version: item.version, status: 'available' },
            set: {
              status: out.item.status,
              version: out.item.version,
              updatedAt: now,
              events: out.item.events,
            },
          },
        ]
        return { plan: { writes, transfers }, result: out.loan }
      },
      now,
    )
  } catch (err) {
    if (isDomainError(err) && err.code === PointsErrors.INSUFFICIENT)
      throw new DomainError(LendingErrors.PLEDGE_SHORT, '借用人积分不足，不够这件物品的押分')
    const twin = isDuplicateKey(err) ? await existing() : null
    if (!twin) throw err
    loan = twin
  }
  const item = await loadItem(loan.itemId)
  await logNames(ctx, 'lending.loan', loan._id, [loan.borrowerId], now)
  return loanViewOf(ctx.actor, loan, item, 0, now)
}

/** lending.renew: the borrower, with nobody waiting, up to the limit. */
export async function renewLoan(ctx: CallContext, loanId: string, now: Date): Promise<LoanView> {
  const out = await decideAndRun(
    async () => {
      const loan = await loadLoan(loanId)
      const [item, queue] = await Promise.all([loadItem(loan.itemId), queueOf(loan.itemId)])
      return { loan, item, waiting: queue.length }
    },
    ({ loan, item, waiting }) => {
      if (loanParties(ctx.actor, loan, item).length === 0)
        throw new DomainError(CommonErrorCodes.NOT_FOUND, '借用记录不存在')
      const next = renew(loan, loanParties(ctx.actor, loan, item), waiting, item.periodDays, now)
      return {
        plan: {
          writes: [
            {
              op: 'update',
              collection: LOANS,
              id: loan._id,
              if: { version: loan.version, status: 'out' },
              set: {
                dueAt: next.dueAt,
                renewals: next.renewals,
                reminded: next.reminded,
                remindAt: next.remindAt,
                version: next.version,
                updatedAt: now,
                events: next.events,
              },
            },
          ],
        },
        result: { loan: next, item },
      }
    },
    now,
  )
  return loanViewOf(ctx.actor, out.loan, out.item, 0, now)
}

/** lending.loan: its borrower, or the desk of its item (the read of the borrower's name logged). */
export async function getLoan(ctx: CallContext, loanId: string, now: Date): Promise<LoanView> {
  const loan = await loadLoan(loanId)
  const item = await loadItem(loan.itemId)
  if (loan.borrowerId !== ctx.actor.userId && !mayDesk(ctx.actor, item))
    throw new DomainError(CommonErrorCodes.NOT_FOUND, '借用记录不存在')
  const waiting = loan.status === 'out' ? (await queueOf(loan.itemId)).length : 0
  await logNames(ctx, 'lending.loan', loan._id, [loan.borrowerId], now)
  return loanViewOf(ctx.actor, loan, item, waiting, now)
}

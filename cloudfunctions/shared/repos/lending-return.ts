/**
 * A loan's end: returned at the desk, or closed as lost by staff.
 *
 * Return is ONE transaction: the loan closed with what came back, the item back (or to maintenance
 * on damage), and the pledge released to the borrower (`unpledge:<loanId>`) or kept to the fund
 * (`forfeit:<loanId>`, staff, with a reason); the borrower (and on damage the staff) told through
 * the loan's outbox. Then the next hold in line may start.
 */
import { entryOf } from '../../../src/core/effects'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { LoanView } from '../../../src/core/lending/api'
import { loseLoan, returnLoan } from '../../../src/core/lending/decide'
import { returnEffects } from '../../../src/core/lending/effects'
import { LendingErrors } from '../../../src/core/lending/errors'
import { LIMITS, type ItemRecord, type LoanRecord } from '../../../src/core/lending/model'
import {
  checkPhotos,
  checkTicked,
  cleanText,
  isLendingStaff,
  loanParties,
  mayDesk,
} from '../../../src/core/lending/rules'
import type { Plan, Write } from '../../../src/core/plan'
import { Causes, fundAccount, personAccount, pledgeAccount } from '../../../src/core/points/model'
import type { TransferRequest } from '../../../src/core/points/ledger'
import type { CallContext } from '../kit'
import { decideAndRun } from '../runner'
import { getDoc } from './docs'
import { ITEMS, LOANS, loadItem, loadLoan, loanFields, loanViewOf, logNames } from './lending-base'
import { startNext } from './lending-holds'

/** The pledge kept (staff, with the reason): from the community's escrow to its fund. */
const forfeitOf = (loan: LoanRecord, communityId: string, reason: string, by: string): TransferRequest => ({
  cause: Causes.forfeit(loan._id),
  from: pledgeAccount(communityId),
  to: fundAccount(communityId),
  amount: loan.pledgePoints,
  reason: `押分扣留：${reason}`,
  communityId,
  by,
})

/**
 * A loan ending (returned or lost): the loan, on the condition that it is still out at the version
 * decided on, and its item on its version (its status, events and whatever else changed).
 */
function closeWrites(
  loan: LoanRecord,
  item: ItemRecord,
  out: { readonly loan: LoanRecord; readonly item: ItemRecord },
  now: Date,
  more: Readonly<Record<string, unknown>> = {},
): Write[] {
  return [
    {
      op: 'update',
      collection: LOANS,
      id: loan._id,
      if: { version: loan.version, status: 'out' },
      set: loanFields(out.loan),
    },
    {
      op: 'update',
      collection: ITEMS,
      id: item._id,
      if: { version: item.version },
      set: {
        status: out.item.status,
        ...more,
        version: out.item.version,
        updatedAt: now,
        events: out.item.events,
      },
    },
  ]
}

/** lending.return: what came back, the condition and an optional photo; pledge released or kept. */
export async function returnItem(
  ctx: CallContext,
  input: {
    itemId: string
    loanId: string
    accessories: readonly string[]
    condition: ItemRecord['condition']
    note?: string
    photos: readonly string[]
    keepReason?: string
    requestId: string
  },
  now: Date,
  check: (text: string) => Promise<void>,
): Promise<LoanView> {
  const note = cleanText(input.note, LIMITS.note, false, '说明') || null
  const keepReason = cleanText(input.keepReason, LIMITS.reason, false, '扣留原因') || null
  const [photo] = checkPhotos(input.photos, ctx.actor.userId, input.requestId, LIMITS.returnPhotos)
  const first = await getDoc<LoanRecord>(LOANS, input.loanId)
  const item0 = await loadItem(input.itemId)
  if (!mayDesk(ctx.actor, item0))
    throw new DomainError(CommonErrorCodes.FORBIDDEN, '归还请交给百宝屋工作人员或保管人登记')
  if (first && first.status !== 'out' && first.returnRequestId === input.requestId)
    return loanViewOf(ctx.actor, first, item0, 0, now)
  if (!first || first.itemId !== input.itemId || first.status !== 'out')
    throw new DomainError(LendingErrors.NOT_ON_LOAN, '这件物品不在该借用人名下借用中')
  if (note || keepReason) await check([note, keepReason].filter(Boolean).join('\n'))
  type Returned = { loan: LoanRecord; item: ItemRecord; damaged: boolean }
  const answer = await decideAndRun<{ item: ItemRecord; loan: LoanRecord }, Returned>(
    async () => {
      const [item, loan] = await Promise.all([loadItem(input.itemId), loadLoan(input.loanId)])
      return { item, loan }
    },
    ({ item, loan }) => {
      if (loan.status !== 'out' && loan.returnRequestId === input.requestId)
        return { done: { loan, item, damaged: false } }
      const ticked = checkTicked(item, input.accessories)
      const out = returnLoan(
        item,
        loan,
        loanParties(ctx.actor, loan, item),
        {
          ticked,
          condition: input.condition,
          note,
          photo: photo ?? null,
          keepReason,
          requestId: input.requestId,
        },
        ctx.actor.userId,
        now,
      )
      const transfers: TransferRequest[] =
        loan.pledge === 'held'
          ? [
              out.loan.pledge === 'kept'
                ? forfeitOf(loan, item.communityId, keepReason ?? '', ctx.actor.userId)
                : {
                    cause: Causes.unpledge(loan._id),
                    from: pledgeAccount(item.communityId),
                    to: personAccount(loan.borrowerId),
                    amount: loan.pledgePoints,
                    reason: `押分退回：${item.name}`,
                    communityId: item.communityId,
                    by: ctx.actor.userId,
                  },
            ]
          : []
      const entry = entryOf(
        `v${out.loan.version}`,
        now,
        returnEffects(out.loan, out.damaged, item.keeperId, ctx.actor.userId, now),
      )
      const plan: Plan = {
        writes: closeWrites(loan, item, out, now, { condition: out.item.condition }),
        transfers,
        ...(entry ? { outbox: { on: { collection: LOANS, id: loan._id }, entry } } : {}),
      }
      return { plan, result: { loan: out.loan, item: out.item, damaged: out.damaged } }
    },
    now,
  )
  await startNext(input.itemId, now)
  await logNames(ctx, 'lending.loan', answer.loan._id, [answer.loan.borrowerId], now)
  return loanViewOf(ctx.actor, answer.loan, answer.item, 0, now)
}

/** lending.lose: staff close a loan that will not come back (pledge kept with the reason; item retired). */
export async function lose(
  ctx: CallContext,
  input: { loanId: string; reason: string },
  now: Date,
): Promise<LoanView> {
  const reason = cleanText(input.reason, LIMITS.reason, true, '原因')
  const answer = await decideAndRun(
    async () => {
      const loan = await loadLoan(input.loanId)
      return { loan, item: await loadItem(loan.itemId) }
    },
    ({ loan, item }) => {
      if (!isLendingStaff(ctx.actor, loan.communityId))
        throw new DomainError(CommonErrorCodes.NOT_FOUND, '借用记录不存在')
      const out = loseLoan(item, loan, loanParties(ctx.actor, loan, item), reason, ctx.actor.userId, now)
      const entry = entryOf(
        `v${out.loan.version}`,
        now,
        returnEffects(out.loan, false, null, ctx.actor.userId, now),
      )
      return {
        plan: {
          writes: closeWrites(loan, item, out, now),
          transfers:
            loan.pledge === 'held' ? [forfeitOf(loan, loan.communityId, reason, ctx.actor.userId)] : [],
          ...(entry ? { outbox: { on: { collection: LOANS, id: loan._id }, entry } } : {}),
        },
        result: out,
      }
    },
    now,
  )
  return loanViewOf(ctx.actor, answer.loan, answer.item, 0, now)
}

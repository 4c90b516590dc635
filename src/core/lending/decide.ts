/**
 * Lending's deciders: each takes what was loaded, who moves and the input, and returns the next
 * documents (or throws exactly why not). Moves go through the machines (./machine.ts); the store
 * turns the answer into a plan (writes on versions, ledger transfers, one outbox entry).
 */
import { CommonErrorCodes, DomainError, type ErrorCode } from '../errors'
import { NoMove, type Step } from '../machine'
import { LendingErrors } from './errors'
import {
  donationMachine,
  holdMachine,
  itemMachine,
  loanMachine,
  type DonationMove,
  type DonationParty,
  type HoldMove,
  type HoldParty,
  type ItemMove,
  type ItemParty,
  type LoanMove,
  type LoanParty,
} from './machine'
import type { Condition, DonationRecord, HoldRecord, ItemRecord, LendingEvent, LoanRecord } from './model'
import { ERASED_NAME } from '../me/erase'
import { dueFrom, firstRemindAt, pickupUntil, renewedDue } from './rules'

/** A loan closed after its borrower erased their data loses the name now (see lending-privacy.ts). */
const erasedOnClose = (loan: LoanRecord) =>
  loan.erasePending ? { borrowerName: ERASED_NAME, erased: true, erasePending: false } : {}

const badState = () => new DomainError(LendingErrors.BAD_STATE, '状态已变化，请刷新后再操作')

/** A machine's refusal as the caller reads it. */
function refused(step: Step<string, string>): never {
  if (step.ok) throw new Error('not a refusal')
  if (step.code === NoMove) throw badState()
  if (step.code.startsWith('MACHINE.')) throw new DomainError(CommonErrorCodes.FORBIDDEN, '您无权进行此操作')
  throw new DomainError(
    step.code as ErrorCode,
    step.code === LendingErrors.RENEW_WAITING ? '有邻居在排队，不能续借' : '续借次数已用完',
  )
}

const ev = (at: Date, move: string, by: string, note?: string | null): LendingEvent => ({
  at,
  move,
  by,
  ...(note ? { note } : {}),
})

/** A hold joins the end of the item's queue (it starts by `startHold` when its turn comes). */
export function newHold(
  item: ItemRecord,
  holder: { readonly userId: string; readonly name: string },
  id: string,
  requestId: string,
  now: Date,
): HoldRecord {
  return {
    _id: id,
    itemId: item._id,
    itemName: item.name,
    communityId: item.communityId,
    path: item.path,
    holderId: holder.userId,
    holderName: holder.name,
    status: 'waiting',
    createdAt: now,
    readyAt: null,
    readyUntil: null,
    loanId: null,
    requestId,
    updatedAt: now,
    version: 1,
    events: [ev(now, 'reserve', holder.userId)],
  }
}

/** One hold move (start, cancel, expire); `start` opens the pickup window of the item. */
export function moveHold(
  h: HoldRecord,
  move: Exclude<HoldMove, 'collect'>,
  parties: readonly HoldParty[] | 'system',
  byId: string,
  now: Date,
  item?: Pick<ItemRecord, 'pickupDays'>,
): HoldRecord {
  const step = holdMachine.next(h.status, move, parties === 'system' ? ['system'] : parties, undefined)
  if (!step.ok) refused(step)
  if (move === 'expire' && (!h.readyUntil || new Date(h.readyUntil).getTime() > now.getTime()))
    throw badState()
  const window = move === 'start' && item ? { readyAt: now, readyUntil: pickupUntil(item, now) } : {}
  return {
    ...h,
    ...window,
    status: step.to,
    updatedAt: now,
    version: h.version + 1,
    events: [...h.events, ev(now, move, byId)],
  }
}

export interface PickupAnswer {
  readonly hold: HoldRecord
  readonly loan: LoanRecord
  readonly item: ItemRecord
}

/**
 * Pickup at the desk: the ready hold is collected, the item lent, a loan made with its due date
 * (now + the lending period) and the accessories ticked; the pledge, if any, is held by the store.
 */
export function pickup(
  item: ItemRecord,
  hold: HoldRecord,
  parties: readonly HoldParty[],
  ticked: readonly string[],
  by: string,
  loanId: string,
  now: Date,
): PickupAnswer {
  if (hold.itemId !== item._id) throw new DomainError(LendingErrors.NOT_READY, '这不是该物品的预约')
  if (hold.status !== 'ready' || !hold.readyUntil || new Date(hold.readyUntil).getTime() <= now.getTime())
    throw new DomainError(LendingErrors.NOT_READY, '还没轮到这位居民取用，或取用时限已过')
  const step = holdMachine.next(hold.status, 'collect', parties, undefined)
  if (!step.ok) refused(step)
  const lent = itemMachine.next(item.status, 'lend', ['system'], undefined)
  if (!lent.ok) throw badState()
  const dueAt = dueFrom(item, now)
  const loan: LoanRecord = {
    _id: loanId,
    itemId: item._id,
    itemName: item.name,
    communityId: item.communityId,
    path: item.path,
    holdId: hold._id,
    borrowerId: hold.holderId,
    borrowerName: hold.holderName,
    status: 'out',
    pickedAt: now,
    pickedBy: by,
    dueAt,
    renewals: 0,
    accessoriesOut: [...ticked],
    accessoriesBack: null,
    conditionBack: null,
    returnNote: null,
    returnPhoto: null,
    returnedAt: null,
    returnedBy: null,
    returnRequestId: null,
    pledgePoints: item.pledgePoints,
    pledge: item.pledgePoints > 0 ? 'held' : 'none',
    pledgeReason: null,
    remindAt: firstRemindAt(dueAt, [], now),
    reminded: [],
    createdAt: now,
    updatedAt: now,
    version: 1,
    events: [ev(now, 'pickup', by)],
  }
  return {
    hold: {
      ...hold,
      status: step.to,
      loanId,
      updatedAt: now,
      version: hold.version + 1,
      events: [...hold.events, ev(now, 'collect', by)],
    },
    loan,
    item: {
      ...item,
      status: lent.to,
      updatedAt: now,
      version: item.version + 1,
      events: [...item.events, ev(now, 'lend', by)],
    },
  }
}

export interface ReturnInput {
  readonly ticked: readonly string[]
  readonly condition: Condition
  readonly note: string | null
  readonly photo: string | null
  /** Keep the pledge (staff only: the `forfeit` move), with this reason. */
  readonly keepReason: string | null
  readonly requestId: string
}

/** Damage: the condition says so, or an accessory that went out did not come back. */
export function isDamaged(
  loan: Pick<LoanRecord, 'accessoriesOut'>,
  ticked: readonly string[],
  condition: Condition,
): boolean {
  return condition === 'damaged' || loan.accessoriesOut.some((a) => !ticked.includes(a))
}

/**
 * Return at the desk: the loan closes with what came back; the pledge is released, or kept with a
 * reason (staff); a damaged item (or one missing an accessory) goes to maintenance, else it is
 * available again (and the queue moves on).
 */
export function returnLoan(
  item: ItemRecord,
  loan: LoanRecord,
  parties: readonly LoanParty[],
  input: ReturnInput,
  by: string,
  now: Date,
): { loan: LoanRecord; item: ItemRecord; damaged: boolean; move: LoanMove } {
  if (loan.itemId !== item._id || loan.status !== 'out')
    throw new DomainError(LendingErrors.NOT_ON_LOAN, '这件物品不在该借用人名下借用中')
  const move: LoanMove = input.keepReason ? 'forfeit' : 'return'
  const step = loanMachine.next(loan.status, move, parties, { waiting: 0, renewals: loan.renewals })
  if (!step.ok) refused(step)
  const damaged = isDamaged(loan, input.ticked, input.condition)
  const itemStep = itemMachine.next(item.status, damaged ? 'damage' : 'back', ['system'], undefined)
  if (!itemStep.ok) throw badState()
  // The row's effects say what becomes of a held pledge (machine.ts: return releases, forfeit keeps).
  const pledge =
    loan.pledge === 'held' ? (step.effects.includes('pledge_keep') ? 'kept' : 'released') : loan.pledge
  return {
    move,
    damaged,
    loan: {
      ...loan,
      status: step.to,
      accessoriesBack: [...input.ticked],
      conditionBack: input.condition,
      returnNote: input.note,
      returnPhoto: input.photo,
      returnedAt: now,
      returnedBy: by,
      returnRequestId: input.requestId,
      pledge,
      pledgeReason: move === 'forfeit' ? input.keepReason : null,
      ...erasedOnClose(loan),
      remindAt: null,
      updatedAt: now,
      version: loan.version + 1,
      events: [...loan.events, ev(now, move, by, input.keepReason ?? input.note)],
    },
    item: {
      ...item,
      status: itemStep.to,
      condition: input.condition,
      updatedAt: now,
      version: item.version + 1,
      events: [...item.events, ev(now, damaged ? 'damage' : 'back', by, input.note)],
    },
  }
}

/** Staff close a loan that will not come back: the pledge is kept with the reason, the item retired. */
export function loseLoan(
  item: ItemRecord,
  loan: LoanRecord,
  parties: readonly LoanParty[],
  reason: string,
  by: string,
  now: Date,
): { loan: LoanRecord; item: ItemRecord } {
  if (loan.itemId !== item._id) throw new DomainError(LendingErrors.NOT_ON_LOAN, '借用记录与物品不符')
  const step = loanMachine.next(loan.status, 'lose', parties, { waiting: 0, renewals: loan.renewals })
  if (!step.ok) refused(step)
  if (!reason) throw new DomainError(LendingErrors.REASON_REQUIRED, '请填写原因')
  return {
    loan: {
      ...loan,
      status: step.to,
      pledge: loan.pledge === 'held' && step.effects.includes('pledge_keep') ? 'kept' : loan.pledge,
      pledgeReason: reason,
      ...erasedOnClose(loan),
      remindAt: null,
      returnedAt: now,
      returnedBy: by,
      updatedAt: now,
      version: loan.version + 1,
      events: [...loan.events, ev(now, 'lose', by, reason)],
    },
    item: {
      ...item,
      status: 'retired',
      updatedAt: now,
      version: item.version + 1,
      events: [...item.events, ev(now, 'retire', by, reason)],
    },
  }
}

/** The borrower renews: only with nobody waiting and under the limit; one more lending period. */
export function renew(
  loan: LoanRecord,
  parties: readonly LoanParty[],
  waiting: number,
  periodDays: number,
  now: Date,
): LoanRecord {
  const step = loanMachine.next(loan.status, 'renew', parties, { waiting, renewals: loan.renewals })
  if (!step.ok) refused(step)
  const dueAt = renewedDue(loan, periodDays, now)
  return {
    ...loan,
    dueAt,
    renewals: loan.renewals + 1,
    reminded: [],
    remindAt: firstRemindAt(dueAt, [], now),
    updatedAt: now,
    version: loan.version + 1,
    events: [...loan.events, ev(now, 'renew', loan.borrowerId)],
  }
}

/** A staff move on an item (repair, service, retire, restore). */
export function moveItem(
  item: ItemRecord,
  move: ItemMove,
  parties: readonly ItemParty[],
  by: string,
  now: Date,
  note: string | null,
): ItemRecord {
  const step = itemMachine.next(item.status, move, parties, undefined)
  if (!step.ok) refused(step)
  return {
    ...item,
    status: step.to,
    ...(move === 'repair' ? { condition: 'good' as const } : {}),
    updatedAt: now,
    version: item.version + 1,
    events: [...item.events, ev(now, move, by, note)],
  }
}

/** A staff decision on a donation, or the donor's withdrawal. */
export function moveDonation(
  d: DonationRecord,
  move: DonationMove,
  parties: readonly DonationParty[],
  by: string,
  now: Date,
  extra: { readonly reason?: string | null; readonly itemId?: string | null; readonly points?: number } = {},
): DonationRecord {
  const step = donationMachine.next(d.status, move, parties, undefined)
  if (!step.ok) refused(step)
  if (move === 'decline' && !extra.reason) throw new DomainError(LendingErrors.REASON_REQUIRED, '请填写原因')
  return {
    ...d,
    status: step.to,
    reason: extra.reason ?? null,
    itemId: extra.itemId ?? d.itemId,
    points: extra.points ?? d.points,
    decidedBy: move === 'withdraw' ? d.decidedBy : by,
    decidedAt: move === 'withdraw' ? d.decidedAt : now,
    updatedAt: now,
    version: d.version + 1,
  }
}

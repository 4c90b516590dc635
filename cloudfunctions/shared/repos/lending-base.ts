/** What the lending store's parts share: the collections, loading, and the views (src/core/lending). */
import { isoOrNull } from '../../../src/core/china-time'
import type {
  DonationView,
  HoldLine,
  ItemCard,
  ItemDetail,
  LoanView,
  MyHoldView,
} from '../../../src/core/lending/api'
import {
  holdMachine,
  itemMachine,
  loanMachine,
  StaffItemMoves,
  type HoldParty,
  type LoanParty,
} from '../../../src/core/lending/machine'
import {
  ActiveHold,
  ConditionLabel,
  DonationStatusLabel,
  HoldStatusLabel,
  ItemStatusLabel,
  LENDING_COLLECTIONS,
  LoanStatusLabel,
  type DonationRecord,
  type HoldRecord,
  type ItemRecord,
  type LoanRecord,
} from '../../../src/core/lending/model'
import {
  holdParties,
  isLendingStaff,
  loanParties,
  mayDesk,
  positionOf,
  queueOrder,
} from '../../../src/core/lending/rules'
import type { Actor } from '../../../src/core/roles'
import type { CallContext } from '../kit'
import { db } from '../sdk'
import { logAccess } from './access-log'
import { getOrNotFound } from './docs'

export const ITEMS = LENDING_COLLECTIONS.items
export const HOLDS = LENDING_COLLECTIONS.holds
export const LOANS = LENDING_COLLECTIONS.loans
export const DONATIONS = LENDING_COLLECTIONS.donations
export const PAGE = 20

const iso = (d: Date | string): string => new Date(d).toISOString()

export const nameOf = (ctx: CallContext): string => ctx.user.realName ?? ctx.user.displayName

/** A read of other people's names (the borrower, the holders) logged; my own name is not. */
export async function logNames(
  ctx: CallContext,
  action: string,
  subject: string,
  people: readonly string[],
  now: Date,
) {
  const others = people.filter((p) => p !== ctx.actor.userId)
  if (others.length === 0) return
  await logAccess({
    actorId: ctx.actor.userId,
    action,
    subject,
    people: others,
    allowed: true,
    requestId: ctx.requestId,
    at: now,
  })
}

/** A loan's fields as stored (its id and outbox are the runner's). */
export const loanFields = (l: LoanRecord) => {
  const { _id, outbox: _o, outboxAt: _a, ...rest } = l
  return rest
}

export const loadItem = (itemId: string) => getOrNotFound<ItemRecord>(ITEMS, itemId, '物品')
export const loadHold = (holdId: string) => getOrNotFound<HoldRecord>(HOLDS, holdId, '预约')
export const loadLoan = (loanId: string) => getOrNotFound<LoanRecord>(LOANS, loanId, '借用记录')
export const loadDonation = (donationId: string) =>
  getOrNotFound<DonationRecord>(DONATIONS, donationId, '捐赠记录')

/** The item's queue: its active holds, in queue order (index `item_status`). */
export async function queueOf(itemId: string): Promise<HoldRecord[]> {
  const _ = db().command
  const res = await db()
    .collection(HOLDS)
    .where({ itemId, status: _.in([...ActiveHold]) })
    .orderBy('createdAt', 'asc')
    .orderBy('_id', 'asc')
    .limit(200)
    .get()
  return queueOrder(res.data as HoldRecord[])
}

/** The item's loan out, if any (index `item_status`). */
export async function openLoanOf(itemId: string): Promise<LoanRecord | null> {
  const res = await db().collection(LOANS).where({ itemId, status: 'out' }).limit(1).get()
  return (res.data as LoanRecord[])[0] ?? null
}

export function cardOf(item: ItemRecord, queue: number): ItemCard {
  return {
    id: item._id,
    name: item.name,
    photo: item.photo,
    status: item.status,
    statusLabel: ItemStatusLabel[item.status],
    queue,
    location: item.location,
    pledgePoints: item.pledgePoints,
    periodDays: item.periodDays,
  }
}

export function loanViewOf(
  actor: Actor,
  l: LoanRecord,
  item: Pick<ItemRecord, 'keeperId'>,
  waiting: number,
  now: Date,
): LoanView {
  const parties: LoanParty[] = loanParties(actor, l, item)
  return {
    loanId: l._id,
    itemId: l.itemId,
    itemName: l.itemName,
    status: l.status,
    statusLabel: LoanStatusLabel[l.status],
    borrowerName: l.borrowerName,
    pickedAt: iso(l.pickedAt),
    dueAt: iso(l.dueAt),
    overdue: l.status === 'out' && new Date(l.dueAt).getTime() < now.getTime(),
    renewals: l.renewals,
    accessoriesOut: l.accessoriesOut,
    accessoriesBack: l.accessoriesBack,
    conditionBack: l.conditionBack,
    returnNote: l.returnNote,
    returnPhoto: l.returnPhoto,
    returnedAt: isoOrNull(l.returnedAt),
    pledgePoints: l.pledgePoints,
    pledge: l.pledge,
    pledgeReason: l.pledgeReason,
    moves: loanMachine.movesFor(
      l.status,
      parties.filter((p) => p !== 'system'),
      { waiting, renewals: l.renewals },
    ),
  }
}

export function myHoldOf(
  h: HoldRecord,
  queue: readonly HoldRecord[],
  parties: readonly HoldParty[],
): MyHoldView {
  return {
    holdId: h._id,
    status: h.status,
    statusLabel: HoldStatusLabel[h.status],
    position: positionOf(queue, h._id),
    readyUntil: isoOrNull(h.readyUntil),
    moves: holdMachine.movesFor(
      h.status,
      parties.filter((p) => p !== 'system'),
      undefined,
    ),
  }
}

export function holdLineOf(h: HoldRecord, position: number | null): HoldLine {
  return {
    holdId: h._id,
    itemId: h.itemId,
    itemName: h.itemName,
    status: h.status,
    statusLabel: HoldStatusLabel[h.status],
    position,
    readyUntil: isoOrNull(h.readyUntil),
    createdAt: iso(h.createdAt),
  }
}

export interface DetailFacts {
  readonly queue: readonly HoldRecord[]
  readonly openLoan: LoanRecord | null
  /** Why the caller may not reserve now (a domain error's message), or null. */
  readonly reserveBlock: string | null
}

export function detailOf(actor: Actor, item: ItemRecord, f: DetailFacts, now: Date): ItemDetail {
  const mine = f.queue.find((h) => h.holderId === actor.userId) ?? null
  const myLoan = f.openLoan && f.openLoan.borrowerId === actor.userId ? f.openLoan : null
  const desk = mayDesk(actor, item)
  const staff = isLendingStaff(actor, item.communityId)
  const waiting = f.queue.length
  const ready = f.queue.find((h) => h.status === 'ready') ?? null
  return {
    ...cardOf(item, f.queue.length),
    communityId: item.communityId,
    accessories: item.accessories,
    condition: item.condition,
    conditionLabel: ConditionLabel[item.condition],
    pickupDays: item.pickupDays,
    keeperName: item.keeperName,
    myHold: mine ? myHoldOf(mine, f.queue, holdParties(actor, mine, item)) : null,
    myLoan: myLoan ? loanViewOf(actor, myLoan, item, waiting, now) : null,
    canReserve: f.reserveBlock === null && !mine && !myLoan && item.status !== 'retired',
    reserveBlock: f.reserveBlock,
    desk: desk
      ? {
          readyHold: ready
            ? { holdId: ready._id, holderName: ready.holderName, readyUntil: iso(ready.readyUntil ?? now) }
            : null,
          openLoan: f.openLoan ? loanViewOf(actor, f.openLoan, item, waiting, now) : null,
          itemMoves: staff
            ? StaffItemMoves.filter((m) =>
                itemMachine.movesFor(item.status, ['staff'], undefined).includes(m),
              )
            : [],
          code: item.code,
          keeperId: item.keeperId,
        }
      : null,
  }
}

export function donationViewOf(actor: Actor, d: DonationRecord): DonationView {
  const staff = isLendingStaff(actor, d.communityId)
  return {
    donationId: d._id,
    text: d.text,
    photos: d.photos,
    status: d.status,
    statusLabel: DonationStatusLabel[d.status],
    donorName: d.donorName,
    reason: d.reason,
    itemId: d.itemId,
    points: d.points,
    createdAt: iso(d.createdAt),
    mine: d.donorId === actor.userId,
    canDecide: staff && d.status === 'offered',
  }
}

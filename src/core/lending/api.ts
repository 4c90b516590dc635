/**
 * The lending contract (百宝屋): a community's inventory, holds queued on its items, loans made at
 * the desk, staff lists, and donations. Text limits are core's (LENDING.TEXT_TOO_LONG, nothing
 * stored); the schemas only bound what a request may carry.
 */
import * as v from 'valibot'
import { defineAction } from '../contract/define'
import { clientRequestId } from '../join/api'
import { StaffItemMoves, type HoldMove, type LoanMove, type StaffItemMove } from './machine'
import {
  Conditions,
  type Condition,
  type DonationStatus,
  type HoldStatus,
  type ItemStatus,
  type LoanStatus,
  type PledgeState,
} from './model'

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128))
const text = v.pipe(v.string(), v.maxLength(2000))
const cursor = v.optional(v.pipe(v.string(), v.maxLength(200)))
const photos = v.pipe(v.array(v.pipe(v.string(), v.maxLength(300))), v.maxLength(20))

export interface ItemCard {
  readonly id: string
  readonly name: string
  readonly photo: string | null
  readonly status: ItemStatus
  readonly statusLabel: string
  /** Holds in the queue (waiting or ready). */
  readonly queue: number
  readonly location: string
  readonly pledgePoints: number
  readonly periodDays: number
}

export interface ItemPage {
  readonly communityId: string
  readonly items: readonly ItemCard[]
  readonly cursor: string | null
  /** The caller runs this 百宝屋 (staff pages shown). */
  readonly staff: boolean
}

export interface MyHoldView {
  readonly holdId: string
  readonly status: HoldStatus
  readonly statusLabel: string
  /** 1-based place in the queue, null when no longer queued. */
  readonly position: number | null
  readonly readyUntil: string | null
  readonly moves: readonly HoldMove[]
}

export interface LoanView {
  readonly loanId: string
  readonly itemId: string
  readonly itemName: string
  readonly status: LoanStatus
  readonly statusLabel: string
  /** Shown to the borrower themself and to the desk (staff, keeper) only. */
  readonly borrowerName: string
  readonly pickedAt: string
  readonly dueAt: string
  readonly overdue: boolean
  readonly renewals: number
  readonly accessoriesOut: readonly string[]
  readonly accessoriesBack: readonly string[] | null
  readonly conditionBack: Condition | null
  readonly returnNote: string | null
  readonly returnPhoto: string | null
  readonly returnedAt: string | null
  readonly pledgePoints: number
  readonly pledge: PledgeState
  readonly pledgeReason: string | null
  /** What the caller may do now (renew for the borrower; return, forfeit, lose at the desk). */
  readonly moves: readonly LoanMove[]
}

export interface DeskView {
  /** The hold whose pickup window runs (first in line), with the holder's name. */
  readonly readyHold: {
    readonly holdId: string
    readonly holderName: string
    readonly readyUntil: string
  } | null
  readonly openLoan: LoanView | null
  /** Staff moves on the item (repair, service, retire, restore). */
  readonly itemMoves: readonly StaffItemMove[]
  /** The label's code (what the QR carries; typed at the desk when there is no scanner). */
  readonly code: string
  readonly keeperId: string | null
}

export interface ItemDetail extends ItemCard {
  readonly communityId: string
  readonly accessories: readonly string[]
  readonly condition: Condition
  readonly conditionLabel: string
  readonly pickupDays: number
  readonly keeperName: string | null
  readonly myHold: MyHoldView | null
  readonly myLoan: LoanView | null
  /** May the caller reserve now (the button); the reason when not. */
  readonly canReserve: boolean
  readonly reserveBlock: string | null
  /** Staff and the keeper: who is to pick it up, who has it, and the item's moves. */
  readonly desk: DeskView | null
}

export interface HoldLine {
  readonly holdId: string
  readonly itemId: string
  readonly itemName: string
  readonly status: HoldStatus
  readonly statusLabel: string
  readonly position: number | null
  readonly readyUntil: string | null
  readonly createdAt: string
}

export interface MyLending {
  readonly holds: readonly HoldLine[]
  readonly loans: readonly LoanView[]
  readonly cursor: string | null
  /** True when a loan 7+ days overdue blocks reserving. */
  readonly blocked: boolean
}

export const DeskViews = ['pickups', 'due', 'overdue', 'maintenance'] as const
export type DeskViewKey = (typeof DeskViews)[number]

export interface DeskLine {
  readonly id: string
  readonly itemId: string
  readonly itemName: string
  /** The holder's or borrower's name (staff only); empty for an item under maintenance. */
  readonly who: string
  /** Pickup window end, due date, or when it went to maintenance. */
  readonly at: string
}

export interface DeskPage {
  readonly lines: readonly DeskLine[]
  readonly cursor: string | null
}

export interface LabelView {
  readonly itemId: string
  readonly name: string
  readonly code: string
  readonly scene: string
  readonly imageUrl: string | null
  readonly location: string
}

export interface DonationView {
  readonly donationId: string
  readonly text: string
  readonly photos: readonly string[]
  readonly status: DonationStatus
  readonly statusLabel: string
  /** Staff see the donor's name; the donor sees their own. */
  readonly donorName: string
  readonly reason: string | null
  readonly itemId: string | null
  readonly points: number
  readonly createdAt: string
  readonly mine: boolean
  readonly canDecide: boolean
}

export interface DonationPage {
  readonly donations: readonly DonationView[]
  readonly cursor: string | null
}

const itemFields = {
  name: text,
  photos,
  accessories: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(50)),
  condition: v.picklist(Conditions),
  location: text,
  periodDays: v.number(),
  pickupDays: v.number(),
  pledgePoints: v.number(),
  keeperId: v.nullable(id),
}

export const lendingActions = {
  /** The community's items (residents: where they live; staff: the one they run), 20 a page. */
  'lending.items': defineAction<ItemPage>()(v.strictObject({ communityId: v.optional(id), cursor })),
  /** One item by id, by its label's code (scene `t=<code>` or typed), or by one of my holds. */
  'lending.item': defineAction<ItemDetail>()(
    v.strictObject({
      itemId: v.optional(id),
      code: v.optional(v.pipe(v.string(), v.maxLength(200))),
      holdId: v.optional(id),
    }),
  ),
  /** Join the item's queue (idempotent on requestId). */
  'lending.reserve': defineAction<ItemDetail>()(v.strictObject({ itemId: id, requestId: clientRequestId })),
  /** Leave the queue (the holder), or take someone out of it (staff, with a reason). */
  'lending.cancel': defineAction<ItemDetail>()(v.strictObject({ holdId: id, reason: v.optional(text) })),
  /** One more lending period: only with nobody waiting, up to the limit. */
  'lending.renew': defineAction<LoanView>()(v.strictObject({ loanId: id })),
  /** My holds and my loans (newest first, 20 a page). */
  'lending.mine': defineAction<MyLending>()(v.strictObject({ cursor })),
  /** One loan (its borrower, or the desk of its item). */
  'lending.loan': defineAction<LoanView>()(v.strictObject({ loanId: id })),
  /** Add (no itemId) or edit an item of the community (staff). Idempotent on requestId. */
  'lending.save': defineAction<ItemDetail>()(
    v.strictObject({ communityId: id, itemId: v.optional(id), requestId: clientRequestId, ...itemFields }),
  ),
  /** A staff move on an item: repair (back to lending), service, retire, restore. */
  'lending.itemMove': defineAction<ItemDetail>()(
    v.strictObject({
      itemId: id,
      move: v.picklist(StaffItemMoves),
      note: v.optional(text),
    }),
  ),
  /** The item's printable label: its code and mini-program code image (staff). */
  'lending.label': defineAction<LabelView>()(v.strictObject({ itemId: id })),
  /** Pickup at the desk (staff, keeper): scan the code, tick the accessories. Idempotent on requestId. */
  'lending.pickup': defineAction<LoanView>()(
    v.strictObject({
      itemId: id,
      holdId: id,
      accessories: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(50)),
      requestId: clientRequestId,
    }),
  ),
  /** Return at the desk: tick the accessories, the condition, an optional photo; keep the pledge with a reason (staff). */
  'lending.return': defineAction<LoanView>()(
    v.strictObject({
      itemId: id,
      loanId: id,
      accessories: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(50)),
      condition: v.picklist(Conditions),
      note: v.optional(text),
      photos,
      keepReason: v.optional(text),
      requestId: clientRequestId,
    }),
  ),
  /** Staff close a loan that will not come back (pledge kept, item retired). */
  'lending.lose': defineAction<LoanView>()(v.strictObject({ loanId: id, reason: text })),
  /** Staff lists: pickups waiting, loans due today, overdue loans, items under maintenance. */
  'lending.desk': defineAction<DeskPage>()(
    v.strictObject({
      communityId: id,
      view: v.picklist(['pickups', 'due', 'overdue', 'maintenance']),
      cursor,
    }),
  ),
  /** A resident offers a tool (text and up to 3 photos; content security). Idempotent on requestId. */
  'lending.donate': defineAction<DonationView>()(
    v.strictObject({ text, photos, requestId: clientRequestId }),
  ),
  /** One donation (its donor, or staff of its community). */
  'lending.donation': defineAction<DonationView>()(v.strictObject({ donationId: id })),
  /** Donations of the community waiting for a decision (staff), oldest first; `mine`: my donations. */
  'lending.donations': defineAction<DonationPage>()(
    v.strictObject({ communityId: v.optional(id), mine: v.optional(v.boolean()), cursor }),
  ),
  /** Staff accept a donation into the inventory (points to the donor, once) or decline it with a reason. */
  'lending.decide': defineAction<DonationView>()(
    v.strictObject({
      donationId: id,
      accept: v.boolean(),
      reason: v.optional(text),
      points: v.optional(v.number()),
      name: v.optional(text),
      location: v.optional(text),
    }),
  ),
}

/**
 * Tool lending (百宝屋, issue #16 §2) as stored: a community's items, the holds queued on them, the
 * loans made at pickup, and residents' donations. Rules: ./rules.ts (queue, renewal, reminders,
 * blocking), moves: ./decide.ts on the machines of ./machine.ts. No cash anywhere: a pledge is
 * points held in the ledger (`pledge:<communityId>`, src/core/points/model.ts).
 */
import type { OrgPath } from '../org/model'
import type { WithOutbox } from '../effects'

export const LENDING_COLLECTIONS = {
  items: 'lending_items',
  holds: 'lending_holds',
  loans: 'lending_loans',
  donations: 'lending_donations',
} as const

export const ItemStatuses = ['available', 'on_loan', 'maintenance', 'retired'] as const
export type ItemStatus = (typeof ItemStatuses)[number]
export const ItemStatusLabel: Readonly<Record<ItemStatus, string>> = {
  available: '可借',
  on_loan: '借出中',
  maintenance: '维修中',
  retired: '已下架',
}

export const HoldStatuses = ['waiting', 'ready', 'collected', 'cancelled', 'expired'] as const
export type HoldStatus = (typeof HoldStatuses)[number]
export const HoldStatusLabel: Readonly<Record<HoldStatus, string>> = {
  waiting: '排队中',
  ready: '待取用',
  collected: '已取走',
  cancelled: '已取消',
  expired: '已过期',
}
/** Holds still in the queue. */
export const ActiveHold: readonly HoldStatus[] = ['waiting', 'ready']

export const LoanStatuses = ['out', 'returned', 'lost'] as const
export type LoanStatus = (typeof LoanStatuses)[number]
export const LoanStatusLabel: Readonly<Record<LoanStatus, string>> = {
  out: '借用中',
  returned: '已归还',
  lost: '未归还（已结清）',
}

export const DonationStatuses = ['offered', 'accepted', 'declined', 'withdrawn'] as const
export type DonationStatus = (typeof DonationStatuses)[number]
export const DonationStatusLabel: Readonly<Record<DonationStatus, string>> = {
  offered: '待审核',
  accepted: '已入库',
  declined: '未采纳',
  withdrawn: '已撤回',
}

export const Conditions = ['good', 'worn', 'damaged'] as const
export type Condition = (typeof Conditions)[number]
export const ConditionLabel: Readonly<Record<Condition, string>> = {
  good: '完好',
  worn: '有磨损',
  damaged: '损坏',
}

/** The place an item belongs to: its street and community. */
export type CommunityPath = Pick<OrgPath, 'streetId'> & { readonly communityId: string }

export interface LendingEvent {
  readonly at: Date
  readonly move: string
  readonly by: string
  readonly note?: string
}

/** Collection `lending_items`. */
export interface ItemRecord extends WithOutbox {
  readonly _id: string
  readonly communityId: string
  readonly path: CommunityPath
  /** The label's short code (same alphabet as the building codes, src/core/org/invite-code.ts); unique. */
  readonly code: string
  readonly name: string
  /** Cloud file id of its photo, or null. */
  readonly photo: string | null
  /** What goes out with it (ticked at pickup and return). */
  readonly accessories: readonly string[]
  readonly condition: Condition
  /** Where it is kept (e.g. 党群服务中心一楼工具柜). */
  readonly location: string
  /** Days from pickup to due. */
  readonly periodDays: number
  /** Days a ready hold waits for its pickup. */
  readonly pickupDays: number
  /** Points held as a pledge while on loan; 0: no pledge. */
  readonly pledgePoints: number
  /** A resident of the community who hands it out and takes it back, besides staff; or null. */
  readonly keeperId: string | null
  readonly keeperName: string | null
  readonly status: ItemStatus
  /** The donation it came from, if any. */
  readonly donationId: string | null
  /** Cloud file id of its label's mini-program code, once made. */
  readonly labelFileId: string | null
  readonly requestId: string
  readonly createdBy: string
  readonly createdAt: Date
  readonly updatedAt: Date
  readonly version: number
  readonly events: readonly LendingEvent[]
}

/** Collection `lending_holds`: one resident's place in one item's queue. */
export interface HoldRecord extends WithOutbox {
  readonly _id: string
  readonly itemId: string
  readonly itemName: string
  readonly communityId: string
  readonly path: CommunityPath
  readonly holderId: string
  readonly holderName: string
  readonly status: HoldStatus
  /** Queue order: by `createdAt`, then `_id`. */
  readonly createdAt: Date
  /** When the pickup window started (first in line, item free), and when it ends. */
  readonly readyAt: Date | null
  readonly readyUntil: Date | null
  readonly loanId: string | null
  readonly requestId: string
  readonly updatedAt: Date
  readonly version: number
  readonly events: readonly LendingEvent[]
  readonly erased?: boolean
}

export const ReminderStages = ['due_tomorrow', 'due_today', 'overdue_3'] as const
export type ReminderStage = (typeof ReminderStages)[number]

export type PledgeState = 'none' | 'held' | 'released' | 'kept'

/** Collection `lending_loans`: made at pickup from the ready hold. */
export interface LoanRecord extends WithOutbox {
  readonly _id: string
  readonly itemId: string
  readonly itemName: string
  readonly communityId: string
  readonly path: CommunityPath
  /** The hold it came from (unique: one loan per hold, so a retried pickup lends once). */
  readonly holdId: string
  readonly borrowerId: string
  readonly borrowerName: string
  readonly status: LoanStatus
  readonly pickedAt: Date
  readonly pickedBy: string
  readonly dueAt: Date
  readonly renewals: number
  readonly accessoriesOut: readonly string[]
  readonly accessoriesBack: readonly string[] | null
  readonly conditionBack: Condition | null
  readonly returnNote: string | null
  readonly returnPhoto: string | null
  readonly returnedAt: Date | null
  readonly returnedBy: string | null
  readonly returnRequestId: string | null
  readonly pledgePoints: number
  readonly pledge: PledgeState
  readonly pledgeReason: string | null
  /** The next moment a reminder is due (index for the sweep), null when none is left. */
  readonly remindAt: Date | null
  readonly reminded: readonly ReminderStage[]
  readonly createdAt: Date
  readonly updatedAt: Date
  readonly version: number
  readonly events: readonly LendingEvent[]
  /** The borrower's name was taken off (me.delete). */
  readonly erased?: boolean
  /** The borrower erased their data while the loan was out: the name goes when it is returned or closed. */
  readonly erasePending?: boolean
}

/** Collection `lending_donations`. */
export interface DonationRecord extends WithOutbox {
  readonly _id: string
  readonly communityId: string
  readonly path: CommunityPath
  readonly donorId: string
  readonly donorName: string
  readonly text: string
  readonly photos: readonly string[]
  readonly status: DonationStatus
  readonly reason: string | null
  readonly itemId: string | null
  readonly points: number
  readonly requestId: string
  readonly decidedBy: string | null
  readonly decidedAt: Date | null
  readonly createdAt: Date
  readonly updatedAt: Date
  readonly version: number
  readonly erased?: boolean
}

export const LIMITS = {
  name: 30,
  accessory: 20,
  accessories: 12,
  location: 40,
  note: 200,
  donation: 200,
  reason: 100,
  periodDays: { min: 1, max: 60 },
  pickupDays: { min: 1, max: 7 },
  pledgePoints: { max: 500 },
  donationPoints: { max: 200 },
  itemPhotos: 1,
  returnPhotos: 1,
  donationPhotos: 3,
} as const

export const DEFAULTS = { periodDays: 7, pickupDays: 2, donationPoints: 10 } as const
/** Renewals a borrower may make of one loan. */
export const RENEWAL_LIMIT = 1
/** Active holds one person may have at once. */
export const MAX_ACTIVE_HOLDS = 3
/** Days past due after which a borrower cannot reserve until they return. */
export const BLOCK_AFTER_DAYS = 7
export const DAY_MS = 86_400_000

import * as v from 'valibot'
import type { HoursLine, SignupStatus } from '../activities/api'
import { defineAction } from '../contract/define'
import type { JoinStatus } from '../join/rules'
import type { ErrandStatus, ErrandType } from '../errands/model'
import type { VoucherStatus } from '../market/api'
import type { OrderStatus } from '../orders/model'
import type { OrgPath } from '../org/model'
import type { LedgerLine } from '../points/api'
import type { RoleGrant } from '../roles'
import { helperUpdateInput, type HelperProfile, type HelperProfileView } from './helper'

/** What the app knows about the caller: shown on 我的 and used to decide what to show. */
export interface Profile {
  readonly userId: string
  readonly displayName: string
  readonly roles: readonly RoleGrant[]
  /** The household the caller has joined, with names for display; null until they join a grid. */
  readonly household: HouseholdSummary | null
  /** First call ever creates the user record: true on that call. */
  readonly created: boolean
}

export interface HouseholdSummary {
  readonly path: OrgPath
  readonly streetName: string
  readonly communityName: string
  readonly gridName: string
  readonly buildingName: string
  readonly unitName: string
  readonly room: string
}

/** How many lines of each of my activity/market/points records me.data shows (newest first). */
export const MY_DATA_RECENT = 20

/** My records in one store: how many there are in all, and the newest `MY_DATA_RECENT` of them. */
export interface RecentLines<T> {
  readonly count: number
  readonly lines: readonly T[]
}

export interface MySignupLine {
  readonly activityId: string
  /** '' when the activity document is gone. */
  readonly title: string
  readonly startAt: string | null
  readonly status: SignupStatus
  readonly signedAt: string
  readonly walkIn: boolean
}

export interface MyVoucherLine {
  readonly voucherId: string
  readonly itemName: string
  readonly price: number
  readonly status: VoucherStatus
  readonly issuedAt: string
  readonly expiresAt: string
  readonly usedAt: string | null
  /** When it was cancelled or expired (points refunded). */
  readonly closedAt: string | null
}

/** A work order I reported (`reporter`) or follow (`follower`). */
export interface MyReportLine {
  readonly orderId: string
  /** The category's name as stored on the order. */
  readonly categoryName: string
  readonly status: OrderStatus
  readonly statusLabel: string
  readonly role: 'reporter' | 'follower'
  readonly submittedAt: string
}

/** An errand I posted (`requester`) or served (`helper`). */
export interface MyLendingLine {
  readonly kind: 'hold' | 'loan'
  readonly id: string
  readonly itemName: string
  readonly statusLabel: string
  /** Reserved (a hold) or picked up (a loan). */
  readonly at: string
  /** A loan's due date; null for a hold. */
  readonly dueAt: string | null
}

export interface MyErrandLine {
  readonly errandId: string
  readonly type: ErrandType
  readonly typeLabel: string
  readonly status: ErrandStatus
  readonly statusLabel: string
  readonly role: 'requester' | 'helper'
  readonly createdAt: string
}

/** A wish I posted (`owner`) or claimed, alone or in a group (`claimant`). */
export interface MyWishLine {
  readonly wishId: string
  readonly title: string
  readonly status: string
  readonly statusLabel: string
  readonly role: 'owner' | 'claimant'
  readonly createdAt: string
}

/** Everything stored about the caller (PIPL right of access), as they may read it. */
export interface MyData {
  readonly user: {
    readonly displayName: string
    readonly realName: string | null
    readonly phone: string | null
    readonly roles: readonly RoleGrant[]
    readonly createdAt: string
  }
  readonly household: HouseholdSummary | null
  readonly joins: readonly {
    readonly joinId: string
    readonly status: JoinStatus
    readonly place: string
    readonly room: string
    readonly name: string
    readonly phone: string | null
    readonly via: 'code' | 'picker'
    readonly move: boolean
    readonly reason: string | null
    readonly createdAt: string
    readonly decidedAt: string | null
  }[]
  readonly helper: HelperProfile | null
  /** Who saw my personal data (e.g. revealed my number to call me), newest first. */
  readonly accessLog: readonly {
    readonly at: string
    /** Masked: the person's surname only (王**), and their role on the card they used. */
    readonly who: string
    readonly action: string
    readonly allowed: boolean
  }[]
  /** My love-card account `u:<userId>`: balance, how many ledger entries, the newest ones. */
  readonly points: {
    readonly balance: number
    readonly entries: number
    readonly lines: readonly LedgerLine[]
  }
  /** Volunteer-activity sign-ups (`activity_signups`), newest sign-up first. */
  readonly signups: RecentLines<MySignupLine>
  /** Volunteer-hours lines (`volunteer_hours`), newest activity first. */
  readonly hours: RecentLines<HoursLine>
  /** Love-supermarket vouchers (`market_vouchers`), newest first. */
  readonly vouchers: RecentLines<MyVoucherLine>
  /** 我的上报: work orders I reported or follow (`orders`), newest submitted first. */
  readonly reports: RecentLines<MyReportLine>
  /** 邻里互助: errands I posted or served (`errands`), newest posted first. */
  readonly errands: RecentLines<MyErrandLine>
  /** 微心愿: wishes I posted or claimed (`wishes`), newest first. */
  readonly wishes: RecentLines<MyWishLine>
  /** 社区公告: the notices I read (`notice_reads`), newest read first. */
  readonly noticeReads: RecentLines<MyNoticeReadLine>
  /** 百宝屋: my holds and loans (`lending_holds`, `lending_loans`), newest first. */
  readonly lending: RecentLines<MyLendingLine>
}

export interface MyNoticeReadLine {
  readonly noticeId: string
  readonly title: string
  readonly readAt: string
}

export const meActions = {
  /** Read (and on first use create) the caller's own profile. */
  'me.profile': defineAction<Profile>()(v.strictObject({})),
  /**
   * Everything stored about me (user fields, household, join requests, helper profile, access log,
   * love-card points, activity sign-ups, volunteer hours, vouchers, reports I made or follow,
   * errands I posted or served: counts and the newest lines).
   */
  'me.data': defineAction<MyData>()(v.strictObject({})),
  /**
   * Erase my personal data: name, phone, household membership, helper profile; pending requests are
   * cancelled and past ones anonymised; sign-ups of activities not yet started are withdrawn and
   * unused vouchers cancelled with a refund; errands I posted that nobody started are cancelled and
   * ones I took but did not start released; I stop following others' reports; my 百宝屋 holds still
   * queued are cancelled, and a loan not yet returned keeps my name until it is returned. The points ledger,
   * volunteer-hours lines, my reports and the errands that stay are kept (my reports and errands
   * under the placeholder name, without meeting point or note). `confirm` makes an accidental call
   * impossible. Idempotent. (Policy: cloudfunctions/shared/repos/me.ts `eraseMe`.)
   */
  'me.delete': defineAction<Profile>()(v.strictObject({ confirm: v.literal(true, '请确认删除') })),
  /** My volunteer profile and the latest thank-you notes I received (helpers only). */
  'helper.profile': defineAction<HelperProfileView>()(v.strictObject({})),
  /** Edit skills, whether the service card shows my party membership, and the new-errand opt-in (helpers only). */
  'helper.update': defineAction<HelperProfile>()(helperUpdateInput),
}

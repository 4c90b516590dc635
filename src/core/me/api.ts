import * as v from 'valibot'
import type { HoursLine, SignupStatus } from '../activities/api'
import { defineAction } from '../contract/define'
import type { JoinStatus } from '../join/rules'
import type { VoucherStatus } from '../market/api'
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
  readonly points: { readonly balance: number; readonly entries: number; readonly lines: readonly LedgerLine[] }
  /** Volunteer-activity sign-ups (`activity_signups`), newest sign-up first. */
  readonly signups: RecentLines<MySignupLine>
  /** Volunteer-hours lines (`volunteer_hours`), newest activity first. */
  readonly hours: RecentLines<HoursLine>
  /** Love-supermarket vouchers (`market_vouchers`), newest first. */
  readonly vouchers: RecentLines<MyVoucherLine>
}

export const meActions = {
  /** Read (and on first use create) the caller's own profile. */
  'me.profile': defineAction<Profile>()(v.strictObject({})),
  /**
   * Everything stored about me (user fields, household, join requests, helper profile, access log,
   * love-card points, activity sign-ups, volunteer hours, vouchers: counts and the newest lines).
   */
  'me.data': defineAction<MyData>()(v.strictObject({})),
  /**
   * Erase my personal data: name, phone, household membership, helper profile; pending requests are
   * cancelled and past ones anonymised; sign-ups of activities not yet started are withdrawn and
   * unused vouchers cancelled with a refund. The points ledger and volunteer-hours lines are kept
   * (they carry my user id, not my name). `confirm` makes an accidental call impossible. Idempotent.
   */
  'me.delete': defineAction<Profile>()(v.strictObject({ confirm: v.literal(true, '请确认删除') })),
  /** My volunteer profile and the latest thank-you notes I received (helpers only). */
  'helper.profile': defineAction<HelperProfileView>()(v.strictObject({})),
  /** Edit skills, whether the service card shows my party membership, and the new-errand opt-in (helpers only). */
  'helper.update': defineAction<HelperProfile>()(helperUpdateInput),
}

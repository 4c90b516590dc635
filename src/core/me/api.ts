import * as v from 'valibot'
import { defineAction } from '../contract/define'
import type { JoinStatus } from '../join/rules'
import type { OrgPath } from '../org/model'
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
}

export const meActions = {
  /** Read (and on first use create) the caller's own profile. */
  'me.profile': defineAction<Profile>()(v.strictObject({})),
  /** Everything stored about me (user fields, household, join requests, helper profile, access log). */
  'me.data': defineAction<MyData>()(v.strictObject({})),
  /**
   * Erase my personal data: name, phone, household membership, helper profile; pending requests are
   * cancelled and past ones anonymised. `confirm` makes an accidental call impossible. Idempotent.
   */
  'me.delete': defineAction<Profile>()(v.strictObject({ confirm: v.literal(true, '请确认删除') })),
  /** My volunteer profile and the latest thank-you notes I received (helpers only). */
  'helper.profile': defineAction<HelperProfileView>()(v.strictObject({})),
  /** Edit skills, whether the service card shows my party membership, and the new-errand opt-in (helpers only). */
  'helper.update': defineAction<HelperProfile>()(helperUpdateInput),
}

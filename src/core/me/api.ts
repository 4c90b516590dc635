import * as v from 'valibot'
import { defineAction } from '../contract/define'
import type { OrgPath } from '../org/model'
import type { RoleGrant } from '../roles'

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

export const meActions = {
  /** Read (and on first use create) the caller's own profile. */
  'me.profile': defineAction<Profile>()(v.strictObject({})),
}

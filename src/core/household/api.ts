import * as v from 'valibot'
import { defineAction } from '../contract/define'
import type { MyJoin } from '../join/api'
import type { HouseholdSummary } from '../me/api'

/** 我的家庭: where I live, who lives with me, and a move under way. */
export interface HouseholdView {
  readonly household: HouseholdSummary | null
  /** Members of my household by display name (they share the flat; nothing else is shown). */
  readonly members: readonly { readonly name: string; readonly me: boolean }[]
  /** A pending request to move elsewhere (I stay here until it is approved). */
  readonly pendingMove: MyJoin | null
}

export const householdActions = {
  'household.mine': defineAction<HouseholdView>()(v.strictObject({})),
  /**
   * Leave my household: the resident grant and the household link go; other roles stay. Leaving
   * when in no household is a no-op (`left: false`), so a retry is harmless.
   */
  'household.leave': defineAction<{ readonly left: boolean }>()(v.strictObject({})),
}

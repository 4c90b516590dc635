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

/** A household's floor area in m²: more than 0, at most 10,000, two decimals at most. */
export const FLOOR_AREA_MAX = 10_000
export const floorArea = v.pipe(
  v.number(),
  v.check((n) => Number.isFinite(n) && n > 0 && n <= FLOOR_AREA_MAX, '面积应大于 0、不超过 10000 平方米'),
  v.check((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, '面积最多保留两位小数'),
)

export interface HouseholdArea {
  readonly room: string
  /** m², or null when cleared. */
  readonly area: number | null
}

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128))

export const householdActions = {
  'household.mine': defineAction<HouseholdView>()(v.strictObject({})),
  /**
   * Leave my household: the resident grant and the household link go; other roles stay. Leaving
   * when in no household is a no-op (`left: false`), so a retry is harmless.
   */
  'household.leave': defineAction<{ readonly left: boolean }>()(v.strictObject({})),
  /**
   * Staff over the household's grid record its floor area (an owners' decision counts heads and
   * area), naming it by unit and room as on paper ballots; null clears it. Unknown room:
   * DATA.NOT_FOUND (a household exists once someone of it joined); another grid's: AUTH.FORBIDDEN.
   */
  'household.setArea': defineAction<HouseholdArea>()(
    v.strictObject({
      unitId: id,
      room: v.pipe(v.string(), v.minLength(1), v.maxLength(16)),
      area: v.nullable(floorArea),
    }),
  ),
}

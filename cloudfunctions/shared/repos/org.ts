import type { HouseholdSummary } from '../../../src/core/me/api'
import type { Household } from '../../../src/core/org/model'
import { getDoc } from './docs'

interface Named {
  readonly name: string
}

/** The household with the names of every level above it, for display. */
export async function householdSummary(householdId: string): Promise<HouseholdSummary | null> {
  const household = await getDoc<Household>('households', householdId)
  if (!household) return null
  const [street, community, grid, building, unit] = await Promise.all([
    getDoc<Named>('streets', household.streetId),
    getDoc<Named>('communities', household.communityId),
    getDoc<Named>('grids', household.gridId),
    getDoc<Named>('buildings', household.buildingId),
    getDoc<Named>('units', household.unitId),
  ])
  return {
    path: {
      streetId: household.streetId,
      communityId: household.communityId,
      gridId: household.gridId,
      buildingId: household.buildingId,
      unitId: household.unitId,
      householdId: household._id,
    },
    streetName: street?.name ?? '',
    communityName: community?.name ?? '',
    gridName: grid?.name ?? '',
    buildingName: building?.name ?? '',
    unitName: unit?.name ?? '',
    room: household.room,
  }
}

import type { HouseholdSummary } from '../../../src/core/me/api'
import { pathOf, type Household, type OrgLevel, type OrgNode } from '../../../src/core/org/model'
import type { ResolvedPlace } from '../kit'
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

const LEVEL_COLLECTION: Partial<Record<OrgLevel, string>> = {
  street: 'streets',
  community: 'communities',
  grid: 'grids',
  building: 'buildings',
}

/** A place of the tree by level and id, with its whole path and name (one read), or null. */
export async function placeById(level: OrgLevel, id: string): Promise<ResolvedPlace | null> {
  const collection = LEVEL_COLLECTION[level]
  if (!collection) return null
  const node = await getDoc<Exclude<OrgNode, Household>>(collection, id)
  if (!node || node.level !== level) return null
  return { level, path: pathOf(node), name: node.name }
}

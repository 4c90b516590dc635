/** Where a report lands: the grant it is made under, its grid and building, and the place's name. */
import { grantOver, StaffRoles } from '../../../src/core/access'
import { OrderErrors, ReportErrors } from '../../../src/core/orders/errors'
import { gridAt } from '../../../src/core/orders/location'
import type { OrderLocation, OrderRecord } from '../../../src/core/orders/model'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { Building, Grid, OrgPath } from '../../../src/core/org/model'
import { isWithin } from '../../../src/core/org/model'
import type { Actor } from '../../../src/core/roles'
import { db } from '../sdk'
import { getDoc } from './docs'

/**
 * Building names by grid, cached per warm instance: a report from the reporter's household shows
 * its building's name, and one query per grid (index `buildings.grid`) serves every later report
 * there. Names only (display, copied onto the order as written); routing never uses this cache.
 */
const BUILDINGS_TTL_MS = 10 * 60_000
const buildingNames = new Map<string, { at: number; names: Map<string, string> }>()

async function buildingName(gridId: string, buildingId: string): Promise<string> {
  const hit = buildingNames.get(gridId)
  if (hit && Date.now() - hit.at < BUILDINGS_TTL_MS && hit.names.has(buildingId))
    return hit.names.get(buildingId) ?? ''
  const res = await db().collection('buildings').where({ gridId }).field({ name: true }).limit(1000).get()
  const names = new Map((res.data as { _id: string; name: string }[]).map((b) => [b._id, b.name]))
  if (buildingNames.size > 200) buildingNames.clear()
  buildingNames.set(gridId, { at: Date.now(), names })
  return names.get(buildingId) ?? ''
}

/** The grant a report is made under: the resident's household, or the staff member's area for intake. */
function reportingGrant(actor: Actor, onBehalf: boolean) {
  return grantOver(actor, onBehalf ? StaffRoles : 'resident') ?? null
}

export interface Place {
  readonly path: OrderRecord['path']
  readonly placeName: string
}

/** Where a report lands: its grid (and building when known), or ORDER.OUTSIDE_GRID. */
export async function placeOf(actor: Actor, location: OrderLocation, onBehalf: boolean): Promise<Place> {
  // A named building must exist, whoever asks (an unknown id is not found, #18 item 7).
  const building =
    location.kind === 'building' ? await getDoc<Building>('buildings', location.buildingId) : null
  if (location.kind === 'building' && !building)
    throw new DomainError(CommonErrorCodes.NOT_FOUND, '所选楼栋不存在')
  const grant = reportingGrant(actor, onBehalf)
  if (!grant)
    throw new DomainError(onBehalf ? ReportErrors.NOT_STAFF : ReportErrors.NO_HOUSEHOLD, '请先加入网格')
  const scope = grant.scope
  const outside = () => new DomainError(OrderErrors.OUTSIDE_GRID, '所选位置不在网格内')
  if (location.kind === 'household') {
    if (onBehalf || !scope.gridId || !scope.communityId || !scope.buildingId)
      throw new DomainError(ReportErrors.NO_HOUSEHOLD, '请选择问题所在楼栋')
    // Routed by the grant's own path; the building's name comes from the per-instance cache.
    return {
      path: { ...scope, streetId: scope.streetId, communityId: scope.communityId, gridId: scope.gridId },
      placeName: await buildingName(scope.gridId, scope.buildingId),
    }
  }
  if (location.kind === 'building' && building) {
    // Residents report anywhere in their community; staff within their own area.
    const area: OrgPath = onBehalf ? scope : { streetId: scope.streetId, communityId: scope.communityId }
    if (
      !isWithin(
        { streetId: building.streetId, communityId: building.communityId, gridId: building.gridId },
        area,
      )
    )
      throw outside()
    return {
      path: {
        streetId: building.streetId,
        communityId: building.communityId,
        gridId: building.gridId,
        buildingId: building._id,
      },
      placeName: building.name,
    }
  }
  if (location.kind !== 'point') throw outside()
  const where =
    scope.gridId && onBehalf
      ? { _id: scope.gridId }
      : scope.communityId
        ? { communityId: scope.communityId }
        : { streetId: scope.streetId }
  const res = await db()
    .collection('grids')
    .where(where)
    .field({ name: true, boundary: true, streetId: true, communityId: true })
    .limit(100)
    .get()
  const grid = gridAt(location.lng, location.lat, res.data as Grid[])
  if (!grid) throw outside()
  return {
    path: { streetId: grid.streetId, communityId: grid.communityId, gridId: grid._id },
    placeName: location.label?.trim() || grid.name,
  }
}

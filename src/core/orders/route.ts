/**
 * Where a report lands (routing), decided once, here. The store loads what is named (the building,
 * the grids to search) and asks; it keeps no rule of its own.
 *
 * - The grant a report is made under: the resident's household, or, for a report taken on a
 *   resident's behalf (代登记), the staff member's own area.
 * - From the household: the household's own path (its building's name is the store's, cached).
 * - At a building: residents report anywhere in their community, staff within their own area.
 * - At a point on the map: the first grid of the area whose boundary holds it.
 * Anything else is ORDER.OUTSIDE_GRID; no household to report from is REPORT.NO_HOUSEHOLD, and
 * staff without a staff grant REPORT.NOT_STAFF.
 */
import { grantOver, isStaffOver, StaffRoles } from '../access'
import { DomainError } from '../errors'
import type { Building, Grid, OrgPath } from '../org/model'
import { isWithin } from '../org/model'
import type { Actor, RoleGrant } from '../roles'
import { OrderErrors, ReportErrors } from './errors'
import { gridAt } from './location'
import type { OrderLocation, OrderRecord } from './model'

export interface Route {
  readonly path: OrderRecord['path']
  /** The place's name; null when it is the household's building, whose name the store looks up. */
  readonly placeName: string | null
}

/** The grant a report is made under, or the refusal. */
export function reportingGrant(actor: Actor, onBehalf: boolean): RoleGrant {
  const grant = grantOver(actor, onBehalf ? StaffRoles : 'resident')
  if (!grant)
    throw new DomainError(onBehalf ? ReportErrors.NOT_STAFF : ReportErrors.NO_HOUSEHOLD, '请先加入网格')
  return grant
}

/** Which grids a point report may land in: the staff member's own grid, else the community (or street). */
export function gridsToSearch(
  grant: RoleGrant,
  onBehalf: boolean,
): { readonly _id: string } | { readonly communityId: string } | { readonly streetId: string } {
  const scope = grant.scope
  if (scope.gridId && onBehalf) return { _id: scope.gridId }
  if (scope.communityId) return { communityId: scope.communityId }
  return { streetId: scope.streetId }
}

const outside = () => new DomainError(OrderErrors.OUTSIDE_GRID, '所选位置不在网格内')

/**
 * The report's place. `building`: the named building as loaded (a building location only);
 * `grids`: the grids of `gridsToSearch` with their boundaries (a point location only).
 */
export function routeReport(
  grant: RoleGrant,
  location: OrderLocation,
  onBehalf: boolean,
  found: { readonly building?: Building | null; readonly grids?: readonly Grid[] },
): Route {
  const scope = grant.scope
  if (location.kind === 'household') {
    if (onBehalf || !scope.gridId || !scope.communityId || !scope.buildingId)
      throw new DomainError(ReportErrors.NO_HOUSEHOLD, '请选择问题所在楼栋')
    return {
      path: { ...scope, streetId: scope.streetId, communityId: scope.communityId, gridId: scope.gridId },
      placeName: null,
    }
  }
  if (location.kind === 'building') {
    const b = found.building
    if (!b) throw outside()
    const area: OrgPath = onBehalf ? scope : { streetId: scope.streetId, communityId: scope.communityId }
    if (!isWithin({ streetId: b.streetId, communityId: b.communityId, gridId: b.gridId }, area))
      throw outside()
    return {
      path: { streetId: b.streetId, communityId: b.communityId, gridId: b.gridId, buildingId: b._id },
      placeName: b.name,
    }
  }
  if (location.kind !== 'point') throw outside()
  const grid = gridAt(location.lng, location.lat, found.grids ?? [])
  if (!grid) throw outside()
  return {
    path: { streetId: grid.streetId, communityId: grid.communityId, gridId: grid._id },
    placeName: location.label?.trim() || grid.name,
  }
}

/** A report taken on a resident's behalf lands only where the staff member works. */
export function checkIntake(actor: Actor, path: OrgPath, onBehalf: boolean): void {
  if (onBehalf && !isStaffOver(actor, path))
    throw new DomainError(ReportErrors.NOT_STAFF, '只有该网格的工作人员可以代登记')
}

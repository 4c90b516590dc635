/**
 * What every part of the codes store shares: the collections, the targets that carry a code (a grid
 * or a building) with their place paths, and the permission check on a target's place.
 */
import { CODE_COLLECTIONS } from '../../../src/core/codes/model'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { CodeTarget } from '../../../src/core/org/invite-code'
import type { Building, Grid, OrgPath } from '../../../src/core/org/model'
import { can } from '../../../src/core/permissions'
import type { Actor } from '../../../src/core/roles'
import { getDoc } from './docs'

export const { codes: CODES, targets: TARGETS } = CODE_COLLECTIONS

/** A building or grid that carries a code. */
export interface Target {
  readonly target: CodeTarget
  readonly id: string
  readonly name: string
  readonly path: OrgPath
}

function forbidden(): DomainError {
  return new DomainError(CommonErrorCodes.FORBIDDEN, '无权查看或管理该网格的二维码')
}

export function assertMay(actor: Actor, action: 'codes.list' | 'codes.regenerate', path: OrgPath): void {
  if (!can(actor, action, path)) throw forbidden()
}

/** Paths from the documents' ancestor ids (not from `level`, which older documents may lack). */
export function gridPath(grid: Grid): OrgPath {
  return { streetId: grid.streetId, communityId: grid.communityId, gridId: grid._id }
}

export function gridTarget(grid: Grid): Target {
  return { target: 'grid', id: grid._id, name: grid.name, path: gridPath(grid) }
}

export function buildingTarget(building: Building): Target {
  const path = {
    streetId: building.streetId,
    communityId: building.communityId,
    gridId: building.gridId,
    buildingId: building._id,
  }
  return { target: 'building', id: building._id, name: building.name, path }
}

export async function targetOf(target: CodeTarget, targetId: string): Promise<Target> {
  if (target === 'grid') {
    const grid = await getDoc<Grid>('grids', targetId)
    if (grid) return gridTarget(grid)
  } else {
    const building = await getDoc<Building>('buildings', targetId)
    if (building) return buildingTarget(building)
  }
  throw new DomainError(CommonErrorCodes.NOT_FOUND, target === 'grid' ? '网格不存在' : '楼栋不存在')
}

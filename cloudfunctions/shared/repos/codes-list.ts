/**
 * Listing codes: a grid's code and its buildings' (codes.list), and the grids whose codes the caller
 * may see (codes.grids).
 */
import { grantsOver } from '../../../src/core/access'
import type { CodeCard, CodeGridOption, GridCodes } from '../../../src/core/codes/api'
import { byNaturalName } from '../../../src/core/codes/model'
import { codesFeature } from '../../../src/core/codes/feature'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { Building, Grid } from '../../../src/core/org/model'
import { can } from '../../../src/core/permissions'
import type { Actor, Role } from '../../../src/core/roles'
import { db } from '../sdk'
import { assertMay, buildingTarget, gridPath, gridTarget } from './codes-base'
import { cardsFor } from './codes-images'
import { ensureCodes } from './codes-issue'
import { getDoc, namesByIds } from './docs'

const MAX_BUILDINGS = 200

/** codes.list: the grid's code and every building's, issued and imaged on first listing. */
export async function listCodes(actor: Actor, gridId: string, now: Date): Promise<GridCodes> {
  const grid = await getDoc<Grid>('grids', gridId)
  if (!grid) throw new DomainError(CommonErrorCodes.NOT_FOUND, '网格不存在')
  assertMay(actor, 'codes.list', gridPath(grid))
  const [community, buildingsRes] = await Promise.all([
    getDoc<{ name: string }>('communities', grid.communityId),
    db().collection('buildings').where({ gridId: grid._id }).limit(MAX_BUILDINGS).get(),
  ])
  const buildings = (buildingsRes.data as Building[]).map(buildingTarget).sort((a, b) => byNaturalName(a, b))
  const targets = [gridTarget(grid), ...buildings]
  const records = await ensureCodes(targets, actor, now)
  const cards = await cardsFor(targets, records)
  const gridCode = cards.get(grid._id)
  if (!gridCode) throw new Error(`grid ${grid._id} has no code`)
  return {
    grid: { id: grid._id, name: grid.name, path: gridPath(grid) },
    communityName: community?.name ?? '',
    gridCode,
    buildings: buildings.map((b) => cards.get(b.id)).filter((c): c is CodeCard => !!c),
  }
}

/** The roles that may see codes (from the permission table, so the two never disagree). */
const VIEWER_ROLES: readonly Role[] = codesFeature.permissions['codes.list']

/** codes.grids: grids inside the caller's viewer grants, by community then natural name. */
export async function codeGrids(actor: Actor): Promise<CodeGridOption[]> {
  const _ = db().command
  const clauses = grantsOver(actor, VIEWER_ROLES).map((g) =>
    g.scope.gridId
      ? { _id: g.scope.gridId }
      : g.scope.communityId
        ? { communityId: g.scope.communityId }
        : { streetId: g.scope.streetId },
  )
  if (clauses.length === 0) return []
  const grids = (await db().collection('grids').where(_.or(clauses)).limit(200).get()).data as Grid[]
  const communityName = await namesByIds(
    'communities',
    grids.map((g) => g.communityId),
  )
  return grids
    .filter((g) => can(actor, 'codes.list', gridPath(g)))
    .map((g) => ({
      id: g._id,
      name: g.name,
      communityName: communityName.get(g.communityId) ?? '',
      path: gridPath(g),
    }))
    .sort(
      (a, b) =>
        a.communityName.localeCompare(b.communityName, 'zh-CN', { numeric: true }) || byNaturalName(a, b),
    )
}

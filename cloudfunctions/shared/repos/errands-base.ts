/** What every part of the errands store shares: the collections, the requester's household, loading an errand and who may see it. */
import { homeOf } from '../../../src/core/access'
import { actorsOf, mayTake } from '../../../src/core/errands/decide'
import type { ErrandRecord } from '../../../src/core/errands/model'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { Actor, RoleGrant } from '../../../src/core/roles'
import { getDoc } from './docs'

export const ERRANDS = 'errands'
export const TRUST = 'errand_trust'
export const PAGE = 20

type Path = ErrandRecord['path']

export function householdPath(grants: readonly RoleGrant[]): Path | null {
  const s = homeOf(grants)
  if (!s?.communityId || !s.gridId || !s.buildingId || !s.unitId || !s.householdId) return null
  return {
    streetId: s.streetId,
    communityId: s.communityId,
    gridId: s.gridId,
    buildingId: s.buildingId,
    unitId: s.unitId,
    householdId: s.householdId,
  }
}

export async function load(errandId: string): Promise<ErrandRecord> {
  const e = await getDoc<ErrandRecord>(ERRANDS, errandId)
  if (!e) throw new DomainError(CommonErrorCodes.NOT_FOUND, '互助不存在或已删除')
  return e
}

/** Can this caller see the errand at all? Parties, and while open the helpers who may take it. */
export function visible(actor: Actor, e: ErrandRecord): boolean {
  return actorsOf(actor, e).length > 0 || (e.status === 'open' && mayTake(actor, e))
}

/** The requester's approved helpers (child pickup). */
import type { TrustedHelpers } from '../../../src/core/errands/api'
import { ErrandErrors } from '../../../src/core/errands/errors'
import { MAX_TRUSTED, type TrustRecord } from '../../../src/core/errands/model'
import { DomainError } from '../../../src/core/errors'
import type { Actor } from '../../../src/core/roles'
import { db } from '../sdk'
import { getDoc } from './docs'
import { householdPath, TRUST } from './errands-base'
import { gridHelpers } from './errands-post'

export async function trusted(actor: Actor): Promise<TrustedHelpers> {
  const path = householdPath(actor.grants)
  if (!path) throw new DomainError(ErrandErrors.NO_HOUSEHOLD, '请先加入网格')
  const [trust, helpers] = await Promise.all([getDoc<TrustRecord>(TRUST, actor.userId), gridHelpers(path)])
  const byId = new Map(helpers.filter((h) => h._id !== actor.userId).map((h) => [h._id, h]))
  const approved = (trust?.gridId === path.gridId ? trust.helperIds : []).filter((id) => byId.has(id))
  return {
    approved: approved.map((id) => ({
      userId: id,
      name: byId.get(id)?.realName ?? byId.get(id)?.displayName ?? '',
    })),
    candidates: [...byId.values()].map((h) => ({
      userId: h._id,
      name: h.realName ?? h.displayName,
      partyMember: h.helper?.partyMember === true,
    })),
  }
}

export async function trust(actor: Actor, helperIds: readonly string[], now: Date): Promise<TrustedHelpers> {
  const path = householdPath(actor.grants)
  if (!path) throw new DomainError(ErrandErrors.NO_HOUSEHOLD, '请先加入网格')
  const unique = [...new Set(helperIds)].slice(0, MAX_TRUSTED)
  const verified = new Set((await gridHelpers(path)).map((h) => h._id))
  if (unique.some((id) => id === actor.userId || !verified.has(id))) {
    throw new DomainError(ErrandErrors.NOT_GRID_HELPER, '只能选择本网格经过认证的帮办人')
  }
  await db()
    .collection(TRUST)
    .doc(actor.userId)
    .set({ gridId: path.gridId, helperIds: unique, updatedAt: now })
  return trusted(actor)
}

/** Object mothers for core tests: one small tree, a grant of every role inside it and outside it. */
import type { OrgPath } from '../../src/core/org/model'
import type { Actor, Role } from '../../src/core/roles'

/** A unit in street s / community c / grid g / building b. */
export const unitPath: OrgPath = { streetId: 's', communityId: 'c', gridId: 'g', buildingId: 'b', unitId: 'u' }

/** Each role's grant scope containing `unitPath`. */
export const scopeOf: Readonly<Record<Role, OrgPath>> = {
  resident: { ...unitPath, householdId: 'h' },
  helper: { streetId: 's', communityId: 'c', gridId: 'g' },
  grid_worker: { streetId: 's', communityId: 'c', gridId: 'g' },
  building_leader: { streetId: 's', communityId: 'c', gridId: 'g', buildingId: 'b' },
  community_admin: { streetId: 's', communityId: 'c' },
  street_admin: { streetId: 's' },
}

/** Each role's grant scope at the same level but not containing `unitPath`. */
export const elsewhereOf: Readonly<Record<Role, OrgPath>> = {
  resident: { streetId: 's', communityId: 'c', gridId: 'g2', buildingId: 'b2', unitId: 'u2', householdId: 'h2' },
  helper: { streetId: 's', communityId: 'c', gridId: 'g2' },
  grid_worker: { streetId: 's', communityId: 'c', gridId: 'g2' },
  building_leader: { streetId: 's', communityId: 'c', gridId: 'g', buildingId: 'b2' },
  community_admin: { streetId: 's', communityId: 'c2' },
  street_admin: { streetId: 's2' },
}

/** An actor holding one role at `scope` (default: inside the tree above), or no grant at all. */
export function actorWith(role: Role | null, scope?: OrgPath): Actor {
  return { userId: 'x', grants: role ? [{ role, scope: scope ?? scopeOf[role] }] : [] }
}

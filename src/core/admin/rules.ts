import { AdminRoles, AllStaffRoles, grantsOver, holdsAt, holdsOver, sameGrant } from '../access'
import { isWithin, OrgLevels, type OrgLevel, type OrgPath } from '../org/model'
import { RoleScopeLevel, type Actor, type Role } from '../roles'

/**
 * Who may manage which part of the org tree, and who may grant which role where. Pure tables and
 * deciders; the functions (cloudfunctions/shared/repos/admin-*.ts) load the places and ask these.
 */

/** Levels an admin creates and renames (streets come with the deployment). */
export const ManagedLevels = ['community', 'grid', 'building', 'unit'] as const
export type ManagedLevel = (typeof ManagedLevels)[number]

/**
 * Who creates and renames nodes of each level. The node (or, for a create, its parent) must lie
 * inside the grant's scope: a community admin manages the grids, buildings and units of their own
 * community; communities are created by the street above them.
 */
export const ManagedBy: Readonly<Record<ManagedLevel, readonly Role[]>> = {
  community: ['street_admin'],
  grid: ['community_admin', 'street_admin'],
  building: ['community_admin', 'street_admin'],
  unit: ['community_admin', 'street_admin'],
}

/** Who changes a node's settings (within scope): a community's join policy, a grid's boundary and contacts. */
export const SettingsBy: Readonly<Record<'joinPolicy' | 'boundary' | 'contacts', readonly Role[]>> = {
  joinPolicy: ['community_admin', 'street_admin'],
  boundary: ['community_admin', 'street_admin'],
  contacts: ['community_admin', 'street_admin'],
}

/** Who browses the tree with its admin details (org.children). */
export const BrowseRoles: readonly Role[] = AdminRoles

/**
 * Who grants (and revokes) each role: the level above. `resident` comes only from joining a
 * household, never from a grant. The grant's scope must lie inside the granter's scope.
 */
export const GrantableBy: Readonly<Record<Role, readonly Role[]>> = {
  resident: [],
  helper: ['grid_worker', 'community_admin', 'street_admin'],
  grid_worker: ['community_admin', 'street_admin'],
  building_leader: ['grid_worker', 'community_admin', 'street_admin'],
  // The grid's residents' council (and its party branch secretary): recorded by the community,
  // as grid workers are; a grid worker does not appoint the council that works beside them.
  council_member: ['community_admin', 'street_admin'],
  community_admin: ['street_admin'],
  street_admin: ['street_admin'],
}

/** Roles that can be granted at all (everything but resident). */
export const GrantableRoles = (Object.keys(GrantableBy) as Role[]).filter((r) => GrantableBy[r].length > 0)

/** Who sees the people of a place with their full contact data (staff.list), within their scope. */
export const StaffViewers: readonly Role[] = AllStaffRoles

const PATH_KEYS = ['streetId', 'communityId', 'gridId', 'buildingId', 'unitId', 'householdId'] as const

/** The level a path points at (its deepest id), or null when it is malformed (a gap above a set id). */
export function levelOfPath(path: OrgPath): OrgLevel | null {
  let depth = -1
  for (const [i, key] of PATH_KEYS.entries()) {
    const id = path[key]
    if (id === undefined || id === '') continue
    if (depth !== i - 1) return null
    depth = i
  }
  return depth < 0 ? null : (OrgLevels[depth] ?? null)
}

/** Create (path = the parent's) or rename (path = the node's own) a node of `level`. */
export function mayManage(actor: Actor, level: ManagedLevel, path: OrgPath): boolean {
  return holdsOver(actor, ManagedBy[level], path)
}

/** Two places overlap when one lies inside the other. */
export function overlaps(a: OrgPath, b: OrgPath): boolean {
  return isWithin(a, b) || isWithin(b, a)
}

/**
 * May the actor list the children of `parent`? Admins browse inside their scope and down to it
 * from above (a community admin lists the street's communities and sees only their own). The same
 * test on each child says which children are shown.
 */
export function mayBrowse(actor: Actor, parent: OrgPath): boolean {
  return holdsAt(actor, BrowseRoles, parent)
}

export type GrantProblem = 'not_grantable' | 'wrong_level' | 'out_of_scope'

/**
 * Why the actor may not grant (or revoke) `role` at `scope`, or null when they may:
 * - `not_grantable`: none of the actor's roles grants this role (resident: nobody);
 * - `wrong_level`: the scope is not a place at the role's level (RoleScopeLevel);
 * - `out_of_scope`: the scope does not lie inside a scope where the actor holds a granting role.
 */
export function grantProblem(actor: Actor, role: Role, scope: OrgPath): GrantProblem | null {
  const granters = GrantableBy[role]
  if (granters.length === 0 || !holdsOver(actor, granters)) return 'not_grantable'
  if (levelOfPath(scope) !== RoleScopeLevel[role]) return 'wrong_level'
  return holdsOver(actor, granters, scope) ? null : 'out_of_scope'
}

export function mayGrant(actor: Actor, role: Role, scope: OrgPath): boolean {
  return grantProblem(actor, role, scope) === null
}

/**
 * Revoking the caller's own last admin grant would leave the place without the person managing it
 * right now (and them locked out): refused. Someone above revokes it instead.
 */
export function revokesOwnLastAdmin(
  actor: Actor,
  targetUserId: string,
  targetGrants: readonly { role: Role; scope: OrgPath }[],
  revoking: { role: Role; scope: OrgPath },
): boolean {
  if (targetUserId !== actor.userId || !AdminRoles.includes(revoking.role)) return false
  const remaining = grantsOver({ grants: targetGrants }, AdminRoles).filter((g) => !sameGrant(g, revoking))
  return remaining.length === 0 && targetGrants.some((g) => sameGrant(g, revoking))
}

/** May the actor list the people of `place` with full contact data? */
export function mayListStaff(actor: Actor, place: OrgPath): boolean {
  return holdsOver(actor, StaffViewers, place)
}

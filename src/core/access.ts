/**
 * The one access module: who holds which role over which place. Every "is this person staff /
 * admin / resident / handler of this place" question in the app and the functions is asked here;
 * role groups are defined once, below. Nothing outside this file scans grants by role
 * (`test/core/access.test.ts` greps for it).
 *
 * Two relations between a grant and a place:
 * - **over**: the grant's scope contains the place (a community admin is over every grid of their
 *   community; a grid worker is over the buildings of their grid);
 * - **within**: the grant's scope lies inside the place (the grid workers of a community's grids,
 *   the residents of a grid).
 *
 * A place may be given as a whole path or by its ids alone (`{ communityId }`): ids are unique, so
 * the ids a place sets are all that is compared. A place that sets no id matches nothing.
 */
import type { OrgLevel, OrgPath } from './org/model'
import { Roles, type Role, type RoleGrant } from './roles'

// ── Role groups (the only definitions) ──

/** Staff who handle work orders at some tier: grid workers, community and street admins. */
export const StaffRoles = [
  'grid_worker',
  'community_admin',
  'street_admin',
] as const satisfies readonly Role[]
export type StaffRole = (typeof StaffRoles)[number]

/** Admins: they manage the tree, settings and catalogues of their community or street. */
export const AdminRoles: readonly Role[] = ['community_admin', 'street_admin']

/**
 * Staff who run a community's daily services (activities, the love supermarket, errand disputes):
 * its community admins and the grid workers of its grids.
 */
export const CommunityStaffRoles: readonly Role[] = ['grid_worker', 'community_admin']

/** Every role a person is granted for work (all but `resident`, which comes from a household). */
export const GrantedRoles: readonly Role[] = Roles.filter((r) => r !== 'resident')

/**
 * The grid's residents' council (居民议事会, with the grid party branch secretary among them): they
 * put topics on the agenda, decide and open votes, and run meetings of their grid's topics. Not
 * staff: no power outside deliberation.
 */
export const CouncilRoles: readonly Role[] = ['council_member']

/** Every staff role (not residents, not helpers, not the council): they see the people of their place. */
export const AllStaffRoles: readonly Role[] = [
  'grid_worker',
  'building_leader',
  'community_admin',
  'street_admin',
]

// ── Places ──

/** A place in the tree as a caller knows it: a whole path, or just the ids it has. */
export type Place = Readonly<Partial<OrgPath>>

/** Anyone holding grants: the caller (`Actor`), a stored user record, or just the grants (a profile's roles). */
export type Holder = { readonly grants: readonly RoleGrant[] } | readonly RoleGrant[]

// Records read back from the store may lack `grants` (a user who never joined): treated as none.
const grantsOf = (h: Holder): readonly RoleGrant[] => ('grants' in h ? (h.grants ?? []) : h)

const PATH_KEYS = ['streetId', 'communityId', 'gridId', 'buildingId', 'unitId', 'householdId'] as const

/** The id keys of the path at and above each level. */
const LEVEL_KEY: Readonly<Record<OrgLevel, (typeof PATH_KEYS)[number]>> = {
  street: 'streetId',
  community: 'communityId',
  grid: 'gridId',
  building: 'buildingId',
  unit: 'unitId',
  household: 'householdId',
}

/**
 * Does `inner` lie inside `outer`? Every id `outer` sets, `inner` has too; an empty `outer` holds nothing.
 * So "over" questions (is a grant's scope around this place?) need the place's whole path, while
 * "within" questions (is the grant inside this place?) need only the place's own id.
 */
export function inside(inner: Place, outer: Place): boolean {
  let any = false
  for (const key of PATH_KEYS) {
    const o = outer[key]
    if (o === undefined || o === '') continue
    if (inner[key] !== o) return false
    any = true
  }
  return any
}

const asList = (roles: Role | readonly Role[]): readonly Role[] =>
  typeof roles === 'string' ? [roles] : roles

// ── Queries ──

/** Grants of `roles` over `place` (scope contains it); over anything when `place` is omitted. */
export function grantsOver(h: Holder, roles: Role | readonly Role[], place?: Place): RoleGrant[] {
  const list = asList(roles)
  return grantsOf(h).filter((g) => list.includes(g.role) && (place === undefined || inside(place, g.scope)))
}

/** Does `h` hold one of `roles` over `place` (anywhere, when `place` is omitted)? */
export function holdsOver(h: Holder, roles: Role | readonly Role[], place?: Place): boolean {
  return grantsOver(h, roles, place).length > 0
}

/** The first grant of `roles` over `place`, in the order the grants are stored. */
export function grantOver(h: Holder, roles: Role | readonly Role[], place?: Place): RoleGrant | undefined {
  return grantsOver(h, roles, place)[0]
}

/** The widest role a resident would know `h` by, anywhere (street admin first); null for none. */
export function principalRole(h: Holder): Role | null {
  const order: readonly Role[] = [
    'street_admin',
    'community_admin',
    'grid_worker',
    'building_leader',
    'helper',
  ]
  return order.find((r) => holdsOver(h, r)) ?? null
}

/** Grants of `roles` whose scope lies inside `place` (e.g. the grid workers of a community's grids). */
export function grantsWithin(h: Holder, roles: Role | readonly Role[], place: Place): RoleGrant[] {
  const list = asList(roles)
  return grantsOf(h).filter((g) => list.includes(g.role) && inside(g.scope, place))
}

/** Does `h` hold one of `roles` somewhere inside `place`? */
export function holdsWithin(h: Holder, roles: Role | readonly Role[], place: Place): boolean {
  return grantsWithin(h, roles, place).length > 0
}

/** Does `h` hold one of `roles` over `place` or inside it (the two places overlap)? */
export function holdsAt(h: Holder, roles: Role | readonly Role[], place: Place): boolean {
  return holdsOver(h, roles, place) || holdsWithin(h, roles, place)
}

/** The distinct ids, at `level`, of the places where `h` holds one of `roles` (grants above it have none). */
export function placeIds(h: Holder, roles: Role | readonly Role[], level: OrgLevel): string[] {
  const key = LEVEL_KEY[level]
  const ids = grantsOver(h, roles)
    .map((g) => g.scope[key])
    .filter((id): id is string => typeof id === 'string' && id !== '')
  return [...new Set(ids)]
}

/** The grants of `h` without those of `roles` (e.g. a person's grants less their household). */
export function grantsExcept(h: Holder, roles: Role | readonly Role[]): RoleGrant[] {
  const list = asList(roles)
  return grantsOf(h).filter((g) => !list.includes(g.role))
}

// ── Named questions ──

/** The household a person lives in (their resident grant's scope), or null. */
export function homeOf(h: Holder): OrgPath | null {
  return grantOver(h, 'resident')?.scope ?? null
}

/** The community a person lives in, or null. */
export function homeCommunity(h: Holder): string | null {
  return homeOf(h)?.communityId ?? null
}

/** Does the person live inside `place` (a household of it)? */
export function isResidentOf(h: Holder, place: Place): boolean {
  return holdsWithin(h, 'resident', place)
}

/** Order staff over `place`: they see everything about what happens there. */
export function isStaffOver(h: Holder, place: Place): boolean {
  return holdsOver(h, StaffRoles, place)
}

/** A member of this grid's council (议事会成员). */
export function isCouncilOf(h: Holder, gridId: string): boolean {
  return gridId !== '' && holdsWithin(h, CouncilRoles, { gridId })
}

/** The grids whose council `h` sits on. */
export function councilGrids(h: Holder): string[] {
  return placeIds(h, CouncilRoles, 'grid')
}

/** A community admin of this community (not the street above it). */
export function isAdminOf(h: Holder, communityId: string): boolean {
  return holdsWithin(h, 'community_admin', { communityId })
}

/** Community staff of this community: its community admins and the grid workers of its grids. */
export function isCommunityStaff(h: Holder, communityId: string): boolean {
  return holdsWithin(h, CommunityStaffRoles, { communityId })
}

/** The staff role label for someone acting on `place`: the most local staff role they hold over it. */
export function staffRoleOver(h: Holder, place: Place): StaffRole | null {
  return StaffRoles.find((r) => holdsOver(h, r, place)) ?? null
}

// ── Single grants ──

/** Is this grant one of `roles`? */
export function grantIs(g: RoleGrant, roles: Role | readonly Role[]): boolean {
  return asList(roles).includes(g.role)
}

/** Same role at the same place: a second grant of it is the same grant. */
export function sameGrant(a: RoleGrant, b: RoleGrant): boolean {
  return a.role === b.role && PATH_KEYS.every((k) => (a.scope[k] ?? '') === (b.scope[k] ?? ''))
}

/** Does `h` hold exactly this grant? */
export function hasGrant(h: Holder, grant: RoleGrant): boolean {
  return grantsOf(h).some((g) => sameGrant(g, grant))
}

/** The grant of `h` that is this one (same role, same place), as held: with its title. */
export function heldGrant(h: Holder, grant: RoleGrant): RoleGrant | undefined {
  return grantsOf(h).find((g) => sameGrant(g, grant))
}

/** The grants of `h` with `grant` added, or put in place of the same grant held (a title changed). */
export function withGrant(h: Holder, grant: RoleGrant): RoleGrant[] {
  const list = grantsOf(h)
  return heldGrant(list, grant) ? list.map((g) => (sameGrant(g, grant) ? grant : g)) : [...list, grant]
}

/** The grants of `h` without this one. */
export function withoutGrant(h: Holder, grant: RoleGrant): RoleGrant[] {
  return grantsOf(h).filter((g) => !sameGrant(g, grant))
}

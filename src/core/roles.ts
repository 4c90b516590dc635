import type { OrgLevel, OrgPath } from './org/model'

/** Everyone in the app holds zero or more of these, each scoped to a subtree of the org tree. */
export const Roles = [
  'resident',
  'helper',
  'grid_worker',
  'building_leader',
  'council_member',
  'community_admin',
  'street_admin',
] as const
export type Role = (typeof Roles)[number]

/** The level of the tree a grant of each role is scoped to. */
export const RoleScopeLevel: Readonly<Record<Role, OrgLevel>> = {
  resident: 'household',
  helper: 'grid',
  grid_worker: 'grid',
  building_leader: 'building',
  council_member: 'grid',
  community_admin: 'community',
  street_admin: 'street',
}

/** Chinese labels shown in the app. */
export const RoleLabel: Readonly<Record<Role, string>> = {
  resident: '居民',
  helper: '党员帮办/志愿者',
  grid_worker: '网格员',
  building_leader: '楼栋长',
  council_member: '议事会成员',
  community_admin: '社区管理员',
  street_admin: '街道管理员',
}

/**
 * A title a grant may carry, shown beside its role: the grid party branch secretary (网格党支部书记)
 * is a council member titled so. A title is a label, never a power: who may do what asks the role.
 */
export const GrantTitles = ['党支部书记'] as const
export type GrantTitle = (typeof GrantTitles)[number]

export interface RoleGrant {
  readonly role: Role
  readonly scope: OrgPath
  /** Only on a council member's grant (议事会成员 · 党支部书记); absent otherwise. */
  readonly title?: GrantTitle
}

/** The caller as the functions know them: identity from the platform, grants from the store. */
export interface Actor {
  /** Internal user id (never the OPENID, which stays server-side). */
  readonly userId: string
  readonly grants: readonly RoleGrant[]
}

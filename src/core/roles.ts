import type { OrgLevel, OrgPath } from './org/model'

/** Everyone in the app holds zero or more of these, each scoped to a subtree of the org tree. */
export const Roles = [
  'resident',
  'helper',
  'grid_worker',
  'building_leader',
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
  community_admin: 'community',
  street_admin: 'street',
}

/** Chinese labels shown in the app. */
export const RoleLabel: Readonly<Record<Role, string>> = {
  resident: '居民',
  helper: '党员帮办/志愿者',
  grid_worker: '网格员',
  building_leader: '楼栋长',
  community_admin: '社区管理员',
  street_admin: '街道管理员',
}

export interface RoleGrant {
  readonly role: Role
  readonly scope: OrgPath
}

/** The caller as the functions know them: identity from the platform, grants from the store. */
export interface Actor {
  /** Internal user id (never the OPENID, which stays server-side). */
  readonly userId: string
  readonly grants: readonly RoleGrant[]
}

import * as v from 'valibot'
import { defineAction } from '../contract/define'
import type { JoinPolicy, OrgPath, Polygon } from '../org/model'
import type { GrantTitle, Role } from '../roles'
import { boundaryProblems, openRing } from './boundary'
import { GrantableRoles, ManagedLevels } from './rules'

/** Org tree management, CSV import, assignments and role grants: the admin side of scan-to-join. */

export const AdminErrors = {
  /** A sibling already has this name (names are unique among siblings). */
  NAME_TAKEN: 'ORG.NAME_TAKEN',
  /** The CSV has bad lines; `details` has one `{ path: 'line N', message }` per line; nothing imported. */
  IMPORT_INVALID: 'ORG.IMPORT_INVALID',
  /** Revoking one's own last admin grant (someone above revokes it instead). */
  LAST_ADMIN: 'ROLE.LAST_ADMIN',
} as const

/** A person who is not an app user but is on the grid card (片区民警, 家庭医生). */
export interface OutsideContact {
  readonly name: string
  readonly phone: string
}

export interface CommunityItem {
  readonly level: 'community'
  readonly id: string
  readonly name: string
  readonly joinPolicy: JoinPolicy
}
export interface GridItem {
  readonly level: 'grid'
  readonly id: string
  readonly name: string
  readonly boundary: Polygon | null
  /** Display names of the grid's workers (there may be several, or none yet). */
  readonly workers: readonly string[]
  readonly police: OutsideContact | null
  readonly doctor: OutsideContact | null
}
export interface BuildingItem {
  readonly level: 'building'
  readonly id: string
  readonly name: string
  readonly leaders: readonly string[]
  readonly unitCount: number
}
export interface UnitItem {
  readonly level: 'unit'
  readonly id: string
  readonly name: string
}
/** A child in the admin's tree, with what the admin needs to see at that level. */
export type OrgItem = CommunityItem | GridItem | BuildingItem | UnitItem

export interface OrgNodeRef {
  readonly level: (typeof ManagedLevels)[number]
  readonly id: string
  readonly name: string
}

export interface ImportResult {
  readonly importId: string
  readonly buildings: number
  readonly units: number
}

/** A grant as the staff page shows it: the place by name, the path to revoke it. */
export interface StaffRole {
  readonly role: Role
  readonly scope: OrgPath
  readonly scopeName: string
  /** A council member's title (党支部书记); absent for any other grant. */
  readonly title?: GrantTitle
}

export interface StaffPerson {
  readonly userId: string
  readonly name: string
  /** Full number: staff of the person's subtree need it; every list is access-logged. */
  readonly phone: string | null
  readonly household: {
    readonly buildingName: string
    readonly unitName: string
    readonly room: string
  } | null
  /** Grants inside the listed place (a person's grants elsewhere are not the viewer's business). */
  readonly roles: readonly StaffRole[]
  /** Set for helpers: party member (党员) or volunteer. */
  readonly partyMember: boolean | null
}

export interface StaffPage {
  /** The place listed, so the page can name it and offer grants at it, above it and just below it. */
  readonly place: {
    readonly level: 'community' | 'grid' | 'building'
    readonly id: string
    readonly name: string
    readonly path: OrgPath
  }
  readonly items: readonly StaffPerson[]
  readonly nextCursor: string | null
}

export interface PersonRoles {
  readonly userId: string
  readonly roles: readonly StaffRole[]
}

export const STAFF_PAGE_SIZE = 50

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64))
/** Same rule as a join's: a client id that makes a retried create land once. */
const requestId = v.pipe(v.string(), v.regex(/^[0-9A-Za-z_-]{8,64}$/, 'bad request id'))
/** A place's name: 1–20 characters after trimming; no control characters or angle brackets. */
export const orgName = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, '请填写名称'),
  v.maxLength(20, '名称不超过 20 个字'),
  v.regex(/^[^\p{Cc}<>]+$/u, '名称不能包含特殊字符'),
)
const joinPolicy = v.picklist(['auto', 'grid_worker', 'building_leader'] as const)
/** [lng, lat][] GCJ-02, 3–200 points, a simple polygon (core/admin/boundary.ts). */
export const boundarySchema = v.pipe(
  v.array(v.tuple([v.number(), v.number()])),
  v.maxLength(201, '边界最多 200 个点'),
  v.check(
    (points) => boundaryProblems(points).length === 0,
    (issue) => boundaryProblems(issue.input as [number, number][]).join('；'),
  ),
  v.transform((points): Polygon => openRing(points)),
)
const person = v.strictObject({
  name: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, '请填写姓名'),
    v.maxLength(20, '姓名不超过 20 个字'),
    v.regex(/^[^\d\p{Cc}<>]+$/u, '姓名格式不正确'),
  ),
  phone: v.pipe(
    v.string(),
    v.trim(),
    v.regex(/^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '请填写手机号或带区号的座机号'),
  ),
})
const grantableRole = v.picklist(GrantableRoles as [Role, ...Role[]], '该身份不能授予')

export const adminActions = {
  /** Children of a node with their admin details, within the caller's scope, in natural order. */
  'org.children': defineAction<readonly OrgItem[]>()(
    v.strictObject({ level: v.picklist(ManagedLevels), parentId: id }),
  ),
  /**
   * Creates a community (under a street), grid (under a community, optional boundary), building
   * (under a grid) or unit (under a building). Idempotent on requestId; ORG.NAME_TAKEN among siblings.
   */
  'org.create': defineAction<OrgNodeRef>()(
    v.variant('level', [
      v.strictObject({
        requestId,
        level: v.literal('community'),
        parentId: id,
        name: orgName,
        joinPolicy: v.optional(joinPolicy),
      }),
      v.strictObject({
        requestId,
        level: v.literal('grid'),
        parentId: id,
        name: orgName,
        boundary: v.optional(boundarySchema),
      }),
      v.strictObject({ requestId, level: v.literal('building'), parentId: id, name: orgName }),
      v.strictObject({ requestId, level: v.literal('unit'), parentId: id, name: orgName }),
    ]),
  ),
  'org.rename': defineAction<OrgNodeRef>()(
    v.strictObject({ level: v.picklist(ManagedLevels), id, name: orgName }),
  ),
  /** A community's join policy, or a grid's boundary (null clears it). */
  'org.update': defineAction<OrgNodeRef>()(
    v.variant('level', [
      v.strictObject({ level: v.literal('community'), id, joinPolicy }),
      v.strictObject({ level: v.literal('grid'), id, boundary: v.nullable(boundarySchema) }),
    ]),
  ),
  /**
   * Bulk import of buildings (and their units) into a community's grids from CSV (columns in
   * core/org/building-import.ts). All or nothing: ORG.IMPORT_INVALID with per-line details; the
   * same CSV again is the same import (it finishes an interrupted one, never duplicates).
   */
  'org.import': defineAction<ImportResult>()(
    v.strictObject({
      communityId: id,
      csv: v.pipe(
        v.string(),
        v.minLength(1, '请粘贴 CSV 内容'),
        v.maxLength(200_000, 'CSV 太大，请分批导入'),
      ),
    }),
  ),
  /** A street's own name and district, by its street admin (streets themselves come with the deployment). */
  'org.street': defineAction<{ readonly id: string; readonly name: string; readonly district: string }>()(
    v.strictObject({ id, name: orgName, district: v.optional(orgName) }),
  ),
  /** The grid's area police officer and family doctor: omitted = unchanged, null = removed. */
  'org.contacts': defineAction<{
    readonly gridId: string
    readonly police: OutsideContact | null
    readonly doctor: OutsideContact | null
  }>()(
    v.strictObject({
      gridId: id,
      police: v.optional(v.nullable(person)),
      doctor: v.optional(v.nullable(person)),
    }),
  ),
  /**
   * Grants a role at a place (scopeId: the street/community/grid/building id at the role's level),
   * by the level above (core/admin/rules.ts GrantableBy). Idempotent. Helpers carry partyMember;
   * a council member `secretary` (the grid party branch secretary, 党支部书记: a title on the grant,
   * the same powers; omitted = unchanged). Granting again with another title changes the title.
   */
  'role.grant': defineAction<PersonRoles>()(
    v.strictObject({
      userId: id,
      role: grantableRole,
      scopeId: id,
      partyMember: v.optional(v.boolean()),
      secretary: v.optional(v.boolean()),
    }),
  ),
  /** Revokes a grant (idempotent); one's own last admin grant: ROLE.LAST_ADMIN. */
  'role.revoke': defineAction<PersonRoles>()(
    v.strictObject({ userId: id, role: grantableRole, scopeId: id }),
  ),
  /** People of a community/grid/building with roles, household and full phone; every call logged. */
  'staff.list': defineAction<StaffPage>()(v.strictObject({ scopeId: id, cursor: v.optional(id) })),
}

import {
  CouncilRoles,
  GrantedRoles,
  grantsWithin,
  grantIs,
  grantOver,
  heldGrant,
  holdsOver,
  withGrant,
  withoutGrant,
} from '../../../src/core/access'
import {
  AdminErrors,
  STAFF_PAGE_SIZE,
  type PersonRoles,
  type StaffPage,
  type StaffRole,
} from '../../../src/core/admin/api'
import { grantProblem, mayListStaff, revokesOwnLastAdmin } from '../../../src/core/admin/rules'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { UserRecord } from '../../../src/core/me/model'
import type { OrgPath } from '../../../src/core/org/model'
import {
  GrantTitles,
  Roles,
  RoleScopeLevel,
  type Actor,
  type Role,
  type RoleGrant,
} from '../../../src/core/roles'
import { db } from '../sdk'
import { getPlace, pathAt, type PlaceLevel } from './admin-places'
import { logAccess } from './access-log'
import { firstDoc, namesByIds } from './docs'

/** The grid party branch secretary's title on a council member's grant. */
const SECRETARY = GrantTitles[0]

/** Users as grants and the staff list see them. */
type PersonDoc = UserRecord & {
  readonly realName?: string
  readonly phone?: string | null
  readonly helper?: {
    readonly partyMember?: boolean
    readonly showParty?: boolean
    readonly skills?: readonly string[]
  }
}

/** A transaction as node-sdk hands it to `runTransaction`: single-document operations only. */
type Tx = { collection(name: string): ReturnType<ReturnType<typeof db>['collection']> }

const NAME_SOURCES: readonly [keyof OrgPath, string][] = [
  ['buildingId', 'buildings'],
  ['gridId', 'grids'],
  ['communityId', 'communities'],
  ['streetId', 'streets'],
]

interface Household {
  readonly buildingName: string
  readonly unitName: string
  readonly room: string
}

/** Names of the places these grants point at, looked up in one query per collection. */
async function placeNames(grants: readonly RoleGrant[]) {
  const ids = (key: keyof OrgPath) => grants.map((g) => g.scope[key]).filter((x): x is string => !!x)
  const [names, units, rooms] = await Promise.all([
    Promise.all(NAME_SOURCES.map(([key, coll]) => namesByIds(coll, ids(key)))),
    namesByIds('units', ids('unitId')),
    roomsOf(ids('householdId')),
  ])
  const household = (g: RoleGrant): Household | null =>
    grantIs(g, 'resident') && g.scope.householdId
      ? {
          buildingName: names[0]?.get(g.scope.buildingId ?? '') ?? '',
          unitName: units.get(g.scope.unitId ?? '') ?? '',
          room: rooms.get(g.scope.householdId) ?? '',
        }
      : null
  const place = (g: RoleGrant): string => {
    const home = household(g)
    if (home) return `${home.buildingName}${home.unitName} ${home.room}`.trim()
    for (const [i, [key]] of NAME_SOURCES.entries()) {
      const id = g.scope[key]
      if (id) return names[i]?.get(id) ?? id
    }
    return ''
  }
  return {
    household,
    named: (list: readonly RoleGrant[]): StaffRole[] =>
      list.map((g) => ({
        role: g.role,
        scope: g.scope,
        scopeName: place(g),
        ...(g.title ? { title: g.title } : {}),
      })),
  }
}

/** Grants with the name of their place; a resident's place is their flat (building, unit, room). */
async function named(grants: readonly RoleGrant[]): Promise<StaffRole[]> {
  return (await placeNames(grants)).named(grants)
}

async function roomsOf(householdIds: readonly string[]): Promise<Map<string, string>> {
  if (householdIds.length === 0) return new Map()
  const res = await db()
    .collection('households')
    .where({ _id: db().command.in([...new Set(householdIds)]) })
    .field({ room: true })
    .limit(householdIds.length)
    .get()
  return new Map((res.data as { _id: string; room: string }[]).map((h) => [h._id, h.room]))
}

/** Grants the actor may see: those at or below a place where the actor holds any role. */
function visibleTo(actor: Actor, grants: readonly RoleGrant[]): RoleGrant[] {
  return grants.filter((g) => holdsOver(actor, GrantedRoles, g.scope))
}

const LEVEL_FOR: Partial<Record<string, PlaceLevel>> = {
  street: 'street',
  community: 'community',
  grid: 'grid',
  building: 'building',
}

/** The grant's scope: the place `scopeId` at the role's level, checked against the granter's scope. */
async function grantScope(actor: Actor, role: Role, scopeId: string): Promise<OrgPath> {
  const level = LEVEL_FOR[RoleScopeLevel[role]]
  if (!level) throw new DomainError(CommonErrorCodes.FORBIDDEN, '该身份不能授予')
  const place = await getPlace(level, scopeId)
  if (!place) throw new DomainError(CommonErrorCodes.NOT_FOUND, '所选地点不存在')
  const scope = pathAt(level, place)
  const problem = grantProblem(actor, role, scope)
  if (problem === 'wrong_level') throw new DomainError(CommonErrorCodes.INVALID_INPUT, '地点与身份的层级不符')
  if (problem) throw new DomainError(CommonErrorCodes.FORBIDDEN, '只能在本人管理范围内授予下一级身份')
  return scope
}

async function readPerson(tx: Tx, userId: string): Promise<PersonDoc> {
  const user = firstDoc<PersonDoc>((await tx.collection('users').doc(userId).get()).data)
  if (!user) throw new DomainError(CommonErrorCodes.NOT_FOUND, '用户不存在')
  return user
}

/**
 * role.grant: idempotent; a helper grant sets partyMember and creates the helper profile if missing;
 * a council member's grant carries the secretary's title when asked (omitted: as it was).
 */
export async function grant(
  actor: Actor,
  input: { userId: string; role: Role; scopeId: string; partyMember?: boolean; secretary?: boolean },
  now: Date,
): Promise<PersonRoles> {
  const scope = await grantScope(actor, input.role, input.scopeId)
  const grants: readonly RoleGrant[] = await db().runTransaction(async (tx: Tx) => {
    const user = await readPerson(tx, input.userId)
    const wanted = titled(
      { role: input.role, scope },
      input.secretary,
      heldGrant(user, { role: input.role, scope }),
    )
    const next = withGrant(user, wanted)
    const patch: Record<string, unknown> = {}
    if (JSON.stringify(next) !== JSON.stringify(user.grants))
      Object.assign(patch, { grants: next, grantsChangedAt: now })
    if (
      input.role === 'helper' &&
      (!user.helper || (input.partyMember !== undefined && user.helper.partyMember !== input.partyMember))
    ) {
      patch.helper = db().command.set({
        partyMember: input.partyMember ?? user.helper?.partyMember ?? false,
        showParty: user.helper?.showParty ?? false,
        skills: [...(user.helper?.skills ?? [])],
      })
    }
    if (Object.keys(patch).length > 0) await tx.collection('users').doc(input.userId).update(patch)
    return next
  })
  return { userId: input.userId, roles: await named(visibleTo(actor, grants)) }
}

/** A council member's grant with the secretary's title as asked (undefined: as held); any other grant as is. */
function titled(g: RoleGrant, secretary: boolean | undefined, held: RoleGrant | undefined): RoleGrant {
  if (!grantIs(g, CouncilRoles)) return g
  const title = secretary === undefined ? held?.title : secretary ? SECRETARY : undefined
  return title ? { ...g, title } : g
}

/** role.revoke: idempotent; refuses to take away the caller's own last admin grant. */
export async function revoke(
  actor: Actor,
  input: { userId: string; role: Role; scopeId: string },
  now: Date,
): Promise<PersonRoles> {
  const scope = await grantScope(actor, input.role, input.scopeId)
  const gone: RoleGrant = { role: input.role, scope }
  const grants: readonly RoleGrant[] = await db().runTransaction(async (tx: Tx) => {
    const user = await readPerson(tx, input.userId)
    if (revokesOwnLastAdmin(actor, user._id, user.grants, gone)) {
      throw new DomainError(AdminErrors.LAST_ADMIN, '不能撤销自己唯一的管理员身份，请由上级撤销')
    }
    const next = withoutGrant(user, gone)
    if (next.length !== user.grants.length) {
      await tx.collection('users').doc(input.userId).update({ grants: next, grantsChangedAt: now })
    }
    return next
  })
  return { userId: input.userId, roles: await named(visibleTo(actor, grants)) }
}

const PLACE_KEY = { community: 'communityId', grid: 'gridId', building: 'buildingId' } as const

/** The place a staff list is for: a community, grid or building id. */
async function staffPlace(scopeId: string): Promise<StaffPage['place'] | null> {
  const levels = ['grid', 'building', 'community'] as const
  const found = await Promise.all(levels.map((l) => getPlace(l, scopeId)))
  const i = found.findIndex((p) => p !== null)
  const level = levels[i]
  const place = found[i]
  return level && place ? { level, id: place._id, name: place.name, path: pathAt(level, place) } : null
}

/**
 * staff.list: the people of a place (anyone with a grant inside it) with roles, household and full
 * phone, 50 at a time by _id. Every call, allowed or refused, writes one access log entry.
 */
export async function listStaff(
  actor: Actor,
  scopeId: string,
  cursor: string | undefined,
  requestId: string,
  now: Date,
): Promise<StaffPage> {
  const place = await staffPlace(scopeId)
  const allowed = place !== null && mayListStaff(actor, place.path)
  const log = (people: readonly string[]) =>
    logAccess({
      actorId: actor.userId,
      action: 'staff.list',
      subject: scopeId,
      people,
      allowed,
      requestId,
      at: now,
    })
  if (!place || !allowed) {
    await log([])
    if (!place) throw new DomainError(CommonErrorCodes.NOT_FOUND, '没有找到这个地方')
    throw new DomainError(CommonErrorCodes.FORBIDDEN, '只能查看本人负责范围内的居民')
  }
  const _ = db().command
  const key = `grants.scope.${PLACE_KEY[place.level]}`
  const res = await db()
    .collection('users')
    .where(cursor ? { [key]: scopeId, _id: _.gt(cursor) } : { [key]: scopeId })
    .orderBy('_id', 'asc')
    .limit(STAFF_PAGE_SIZE + 1)
    .get()
  const rows = res.data as PersonDoc[]
  const page = rows.slice(0, STAFF_PAGE_SIZE)
  // Logged before answering: who was shown to whom (each resident sees it in 我的个人信息).
  await log(page.map((p) => p._id))
  const inside = page.map((p) => grantsWithin(p, Roles, place.path))
  const names = await placeNames(inside.flat())
  const items = page.map((p, i) => {
    const mine = inside[i] ?? []
    const home = grantOver(mine, 'resident')
    return {
      userId: p._id,
      name: p.realName ?? p.displayName,
      phone: p.phone ?? null,
      household: home ? names.household(home) : null,
      roles: names.named(mine),
      partyMember: holdsOver(p, 'helper') ? (p.helper?.partyMember ?? false) : null,
    }
  })
  return {
    place,
    items,
    nextCursor: rows.length > STAFF_PAGE_SIZE ? (page[page.length - 1]?._id ?? null) : null,
  }
}

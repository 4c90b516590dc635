import { AdminErrors, type OrgItem, type OrgNodeRef, type OutsideContact } from '../../../src/core/admin/api'
import { holdsOver, holdsWithin } from '../../../src/core/access'
import { mayBrowse, mayManage, SettingsBy, type ManagedLevel } from '../../../src/core/admin/rules'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { UserRecord } from '../../../src/core/me/model'
import type { JoinPolicy, Polygon } from '../../../src/core/org/model'
import type { Actor, Role } from '../../../src/core/roles'
import { db } from '../sdk'
import {
  ancestorFields,
  byName,
  getPlace,
  isDuplicateKey,
  pathAt,
  Place,
  stableHash,
  type PlaceDoc,
  type PlaceLevel,
} from './admin-places'
import { firstDoc } from './docs'

/** The most children one level shows (a grid has 10–40 buildings, a building a handful of units). */
const CHILDREN_LIMIT = 500

type NodeDoc = PlaceDoc & {
  readonly joinPolicy?: JoinPolicy
  readonly boundary?: Polygon | null
  readonly contacts?: { readonly police?: OutsideContact | null; readonly doctor?: OutsideContact | null }
}

const notFound = () => new DomainError(CommonErrorCodes.NOT_FOUND, '该地点不存在')
const forbidden = () => new DomainError(CommonErrorCodes.FORBIDDEN, '超出您的管理范围')
const nameTaken = (name: string) => new DomainError(AdminErrors.NAME_TAKEN, `同一上级下已有“${name}”`)

function parentLevelOf(level: ManagedLevel): PlaceLevel {
  return Place[level].parentLevel
}

async function parentOf(level: ManagedLevel, parentId: string): Promise<PlaceDoc> {
  const parent = await getPlace(parentLevelOf(level), parentId)
  if (!parent) throw notFound()
  return parent
}

async function siblingNamed(level: ManagedLevel, parentId: string, name: string): Promise<NodeDoc | null> {
  const res = await db()
    .collection(Place[level].collection)
    .where({ [Place[level].parentKey]: parentId, name })
    .limit(1)
    .get()
  return firstDoc<NodeDoc>(res.data)
}

const personName = (u: UserRecord & { realName?: string }) => u.realName ?? u.displayName

/** Users holding `role` with a scope in one of these grids (one indexed query). */
async function holders(
  gridIds: readonly string[],
  role: 'grid_worker' | 'building_leader',
): Promise<(UserRecord & { realName?: string })[]> {
  if (gridIds.length === 0) return []
  const _ = db().command
  const res = await db()
    .collection('users')
    .where({ grants: _.elemMatch({ 'scope.gridId': _.in([...gridIds]), role }) })
    .field({ displayName: true, realName: true, grants: true })
    .limit(1000)
    .get()
  return res.data as (UserRecord & { realName?: string })[]
}

/** org.children: the children of a node the caller may see, with what an admin needs at that level. */
export async function children(actor: Actor, level: ManagedLevel, parentId: string): Promise<OrgItem[]> {
  const parent = await parentOf(level, parentId)
  if (!mayBrowse(actor, pathAt(parentLevelOf(level), parent))) throw forbidden()
  const res = await db()
    .collection(Place[level].collection)
    .where({ [Place[level].parentKey]: parentId })
    .limit(CHILDREN_LIMIT)
    .get()
  const docs = (res.data as NodeDoc[]).filter((d) => mayBrowse(actor, pathAt(level, d))).sort(byName)
  switch (level) {
    case 'community':
      return docs.map((d) => ({ level, id: d._id, name: d.name, joinPolicy: d.joinPolicy ?? 'grid_worker' }))
    case 'grid': {
      const workers = await holders(
        docs.map((d) => d._id),
        'grid_worker',
      )
      return docs.map((d) => ({
        level,
        id: d._id,
        name: d.name,
        boundary: d.boundary ?? null,
        workers: workers.filter((u) => holdsWithin(u, 'grid_worker', { gridId: d._id })).map(personName),
        police: d.contacts?.police ?? null,
        doctor: d.contacts?.doctor ?? null,
      }))
    }
    case 'building': {
      const _ = db().command
      const ids = docs.map((d) => d._id)
      const [leaders, units] = await Promise.all([
        holders([parentId], 'building_leader'),
        ids.length === 0
          ? Promise.resolve({ data: [] })
          : db()
              .collection('units')
              .where({ buildingId: _.in(ids) })
              .field({ buildingId: true })
              .limit(1000)
              .get(),
      ])
      const unitCount = new Map<string, number>()
      for (const u of units.data as { buildingId: string }[])
        unitCount.set(u.buildingId, (unitCount.get(u.buildingId) ?? 0) + 1)
      return docs.map((d) => ({
        level,
        id: d._id,
        name: d.name,
        leaders: leaders
          .filter((u) => holdsWithin(u, 'building_leader', { buildingId: d._id }))
          .map(personName),
        unitCount: unitCount.get(d._id) ?? 0,
      }))
    }
    case 'unit':
      return docs.map((d) => ({ level, id: d._id, name: d.name }))
  }
}

type CreateInput =
  | { requestId: string; level: 'community'; parentId: string; name: string; joinPolicy?: JoinPolicy }
  | { requestId: string; level: 'grid'; parentId: string; name: string; boundary?: Polygon }
  | { requestId: string; level: 'building' | 'unit'; parentId: string; name: string }

/** The id of a created node: from its parent and the client's request id, so a retry finds it. */
export function createdIdFor(level: ManagedLevel, parentId: string, requestId: string): string {
  return `${Place[level].prefix}-${stableHash(level, parentId, requestId).slice(0, 16)}`
}

/** org.create */
export async function create(actor: Actor, input: CreateInput, now: Date): Promise<OrgNodeRef> {
  const { level, parentId, name } = input
  const parent = await parentOf(level, parentId)
  if (!mayManage(actor, level, pathAt(parentLevelOf(level), parent))) throw forbidden()
  const id = createdIdFor(level, parentId, input.requestId)
  const collection = Place[level].collection
  const mine = async () => {
    const again = await getPlace(level, id)
    return again ? { level, id, name: again.name } : null
  }
  const retried = await mine()
  if (retried) return retried
  if (await siblingNamed(level, parentId, name)) throw nameTaken(name)
  const body: Record<string, unknown> = {
    level,
    name,
    ...ancestorFields(parentLevelOf(level), parent),
    createdBy: actor.userId,
    createdAt: now,
  }
  if (input.level === 'community') body.joinPolicy = input.joinPolicy ?? 'grid_worker'
  if (input.level === 'grid' && input.boundary) body.boundary = input.boundary
  try {
    await db().collection(collection).doc(id).set(body)
  } catch (err) {
    // The unique (parent, name) index: a racing create of the same name won, unless it was our own retry.
    if (!isDuplicateKey(err)) throw err
    const raced = await mine()
    if (raced) return raced
    throw nameTaken(name)
  }
  return { level, id, name }
}

async function managedNode(
  actor: Actor,
  level: ManagedLevel,
  id: string,
  roles?: readonly Role[],
): Promise<NodeDoc> {
  const doc = (await getPlace(level, id)) as NodeDoc | null
  if (!doc) throw notFound()
  const path = pathAt(level, doc)
  const allowed = roles ? holdsOver(actor, roles, path) : mayManage(actor, level, path)
  if (!allowed) throw forbidden()
  return doc
}

/** org.rename: unique among siblings. */
export async function rename(
  actor: Actor,
  level: ManagedLevel,
  id: string,
  name: string,
): Promise<OrgNodeRef> {
  const doc = await managedNode(actor, level, id)
  if (doc.name === name) return { level, id, name }
  const parentId = (doc as unknown as Record<string, string>)[Place[level].parentKey] ?? ''
  const other = await siblingNamed(level, parentId, name)
  if (other && other._id !== id) throw nameTaken(name)
  try {
    await db().collection(Place[level].collection).doc(id).update({ name })
  } catch (err) {
    if (isDuplicateKey(err)) throw nameTaken(name)
    throw err
  }
  return { level, id, name }
}

/** org.update: a community's join policy or a grid's boundary (null removes it). */
export async function update(
  actor: Actor,
  input:
    | { level: 'community'; id: string; joinPolicy: JoinPolicy }
    | { level: 'grid'; id: string; boundary: Polygon | null },
): Promise<OrgNodeRef> {
  const _ = db().command
  if (input.level === 'community') {
    const doc = await managedNode(actor, 'community', input.id, SettingsBy.joinPolicy)
    await db().collection('communities').doc(input.id).update({ joinPolicy: input.joinPolicy })
    return { level: 'community', id: input.id, name: doc.name }
  }
  const doc = await managedNode(actor, 'grid', input.id, SettingsBy.boundary)
  await db()
    .collection('grids')
    .doc(input.id)
    .update({ boundary: input.boundary ? _.set(input.boundary.map((p) => [p[0], p[1]])) : _.remove() })
  return { level: 'grid', id: input.id, name: doc.name }
}

/** org.contacts: the grid's police officer and family doctor (read by the grid card, directory.ts). */
export async function setContacts(
  actor: Actor,
  input: { gridId: string; police?: OutsideContact | null; doctor?: OutsideContact | null },
): Promise<{ gridId: string; police: OutsideContact | null; doctor: OutsideContact | null }> {
  const _ = db().command
  await managedNode(actor, 'grid', input.gridId, SettingsBy.contacts)
  const patch: Record<string, unknown> = {}
  for (const key of ['police', 'doctor'] as const) {
    const value = input[key]
    if (value === undefined) continue
    patch[`contacts.${key}`] = value === null ? _.remove() : _.set({ name: value.name, phone: value.phone })
  }
  if (Object.keys(patch).length > 0) await db().collection('grids').doc(input.gridId).update(patch)
  const after = (await getPlace('grid', input.gridId)) as NodeDoc | null
  return {
    gridId: input.gridId,
    police: after?.contacts?.police ?? null,
    doctor: after?.contacts?.doctor ?? null,
  }
}

/** org.street: a street admin renames their own street or sets its district. */
export async function updateStreet(
  actor: Actor,
  input: { id: string; name: string; district?: string },
): Promise<{ id: string; name: string; district: string }> {
  if (!holdsOver(actor, ['street_admin'], { streetId: input.id })) {
    throw new DomainError(CommonErrorCodes.FORBIDDEN, '只能修改本街道的信息')
  }
  const res = await db().collection('streets').doc(input.id).get()
  const street = firstDoc<{ _id: string; name: string; district?: string }>(res.data)
  if (!street) throw new DomainError(CommonErrorCodes.NOT_FOUND, '街道不存在')
  const others = await db().collection('streets').where({ name: input.name }).limit(2).get()
  if ((others.data as { _id: string }[]).some((s) => s._id !== input.id)) throw nameTaken(input.name)
  const district = input.district ?? street.district ?? ''
  await db().collection('streets').doc(input.id).update({ name: input.name, district })
  return { id: input.id, name: input.name, district }
}

import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { Condition } from '../../../src/core/effects'
import { roomKey } from '../../../src/core/join/model'
import type { Household } from '../../../src/core/org/model'
import type { Tx } from '../tx'
import { db } from '../sdk'

/**
 * node-sdk answers `doc(id).get()` with `{ data: [doc] }`, and inside a transaction with
 * `{ data: doc }`; both mean "this document or nothing".
 */
export function firstDoc<T>(data: unknown): T | null {
  if (Array.isArray(data)) return data.length > 0 ? (data[0] as T) : null
  return data && typeof data === 'object' ? (data as T) : null
}

/** A core condition (src/core/effects.ts `Condition`) as a where-query: an array means "one of these". */
export function whereOf(condition: Condition): Record<string, unknown> {
  const _ = db().command
  return Object.fromEntries(Object.entries(condition).map(([k, v]) => [k, Array.isArray(v) ? _.in(v) : v]))
}

/**
 * The household at (unitId, room), rooms compared as stored (`roomKey`), or null — index
 * `households.unit_room_unique`. Households are found by their place, never by an id that carries
 * it (ADR 0016). A where-query: outside transactions.
 */
export async function householdAt(unitId: string, room: string): Promise<Household | null> {
  const res = await db()
    .collection('households')
    .where({ unitId, room: roomKey(room) })
    .limit(1)
    .get()
  return (res.data as Household[])[0] ?? null
}

/** `_id → name` for documents of one collection, in one query (lists show names, not ids). */
export async function namesByIds(collection: string, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const res = await db()
    .collection(collection)
    .where({ _id: db().command.in(unique) })
    .field({ name: true })
    .limit(unique.length)
    .get()
  return new Map((res.data as { _id: string; name: string }[]).map((d) => [d._id, d.name]))
}

const PLACE_COLLECTIONS = { grid: 'grids', building: 'buildings', unit: 'units' } as const
type PlaceLevel = keyof typeof PLACE_COLLECTIONS

/**
 * The names of the places on these paths, one query per level asked for (in parallel): e.g.
 * `placeNames(joins.map((j) => j.path), ['building', 'unit'])` → `names.building.get(id)`.
 */
export async function placeNames<L extends PlaceLevel>(
  paths: readonly { readonly gridId?: string; readonly buildingId?: string; readonly unitId?: string }[],
  levels: readonly L[],
): Promise<Record<L, Map<string, string>>> {
  const idOf = { grid: 'gridId', building: 'buildingId', unit: 'unitId' } as const
  const maps = await Promise.all(
    levels.map((l) =>
      namesByIds(
        PLACE_COLLECTIONS[l],
        paths.flatMap((p) => p[idOf[l]] ?? []),
      ),
    ),
  )
  return Object.fromEntries(levels.map((l, i) => [l, maps[i]])) as Record<L, Map<string, string>>
}

/** `userId → name` as staff see it (real name, else display name), in one query. */
export async function userNames(ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const res = await db()
    .collection('users')
    .where({ _id: db().command.in(unique) })
    .field({ realName: true, displayName: true })
    .limit(unique.length)
    .get()
  return new Map(
    (res.data as { _id: string; realName?: string; displayName: string }[]).map((u) => [
      u._id,
      u.realName ?? u.displayName,
    ]),
  )
}

export async function getDoc<T>(collection: string, id: string): Promise<T | null> {
  const res = await db().collection(collection).doc(id).get()
  return firstDoc<T>(res.data)
}

/** The document, or DATA.NOT_FOUND saying what is missing (`what`: 物品, 借用记录…). */
export async function getOrNotFound<T>(collection: string, id: string, what: string): Promise<T> {
  const doc = await getDoc<T>(collection, id)
  if (!doc) throw new DomainError(CommonErrorCodes.NOT_FOUND, `${what}不存在`)
  return doc
}

/** Inside a transaction: the document with its `_id`, or null. */
export async function txGet<T>(tx: Tx, collection: string, id: string): Promise<T | null> {
  const doc = firstDoc<T>((await tx.collection(collection).doc(id).get()).data)
  return doc ? ({ ...doc, _id: id } as T) : null
}

/** A record without its `_id`: what `doc(id).set()` writes. */
export function withoutId<T extends { _id: string }>(doc: T): Omit<T, '_id'> {
  const { _id, ...body } = doc
  void _id
  return body
}

/**
 * What the exports' builders share: the scope (its communities and grids, with their names), the
 * sheet a builder writes into with the cap, the keyset scan of a period and the residents named.
 */
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import { ExportErrors } from '../../../src/core/exports/errors'
import type { Period } from '../../../src/core/exports/period'
import {
  EXPORT_MAX_ROWS,
  tooManyRowsMessage,
  type PlaceNames,
  type Row,
} from '../../../src/core/exports/rows'
import { db } from '../sdk'
import type { SheetWriter } from '../xlsx'
import { pagesOf } from './paging'

/**
 * Documents per read. Small on purpose: a page's parsed answer then dies young (the young generation
 * is 2 MB, ADR 0018) instead of piling up in the old one; 500 a page peaked 24 MB higher at 10,000 rows.
 */
export const PAGE = 200

/** Where the file is about: one community, or a whole street. */
export interface ExportScope {
  readonly level: 'community' | 'street'
  readonly id: string
  readonly name: string
  readonly streetId: string
  /** The communities it covers (one, or every community of the street). */
  readonly communityIds: readonly string[]
  readonly places: PlaceNames
  /** The grids it covers, with their community. */
  readonly grids: readonly { readonly _id: string; readonly name: string; readonly communityId: string }[]
}

/** What a kind's builder writes into: the sheet (row by row) and the residents it names. */
export interface Out {
  readonly sheet: SheetWriter
  readonly people: Set<string>
  readonly scope: ExportScope
}

/** Writes a page's rows; past the cap (the count moved since it was taken) the export stops whole. */
export function write(out: Out, rows: readonly Row[]): void {
  for (const row of rows) out.sheet.add(row)
  if (out.sheet.rows > EXPORT_MAX_ROWS) throw tooMany(out.sheet.rows, out.scope)
}

const tooMany = (rows: number, scope: ExportScope) =>
  new DomainError(ExportErrors.TOO_MANY_ROWS, tooManyRowsMessage(rows, scope.level === 'street'), [
    { path: 'rows', message: String(rows) },
  ])

/** Refuses a count past the cap before anything is read. */
export function capped(count: number, scope: ExportScope): void {
  if (count > EXPORT_MAX_ROWS) throw tooMany(count, scope)
}

/** The scope as loaded: its communities and grids, with their names (two or three reads). */
export async function loadScope(
  level: 'community' | 'street',
  id: string,
  name: string,
): Promise<ExportScope> {
  let streetId = id
  let communities: { _id: string; name: string }[]
  if (level === 'community') {
    const c = (await db().collection('communities').doc(id).field({ name: true, streetId: true }).get())
      .data as { _id: string; name: string; streetId: string }[]
    const community = c[0]
    if (!community) throw new DomainError(CommonErrorCodes.NOT_FOUND, '社区不存在')
    streetId = community.streetId
    communities = [{ _id: id, name: community.name }]
  } else {
    communities = (
      await db().collection('communities').where({ streetId: id }).field({ name: true }).limit(1000).get()
    ).data as { _id: string; name: string }[]
  }
  const communityIds = communities.map((c) => c._id)
  const grids = (
    await db()
      .collection('grids')
      .where(level === 'community' ? { communityId: id } : { streetId: id })
      .field({ name: true, communityId: true })
      .limit(1000)
      .get()
  ).data as { _id: string; name: string; communityId: string }[]
  return {
    level,
    id,
    name,
    streetId,
    communityIds,
    grids,
    places: {
      communities: new Map(communities.map((c) => [c._id, c.name])),
      grids: new Map(grids.map((g) => [g._id, g.name])),
    },
  }
}

/** Display names of users by id, in chunks (one read per 500), remembered across pages. */
export async function namesInto(
  cache: Map<string, string>,
  ids: readonly (string | null | undefined)[],
): Promise<void> {
  const missing = [...new Set(ids.filter((i): i is string => !!i && !cache.has(i)))]
  const _ = db().command
  for (let i = 0; i < missing.length; i += PAGE) {
    const chunk = missing.slice(i, i + PAGE)
    const users = (
      await db()
        .collection('users')
        .where({ _id: _.in(chunk) })
        .field({ realName: true, displayName: true })
        .limit(chunk.length)
        .get()
    ).data as { _id: string; realName?: string; displayName?: string }[]
    for (const u of users) cache.set(u._id, u.realName ?? u.displayName ?? '')
    for (const id of chunk) if (!cache.has(id)) cache.set(id, '')
  }
}

/**
 * Every document of `where` whose `field` lies in the period, in keyset pages ordered by (field, _id),
 * each page handed out before the next is read.
 */
export function scan<T extends { _id: string }>(
  collection: string,
  where: object,
  field: keyof T & string,
  period: Period,
  dir: 'asc' | 'desc' = 'asc',
  fields?: Readonly<Record<string, true>>,
): AsyncGenerator<T[]> {
  const _ = db().command
  return pagesOf<T>(collection, [where, { [field]: _.and(_.gte(period.from), _.lt(period.until)) }], PAGE, {
    order: { field, dir },
    ...(fields ? { fields } : {}),
  })
}

/** A page's rows written, the residents they carry counted first. */
export function emit<T>(
  out: Out,
  docs: readonly T[],
  peopleOf: (doc: T) => readonly (string | null)[],
  rowOf: (doc: T) => Row,
): void {
  for (const d of docs) for (const p of peopleOf(d)) if (p) out.people.add(p)
  write(out, docs.map(rowOf))
}

export async function countOf(
  collection: string,
  where: object,
  field: string,
  period: Period,
): Promise<number> {
  const _ = db().command
  const res = await db()
    .collection(collection)
    .where(_.and([where, { [field]: _.and(_.gte(period.from), _.lt(period.until)) }]))
    .count()
  return res.total as number
}

/** The scope's condition on a collection that carries the org path (orders, errands). */
export const pathWhere = (scope: ExportScope) =>
  scope.level === 'community' ? { 'path.communityId': scope.id } : { 'path.streetId': scope.id }

/** The scope's condition on a collection that carries only the community. */
export const communityWhere = (scope: ExportScope) =>
  scope.level === 'community'
    ? { communityId: scope.id }
    : { communityId: db().command.in([...scope.communityIds]) }

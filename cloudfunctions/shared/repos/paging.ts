/**
 * Keyset paging over (a date field, `_id`): the cursor is `<ms>_<id>` of the last document shown,
 * so documents of the same millisecond are neither skipped nor repeated. Lists order by the field,
 * then `_id`, in the same direction.
 */
import { db } from '../sdk'

/** The cursor after `last` (its date field's value and id). */
export const timeCursor = (at: Date, id: string): string => `${new Date(at).getTime()}_${id}`

/** The condition for what comes after the cursor: {} for the first page or an unreadable cursor. */
export function afterTimeCursor(cursor: string | undefined, field: string, dir: 'asc' | 'desc'): object {
  if (!cursor) return {}
  const _ = db().command
  const cut = cursor.indexOf('_')
  const at = new Date(Number(cursor.slice(0, cut)))
  if (cut <= 0 || Number.isNaN(at.getTime())) return {}
  const id = cursor.slice(cut + 1)
  return _.or([
    { [field]: dir === 'asc' ? _.gt(at) : _.lt(at) },
    { [field]: at, _id: dir === 'asc' ? _.gt(id) : _.lt(id) },
  ])
}

/** The order of a keyset read: by a date field, then `_id`, in one direction. */
export interface PageOrder<T> {
  readonly field: keyof T & string
  readonly dir: 'asc' | 'desc'
}

/**
 * One page of a list: the documents matching `where` after `cursor`, in `order` (its field, then
 * `_id`), `size` of them, and the cursor of the page after it (null when this is the last; one
 * more than `size` is read to know).
 */
export async function pageAfter<T extends { _id: string }>(
  collection: string,
  where: object,
  order: PageOrder<T>,
  cursor: string | undefined,
  size: number,
): Promise<{ readonly rows: T[]; readonly cursor: string | null }> {
  const _ = db().command
  const docs = (
    await db()
      .collection(collection)
      .where(_.and([where, afterTimeCursor(cursor, order.field, order.dir)]))
      .orderBy(order.field, order.dir)
      .orderBy('_id', order.dir)
      .limit(size + 1)
      .get()
  ).data as T[]
  const rows = docs.slice(0, size)
  const last = rows[rows.length - 1]
  return {
    rows,
    cursor: docs.length > size && last ? timeCursor(last[order.field] as unknown as Date, last._id) : null,
  }
}

/**
 * The documents of `collection` matching every condition of `where`, one page of `size` at a time:
 * each page is handed out before the next is read, so a long read holds one page in memory. Keyset:
 * in `_id` order, or by `order` (its field, then `_id`). `fields`, if given, is the projection (the
 * order's field is added: the cursor needs it). The last page is the first shorter than `size`.
 */
export async function* pagesOf<T extends { _id: string }>(
  collection: string,
  where: readonly object[],
  size: number,
  options: { readonly order?: PageOrder<T>; readonly fields?: Readonly<Record<string, true>> } = {},
): AsyncGenerator<T[], void, undefined> {
  const _ = db().command
  const { order, fields } = options
  let after: object | null = null
  for (;;) {
    const conditions = after === null ? where : [...where, after]
    const query = db()
      .collection(collection)
      .where(conditions.length === 1 ? (conditions[0] ?? {}) : _.and([...conditions]))
    const projected = fields ? query.field({ ...fields, ...(order ? { [order.field]: true } : {}) }) : query
    const ordered = order
      ? projected.orderBy(order.field, order.dir).orderBy('_id', order.dir)
      : projected.orderBy('_id', 'asc')
    const docs = (await ordered.limit(size).get()).data as T[]
    yield docs
    const last = docs[docs.length - 1]
    if (docs.length < size || !last) return
    after = order
      ? afterTimeCursor(timeCursor(last[order.field] as unknown as Date, last._id), order.field, order.dir)
      : { _id: _.gt(last._id) }
  }
}

const ALL_PAGE = 1000

/**
 * Every document of `collection` matching `where`, read a page of 1,000 at a time in `_id` order
 * (keyset: each page after the last id), at most `maxPages` pages.
 */
export async function allById<T extends { _id: string }>(
  collection: string,
  where: object,
  maxPages = Infinity,
): Promise<T[]> {
  const out: T[] = []
  let pages = 0
  for await (const page of pagesOf<T>(collection, [where], ALL_PAGE)) {
    out.push(...page)
    pages += 1
    if (pages >= maxPages) break
  }
  return out
}

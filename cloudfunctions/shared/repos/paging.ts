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
  const _ = db().command
  const out: T[] = []
  let last: string | null = null
  for (let i = 0; i < maxPages; i += 1) {
    const page = (
      await db()
        .collection(collection)
        .where(last === null ? where : _.and([where, { _id: _.gt(last) }]))
        .orderBy('_id', 'asc')
        .limit(ALL_PAGE)
        .get()
    ).data as T[]
    out.push(...page)
    if (page.length < ALL_PAGE) break
    last = page[page.length - 1]?._id ?? null
  }
  return out
}

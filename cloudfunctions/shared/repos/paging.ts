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

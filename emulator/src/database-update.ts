import { update as mingoUpdate } from 'mingo/updater'
import type { AnyObject, Options } from 'mingo/types'
import { clone, isPlainObject, toEJSON, type Doc } from './ejson'
import { Codes, TcbError, invalidParam } from './errors'
import { MINGO_OPTS, context as mingoContext } from './mingo-context'
import { UPDATE_OPERATORS, assertSupported, assertStorable, mingoError } from './database-input'

/**
 * The new version of one document under an update (`merge`: operators, or fields to `$set`) or a
 * replacement (`merge: false`, `set()`), and whether anything changed. `old` is undefined for an
 * upsert; `query` supplies the positional `$` of array updates.
 */
export function applyUpdate(
  old: Doc | undefined,
  id: string,
  data: Doc,
  merge: boolean,
  query: Doc,
  now: number,
): { doc: Doc; changed: boolean } {
  const keys = Object.keys(data)
  const hasOps = keys.some((k) => k.startsWith('$'))
  if (!merge || !hasOps) {
    if (keys.some((k) => k.startsWith('$')))
      throw invalidParam('replacement document must not contain update operators')
    if (!merge) {
      const doc: Doc = { ...clone(data), _id: id }
      assertStorable(doc, '')
      return { doc, changed: toEJSON(doc) !== (old ? toEJSON(old) : '') }
    }
  }
  const modifier: Doc = hasOps ? data : { $set: data }
  for (const k of Object.keys(modifier)) {
    if (!UPDATE_OPERATORS.has(k))
      throw new TcbError(Codes.DB_INVALID_OPERATOR, `unsupported update operator ${k}`)
  }
  assertSupported(modifier, 'update')
  const base: Doc = old ? clone(old) : { _id: id }
  const { $setOnInsert, ...rest } = modifier
  if (!old && isPlainObject($setOnInsert))
    Object.assign(rest, { $set: { ...(isPlainObject(rest.$set) ? rest.$set : {}), ...$setOnInsert } })
  let changedPaths: string[]
  try {
    changedPaths = Object.keys(rest).length
      ? mingoUpdate(
          base as AnyObject,
          rest as never,
          undefined,
          Object.keys(query).length ? (query as AnyObject) : undefined,
          {
            cloneMode: 'deep',
            queryOptions: { ...MINGO_OPTS, context: mingoContext, now: new Date(now) } as Partial<Options>,
          },
        )
      : []
  } catch (e) {
    throw mingoError(e, 'update')
  }
  if (base._id !== id) throw invalidParam('_id cannot be updated')
  assertStorable(base, '')
  return { doc: base, changed: changedPaths.length > 0 || !old }
}

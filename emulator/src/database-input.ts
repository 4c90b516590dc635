/**
 * What the emulator's database accepts (the database half of the protocol, database.ts): the update
 * operators and pipeline stages it knows, and the refusals it answers with the platform's codes —
 * geo, script and undocumented operators, ObjectId values, "$" field names, bad paging numbers.
 */
import { isPlainObject, type Doc } from './ejson'
import { Codes, TcbError, invalidParam } from './errors'

export const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$pop',
  '$currentDate',
  '$bit',
  '$setOnInsert',
])
const GEO_OPERATORS = new Set([
  '$geoNear',
  '$geoWithin',
  '$geoIntersects',
  '$near',
  '$nearSphere',
  '$geometry',
  '$centerSphere',
  '$box',
  '$polygon',
  '$center',
])
const SCRIPT_OPERATORS = new Set(['$where', '$function', '$accumulator'])
/** undocumented on CloudBase: refused until a live check says otherwise (emulator/README.md) */
const UNDOCUMENTED_OPERATORS = new Set(['$jsonSchema'])

export const STAGES = new Set([
  '$addFields',
  '$bucket',
  '$bucketAuto',
  '$count',
  '$group',
  '$limit',
  '$lookup',
  '$match',
  '$project',
  '$replaceRoot',
  '$sample',
  '$skip',
  '$sort',
  '$sortByCount',
  '$unwind',
])

export const isObjectId = (v: unknown): boolean =>
  typeof v === 'object' &&
  v !== null &&
  ['ObjectId', 'ObjectID'].includes(String((v as { _bsontype?: unknown })._bsontype))

export const objectIdRefused = (where: string): TcbError =>
  invalidParam(
    `ObjectId values are not supported in ${where}: use string ids (ObjectId support on CloudBase is undocumented)`,
  )

/** rejects geo, script and undocumented operators and ObjectId values anywhere in a query, update or pipeline */
export function assertSupported(value: unknown, where: string): void {
  if (Array.isArray(value)) {
    for (const v of value) assertSupported(v, where)
    return
  }
  if (isObjectId(value)) throw objectIdRefused(where)
  if (!isPlainObject(value)) return
  for (const k of Object.keys(value)) {
    if (UNDOCUMENTED_OPERATORS.has(k))
      throw new TcbError(
        Codes.DB_INVALID_OPERATOR,
        `unsupported operator ${k} in ${where}: not documented for CloudBase, so the local emulator refuses it`,
      )
    if (GEO_OPERATORS.has(k))
      throw new TcbError(
        Codes.DB_INVALID_OPERATOR,
        `unsupported operator ${k} in ${where}: geo queries are not available in the local emulator`,
      )
    if (SCRIPT_OPERATORS.has(k))
      throw new TcbError(Codes.DB_INVALID_OPERATOR, `unsupported operator ${k} in ${where}`)
    assertSupported(value[k], where)
  }
}

/**
 * A document about to be stored: no field name may start with "$" and no value may be an ObjectId
 * (both undocumented on CloudBase; the emulator takes the stricter reading, see emulator/README.md).
 */
export function assertStorable(value: unknown, path: string): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertStorable(v, `${path}.${i}`))
    return
  }
  if (isObjectId(value)) throw objectIdRefused(`stored documents (${path})`)
  if (!isPlainObject(value)) return
  for (const k of Object.keys(value)) {
    if (k.startsWith('$'))
      throw invalidParam(`field names must not start with "$": ${path ? `${path}.` : ''}${k}`)
    assertStorable(value[k], path ? `${path}.${k}` : k)
  }
}

export function mingoError(e: unknown, where: string): TcbError {
  if (e instanceof TcbError) return e
  const msg = (e as Error)?.message ?? String(e)
  return new TcbError(Codes.DB_INVALID_OPERATOR, `${where}: ${msg}`)
}

export function optionalInt(v: unknown, field: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined
  const n = typeof v === 'string' ? Number(v) : v
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
    throw invalidParam(`${field} must be a non-negative integer`)
  return n
}

/** the `_id` a query names as a plain string or number (as `doc(id)` does), if any */
export function docIdOf(query: Doc): string | undefined {
  const id = query._id
  if (typeof id === 'string') return id
  if (typeof id === 'number') return String(id)
  return undefined
}

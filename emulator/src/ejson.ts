import { EJSON } from 'bson'
import { randomBytes } from 'node:crypto'
import { TcbError, Codes } from './errors'

export type Doc = Record<string, unknown>

interface BsonRegExpLike {
  _bsontype: 'BSONRegExp'
  pattern: string
  options: string
}

function isBsonRegExp(v: unknown): v is BsonRegExpLike {
  return typeof v === 'object' && v !== null && (v as { _bsontype?: unknown })._bsontype === 'BSONRegExp'
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false
  const proto = Object.getPrototypeOf(v) as unknown
  return proto === Object.prototype || proto === null
}

/**
 * Turns wire values into what the query engine understands:
 * BSONRegExp → RegExp, `{ $tcb_server_date: { offset } }` → Date (server clock + offset).
 */
export function normalize(value: unknown, now: number): unknown {
  if (Array.isArray(value)) return value.map((v) => normalize(v, now))
  if (isBsonRegExp(value)) {
    const flags = value.options
      .split('')
      .filter((f) => 'imsu'.includes(f))
      .join('')
    return new RegExp(value.pattern, flags)
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value)
    if (keys.length === 1 && keys[0] === '$tcb_server_date') {
      const spec = value.$tcb_server_date as { offset?: unknown } | undefined
      const offset = typeof spec?.offset === 'number' ? spec.offset : 0
      return new Date(now + offset)
    }
    const out: Record<string, unknown> = {}
    for (const k of keys) out[k] = normalize(value[k], now)
    return out
  }
  return value
}

/** Parses one EJSON string from the SDK; malformed input is INVALID_PARAM, never a crash. */
export function parseEJSON(text: unknown, field: string, now = Date.now()): unknown {
  if (typeof text !== 'string') {
    // Some SDK paths send plain JSON values (e.g. numbers); treat objects as already parsed.
    if (typeof text === 'object' && text !== null)
      return normalize(EJSON.deserialize(text as Doc, { relaxed: true }), now)
    throw new TcbError(Codes.INVALID_PARAM, `${field} must be an EJSON string`)
  }
  try {
    return normalize(EJSON.parse(text, { relaxed: true }), now)
  } catch (e) {
    throw new TcbError(Codes.INVALID_PARAM, `malformed EJSON in ${field}: ${(e as Error).message}`)
  }
}

export function parseEJSONObject(text: unknown, field: string, now = Date.now()): Doc {
  const v = parseEJSON(text, field, now)
  if (!isPlainObject(v)) throw new TcbError(Codes.INVALID_PARAM, `${field} must be an object`)
  return v
}

/** Canonical EJSON, as the platform returns documents. */
export function toEJSON(value: unknown): string {
  return EJSON.stringify(value as Doc, { relaxed: false })
}

export function fromStoredEJSON(text: string): Doc {
  return normalize(EJSON.parse(text, { relaxed: true }), Date.now()) as Doc
}

export function newId(): string {
  return randomBytes(16).toString('hex')
}

/** Deep copy of plain objects, arrays, Dates and RegExps; other (immutable BSON) values are shared. */
export function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x: unknown) => clone(x)) as T
  if (v instanceof Date) return new Date(v.getTime()) as T
  if (v instanceof RegExp) return new RegExp(v.source, v.flags) as T
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(v)) out[k] = clone(v[k])
    return out as T
  }
  return v
}

export { isPlainObject }

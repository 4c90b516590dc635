/**
 * Opaque record ids (ADR 0016): a prefix and 20 random base32 characters (100 bits from the
 * platform's CSPRNG). Nothing in an id is derived from the person, the request or another record,
 * so two ids never link a person's records. Idempotent creates keep their request id in a field
 * under a unique index and find a retried request by it (`byRequest`), not by the document id.
 */
import { randomBytes } from 'node:crypto'
import { db } from './sdk'
import { firstDoc } from './repos/docs'

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567'
const LENGTH = 20

/** `<prefix>_<20 × [a-z2-7]>`: letters, digits and `_` only (fits a ledger cause segment). */
export function newId(prefix: string): string {
  const bytes = randomBytes(LENGTH)
  let out = ''
  for (const b of bytes) out += ALPHABET[b & 31]
  return `${prefix}_${out}`
}

/** The one document of `collection` matching the unique request key `where`, with its `_id`. */
export async function byRequest<T>(collection: string, where: Record<string, unknown>): Promise<T | null> {
  const res = await db().collection(collection).where(where).limit(1).get()
  return firstDoc<T>(res.data)
}

/** The store refused a write on a unique index (or an existing _id). */
export function isDuplicateKey(err: unknown): boolean {
  const text =
    err instanceof Error ? err.message : typeof err === 'object' && err ? JSON.stringify(err) : String(err)
  return /E11000|duplicate key/i.test(text)
}

/**
 * Opaque record ids (ADR 0016): a prefix and 20 random base32 characters (100 bits from the
 * platform's CSPRNG). Nothing in an id is derived from the person, the request or another record,
 * so two ids never link a person's records. Idempotent creates keep their request id in a field
 * under a unique index and find a retried request by it (`byRequest`), not by the document id.
 */
import { randomBytes } from 'node:crypto'
import { OPAQUE_ID_BYTES, opaqueId } from '../../src/core/opaque-id'
import { db } from './sdk'
import { firstDoc } from './repos/docs'

/** A fresh opaque id, `<prefix>_<20 × [a-z2-7]>` (src/core/opaque-id.ts), from 100 random bits. */
export function newId(prefix: string): string {
  return opaqueId(prefix, randomBytes(OPAQUE_ID_BYTES))
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

import { db } from '../sdk'

/**
 * node-sdk answers `doc(id).get()` with `{ data: [doc] }`, and inside a transaction with
 * `{ data: doc }`; both mean "this document or nothing".
 */
export function firstDoc<T>(data: unknown): T | null {
  if (Array.isArray(data)) return data.length > 0 ? (data[0] as T) : null
  return data && typeof data === 'object' ? (data as T) : null
}

export async function getDoc<T>(collection: string, id: string): Promise<T | null> {
  const res = await db().collection(collection).doc(id).get()
  return firstDoc<T>(res.data)
}

/**
 * Transactions, in one place: the `Tx` handle every store writes through, one transaction
 * (`inTransaction`), and one transaction retried on write conflicts (`withRetry`). A plan whose
 * condition no longer holds is retried or answered DATA.CONFLICT, never applied half-way: a
 * transaction either commits all its writes or none.
 */
import { CommonErrorCodes, DomainError } from '../../src/core/errors'
import { db } from './sdk'

/** What a store writes through inside a transaction (node-sdk's transaction, or the database itself). */
export type Tx = { collection(name: string): ReturnType<ReturnType<typeof db>['collection']> }

/**
 * node-sdk's runTransaction retries a write conflict a few times at once; when a racing writer
 * holds on longer, the conflict surfaces: answer DATA.CONFLICT (retrying the action is safe).
 */
export async function inTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return (await db().runTransaction(fn)) as T
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code
    if (typeof code === 'string' && code.includes('TRANSACTION_CONFLICT')) {
      throw new DomainError(CommonErrorCodes.CONFLICT, '操作冲突，请重试')
    }
    throw err
  }
}

const ATTEMPTS = 12
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Runs `fn` in a transaction, retrying write conflicts (after the SDK's own quick retries) with a
 * short random back-off: under a burst of payers on one account each attempt re-reads the balance,
 * so retrying can only turn a conflict into success or POINTS.INSUFFICIENT, never an overdraw.
 */
export async function withRetry<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await inTransaction(fn)
    } catch (err) {
      const conflict = err instanceof DomainError && err.code === CommonErrorCodes.CONFLICT
      if (!conflict || attempt >= ATTEMPTS) throw err
      await pause(5 + Math.random() * 20 * attempt)
    }
  }
}

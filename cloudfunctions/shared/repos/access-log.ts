import type { AccessLogEntry } from '../../../src/core/privacy/access-log'
import { db } from '../sdk'

export const ACCESS_LOGS = 'access_logs'

/**
 * Writes one access log entry. Callers write it before answering: if the log cannot be written,
 * the personal data is not returned either.
 */
export async function logAccess(entry: AccessLogEntry): Promise<void> {
  await db()
    .collection(ACCESS_LOGS)
    .add({ ...entry, people: [...entry.people] })
}

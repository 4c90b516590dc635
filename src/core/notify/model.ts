import type { MessageData } from './templates'

/**
 * Collection `notifications`: one record per message to one recipient, written in the same
 * transaction as the thing it announces (nothing acknowledged is ever lost), then delivered.
 *
 * - `pending`: stored, not yet tried.
 * - `sending`: claimed by one deliverer (a crash leaves it here; it counts as failed once stale).
 * - `sent`: WeChat accepted it.
 * - `no_subscription`: the recipient holds no one-time subscription for the template (43101);
 *   final — the inbox still shows the work, and they can subscribe for the next one.
 * - `failed`: anything else; retried with backoff until MAX_ATTEMPTS.
 * - `cancelled`: no longer worth sending (e.g. the applicant erased their data).
 */
export const NotificationStatuses = [
  'pending',
  'sending',
  'sent',
  'no_subscription',
  'failed',
  'cancelled',
] as const
export type NotificationStatus = (typeof NotificationStatuses)[number]

export interface NotificationRecord {
  readonly _id: string
  /** What it announces, e.g. `join.pending`; `sourceId` is that thing's id. */
  readonly kind: string
  readonly sourceId: string
  /** Internal user id; the OPENID is looked up at delivery and never stored here. */
  readonly recipientId: string
  readonly templateId: string
  /** The page the message opens, with its subject's id (templates.ts `pagePathFor`). */
  readonly page: string
  /** The message fields; null once erased. */
  readonly data: MessageData | null
  readonly status: NotificationStatus
  readonly attempts: number
  readonly lastError: string | null
  readonly msgid: number | null
  readonly createdAt: Date
  readonly updatedAt: Date
}

/** One message per (kind, source, recipient): a retried write lands once. */
export function notificationIdFor(kind: string, sourceId: string, recipientId: string): string {
  return `nt_${kind}_${sourceId}_${recipientId}`
}

/** WeChat's answer to subscribeMessage.send → the record's next status. */
export const NO_SUBSCRIPTION_ERRCODE = 43101
export function statusAfterSend(errcode: number | null): 'sent' | 'no_subscription' | 'failed' {
  if (errcode === 0) return 'sent'
  if (errcode === NO_SUBSCRIPTION_ERRCODE) return 'no_subscription'
  return 'failed'
}

export const MAX_ATTEMPTS = 5
/** A claim older than this is a crashed delivery: the record may be tried again. */
export const STALE_SENDING_MS = 5 * 60_000

/** Minutes to wait after the n-th failed attempt: 1, 2, 4, 8… */
export function backoffMs(attempts: number): number {
  return 60_000 * 2 ** Math.max(0, attempts - 1)
}

/** Should the retry timer try this record now? */
export function isDue(n: Pick<NotificationRecord, 'status' | 'attempts' | 'updatedAt'>, now: Date): boolean {
  if (n.attempts >= MAX_ATTEMPTS) return false
  const age = now.getTime() - new Date(n.updatedAt).getTime()
  if (n.status === 'pending') return true
  if (n.status === 'failed') return age >= backoffMs(n.attempts)
  if (n.status === 'sending') return age >= STALE_SENDING_MS
  return false
}

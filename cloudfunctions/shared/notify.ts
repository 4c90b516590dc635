/**
 * Subscribe-message notifications (订阅消息), reusable by every feature:
 *
 * 1. Inside the transaction that creates the thing to announce, `writeNotifications(tx, …)` stores
 *    one `notifications` record per recipient (deterministic id: a retried write lands once). If the
 *    transaction commits, the notification exists; nothing acknowledged is ever lost.
 * 2. After the commit, `deliver(ids)` sends them through `subscribeMessage.send` and marks each
 *    record `sent`, `no_subscription` (43101: the recipient holds no one-time subscription) or
 *    `failed` (retried later by the `notify` function's timer: `retryUndelivered`). Delivery never
 *    throws: a failed push must not fail the action that caused it.
 *
 * Or, on hot paths whose own write already records that the recipients are still to be reached
 * (work orders, docs/adr/0008-order-hot-path.md): `sendAndRecord` sends first and stores the
 * outcomes in one batched insert.
 *
 * The calling function's config.json must list `subscribeMessage.send` under permissions.openapi.
 * Templates and message data: src/core/notify/templates.ts.
 */
import {
  isDue,
  MAX_ATTEMPTS,
  notificationIdFor,
  statusAfterSend,
  type NotificationRecord,
} from '../../src/core/notify/model'
import {
  NotifyTemplates,
  pagePathFor,
  type MessageData,
  type TemplateKey,
} from '../../src/core/notify/templates'
import type { UserRecord } from '../../src/core/me/model'
import type { Role } from '../../src/core/roles'
import { cloud, db } from './sdk'
import type { Tx } from './tx'
import { getDoc } from './repos/docs'

export const NOTIFICATIONS = 'notifications'

/** A transaction as node-sdk hands it to `runTransaction`: single-document operations only. */

export interface Outgoing {
  readonly kind: string
  /** The id of the message's subject (a record of the template's `subject` collection): the page opens it. */
  readonly sourceId: string
  readonly recipientId: string
  readonly template: TemplateKey
  readonly data: MessageData
}

/** Inside the caller's transaction: one record per message; returns their ids for `deliver`. */
export async function writeNotifications(
  tx: Tx,
  messages: readonly Outgoing[],
  now: Date,
): Promise<string[]> {
  const ids: string[] = []
  for (const m of messages) {
    const template = NotifyTemplates[m.template]
    const id = notificationIdFor(m.kind, m.sourceId, m.recipientId)
    const record: Omit<NotificationRecord, '_id'> = {
      kind: m.kind,
      sourceId: m.sourceId,
      recipientId: m.recipientId,
      templateId: template.id,
      page: pagePathFor(m.template, m.sourceId),
      data: m.data,
      status: 'pending',
      attempts: 0,
      lastError: null,
      msgid: null,
      createdAt: now,
      updatedAt: now,
    }
    await tx.collection(NOTIFICATIONS).doc(id).set(record)
    ids.push(id)
  }
  return ids
}

/** A message whose recipient's record the caller already holds (it read them to choose them). */
export interface Addressed extends Outgoing {
  /** The recipient's OPENID, used for this send only (never stored in the record). */
  readonly openid: string | null
}

/**
 * Send now, then record — for announcements whose durable trace is already stored in the same write
 * as the thing announced (a work order is written with `unnotified: true` and cleared only once a
 * message got through, so a crash before this point leaves it flagged in the app, never silent).
 * Sends every message (no database), then stores one record per message with its outcome in ONE
 * batched insert: `failed` ones are retried by the `notify` timer like any other record, `sent` and
 * `no_subscription` are final. Nobody else knows of these messages before the insert, so no claim
 * is needed (vs `writeNotifications` + `deliver`: 1 + 4 round trips per message).
 *
 * `alongside(reached)` runs in parallel with the insert (e.g. clearing the flag). Never throws.
 * Returns each recipient's outcome.
 */
export async function sendAndRecord(
  messages: readonly Addressed[],
  now: Date,
  alongside?: (reached: boolean) => Promise<unknown>,
): Promise<Record<string, NotificationRecord['status']>> {
  if (messages.length === 0) return {}
  const sent = await Promise.all(
    messages.map(async (m) => {
      const template = NotifyTemplates[m.template]
      const page = pagePathFor(m.template, m.sourceId)
      const answer = m.openid
        ? await send(m.openid, { templateId: template.id, page, data: m.data })
        : { errcode: 40003, errmsg: 'recipient gone', msgid: null }
      const status = statusAfterSend(answer.errcode)
      const record: NotificationRecord = {
        _id: notificationIdFor(m.kind, m.sourceId, m.recipientId),
        kind: m.kind,
        sourceId: m.sourceId,
        recipientId: m.recipientId,
        templateId: template.id,
        page,
        data: m.data,
        status,
        attempts: 1,
        lastError: status === 'sent' ? null : `${answer.errcode ?? 'ERR'} ${answer.errmsg}`.slice(0, 200),
        msgid: answer.msgid,
        createdAt: now,
        updatedAt: now,
      }
      return record
    }),
  )
  const reached = sent.some((r) => r.status === 'sent')
  const record = async () => {
    try {
      await db().collection(NOTIFICATIONS).add(sent)
    } catch (err) {
      console.log(
        JSON.stringify({
          level: 'error',
          what: 'notify.record',
          ids: sent.map((r) => r._id),
          error: String(err),
        }),
      )
    }
  }
  const side = async () => {
    try {
      await alongside?.(reached)
    } catch (err) {
      console.log(JSON.stringify({ level: 'error', what: 'notify.alongside', error: String(err) }))
    }
  }
  await Promise.all([record(), side()])
  return Object.fromEntries(sent.map((r) => [r.recipientId, r.status]))
}

/**
 * Users holding `role` whose grant covers the given place (e.g. grid workers of a grid). The query
 * narrows by grid (indexed: users.grants.scope.gridId) or community, the exact scope check is the
 * caller's (core rules). Limited: a place has a handful of staff.
 */
export async function holdersOf(
  role: Role,
  place: { gridId?: string; communityId?: string },
): Promise<UserRecord[]> {
  const _ = db().command
  const scope =
    place.gridId && role !== 'community_admin' && role !== 'street_admin'
      ? { 'scope.gridId': place.gridId }
      : { 'scope.communityId': place.communityId }
  const res = await db()
    .collection('users')
    .where({ grants: _.elemMatch({ role, ...scope }) })
    .limit(20)
    .get()
  return res.data as UserRecord[]
}

interface SendAnswer {
  readonly errcode: number | null
  readonly errmsg: string
  readonly msgid: number | null
}

async function send(
  openid: string,
  n: Pick<NotificationRecord, 'templateId' | 'page' | 'data'>,
): Promise<SendAnswer> {
  try {
    const res = (await cloud().callWxOpenApi({
      apiName: 'subscribeMessage.send',
      requestData: { touser: openid, template_id: n.templateId, page: n.page, data: n.data },
    })) as { result?: { errcode?: number; errmsg?: string; msgid?: number }; code?: string; message?: string }
    if (!res.result)
      return { errcode: null, errmsg: `${res.code ?? 'NO_RESULT'}: ${res.message ?? ''}`, msgid: null }
    return {
      errcode: res.result.errcode ?? 0,
      errmsg: res.result.errmsg ?? '',
      msgid: res.result.msgid ?? null,
    }
  } catch (err) {
    return { errcode: null, errmsg: err instanceof Error ? err.message : String(err), msgid: null }
  }
}

/**
 * Claims a record for delivery (conditional update: only one deliverer wins it, so a message is not
 * sent twice by racing deliverers), sends it, records the outcome.
 */
async function deliverOne(id: string, now: () => Date): Promise<NotificationRecord['status'] | 'skipped'> {
  const _ = db().command
  const n = await getDoc<NotificationRecord>(NOTIFICATIONS, id)
  if (!n || !n.data || !isDue(n, now())) return 'skipped'
  const claimed = await db()
    .collection(NOTIFICATIONS)
    .where({ _id: id, status: n.status, attempts: n.attempts })
    .update({ status: 'sending', attempts: _.inc(1), updatedAt: now() })
  if ((claimed as { updated?: number }).updated !== 1) return 'skipped'
  const recipient = await getDoc<UserRecord>('users', n.recipientId)
  const answer = recipient?.openid
    ? await send(recipient.openid, n)
    : { errcode: 40003, errmsg: 'recipient gone', msgid: null }
  const status = statusAfterSend(answer.errcode)
  await db()
    .collection(NOTIFICATIONS)
    .doc(id)
    .update({
      status,
      msgid: answer.msgid,
      lastError: status === 'sent' ? null : `${answer.errcode ?? 'ERR'} ${answer.errmsg}`.slice(0, 200),
      updatedAt: now(),
    })
  return status
}

/** Sends these records now. Never throws; returns each record's outcome. */
export async function deliver(
  ids: readonly string[],
  now: () => Date = () => new Date(),
): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const id of ids) {
    try {
      out[id] = await deliverOne(id, now)
    } catch (err) {
      out[id] = 'error'
      console.log(JSON.stringify({ level: 'error', what: 'notify.deliver', id, error: String(err) }))
    }
  }
  return out
}

/**
 * For the timer: records still undelivered (pending, failed with backoff elapsed, or stuck in
 * `sending` by a crashed deliverer), oldest first, at most `limit` per run.
 */
export async function retryUndelivered(
  now: () => Date = () => new Date(),
  limit = 50,
): Promise<Record<string, string>> {
  const _ = db().command
  const res = await db()
    .collection(NOTIFICATIONS)
    .where({ status: _.in(['pending', 'failed', 'sending']), attempts: _.lt(MAX_ATTEMPTS) })
    .orderBy('updatedAt', 'asc')
    .limit(limit)
    .get()
  const due = (res.data as NotificationRecord[]).filter((n) => isDue(n, now()))
  return deliver(
    due.map((n) => n._id),
    now,
  )
}

/** Erasure: the message contents for these sources go, undelivered ones are cancelled. */
export async function eraseNotificationsOf(sourceIds: readonly string[], now: Date): Promise<void> {
  if (sourceIds.length === 0) return
  const _ = db().command
  const col = db().collection(NOTIFICATIONS)
  await col
    .where({ sourceId: _.in([...sourceIds]), status: _.in(['pending', 'failed', 'sending']) })
    .update({ status: 'cancelled', updatedAt: now })
  await col.where({ sourceId: _.in([...sourceIds]) }).update({ data: null, updatedAt: now })
}

/**
 * Erasure of one kind of message about these sources (kind starting with `kindPrefix`, e.g. the
 * `errand.accept.` message that names the helper): contents go, undelivered ones are cancelled.
 * Messages already erased are left alone, so a repeated erasure changes nothing.
 */
export async function eraseNotificationsOfKind(
  sourceIds: readonly string[],
  kindPrefix: string,
  now: Date,
): Promise<void> {
  if (sourceIds.length === 0) return
  const _ = db().command
  const col = db().collection(NOTIFICATIONS)
  const res = await col
    .where({ sourceId: _.in([...sourceIds]) })
    .field({ kind: true, data: true })
    .limit(1000)
    .get()
  const ids = (res.data as { _id: string; kind: string; data: unknown }[])
    .filter((n) => n.kind.startsWith(kindPrefix) && n.data !== null)
    .map((n) => n._id)
  if (ids.length === 0) return
  await col
    .where({ _id: _.in(ids), status: _.in(['pending', 'failed', 'sending']) })
    .update({ status: 'cancelled', updatedAt: now })
  await col.where({ _id: _.in(ids) }).update({ data: null, updatedAt: now })
}

/**
 * Subscribe-message notifications (订阅消息), the delivery end of the one effects path
 * (docs/adr/0019-plans-and-one-outbox.md):
 *
 * 1. A move stores its `notify` effects on its subject as an outbox entry, in the move's own write.
 * 2. The dispatcher (outbox.ts) resolves each audience (`recipientsOf`), then in ONE transaction
 *    writes one `notifications` record per recipient (claimed for sending) and removes the entry:
 *    nothing acknowledged is lost, nothing is recorded twice.
 * 3. It sends them (`sendClaimed`) and marks each `sent`, `no_subscription` (43101: no one-time
 *    subscription held) or `failed`. A crash before the outcome leaves the record `sending`; the
 *    `notify` function's timer (`retryUndelivered`) takes stale and failed ones up again, with
 *    backoff. Delivery never throws: a failed push must not fail the action that caused it.
 *
 * The calling function's config.json must list `subscribeMessage.send` under permissions.openapi.
 * Templates and message data: src/core/notify/templates.ts.
 */
import type { Audience } from '../../src/core/effects'
import { holdsOver, holdsWithin } from '../../src/core/access'
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
import type { OrgPath } from '../../src/core/org/model'
import { RoleScopeLevel, type Role } from '../../src/core/roles'
import { cloud, db } from './sdk'
import type { Tx } from './tx'
import { getDoc, whereOf } from './repos/docs'

export const NOTIFICATIONS = 'notifications'

export interface Outgoing {
  readonly kind: string
  /** The id of the message's subject (a record of the template's `subject` collection): the page opens it. */
  readonly sourceId: string
  readonly recipientId: string
  readonly template: TemplateKey
  readonly data: MessageData
}

/** A person a message can reach: the OPENID is used for this send only, never stored in the record. */
export interface Recipient {
  readonly _id: string
  readonly openid: string | null
}

/** A record claimed for sending in the dispatcher's transaction, with its recipient's OPENID (undefined: read it when sending). */
export interface Claimed {
  readonly record: NotificationRecord
  readonly openid: string | null | undefined
}

/**
 * The record of one message, claimed for sending (`sending`, one attempt) by the dispatcher that
 * writes it: nobody else sends it unless that dispatcher crashed (then the timer, once stale).
 */
export function claimedRecord(m: Outgoing, now: Date): NotificationRecord {
  const template = NotifyTemplates[m.template]
  return {
    _id: notificationIdFor(m.kind, m.sourceId, m.recipientId),
    kind: m.kind,
    sourceId: m.sourceId,
    recipientId: m.recipientId,
    templateId: template.id,
    page: pagePathFor(m.template, m.sourceId),
    data: m.data,
    status: 'sending',
    attempts: 1,
    lastError: null,
    msgid: null,
    createdAt: now,
    updatedAt: now,
  }
}

/** Inside the dispatcher's transaction: the records. */
export async function writeClaimed(tx: Tx, claimed: readonly Claimed[]): Promise<void> {
  for (const { record } of claimed) {
    const { _id, ...body } = record
    await tx.collection(NOTIFICATIONS).doc(_id).set(body)
  }
}

/**
 * Sends records claimed in a committed transaction and stores each outcome: a sent message with its
 * msgid, the others grouped by outcome (one update for all the recipients without a subscription).
 * Never throws.
 */
export async function sendClaimed(
  claimed: readonly Claimed[],
  now: () => Date = () => new Date(),
): Promise<Record<string, NotificationRecord['status']>> {
  const _ = db().command
  const looked = await openidsOf(
    claimed.filter((c) => c.openid === undefined).map((c) => c.record.recipientId),
  )
  const answers = await Promise.all(
    claimed.map(async ({ record: n, openid: given }) => {
      const openid = given === undefined ? (looked.get(n.recipientId) ?? null) : given
      return {
        id: n._id,
        answer: openid ? await send(openid, n) : { errcode: 40003, errmsg: 'recipient gone', msgid: null },
      }
    }),
  )
  const out: Record<string, NotificationRecord['status']> = {}
  const groups = new Map<string, { ids: string[]; set: Record<string, unknown> }>()
  for (const { id, answer } of answers) {
    const status = statusAfterSend(answer.errcode)
    out[id] = status
    const lastError = status === 'sent' ? null : `${answer.errcode ?? 'ERR'} ${answer.errmsg}`.slice(0, 200)
    const set = { status, msgid: answer.msgid, lastError }
    const key = status === 'sent' ? id : JSON.stringify(set)
    const g = groups.get(key) ?? { ids: [] as string[], set }
    g.ids.push(id)
    groups.set(key, g)
  }
  await Promise.all(
    [...groups.values()].map(async (g) => {
      try {
        await db()
          .collection(NOTIFICATIONS)
          .where({ _id: g.ids.length === 1 ? g.ids[0] : _.in(g.ids), status: 'sending' })
          .update({ ...g.set, updatedAt: now() })
      } catch (err) {
        console.log(JSON.stringify({ level: 'error', what: 'notify.record', ids: g.ids, error: String(err) }))
      }
    }),
  )
  return out
}

/** Holders of any of `roles` whose grant covers the place (a place has a handful of staff). */
export async function staffOver(roles: readonly Role[], path: OrgPath): Promise<UserRecord[]> {
  const _ = db().command
  const clauses = roles.flatMap((role) => {
    const key = `${RoleScopeLevel[role]}Id` as keyof OrgPath
    const id = path[key]
    return id ? [{ grants: _.elemMatch({ role, [`scope.${key}`]: id }) }] : []
  })
  if (clauses.length === 0) return []
  const res = await db().collection('users').where(_.or(clauses)).limit(50).get()
  return (res.data as UserRecord[]).filter((u) => holdsOver(u, roles, path))
}

/** Who an audience names, now, but `except` (src/core/effects.ts `Audience`). */
export async function recipientsOf(to: Audience, except: readonly string[] = []): Promise<Recipient[]> {
  const _ = db().command
  const keep = (rs: Recipient[]) => rs.filter((r) => !except.includes(r._id))
  if ('staff' in to) {
    if (!to.cascade) return keep(await staffOver(to.staff, to.over))
    for (const role of to.staff) {
      const holders = keep(await staffOver([role], to.over))
      if (holders.length > 0) return holders
    }
    return []
  }
  if ('residents' in to) {
    const place = to.residents
    // A place's buildings (1..10): one query on the residents' building (index grants_building).
    const buildings = to.buildingIds && to.buildingIds.length > 0 ? [...to.buildingIds] : null
    const key = place.gridId ? 'gridId' : place.communityId ? 'communityId' : 'streetId'
    const res = await db()
      .collection('users')
      .where({
        grants: _.elemMatch(
          buildings
            ? { role: 'resident', 'scope.buildingId': _.in(buildings) }
            : { role: 'resident', [`scope.${key}`]: place[key] },
        ),
      })
      .field({ openid: true, grants: true })
      .limit(to.limit)
      .get()
    const lives = (u: UserRecord) =>
      buildings
        ? buildings.some((buildingId) => holdsWithin(u, 'resident', { ...place, buildingId }))
        : holdsWithin(u, 'resident', place)
    return keep(
      (res.data as UserRecord[]).filter(lives).map((u) => ({ _id: u._id, openid: u.openid ?? null })),
    )
  }
  let ids: string[]
  if ('users' in to) ids = [...new Set(to.users)]
  else {
    const { collection, match, field, limit } = to.named
    const res = await db()
      .collection(collection)
      .where(whereOf(match))
      .field({ [field]: true })
      .limit(limit)
      .get()
    ids = [...new Set((res.data as Record<string, unknown>[]).map((d) => String(d[field])))]
  }
  ids = ids.filter((id) => !except.includes(id))
  const openids = await openidsOf(ids)
  // Someone gone from `users` is still recorded (as not reachable), never silently dropped.
  return ids.map((_id) => ({ _id, openid: openids.get(_id) ?? null }))
}

/** These people's OPENIDs (null: none, or gone from `users`), in one query. */
async function openidsOf(ids: readonly string[]): Promise<Map<string, string | null>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const res = await db()
    .collection('users')
    .where({ _id: db().command.in(unique) })
    .field({ openid: true })
    .limit(unique.length)
    .get()
  return new Map((res.data as { _id: string; openid?: string }[]).map((u) => [u._id, u.openid ?? null]))
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

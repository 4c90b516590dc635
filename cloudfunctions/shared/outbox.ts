/**
 * The one effects path (docs/adr/0019-plans-and-one-outbox.md, generalising ADR 0011).
 *
 * A move stores what it owes (src/core/effects.ts: messages, counter increments, follow-on work) on
 * its subject as an outbox entry, in the move's own write. `dispatch` carries the entries out
 * exactly once:
 * 1. it resolves who each message goes to (reads, outside the transaction);
 * 2. in ONE transaction it re-reads the subject, applies the counter increments, runs the follow-on
 *    work, writes one message record per recipient (claimed for sending) and removes the entries it
 *    handled. Of racing dispatchers one transaction wins; the others, retried on the conflict, find
 *    nothing owed. So counters change once and each message is recorded once, and only what a
 *    committed transaction recorded is sent;
 * 3. it sends the messages and records each outcome, and sets what a message that got through
 *    settles (`onReached`, e.g. an order's `unnotified` flag) if the subject has not moved meanwhile.
 * A dispatcher that dies before its transaction leaves the entries as they were, for the next one;
 * one that dies after it leaves its records `sending`, which the notify timer takes up once stale.
 *
 * It is nudged right after the answer (the runner, or the app for the hot paths) and swept by the
 * timer (`dispatchPending`) over every collection whose declaration has an `outbox` index.
 */
import collectionsJson from '../collections.json'
import {
  DISPATCH_GRACE_MS,
  counterDoc,
  holds,
  mergeCounts,
  RECORD_BATCH,
  type Count,
  type Effect,
  type Follow,
  type Notify,
  type OutboxEntry,
  type Remaining,
  type WithOutbox,
} from '../../src/core/effects'
import {
  claimedRecord,
  recipientsOf,
  sendClaimed,
  writeClaimed,
  type Claimed,
  type Recipient,
} from './notify'
import { db } from './sdk'
import { withRetry, type Tx } from './tx'
import { txGet } from './repos/docs'

type Doc = Readonly<Record<string, unknown>> & WithOutbox & { readonly _id: string }

/** What follow-on work adds to the dispatcher's transaction. */
export interface FollowUp {
  /** Fields set on the subject with the entries' removal. */
  readonly set?: Readonly<Record<string, unknown>>
  readonly counts?: readonly Count[]
}
export type FollowHandler = (subject: Doc, effect: Follow, now: Date) => Promise<FollowUp>

const follows = new Map<string, FollowHandler>()

/** A feature's follow-on work, by the name its effects use. Registered when its store loads. */
export function registerFollow(name: string, handler: FollowHandler): void {
  if (follows.has(name) && follows.get(name) !== handler)
    throw new Error(`follow-on work ${name} registered twice`)
  follows.set(name, handler)
}

/** Collections whose declaration (cloudfunctions/collections/*.json) carries an `outbox` index. */
export const OutboxCollections: readonly string[] = (
  collectionsJson as { collections: { name: string; indexes?: { name: string }[] }[] }
).collections
  .filter((c) => (c.indexes ?? []).some((i) => i.name === 'outbox'))
  .map((c) => c.name)

const isNotify = (e: Effect): e is Notify => e.kind === 'notify'

/**
 * Carries out the subject's outbox entries (`seen`: the subject as the caller just read it, saving
 * a read). Returns how many it carried out: 0 when nothing was owed, or when another dispatcher
 * carried them out first (its transaction removed them; this one's then finds nothing owed, writes
 * no message and sends none). Entries added meanwhile are dispatched next.
 */
export async function dispatch(
  collection: string,
  id: string,
  now: Date,
  seen?: Doc | null,
  again = true,
): Promise<number> {
  const doc = seen ?? (await txGet<Doc>(db(), collection, id))
  if (!doc || (doc.outbox ?? []).length === 0) return 0
  const entries = doc.outbox ?? []
  const handled = new Set(entries.map((e) => e.id))
  const audiences = await resolve(entries)

  const done = await withRetry(async (tx) => {
    const fresh = await txGet<Doc>(tx, collection, id)
    if (!fresh) return null
    const owed = (fresh.outbox ?? []).filter((e) => handled.has(e.id))
    const rest = (fresh.outbox ?? []).filter((e) => !handled.has(e.id))
    if (owed.length === 0) return null
    const counts: Count[] = []
    let set: Record<string, unknown> = {}
    for (const eff of owed.flatMap((e) => e.effects)) {
      if (eff.kind === 'count') counts.push(eff)
      if (eff.kind === 'follow') {
        const handler = follows.get(eff.name)
        if (!handler) throw new Error(`no follow-on work named ${eff.name}`)
        const up = await handler({ ...fresh, ...set }, eff, now)
        set = { ...set, ...up.set }
        counts.push(...(up.counts ?? []))
      }
    }
    for (const c of mergeCounts(counts)) await countInTx(tx, c)
    const all = [
      ...continued(owed, id, now),
      ...messagesOf(owed, { ...fresh, ...set }, await resolve(owed, audiences), id, now),
    ]
    // A large audience: this transaction records a batch, the rest waits as a continuation entry.
    const messages = all.slice(0, RECORD_BATCH)
    const later = remainingOf(all.slice(RECORD_BATCH))
    const next =
      later.length > 0 ? [...rest, { id: `${owed[0]?.id ?? 'e'}+`, at: now, effects: [], rest: later }] : rest
    await writeClaimed(
      tx,
      messages.map((m) => m.claimed),
    )
    const update = { ...set, outbox: next, outboxAt: next.length > 0 ? now : null }
    await tx.collection(collection).doc(id).update(update)
    return { subject: { ...fresh, ...update } as Doc, messages, owed: owed.length, rest: next.length }
  })
  if (!done) return 0
  const outcomes = await sendClaimed(done.messages.map((m) => m.claimed))
  await settleReached(collection, done.subject, done.messages, outcomes)
  // The next batch of a large audience, or (once) entries added meanwhile.
  const full = done.messages.length >= RECORD_BATCH
  if (done.rest > 0 && (again || full)) await dispatch(collection, id, now, null, full)
  return done.owed
}

type Audiences = Map<string, Recipient[]>
const audienceKey = (n: Notify) => JSON.stringify([n.to, n.except ?? []])

/**
 * The nudge right after a move's write: dispatch, never throw. The move is committed and its
 * effects are safe on the subject; a failure here is logged and left to the timer, never turned
 * into a failed answer the caller would retry.
 */
export async function nudge(collection: string, id: string, now: Date): Promise<void> {
  try {
    await dispatch(collection, id, now)
  } catch (err) {
    console.log(JSON.stringify({ level: 'error', what: 'outbox.nudge', collection, id, error: String(err) }))
  }
}

/** Each audience's recipients, read before the transaction (or, for an entry replaced meanwhile, as it runs). */
async function resolve(entries: readonly OutboxEntry[], known: Audiences = new Map()): Promise<Audiences> {
  const keys = [...new Set(entries.flatMap((e) => e.effects.filter(isNotify).map(audienceKey)))]
  const missing = keys.filter((k) => !known.has(k))
  const found = await Promise.all(
    missing.map((k) => {
      const [to, except] = JSON.parse(k) as [Notify['to'], string[]]
      return recipientsOf(to, except)
    }),
  )
  const out = new Map(known)
  missing.forEach((k, i) => out.set(k, found[i] ?? []))
  return out
}

interface Message {
  readonly claimed: Claimed
  readonly notice: Notify
}

/** The records the entries owe, for notices still true of the subject; each `once` group reaches a person once. */
function messagesOf(
  owed: readonly OutboxEntry[],
  subject: Doc,
  audiences: Audiences,
  id: string,
  now: Date,
): Message[] {
  const out: Message[] = []
  for (const entry of owed) {
    const told = new Map<string, Set<string>>()
    for (const n of entry.effects.filter(isNotify)) {
      if (!holds(subject, n.onlyIf)) continue
      const recipients = audiences.get(audienceKey(n)) ?? []
      const group = n.once ? (told.get(n.once) ?? new Set<string>()) : new Set<string>()
      if (n.once) told.set(n.once, group)
      for (const r of recipients) {
        if (group.has(r._id)) continue
        group.add(r._id)
        out.push({
          notice: n,
          claimed: {
            openid: r.openid,
            record: claimedRecord(
              { kind: n.key, sourceId: id, recipientId: r._id, template: n.template, data: n.data },
              now,
            ),
          },
        })
      }
    }
  }
  // One record per (kind, subject, recipient): a notice listed twice is sent once.
  const seen = new Set<string>()
  return out.filter((m) => !seen.has(m.claimed.record._id) && seen.add(m.claimed.record._id))
}

/** The next batch of continuation entries' messages (their recipients' OPENIDs are read when sending). */
function continued(owed: readonly OutboxEntry[], id: string, now: Date): Message[] {
  return owed.flatMap((e) =>
    (e.rest ?? []).flatMap((r) =>
      r.recipients.map((recipientId) => ({
        notice: {
          kind: 'notify' as const,
          key: r.key,
          to: { users: [] },
          template: r.template,
          data: r.data,
          ...(r.onReached ? { onReached: r.onReached } : {}),
        },
        claimed: {
          openid: undefined,
          record: claimedRecord(
            { kind: r.key, sourceId: id, recipientId, template: r.template, data: r.data },
            now,
          ),
        },
      })),
    ),
  )
}

/** Messages not recorded yet, grouped back by notice, in order. */
function remainingOf(messages: readonly Message[]): Remaining[] {
  const out: Remaining[] = []
  for (const m of messages) {
    const last = out[out.length - 1]
    if (last && last.key === m.notice.key && last.template === m.notice.template) {
      out[out.length - 1] = { ...last, recipients: [...last.recipients, m.claimed.record.recipientId] }
    } else {
      out.push({
        key: m.notice.key,
        template: m.notice.template,
        data: m.notice.data,
        ...(m.notice.onReached ? { onReached: m.notice.onReached } : {}),
        recipients: [m.claimed.record.recipientId],
      })
    }
  }
  return out
}

/** A message that got through settles what its notice says, if the subject has not moved since. */
async function settleReached(
  collection: string,
  subject: Doc,
  messages: readonly Message[],
  outcomes: Readonly<Record<string, string>>,
): Promise<void> {
  const reached = new Set(
    messages.filter((m) => outcomes[m.claimed.record._id] === 'sent').map((m) => m.notice.onReached),
  )
  const set = Object.assign({}, ...[...reached].filter(Boolean)) as Record<string, unknown>
  if (Object.keys(set).length === 0) return
  const where: Record<string, unknown> = { _id: subject._id }
  if (typeof subject.version === 'number') where.version = subject.version
  try {
    await db().collection(collection).where(where).update(set)
  } catch (err) {
    console.log(
      JSON.stringify({ level: 'error', what: 'outbox.reached', id: subject._id, error: String(err) }),
    )
  }
}

/** A counter document's increments inside the transaction (its first count creates it). */
async function countInTx(tx: Tx, c: Count): Promise<void> {
  const _ = db().command
  const current = await txGet<Record<string, unknown>>(tx, c.collection, c.id)
  if (current) {
    await tx
      .collection(c.collection)
      .doc(c.id)
      .update(Object.fromEntries(Object.entries(c.incs).map(([f, n]) => [f, _.inc(n)])))
    return
  }
  await tx.collection(c.collection).doc(c.id).set(counterDoc(c.init, c.incs))
}

/**
 * The timer's part: subjects whose entries were not dispatched by the nudge (index `outbox`), oldest
 * first, at most `limit` per collection.
 */
export async function dispatchPending(
  now: Date,
  limit = 50,
): Promise<{ readonly found: number; readonly dispatched: number }> {
  const _ = db().command
  let found = 0
  let dispatched = 0
  for (const collection of OutboxCollections) {
    const res = await db()
      .collection(collection)
      .where({ outboxAt: _.lte(new Date(now.getTime() - DISPATCH_GRACE_MS)) })
      .orderBy('outboxAt', 'asc')
      .field({ _id: true })
      .limit(limit)
      .get()
    found += res.data.length
    for (const { _id } of res.data as { _id: string }[]) {
      try {
        dispatched += await dispatch(collection, _id, now)
      } catch (err) {
        console.log(
          JSON.stringify({
            level: 'error',
            what: 'outbox.dispatch',
            collection,
            id: _id,
            error: String(err),
          }),
        )
        // To the back of the queue: a subject whose dispatch keeps failing does not hold up the others.
        await db()
          .collection(collection)
          .where({ _id, outboxAt: _.neq(null) })
          .update({ outboxAt: now })
          .catch(() => undefined)
      }
    }
  }
  return { found, dispatched }
}

/**
 * The one runner of plans (src/core/plan.ts, docs/adr/0019-plans-and-one-outbox.md).
 *
 * - One conditional update of one document and no transfer (most moves): ONE write,
 *   `where({ _id, ...if }).update(…)`, the outbox entry pushed in it. The database matches the
 *   condition atomically, so of two racing moves exactly one applies.
 * - Anything else: one transaction that first reads and checks every condition, then makes the
 *   transfers and the writes. It commits all of them or none.
 *
 * `decideAndRun` loads, lets core decide and runs the plan; a condition that no longer holds means
 * someone moved first: load and decide again (which usually answers with the precise domain error),
 * and after a few tries answer DATA.CONFLICT. After a plan with effects the dispatcher is nudged
 * (`dispatch`), unless the caller leaves that to the app (the hot paths).
 */
import { holds, type OutboxEntry } from '../../src/core/effects'
import { CommonErrorCodes, DomainError } from '../../src/core/errors'
import type { Plan, Update } from '../../src/core/plan'
import { nudge } from './outbox'
import { db } from './sdk'
import { withRetry, type Tx } from './tx'
import { txGet, whereOf } from './repos/docs'
import { transferInTx } from './repos/ledger'

/** Runs the plan; false when a condition no longer held (nothing was written). */
export async function runPlan(plan: Plan, now: Date): Promise<boolean> {
  const [only] = plan.writes
  if (plan.writes.length === 1 && only?.op === 'update' && (plan.transfers ?? []).length === 0) {
    return conditionalUpdate(only, plan.outbox?.entry ?? null, now)
  }
  return withRetry(async (tx) => {
    const current = new Map<string, Record<string, unknown> | null>()
    for (const w of plan.writes) {
      if (w.op !== 'update') continue
      const doc = await txGet<Record<string, unknown>>(tx, w.collection, w.id)
      if (!doc || !holds(doc, w.if)) return false
      current.set(`${w.collection}/${w.id}`, doc)
    }
    for (const t of plan.transfers ?? []) await transferInTx(tx, t, now)
    for (const w of plan.writes) await writeInTx(tx, w, plan, current, now)
    return true
  })
}

async function conditionalUpdate(w: Update, entry: OutboxEntry | null, now: Date): Promise<boolean> {
  const _ = db().command
  const set: Record<string, unknown> = { ...w.set }
  if (entry) {
    set.outbox = _.push([entry])
    set.outboxAt = now
  }
  const res = (await db()
    .collection(w.collection)
    .where({ ...whereOf(w.if), _id: w.id })
    .update(set)) as { updated?: number }
  return res.updated === 1
}

async function writeInTx(
  tx: Tx,
  w: Plan['writes'][number],
  plan: Plan,
  current: ReadonlyMap<string, Record<string, unknown> | null>,
  now: Date,
): Promise<void> {
  const on = plan.outbox && plan.outbox.on.collection === w.collection && plan.outbox.on.id === w.id
  if (w.op === 'create') {
    const doc: Record<string, unknown> = { ...w.doc }
    if (on && plan.outbox) {
      doc.outbox = [...((doc.outbox as OutboxEntry[] | undefined) ?? []), plan.outbox.entry]
      doc.outboxAt = now
    }
    await tx.collection(w.collection).doc(w.id).set(doc)
    return
  }
  const set: Record<string, unknown> = { ...w.set }
  if (on && plan.outbox) {
    const was = (current.get(`${w.collection}/${w.id}`)?.outbox as OutboxEntry[] | undefined) ?? []
    set.outbox = [...was.filter((e) => e.id !== plan.outbox?.entry.id), plan.outbox.entry]
    set.outboxAt = now
  }
  await tx.collection(w.collection).doc(w.id).update(set)
}

export type Decision<R> =
  /** Nothing to write: answer this (a replay, a refusal answered as data). */
  | { readonly done: R }
  /** Run the plan, then answer `result`. */
  | { readonly plan: Plan; readonly result: R }

const TRIES = 4

/**
 * Load → decide (core) → run, again on a lost race. `decide` throws the domain error of a refusal.
 * With `nudge: 'now'` (the default) the plan's effects are dispatched before answering; with
 * `'app'` the app nudges right after the answer (hot paths) and the timer catches the rest.
 */
export async function decideAndRun<S, R>(
  load: () => Promise<S>,
  decide: (state: S) => Decision<R> | Promise<Decision<R>>,
  now: Date,
  opts: { readonly nudge?: 'now' | 'app' } = {},
): Promise<R> {
  for (let attempt = 0; attempt < TRIES; attempt += 1) {
    const d = await decide(await load())
    if ('done' in d) return d.done
    if (await runPlan(d.plan, now)) {
      const owed = d.plan.outbox
      if (owed && (opts.nudge ?? 'now') === 'now') await nudge(owed.on.collection, owed.on.id, now)
      return d.result
    }
  }
  throw new DomainError(CommonErrorCodes.CONFLICT, '操作冲突，请重试')
}

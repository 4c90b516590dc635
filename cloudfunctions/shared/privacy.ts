/**
 * Privacy contributions: each feature that stores something about a person declares, next to its
 * store (`repos/<feature>-privacy.ts`), what `me.data` shows of it and what `me.delete` does to it
 * (PIPL arts. 45 and 47). `repos/me.ts` runs them without knowing the features: the feature list in
 * `cloudfunctions/api/src/index.ts` hands them over (docs/adr/0014-one-shape.md).
 */
import type { MyData } from '../../src/core/me/api'
import { MY_DATA_RECENT } from '../../src/core/me/api'
import type { UserRecord } from '../../src/core/me/model'
import type { Actor } from '../../src/core/roles'
import { CommonErrorCodes, DomainError } from '../../src/core/errors'
import type { CallContext } from './kit'
import { jsonLog } from './kit'
import { db } from './sdk'
import { getDoc } from './repos/docs'
export { isoOrNull as iso } from '../../src/core/china-time'

/** The sections of `me.data` a feature answers for (each section has exactly one owner). */
export type MyDataSection = keyof MyData

export interface PrivacyContribution {
  /** The feature (its folder name), for logs and the ownership check. */
  readonly feature: string
  /** The sections of me.data this feature fills. */
  readonly sections: readonly MyDataSection[]
  /** Reads them, bounded (counts plus the newest `MY_DATA_RECENT`). */
  readonly data?: (actor: Actor, user: UserRecord) => Promise<Partial<MyData>>
  /**
   * Erasure, step 1: close what is pending and concerns only the person, through the feature's own
   * moves (compare-and-set, the other party told). A move no longer allowed is skipped and logged.
   */
  readonly settle?: (ctx: CallContext, now: Date) => Promise<void>
  /**
   * Step 2: take the person's name off the records the community keeps. One batch of
   * `ERASE_BATCH`; true when the batch was full (more may remain: the step runs again).
   */
  readonly anonymise?: (userId: string) => Promise<boolean>
  /** Step 3: delete or blank what is kept for nobody. */
  readonly forget?: (userId: string, now: Date) => Promise<void>
}

/** Declares a feature's contribution (typed as written, so its sections are checked against `data`). */
export function definePrivacy<S extends MyDataSection>(
  c: Omit<PrivacyContribution, 'sections' | 'data'> & {
    readonly sections: readonly S[]
    readonly data?: (actor: Actor, user: UserRecord) => Promise<Pick<MyData, S>>
  },
): PrivacyContribution {
  return c
}

/** Records settled or anonymised per step and call (a second me.delete continues). */
export const ERASE_BATCH = 100
/** Batches of one anonymising step per call: up to 1,000 orders or errands of a person at once. */
export const ERASE_ROUNDS = 10

/** How many of my records a store holds and the newest `MY_DATA_RECENT` (indexes userId + `by` desc). */
export async function recent<T>(
  collection: string,
  where: object,
  by: string,
): Promise<{ count: number; rows: T[] }> {
  const [count, res] = await Promise.all([
    db().collection(collection).where(where).count(),
    db()
      .collection(collection)
      .where(where)
      .orderBy(by, 'desc')
      .orderBy('_id', 'desc')
      .limit(MY_DATA_RECENT)
      .get(),
  ])
  return { count: count.total, rows: res.data as T[] }
}

/**
 * One rewrite of a record as a compare-and-set on its `version` (bumped: a move that read the
 * record before re-reads and keeps the change). `change` answers the fields, or null when there is
 * nothing (left) to do. Re-read and re-decided on a lost race.
 */
export async function rewrite<T extends { version: number }>(
  collection: string,
  id: string,
  change: (doc: T) => Record<string, unknown> | null,
): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const doc = await getDoc<T>(collection, id)
    const fields = doc ? change(doc) : null
    if (!doc || !fields) return
    const res = (await db()
      .collection(collection)
      .where({ _id: id, version: doc.version })
      .update({ ...fields, version: doc.version + 1 })) as { updated?: number }
    if (res.updated === 1) return
  }
  throw new DomainError(CommonErrorCodes.CONFLICT, '操作冲突，请重试')
}

/** Runs one settling move; a move the record no longer allows (a DomainError) is skipped and logged. */
export async function settleOne(
  what: string,
  id: string,
  step: () => Promise<unknown>,
  level: 'info' | 'warn' = 'info',
): Promise<void> {
  try {
    await step()
  } catch (err) {
    if (!(err instanceof DomainError)) throw err
    jsonLog({ level, what: `me.delete ${what} skipped`, id, code: err.code })
  }
}

/**
 * Erases the person's data feature by feature, in steps ordered so that a crash part-way leaves
 * nothing half-visible: every feature settles first (pending things closed while the person still
 * acts as their party), then every feature anonymises (repeating its batch until done, at most
 * `ERASE_ROUNDS` a call), then forgets. The user record itself is the caller's last step.
 */
export async function eraseContributions(
  contributions: readonly PrivacyContribution[],
  ctx: CallContext,
  now: Date,
): Promise<void> {
  for (const c of contributions) if (c.settle) await c.settle(ctx, now)
  for (const c of contributions) {
    const step = c.anonymise
    if (!step) continue
    let more = true
    for (let round = 0; more && round < ERASE_ROUNDS; round += 1) more = await step(ctx.actor.userId)
    if (more)
      jsonLog({
        level: 'warn',
        what: `me.delete ${c.feature}: more than ${ERASE_ROUNDS * ERASE_BATCH} records, the next call continues`,
      })
  }
  for (const c of contributions) if (c.forget) await c.forget(ctx.actor.userId, now)
}

/** Fills me.data from every contribution (in parallel); each section must come from exactly one. */
export async function collectData(
  contributions: readonly PrivacyContribution[],
  actor: Actor,
  user: UserRecord,
): Promise<Partial<MyData>> {
  const parts = await Promise.all(contributions.map((c) => (c.data ? c.data(actor, user) : {})))
  return Object.assign({}, ...parts) as Partial<MyData>
}

/** Fails on a section claimed twice or left unclaimed (run by the api's module and by a test). */
export function checkOwnership(
  contributions: readonly PrivacyContribution[],
  all: readonly MyDataSection[],
): void {
  const owner = new Map<string, string>()
  for (const c of contributions)
    for (const s of c.sections) {
      const before = owner.get(s)
      if (before) throw new Error(`me.data section "${s}" is claimed by ${before} and ${c.feature}`)
      owner.set(s, c.feature)
    }
  const missing = all.filter((s) => !owner.has(s))
  if (missing.length) throw new Error(`me.data sections with no owner: ${missing.join(', ')}`)
}

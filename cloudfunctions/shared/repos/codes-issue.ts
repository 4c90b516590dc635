/**
 * Issuing codes: exactly one active code per target, named by the target's pointer document
 * (`code_targets`), which every issuing or rotating transaction writes first so that racing callers
 * conflict there. A first listing issues the missing codes (adopting older pointer-less ones);
 * codes.regenerate rotates one.
 */
import { randomBytes } from 'node:crypto'
import type { CodeCard } from '../../../src/core/codes/api'
import {
  codeTargetIdFor,
  rememberRequest,
  type CodeRecord,
  type CodeTargetRecord,
} from '../../../src/core/codes/model'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import { codeFromBytes, type CodeTarget } from '../../../src/core/org/invite-code'
import type { Actor } from '../../../src/core/roles'
import { jsonLog } from '../kit'
import { db } from '../sdk'
import type { Tx } from '../tx'
import { assertMay, CODES, TARGETS, targetOf, type Target } from './codes-base'
import { cardsFor } from './codes-images'
import { txGet } from './docs'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function isConflict(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'DATABASE_TRANSACTION_CONFLICT'
}

/**
 * node-sdk retries a conflicting transaction a few times back to back; under load the winner may
 * not have committed yet, so we add a few retries with backoff before giving up with DATA.CONFLICT.
 */
async function transact<T>(body: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return (await db().runTransaction(body)) as T
    } catch (err) {
      if (!isConflict(err)) throw err
      if (attempt >= 4) throw new DomainError(CommonErrorCodes.CONFLICT, '操作冲突，请重试')
      await sleep(20 * 2 ** attempt + Math.floor(Math.random() * 20))
    }
  }
}

function pointerBody(
  t: Target,
  code: string,
  requestIds: readonly string[],
  now: Date,
): Omit<CodeTargetRecord, '_id'> {
  return { target: t.target, targetId: t.id, code, path: t.path, requestIds: [...requestIds], updatedAt: now }
}

/**
 * The target's active code, issuing one if it has none. Codes that exist without a pointer (seeded
 * or older data) are adopted, newest first; any further active ones are retired so exactly one
 * stays active. The pointer is written first: two callers racing on the same target conflict there.
 */
async function ensureOne(
  t: Target,
  legacy: readonly CodeRecord[],
  actor: Actor,
  now: Date,
): Promise<CodeRecord> {
  const pid = codeTargetIdFor(t.target, t.id)
  return transact(async (tx) => {
    const pointer = await txGet<CodeTargetRecord>(tx, TARGETS, pid)
    if (pointer) {
      const current = await txGet<CodeRecord>(tx, CODES, pointer.code)
      if (!current) throw new Error(`pointer ${pid} names a missing code`)
      return current
    }
    const live: CodeRecord[] = []
    for (const candidate of legacy) {
      const current = await txGet<CodeRecord>(tx, CODES, candidate._id)
      if (current?.active && current.target === t.target && current.targetId === t.id) live.push(current)
    }
    const adopted = live[0]
    if (adopted) {
      await tx
        .collection(TARGETS)
        .doc(pid)
        .set(pointerBody(t, adopted._id, [], now))
      for (const extra of live.slice(1)) {
        await tx
          .collection(CODES)
          .doc(extra._id)
          .update({ active: false, retiredAt: now, retiredBy: actor.userId })
      }
      return adopted
    }
    // Pointer first (the race is decided on it), then the code it names, in the same transaction.
    const code = await drawUnusedCode(tx)
    await tx
      .collection(TARGETS)
      .doc(pid)
      .set(pointerBody(t, code, [], now))
    return writeCode(tx, code, t, actor, now)
  })
}

async function drawUnusedCode(tx: Tx): Promise<string> {
  for (let i = 0; i < 5; i += 1) {
    const code = codeFromBytes(randomBytes(8))
    if (!(await txGet<CodeRecord>(tx, CODES, code))) return code
  }
  throw new Error('could not draw an unused invite code')
}

async function writeCode(tx: Tx, code: string, t: Target, actor: Actor, now: Date): Promise<CodeRecord> {
  const record: CodeRecord = {
    _id: code,
    target: t.target,
    targetId: t.id,
    path: t.path,
    active: true,
    createdAt: now,
    imageFileId: null,
    createdBy: actor.userId,
    retiredAt: null,
    retiredBy: null,
  }
  const { _id, ...body } = record
  await tx.collection(CODES).doc(_id).set(body)
  return record
}

/** The active code of every target, issuing the missing ones (one transaction per missing target). */
export async function ensureCodes(
  targets: readonly Target[],
  actor: Actor,
  now: Date,
): Promise<Map<string, CodeRecord>> {
  const _ = db().command
  const out = new Map<string, CodeRecord>()
  if (targets.length === 0) return out
  const pids = targets.map((t) => codeTargetIdFor(t.target, t.id))
  const pointers = (
    await db()
      .collection(TARGETS)
      .where({ _id: _.in(pids) })
      .limit(pids.length)
      .get()
  ).data as CodeTargetRecord[]
  const pointerOf = new Map(pointers.map((p) => [p._id, p]))
  const present = pointers.map((p) => p.code)
  if (present.length > 0) {
    const records = (
      await db()
        .collection(CODES)
        .where({ _id: _.in(present) })
        .limit(present.length)
        .get()
    ).data as CodeRecord[]
    const byCode = new Map(records.map((r) => [r._id, r]))
    for (const t of targets) {
      const record = byCode.get(pointerOf.get(codeTargetIdFor(t.target, t.id))?.code ?? '')
      if (record) out.set(t.id, record)
    }
  }
  const missing = targets.filter((t) => !out.has(t.id))
  if (missing.length === 0) return out
  const legacy = (
    await db()
      .collection(CODES)
      .where({ targetId: _.in(missing.map((t) => t.id)), active: true })
      .limit(1000)
      .get()
  ).data as CodeRecord[]
  const newestFirst = [...legacy].sort(
    (a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime(),
  )
  for (const t of missing) {
    const mine = newestFirst.filter((c) => c.targetId === t.id && c.target === t.target)
    out.set(t.id, await ensureOne(t, mine, actor, now))
  }
  return out
}

/**
 * codes.regenerate: a new active code, the old one retired, in one transaction; idempotent on the
 * client's requestId (a retried call answers the code its first attempt made).
 */
export async function regenerateCode(
  actor: Actor,
  input: { target: CodeTarget; targetId: string; requestId: string },
  now: Date,
): Promise<CodeCard> {
  const t = await targetOf(input.target, input.targetId)
  assertMay(actor, 'codes.regenerate', t.path)
  // The pointer must exist (adopting a seeded code) before it can be rotated.
  await ensureCodes([t], actor, now)
  const pid = codeTargetIdFor(t.target, t.id)
  const record = await transact(async (tx) => {
    const pointer = await txGet<CodeTargetRecord>(tx, TARGETS, pid)
    if (!pointer) throw new DomainError(CommonErrorCodes.CONFLICT, '操作冲突，请重试')
    if (pointer.requestIds.includes(input.requestId)) {
      const current = await txGet<CodeRecord>(tx, CODES, pointer.code)
      if (!current) throw new Error(`pointer ${pid} names a missing code`)
      return current
    }
    const code = await drawUnusedCode(tx)
    await tx
      .collection(TARGETS)
      .doc(pid)
      .set(pointerBody(t, code, rememberRequest(pointer.requestIds, input.requestId), now))
    await tx
      .collection(CODES)
      .doc(pointer.code)
      .update({ active: false, retiredAt: now, retiredBy: actor.userId })
    return writeCode(tx, code, t, actor, now)
  })
  const card = (await cardsFor([t], new Map([[t.id, record]]))).get(t.id)
  if (!card) throw new Error('regenerated code vanished')
  jsonLog({ level: 'info', what: 'code regenerated', target: t.target, targetId: t.id, by: actor.userId })
  return card
}

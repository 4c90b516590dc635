import { randomBytes } from 'node:crypto'
import type { CodeCard, CodeGridOption, GridCodes } from '../../../src/core/codes/api'
import {
  byNaturalName,
  CODE_COLLECTIONS,
  codeImagePath,
  codeTargetIdFor,
  rememberRequest,
  wxacodeRequest,
  type CodeRecord,
  type CodeTargetRecord,
} from '../../../src/core/codes/model'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import { codeFromBytes, sceneFor, type CodeTarget } from '../../../src/core/org/invite-code'
import type { Building, Grid, OrgPath } from '../../../src/core/org/model'
import { codesFeature } from '../../../src/core/codes/feature'
import { can } from '../../../src/core/permissions'
import type { Actor, Role } from '../../../src/core/roles'
import { jsonLog } from '../kit'
import { cloud, db } from '../sdk'
import { getUnlimitedWxacode } from '../wxacode'
import { getDoc, namesByIds, txGet } from './docs'

const { codes: CODES, targets: TARGETS } = CODE_COLLECTIONS

/** A transaction as node-sdk hands it to `runTransaction`: single-document operations only. */
type Tx = { collection(name: string): ReturnType<ReturnType<typeof db>['collection']> }

/** A building or grid that carries a code. */
interface Target {
  readonly target: CodeTarget
  readonly id: string
  readonly name: string
  readonly path: OrgPath
}

const MAX_BUILDINGS = 200
/**
 * Images still missing after this long in one call are left for the next call (imageUrl null), so
 * a first listing of a large grid stays inside the function timeout (10 s, cloudbaserc.json).
 */
const IMAGE_BUDGET_MS = 5000
const IMAGE_CONCURRENCY = 4
const TEMP_URL_MAX_AGE_S = 2 * 60 * 60

function forbidden(): DomainError {
  return new DomainError(CommonErrorCodes.FORBIDDEN, '无权查看或管理该网格的二维码')
}

function assertMay(actor: Actor, action: 'codes.list' | 'codes.regenerate', path: OrgPath): void {
  if (!can(actor, action, path)) throw forbidden()
}

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
async function ensureCodes(
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
 * The image of a code: generated through wxacode.getUnlimited and stored once per code, its
 * fileID remembered on the code record. Two callers racing on a new code may both generate; they
 * write the same storage path and the same fileID, so the result is the same.
 */
async function ensureImage(record: CodeRecord): Promise<string> {
  if (record.imageFileId) return record.imageFileId
  const png = await getUnlimitedWxacode(wxacodeRequest(record.target, record._id))
  const uploaded = await cloud().uploadFile({
    cloudPath: codeImagePath(record.targetId, record._id),
    fileContent: png,
  })
  const fileId = uploaded.fileID
  await db().collection(CODES).doc(record._id).update({ imageFileId: fileId })
  return fileId
}

/** Image fileIDs for the records, generating missing ones within a time budget; failures are logged. */
async function ensureImages(records: readonly CodeRecord[]): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  const queue = [...records]
  const started = Date.now()
  const worker = async () => {
    for (let record = queue.shift(); record; record = queue.shift()) {
      if (record.imageFileId) {
        out.set(record._id, record.imageFileId)
        continue
      }
      if (Date.now() - started > IMAGE_BUDGET_MS) continue
      try {
        out.set(record._id, await ensureImage(record))
      } catch (err) {
        jsonLog({
          level: 'error',
          what: 'wxacode image',
          code: record._id,
          error: err instanceof Error ? err.message : String(err),
        })
      }
    }
  }
  await Promise.all(Array.from({ length: IMAGE_CONCURRENCY }, worker))
  return out
}

/** fileID → temporary URL, 50 files per request (the platform's batch limit). */
async function tempUrls(fileIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  const unique = [...new Set(fileIds)]
  for (let i = 0; i < unique.length; i += 50) {
    const batch = unique.slice(i, i + 50)
    const res = await cloud().getTempFileURL({
      fileList: batch.map((fileID) => ({ fileID, maxAge: TEMP_URL_MAX_AGE_S })),
    })
    for (const f of res.fileList ?? []) {
      if (f.code === 'SUCCESS' && f.tempFileURL) out.set(f.fileID, f.tempFileURL)
    }
  }
  return out
}

async function cardsFor(
  targets: readonly Target[],
  records: Map<string, CodeRecord>,
): Promise<Map<string, CodeCard>> {
  const list = targets.map((t) => records.get(t.id)).filter((r): r is CodeRecord => !!r)
  const images = await ensureImages(list)
  const urls = await tempUrls([...images.values()])
  const out = new Map<string, CodeCard>()
  for (const t of targets) {
    const record = records.get(t.id)
    if (!record) continue
    const fileId = images.get(record._id)
    out.set(t.id, {
      target: t.target,
      targetId: t.id,
      name: t.name,
      code: record._id,
      scene: sceneFor(t.target, record._id),
      imageUrl: (fileId && urls.get(fileId)) ?? null,
      createdAt: new Date(record.createdAt).toISOString(),
    })
  }
  return out
}

/** Paths from the documents' ancestor ids (not from `level`, which older documents may lack). */
function gridPath(grid: Grid): OrgPath {
  return { streetId: grid.streetId, communityId: grid.communityId, gridId: grid._id }
}

function gridTarget(grid: Grid): Target {
  return { target: 'grid', id: grid._id, name: grid.name, path: gridPath(grid) }
}

function buildingTarget(building: Building): Target {
  const path = {
    streetId: building.streetId,
    communityId: building.communityId,
    gridId: building.gridId,
    buildingId: building._id,
  }
  return { target: 'building', id: building._id, name: building.name, path }
}

/** codes.list: the grid's code and every building's, issued and imaged on first listing. */
export async function listCodes(actor: Actor, gridId: string, now: Date): Promise<GridCodes> {
  const grid = await getDoc<Grid>('grids', gridId)
  if (!grid) throw new DomainError(CommonErrorCodes.NOT_FOUND, '网格不存在')
  assertMay(actor, 'codes.list', gridPath(grid))
  const [community, buildingsRes] = await Promise.all([
    getDoc<{ name: string }>('communities', grid.communityId),
    db().collection('buildings').where({ gridId: grid._id }).limit(MAX_BUILDINGS).get(),
  ])
  const buildings = (buildingsRes.data as Building[]).map(buildingTarget).sort((a, b) => byNaturalName(a, b))
  const targets = [gridTarget(grid), ...buildings]
  const records = await ensureCodes(targets, actor, now)
  const cards = await cardsFor(targets, records)
  const gridCode = cards.get(grid._id)
  if (!gridCode) throw new Error(`grid ${grid._id} has no code`)
  return {
    grid: { id: grid._id, name: grid.name, path: gridPath(grid) },
    communityName: community?.name ?? '',
    gridCode,
    buildings: buildings.map((b) => cards.get(b.id)).filter((c): c is CodeCard => !!c),
  }
}

async function targetOf(target: CodeTarget, targetId: string): Promise<Target> {
  if (target === 'grid') {
    const grid = await getDoc<Grid>('grids', targetId)
    if (grid) return gridTarget(grid)
  } else {
    const building = await getDoc<Building>('buildings', targetId)
    if (building) return buildingTarget(building)
  }
  throw new DomainError(CommonErrorCodes.NOT_FOUND, target === 'grid' ? '网格不存在' : '楼栋不存在')
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

/** The roles that may see codes (from the permission table, so the two never disagree). */
const VIEWER_ROLES: readonly Role[] = codesFeature.permissions['codes.list'].roles

/** codes.grids: grids inside the caller's viewer grants, by community then natural name. */
export async function codeGrids(actor: Actor): Promise<CodeGridOption[]> {
  const _ = db().command
  const clauses = actor.grants
    .filter((g) => VIEWER_ROLES.includes(g.role))
    .map((g) =>
      g.scope.gridId
        ? { _id: g.scope.gridId }
        : g.scope.communityId
          ? { communityId: g.scope.communityId }
          : { streetId: g.scope.streetId },
    )
  if (clauses.length === 0) return []
  const grids = (await db().collection('grids').where(_.or(clauses)).limit(200).get()).data as Grid[]
  const communityName = await namesByIds(
    'communities',
    grids.map((g) => g.communityId),
  )
  return grids
    .filter((g) => can(actor, 'codes.list', gridPath(g)))
    .map((g) => ({
      id: g._id,
      name: g.name,
      communityName: communityName.get(g.communityId) ?? '',
      path: gridPath(g),
    }))
    .sort(
      (a, b) =>
        a.communityName.localeCompare(b.communityName, 'zh-CN', { numeric: true }) || byNaturalName(a, b),
    )
}

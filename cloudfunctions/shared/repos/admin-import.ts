import { AdminErrors, type ImportResult } from '../../../src/core/admin/api'
import { holdsOver } from '../../../src/core/access'
import { ManagedBy } from '../../../src/core/admin/rules'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import { checkBuildingImport, type LineError } from '../../../src/core/org/building-import'
import type { Actor } from '../../../src/core/roles'
import { db } from '../sdk'
import { getPlace, isDuplicateKey, pathAt, stableHash, type PlaceDoc } from './admin-places'
import { getDoc } from './docs'

/**
 * CSV import of buildings, all or nothing without one giant transaction (docs/adr/0005-org-admin.md):
 * 1. validate every line against the community's grids and buildings (nothing written on error);
 * 2. write the plan — every building and unit with a deterministic id — to `org_imports/<importId>`,
 *    where importId is a hash of (community, CSV text): the same file is the same import;
 * 3. write units, then their building (a building shows up only with its units), with `set` by id,
 *    so writing twice is writing once;
 * 4. mark the import done. A crash or timeout anywhere in 3 is finished by sending the same CSV again.
 * A race with another writer taking one of the names (unique index) rolls the plan's documents back.
 */

const IMPORTS = 'org_imports'
/** Writes in flight at once: enough to be quick, few enough not to trip the database's rate limit. */
const PARALLEL = 8

interface PlannedBuilding {
  readonly line: number
  readonly gridId: string
  readonly name: string
  readonly units: number
  readonly buildingId: string
}

interface ImportRecord {
  readonly _id: string
  readonly communityId: string
  readonly status: 'writing' | 'done' | 'failed'
  readonly rows: readonly PlannedBuilding[]
  readonly buildings: number
  readonly units: number
}

export function importIdFor(communityId: string, csv: string): string {
  const text = csv
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .trim()
  return `imp-${stableHash(communityId, text).slice(0, 24)}`
}

export function unitIdFor(buildingId: string, n: number): string {
  return `${buildingId}-u${n}`
}

/** Runs `fn` over the items a few at a time; on failure, waits for the batch to settle, then throws. */
async function inBatches<T>(items: readonly T[], fn: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += PARALLEL) {
    await settleAll(items.slice(i, i + PARALLEL).map(fn))
  }
}

/** Promise.all that lets every write finish (or fail) before reporting: no write lands after a rollback. */
async function settleAll(writes: readonly Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(writes)).find(
    (r): r is PromiseRejectedResult => r.status === 'rejected',
  )
  if (failed) throw failed.reason
}

/** Every document matching `where`, paged by _id (no silent 1000-row cut). */
async function everyDoc<T>(
  collection: string,
  where: Record<string, unknown>,
  field: Record<string, boolean>,
): Promise<T[]> {
  const _ = db().command
  const out: T[] = []
  let after: string | null = null
  for (;;) {
    const res = await db()
      .collection(collection)
      .where(after === null ? where : { ...where, _id: _.gt(after) })
      .field(field)
      .orderBy('_id', 'asc')
      .limit(1000)
      .get()
    const page = res.data as (T & { _id: string })[]
    out.push(...page)
    if (page.length < 1000) return out
    after = page[page.length - 1]?._id ?? null
  }
}

function invalid(errors: readonly LineError[]): DomainError {
  return new DomainError(
    AdminErrors.IMPORT_INVALID,
    `有 ${errors.length} 行有误，未导入任何楼栋`,
    errors.map((e) => ({ path: `line ${e.line}`, message: e.message })),
  )
}

async function validate(community: PlaceDoc, csv: string, importId: string): Promise<PlannedBuilding[]> {
  const _ = db().command
  const grids = await everyDoc<{ _id: string; name: string }>(
    'grids',
    { communityId: community._id },
    { name: true },
  )
  const buildings =
    grids.length === 0
      ? []
      : await everyDoc<{ gridId: string; name: string }>(
          'buildings',
          { gridId: _.in(grids.map((g) => g._id)) },
          { gridId: true, name: true },
        )
  const existing = new Map<string, Set<string>>()
  for (const b of buildings) existing.set(b.gridId, (existing.get(b.gridId) ?? new Set()).add(b.name))
  const checked = checkBuildingImport(csv, grids, existing)
  if (!checked.ok) throw invalid(checked.errors)
  return checked.rows.map((r) => ({
    line: r.line,
    gridId: r.gridId,
    name: r.building,
    units: r.units,
    buildingId: `bd-${stableHash(importId, r.gridId, r.building).slice(0, 16)}`,
  }))
}

async function writePlan(community: PlaceDoc, record: ImportRecord, now: Date): Promise<void> {
  const base = pathAt('community', community)
  await inBatches(record.rows, async (row) => {
    const building = { ...base, gridId: row.gridId, buildingId: row.buildingId }
    const units = Array.from({ length: row.units }, (_v, i) => i + 1)
    await settleAll(
      units.map((n) =>
        db()
          .collection('units')
          .doc(unitIdFor(row.buildingId, n))
          .set({ level: 'unit', name: `${n}单元`, ...building, importId: record._id, createdAt: now }),
      ),
    )
    await db().collection('buildings').doc(row.buildingId).set({
      level: 'building',
      name: row.name,
      streetId: base.streetId,
      communityId: base.communityId,
      gridId: row.gridId,
      importId: record._id,
      createdAt: now,
    })
  })
}

/** Removes whatever part of the plan was written (ids are known; missing documents are fine). */
async function rollBack(record: ImportRecord): Promise<void> {
  await inBatches(record.rows, async (row) => {
    await db().collection('buildings').doc(row.buildingId).remove()
    await settleAll(
      Array.from({ length: row.units }, (_v, i) =>
        db()
          .collection('units')
          .doc(unitIdFor(row.buildingId, i + 1))
          .remove(),
      ),
    )
  })
}

/** org.import */
export async function importBuildings(
  actor: Actor,
  communityId: string,
  csv: string,
  now: Date,
): Promise<ImportResult> {
  const community = await getPlace('community', communityId)
  if (!community) throw new DomainError(CommonErrorCodes.NOT_FOUND, '该社区不存在')
  if (!holdsOver(actor, ManagedBy.building, pathAt('community', community))) {
    throw new DomainError(CommonErrorCodes.FORBIDDEN, '只能向本人管理的社区导入楼栋')
  }
  const importId = importIdFor(communityId, csv)
  let record = await getDoc<ImportRecord>(IMPORTS, importId)
  if (record?.status === 'done') return { importId, buildings: record.buildings, units: record.units }
  if (!record || record.status === 'failed') {
    const rows = await validate(community, csv, importId)
    const body = {
      communityId,
      status: 'writing' as const,
      rows,
      buildings: rows.length,
      units: rows.reduce((n, r) => n + r.units, 0),
      createdBy: actor.userId,
      createdAt: now,
    }
    await db().collection(IMPORTS).doc(importId).set(body)
    record = { _id: importId, ...body }
  }
  try {
    await writePlan(community, record, now)
  } catch (err) {
    if (!isDuplicateKey(err)) throw err // a crash or timeout: the same CSV again finishes the plan
    // Someone else took one of the names meanwhile: undo ours, report the lines as a fresh check would.
    await rollBack(record)
    await db().collection(IMPORTS).doc(importId).update({ status: 'failed', failedAt: now })
    await validate(community, csv, importId)
    throw new DomainError(CommonErrorCodes.CONFLICT, '导入时楼栋名称被占用，请重试')
  }
  await db().collection(IMPORTS).doc(importId).update({ status: 'done', doneAt: now })
  return { importId, buildings: record.buildings, units: record.units }
}

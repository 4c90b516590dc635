/**
 * Excel exports (数据导出): read the store in keyset pages of the period (indexes on the scope and
 * the period's date field, declared by each collection's owner), map each page to rows with core's
 * mappers (src/core/exports/rows.ts), write one .xlsx (../xlsx.ts, deflated), store it in cloud
 * storage and answer a temporary URL. Counted first: past EXPORT_MAX_ROWS nothing is read, written
 * or logged. Every file made is one access-log entry naming every resident whose data it carries.
 */
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { ExportFile } from '../../../src/core/exports/api'
import { ExportErrors } from '../../../src/core/exports/errors'
import { gridCounters } from '../../../src/core/dashboard/view'
import { leagueCells, leagueRowOf, sortLeague, type LeagueRow } from '../../../src/core/exports/league'
import { daysOf } from './dashboard'
import { periodOf, type Period } from '../../../src/core/exports/period'
import {
  attendanceRow,
  errandRow,
  EXPORT_MAX_ROWS,
  ExportColumns,
  exportFileName,
  isExportKind,
  ledgerRow,
  orderRow,
  tooManyRowsMessage,
  voucherRow,
  type ActivityForExport,
  type ErrandForExport,
  type ExportKind,
  type OrderForExport,
  type PlaceNames,
  type Row,
  type SignupForExport,
  type TransferForExport,
  type VoucherForExport,
} from '../../../src/core/exports/rows'
import { parseAccount } from '../../../src/core/points/model'
import type { CallContext } from '../kit'
import { cloud, db } from '../sdk'
import { SheetWriter } from '../xlsx'
import { logAccess } from './access-log'
import { pagesOf } from './paging'

/**
 * Documents per read. Small on purpose: a page's parsed answer then dies young (the young generation
 * is 2 MB, ADR 0018) instead of piling up in the old one; 500 a page peaked 24 MB higher at 10,000 rows.
 */
const PAGE = 200
const TEMP_URL_MAX_AGE_S = 2 * 60 * 60

/** Where the file is about: one community, or a whole street. */
export interface ExportScope {
  readonly level: 'community' | 'street'
  readonly id: string
  readonly name: string
  readonly streetId: string
  /** The communities it covers (one, or every community of the street). */
  readonly communityIds: readonly string[]
  readonly places: PlaceNames
  /** The grids it covers, with their community. */
  readonly grids: readonly { readonly _id: string; readonly name: string; readonly communityId: string }[]
}

/** What a kind's builder writes into: the sheet (row by row) and the residents it names. */
interface Out {
  readonly sheet: SheetWriter
  readonly people: Set<string>
  readonly scope: ExportScope
}

/** Writes a page's rows; past the cap (the count moved since it was taken) the export stops whole. */
function write(out: Out, rows: readonly Row[]): void {
  for (const row of rows) out.sheet.add(row)
  if (out.sheet.rows > EXPORT_MAX_ROWS) throw tooMany(out.sheet.rows, out.scope)
}

const tooMany = (rows: number, scope: ExportScope) =>
  new DomainError(ExportErrors.TOO_MANY_ROWS, tooManyRowsMessage(rows, scope.level === 'street'), [
    { path: 'rows', message: String(rows) },
  ])

/** Refuses a count past the cap before anything is read. */
function capped(count: number, scope: ExportScope): void {
  if (count > EXPORT_MAX_ROWS) throw tooMany(count, scope)
}

/** The scope as loaded: its communities and grids, with their names (two or three reads). */
export async function loadScope(
  level: 'community' | 'street',
  id: string,
  name: string,
): Promise<ExportScope> {
  let streetId = id
  let communities: { _id: string; name: string }[]
  if (level === 'community') {
    const c = (await db().collection('communities').doc(id).field({ name: true, streetId: true }).get())
      .data as { _id: string; name: string; streetId: string }[]
    const community = c[0]
    if (!community) throw new DomainError(CommonErrorCodes.NOT_FOUND, '社区不存在')
    streetId = community.streetId
    communities = [{ _id: id, name: community.name }]
  } else {
    communities = (
      await db().collection('communities').where({ streetId: id }).field({ name: true }).limit(1000).get()
    ).data as { _id: string; name: string }[]
  }
  const communityIds = communities.map((c) => c._id)
  const grids = (
    await db()
      .collection('grids')
      .where(level === 'community' ? { communityId: id } : { streetId: id })
      .field({ name: true, communityId: true })
      .limit(1000)
      .get()
  ).data as { _id: string; name: string; communityId: string }[]
  return {
    level,
    id,
    name,
    streetId,
    communityIds,
    grids,
    places: {
      communities: new Map(communities.map((c) => [c._id, c.name])),
      grids: new Map(grids.map((g) => [g._id, g.name])),
    },
  }
}

/** Display names of users by id, in chunks (one read per 500), remembered across pages. */
async function namesInto(
  cache: Map<string, string>,
  ids: readonly (string | null | undefined)[],
): Promise<void> {
  const missing = [...new Set(ids.filter((i): i is string => !!i && !cache.has(i)))]
  const _ = db().command
  for (let i = 0; i < missing.length; i += PAGE) {
    const chunk = missing.slice(i, i + PAGE)
    const users = (
      await db()
        .collection('users')
        .where({ _id: _.in(chunk) })
        .field({ realName: true, displayName: true })
        .limit(chunk.length)
        .get()
    ).data as { _id: string; realName?: string; displayName?: string }[]
    for (const u of users) cache.set(u._id, u.realName ?? u.displayName ?? '')
    for (const id of chunk) if (!cache.has(id)) cache.set(id, '')
  }
}

/**
 * Every document of `where` whose `field` lies in the period, in keyset pages ordered by (field, _id),
 * each page handed out before the next is read.
 */
function scan<T extends { _id: string }>(
  collection: string,
  where: object,
  field: keyof T & string,
  period: Period,
  dir: 'asc' | 'desc' = 'asc',
  fields?: Readonly<Record<string, true>>,
): AsyncGenerator<T[]> {
  const _ = db().command
  return pagesOf<T>(collection, [where, { [field]: _.and(_.gte(period.from), _.lt(period.until)) }], PAGE, {
    order: { field, dir },
    ...(fields ? { fields } : {}),
  })
}

/** A page's rows written, the residents they carry counted first. */
function emit<T>(
  out: Out,
  docs: readonly T[],
  peopleOf: (doc: T) => readonly (string | null)[],
  rowOf: (doc: T) => Row,
): void {
  for (const d of docs) for (const p of peopleOf(d)) if (p) out.people.add(p)
  write(out, docs.map(rowOf))
}

async function countOf(collection: string, where: object, field: string, period: Period): Promise<number> {
  const _ = db().command
  const res = await db()
    .collection(collection)
    .where(_.and([where, { [field]: _.and(_.gte(period.from), _.lt(period.until)) }]))
    .count()
  return res.total as number
}

/** The scope's condition on a collection that carries the org path (orders, errands). */
const pathWhere = (scope: ExportScope) =>
  scope.level === 'community' ? { 'path.communityId': scope.id } : { 'path.streetId': scope.id }

/** The scope's condition on a collection that carries only the community. */
const communityWhere = (scope: ExportScope) =>
  scope.level === 'community'
    ? { communityId: scope.id }
    : { communityId: db().command.in([...scope.communityIds]) }

type OrderDoc = OrderForExport & { readonly reporterId: string }

/** What an order's row needs: not its text, photos or the names on its timeline. */
const ORDER_FIELDS = {
  categoryName: true,
  path: true,
  placeName: true,
  status: true,
  tier: true,
  department: true,
  acceptedAt: true,
  repliedAt: true,
  closedAt: true,
  overdue: true,
  rating: true,
  reporterId: true,
  'events.kind': true,
  'events.at': true,
  'events.byRole': true,
  'events.toTier': true,
  'events.outcome': true,
  'events.rating': true,
  'events.auto': true,
} as const

async function orders(out: Out, period: Period): Promise<void> {
  const where = pathWhere(out.scope)
  capped(await countOf('orders', where, 'submittedAt', period), out.scope)
  for await (const docs of scan<OrderDoc>('orders', where, 'submittedAt', period, 'asc', ORDER_FIELDS))
    emit(
      out,
      docs,
      (o) => [o.reporterId],
      (o) => orderRow(o, out.scope.places),
    )
}

type ErrandDoc = ErrandForExport & {
  readonly _id: string
  readonly requesterId: string
  readonly helperId: string | null
}

async function errands(out: Out, period: Period): Promise<void> {
  const where = pathWhere(out.scope)
  capped(await countOf('errands', where, 'createdAt', period), out.scope)
  for await (const docs of scan<ErrandDoc>('errands', where, 'createdAt', period))
    emit(
      out,
      docs,
      (e) => [e.requesterId, e.helperId],
      (e) => errandRow(e, out.scope.places),
    )
}

type ActivityDoc = ActivityForExport & { readonly _id: string }
type SignupDoc = SignupForExport & {
  readonly _id: string
  readonly userId: string
  readonly activityId: string
}

/** Activities that started in the period, and one row per sign-up (withdrawn ones too, with their status). */
async function attendance(out: Out, period: Period): Promise<void> {
  const _ = db().command
  const activities: ActivityDoc[] = []
  for await (const docs of scan<ActivityDoc>('activities', communityWhere(out.scope), 'startAt', period))
    activities.push(...docs)
  const ids = activities.map((a) => a._id)
  let count = 0
  for (let i = 0; i < ids.length; i += 100)
    count += (
      await db()
        .collection('activity_signups')
        .where({ activityId: _.in(ids.slice(i, i + 100)) })
        .count()
    ).total as number
  capped(count, out.scope)
  const names = new Map<string, string>()
  for (const a of activities) {
    // One activity's sign-ups (at most its capacity), paged by id all the same.
    for await (const signups of pagesOf<SignupDoc>('activity_signups', [{ activityId: a._id }], PAGE)) {
      await namesInto(
        names,
        signups.map((s) => s.userId),
      )
      emit(
        out,
        signups,
        (s) => [s.userId],
        (s) => attendanceRow(a, s, names.get(s.userId) ?? '', out.scope.places),
      )
    }
  }
}

type VoucherDoc = VoucherForExport & {
  readonly _id: string
  readonly userId: string
  readonly verifiedBy: string | null
}

async function vouchers(out: Out, period: Period): Promise<void> {
  const where = communityWhere(out.scope)
  capped(await countOf('market_vouchers', where, 'issuedAt', period), out.scope)
  const names = new Map<string, string>()
  for await (const docs of scan<VoucherDoc>('market_vouchers', where, 'issuedAt', period)) {
    await namesInto(
      names,
      docs.flatMap((v) => [v.userId, v.verifiedBy]),
    )
    emit(
      out,
      docs,
      (v) => [v.userId, v.verifiedBy],
      (v) =>
        voucherRow(
          v,
          names.get(v.userId) ?? '',
          v.verifiedBy ? (names.get(v.verifiedBy) ?? '') : '',
          out.scope.places,
        ),
    )
  }
}

type TransferDoc = TransferForExport & { readonly _id: string }

/** The ledger's transfers of the period, newest first (its staff index, community_time). */
async function ledger(out: Out, period: Period): Promise<void> {
  const where = communityWhere(out.scope)
  capped(await countOf('point_transfers', where, 'at', period), out.scope)
  const names = new Map<string, string>()
  const personOf = (account: string) => {
    const p = parseAccount(account)
    return p?.kind === 'u' ? p.ref : null
  }
  for await (const docs of scan<TransferDoc>('point_transfers', where, 'at', period, 'desc')) {
    await namesInto(
      names,
      docs.flatMap((t) => [personOf(t.from), personOf(t.to)]),
    )
    emit(
      out,
      docs,
      (t) => [personOf(t.from), personOf(t.to)],
      (t) => ledgerRow(t, names, out.scope.places),
    )
  }
}

/**
 * The league table: the scope's grids with their order counters over the period, summed from the
 * day buckets (src/core/dashboard/days.ts) as the dashboard sums them: O(grids × days) small
 * documents, never the orders. The rates are those of the orders received in the period.
 */
export async function leagueRows(scope: ExportScope, period: Period): Promise<LeagueRow[]> {
  const byGrid = gridCounters(await daysOf(scope.communityIds, period.fromDay, period.toDay))
  return sortLeague(
    scope.grids.map((g) =>
      leagueRowOf(
        {
          gridId: g._id,
          gridName: g.name,
          communityId: g.communityId,
          communityName: scope.places.communities.get(g.communityId) ?? '',
        },
        byGrid.get(g._id),
      ),
    ),
  )
}

async function league(out: Out, period: Period): Promise<void> {
  write(out, (await leagueRows(out.scope, period)).map(leagueCells))
}

const builders: Readonly<Record<ExportKind, (out: Out, period: Period) => Promise<void>>> = {
  orders,
  errands,
  attendance,
  vouchers,
  ledger,
  league,
}

/** The column widths: wide enough for the header, wider for times and the timeline. */
const widthOf = (header: string) =>
  header === '办理经过' ? 48 : /时间/.test(header) ? 18 : Math.max(10, [...header].length * 2 + 2)

async function tempUrl(fileID: string): Promise<string | null> {
  const res = await cloud().getTempFileURL({ fileList: [{ fileID, maxAge: TEMP_URL_MAX_AGE_S }] })
  const f = res.fileList?.[0]
  return f && f.code === 'SUCCESS' && f.tempFileURL ? f.tempFileURL : null
}

/**
 * export.community / export.street: the kit has checked the role over the place (refusals logged).
 * Input checked by core first (kind, days, a year at most): nothing is read before.
 */
export async function makeExport(
  ctx: CallContext,
  input: { kind: string; from: string; to: string },
  level: 'community' | 'street',
  id: string,
  placeName: string,
  now: Date,
): Promise<ExportFile> {
  if (!isExportKind(input.kind))
    throw new DomainError(ExportErrors.BAD_KIND, '不支持导出这类数据，请重新选择')
  const kind = input.kind
  const period = periodOf(input.from, input.to)
  const scope = await loadScope(level, id, placeName)
  const header = ExportColumns[kind]
  const fileName = exportFileName(kind, scope.name, period.fromDay, period.toDay)
  const out: Out = {
    scope,
    people: new Set(),
    sheet: new SheetWriter(fileName.replace(/\.xlsx$/, '').slice(0, 31), header, header.map(widthOf)),
  }
  await builders[kind](out, period)
  const rows = out.sheet.rows
  const xlsx = out.sheet.finish(now)
  const { fileID } = await cloud().uploadFile({
    cloudPath: `exports/${kind}/${id}/${now.getTime()}.xlsx`,
    fileContent: xlsx,
  })
  await logAccess({
    actorId: ctx.actor.userId,
    action: `export.${kind}`,
    subject: id,
    people: [...out.people].filter((p) => p !== ctx.actor.userId),
    allowed: true,
    requestId: ctx.requestId,
    at: now,
  })
  const url = await tempUrl(fileID)
  if (!url) throw new Error(`no temporary URL for ${fileID}`)
  return { kind, fileID, url, fileName, rows, bytes: xlsx.length }
}

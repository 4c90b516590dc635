/**
 * Work orders in the store (collection `orders`, one document per order with its timeline inside).
 *
 * Concurrency: every move is read → core decides (src/core/orders/decide.ts) → ONE conditional
 * update `where({ _id, version })`. Of two racing moves exactly one matches the version; the loser
 * re-reads and gets the domain answer (e.g. ORDER.ALREADY_ACCEPTED). A single-document conditional
 * update is atomic in CloudBase, so no multi-request transaction is needed on the hot paths.
 *
 * The hot path (docs/adr/0011-order-outbox.md): a submit is ONE insert with its deterministic id (a
 * duplicate-key error means "a retry of the same request"), and the common accept ONE conditional
 * write that returns the order (`accept`: the accept rule compiled into the condition by core).
 * With the caller's identify that is 2 database round trips each. What they owe besides — counters,
 * the grid workers' message, the reply deadline — rides on the order as outbox entries, carried out
 * by `dispatch` right after the answer (the app's `order.dispatch` nudge; the `sweep` timer catches
 * the rest): counters exactly once (one transaction with the entries' removal), messages at most
 * once with `unnotified` as the durable trace.
 *
 * Other moves (and accepts off the common case) are read → decide → conditional write, then their
 * side effects inline (`afterMove`): counters as one atomic increment of the grid's `order_stats`
 * document (src/core/orders/metrics.ts) right after the move's write — the move happens once, so
 * its delta is applied once; a crash between the two writes loses that one delta (logged) — and
 * announcements (an escalation writes `unnotified: true` in the move and clears it once a message
 * got through; notify.ts `sendAndRecord` records the outcomes in one insert).
 */
import { withRetry } from '../tx'
import {
  AdminRoles,
  GrantedRoles,
  grantOver,
  grantsWithin,
  holdsOver,
  homeCommunity,
  isStaffOver,
  placeIds,
  StaffRoles,
} from '../../../src/core/access'
import type {
  CategoryView,
  OrderDetail,
  OrderPage,
  RatesView,
  ReportCategories,
  ReportReceipt,
  SimilarOrder,
  StatsLevel,
} from '../../../src/core/orders/api'
import { OrderErrors, ReportErrors, TEXT_MAX, MAX_PHOTOS } from '../../../src/core/orders/errors'
import {
  categoriesFor,
  findCategory,
  knownCategory,
  type CategoryOverride,
} from '../../../src/core/orders/categories'
import {
  applyMove,
  markOverdue,
  partiesOf,
  settle,
  staffRoleFor,
  TierHandlers,
  TierSupervisors,
  type MoveRequest,
  type MoveResult,
  type Mover,
} from '../../../src/core/orders/decide'
import { gridAt } from '../../../src/core/orders/location'
import {
  lateHolders,
  orderLateMessage,
  orderNewMessage,
  orderProgressMessage,
  orderUnsatisfiedMessage,
  pushesProgress,
} from '../../../src/core/orders/messages'
import {
  counterIncrements,
  ratesOf,
  statsDelta,
  statsIdFor,
  sumCounters,
  workerKey,
  type StatsCounters,
} from '../../../src/core/orders/metrics'
import type { OnBehalfOf, OrderEvent, OrderLocation, OrderRecord } from '../../../src/core/orders/model'
import {
  DISPATCH_GRACE_MS,
  DISPATCH_LEASE_MS,
  entryDelta,
  FastAcceptState,
  fastAcceptFor,
  submitEntry,
} from '../../../src/core/orders/outbox'
import {
  nextDeadline,
  slaFor,
  sweepDecision,
  type SlaOverride,
  type SlaTable,
} from '../../../src/core/orders/sla'
import { toDetail, toSummary, viewerOf } from '../../../src/core/orders/view'
import { CommonErrorCodes, DomainError, isDomainError } from '../../../src/core/errors'
import type { UserRecord } from '../../../src/core/me/model'
import type { MessageData } from '../../../src/core/notify/templates'
import type { Building, Grid, OrgPath } from '../../../src/core/org/model'
import { isWithin } from '../../../src/core/org/model'
import type { Actor, Role } from '../../../src/core/roles'
import { sendAndRecord, type Addressed } from '../notify'
import { cloud, db } from '../sdk'
import { byRequest, isDuplicateKey, newId } from '../ids'
import { firstDoc, getDoc, namesByIds, txGet } from './docs'
import { afterTimeCursor, timeCursor } from './paging'

export const ORDERS = 'orders'
export const ORDER_CONFIG = 'order_config'
export const ORDER_STATS = 'order_stats'
const PAGE = 20

// ── Community configuration (categories, SLA), cached per warm instance ──

interface OrderConfigRecord extends CategoryOverride {
  readonly sla?: SlaOverride
}
interface Config {
  readonly override: OrderConfigRecord | null
  readonly sla: SlaTable
}
const CONFIG_TTL_MS = 60_000
const configCache = new Map<string, { at: number; config: Config }>()

export async function configOf(communityId: string): Promise<Config> {
  const hit = configCache.get(communityId)
  if (hit && Date.now() - hit.at < CONFIG_TTL_MS) return hit.config
  const override = await getDoc<OrderConfigRecord>(ORDER_CONFIG, communityId)
  const config = { override, sla: slaFor(override?.sla) }
  configCache.set(communityId, { at: Date.now(), config })
  return config
}

/** An order keeps its category's hazard rule even after the community hides the category. */
function hazardOf(config: Config, categoryId: string): boolean {
  return knownCategory(config.override, categoryId)?.hazard ?? false
}

/** After a community's config is saved: this instance reads it afresh (others within CONFIG_TTL_MS). */
export function forgetConfig(communityId: string): void {
  configCache.delete(communityId)
}

// ── Small helpers ──

const notFound = () => new DomainError(CommonErrorCodes.NOT_FOUND, '工单不存在')

/** Who is calling: the actor and their user record, both read once by the handler kit (identify). */
export interface Caller {
  readonly actor: Actor
  readonly user: UserRecord
}

function communityOfActor(actor: Actor): string | null {
  return homeCommunity(actor) ?? placeIds(actor, GrantedRoles, 'community')[0] ?? null
}

async function userOf(userId: string): Promise<UserRecord | null> {
  return getDoc<UserRecord>('users', userId)
}

/** The name a person acts under on a timeline. */
function nameOfUser(u: UserRecord | null | undefined): string {
  return u?.realName ?? u?.displayName ?? ''
}

/** Staff holding one of `roles` whose grant covers `path` (a place has a handful). */
async function staffFor(roles: readonly Role[], path: OrgPath): Promise<UserRecord[]> {
  const _ = db().command
  const clauses = roles.map((role) =>
    role === 'grid_worker'
      ? { grants: _.elemMatch({ role, 'scope.gridId': path.gridId }) }
      : role === 'community_admin'
        ? { grants: _.elemMatch({ role, 'scope.communityId': path.communityId }) }
        : { grants: _.elemMatch({ role, 'scope.streetId': path.streetId }) },
  )
  if (clauses.length === 0) return []
  const res = await db().collection('users').where(_.or(clauses)).limit(20).get()
  return (res.data as UserRecord[]).filter((u) => holdsOver(u, roles, path))
}

function bodyOf(o: OrderRecord): Omit<OrderRecord, '_id'> {
  const { _id, ...body } = o
  return body
}

async function readOrder(orderId: string): Promise<OrderRecord | null> {
  const o = await getDoc<OrderRecord>(ORDERS, orderId)
  return o ? { ...o, _id: orderId } : null
}

/**
 * Building names by grid, cached per warm instance: a report from the reporter's household shows
 * its building's name, and one query per grid (index `buildings.grid`) serves every later report
 * there. Names only (display, copied onto the order as written); routing never uses this cache.
 */
const BUILDINGS_TTL_MS = 10 * 60_000
const buildingNames = new Map<string, { at: number; names: Map<string, string> }>()

async function buildingName(gridId: string, buildingId: string): Promise<string> {
  const hit = buildingNames.get(gridId)
  if (hit && Date.now() - hit.at < BUILDINGS_TTL_MS && hit.names.has(buildingId))
    return hit.names.get(buildingId) ?? ''
  const res = await db().collection('buildings').where({ gridId }).field({ name: true }).limit(1000).get()
  const names = new Map((res.data as { _id: string; name: string }[]).map((b) => [b._id, b.name]))
  if (buildingNames.size > 200) buildingNames.clear()
  buildingNames.set(gridId, { at: Date.now(), names })
  return names.get(buildingId) ?? ''
}

// ── Counters ──

type Counters = Partial<StatsCounters> & {
  readonly workers?: Readonly<Record<string, Partial<StatsCounters>>>
}

function acceptDeadlineOf(o: OrderRecord, config: Config): Date {
  const t = config.sla.tiers.grid
  const hours = hazardOf(config, o.categoryId)
    ? Math.min(config.sla.hazardAcceptHours, t.acceptHours)
    : t.acceptHours
  return new Date(new Date(o.submittedAt).getTime() + hours * 3_600_000)
}

/** A grid's counter document as its first counted change creates it (`workers.<key>.<field>` nested). */
function newStatsDoc(o: OrderRecord, incs: Record<string, number>): Record<string, unknown> {
  const workers: Record<string, Record<string, number>> = {}
  const doc: Record<string, unknown> = {
    level: 'grid',
    refId: o.path.gridId,
    parentId: o.path.communityId,
    streetId: o.path.streetId,
    workers,
  }
  for (const [f, n] of Object.entries(incs)) {
    const [head, key, field] = f.split('.')
    if (head === 'workers' && key && field) workers[key] = { ...(workers[key] ?? {}), [field]: n }
    else doc[f] = n
  }
  return doc
}

/**
 * The move's counter changes: ONE atomic increment of the order's grid document (its grid's and its
 * first receiver's counters). The first order of a grid creates the document (a racing creator
 * makes the insert fail: then the increment is simply applied to theirs).
 */
async function countMove(before: OrderRecord | null, after: OrderRecord, config: Config): Promise<void> {
  try {
    const { area, worker } = statsDelta(before, after, acceptDeadlineOf(after, config))
    const incs = counterIncrements(area, worker, after.firstReceiverId)
    if (Object.keys(incs).length === 0) return
    const _ = db().command
    const id = statsIdFor('grid', after.path.gridId)
    const col = db().collection(ORDER_STATS)
    const apply = async () =>
      (
        (await col
          .where({ _id: id })
          .update(Object.fromEntries(Object.entries(incs).map(([f, n]) => [f, _.inc(n)])))) as {
          updated?: number
        }
      ).updated ?? 0
    if ((await apply()) === 1) return
    try {
      await col.add({ _id: id, ...newStatsDoc(after, incs) })
    } catch {
      // Created meanwhile by a racing move of the same grid: count on theirs.
      if ((await apply()) !== 1) throw new Error(`counter document ${id} neither updated nor created`)
    }
  } catch (err) {
    console.log(
      JSON.stringify({ level: 'error', what: 'orders.countMove', orderId: after._id, error: String(err) }),
    )
  }
}

// ── Notifications ──

/**
 * New (or newly escalated) work for the tier's handlers. The order was written with
 * `unnotified: true`; the flag is cleared only when a message got through, and only if the order
 * has not moved meanwhile (the version). `kind` names the messages (their records' ids). Returns
 * whether a message got through.
 */
async function announceToHandlers(
  o: OrderRecord,
  escalated: boolean,
  now: Date,
  kind = `order.new.${o.tier}.v${o.version}`,
): Promise<boolean> {
  try {
    const staff = await staffFor(TierHandlers[o.tier], o.path)
    const data = orderNewMessage(o, escalated)
    const clear = async (reached: boolean) => {
      if (reached)
        await db().collection(ORDERS).where({ _id: o._id, version: o.version }).update({ unnotified: false })
    }
    const outcomes = await sendAndRecord(
      staff.map((u) => ({
        kind,
        sourceId: o._id,
        recipientId: u._id,
        openid: u.openid,
        template: 'orderNew' as const,
        data,
      })),
      now,
      clear,
    )
    return Object.values(outcomes).includes('sent')
  } catch (err) {
    console.log(
      JSON.stringify({
        level: 'error',
        what: 'orders.announceToHandlers',
        orderId: o._id,
        error: String(err),
      }),
    )
    return false
  }
}

/** To the reporter and followers (not the mover): one read for their OPENIDs, the sends, one insert. */
async function announceProgress(
  o: OrderRecord,
  e: OrderEvent,
  now: Date,
  before?: OrderRecord,
): Promise<void> {
  try {
    const ids = [...new Set([o.reporterId, ...o.followerIds])].filter(
      (id) => id !== (e.by === 'system' ? '' : e.by),
    )
    if (ids.length === 0) return
    const _ = db().command
    const res = await db()
      .collection('users')
      .where({ _id: _.in(ids) })
      .field({ openid: true })
      .limit(ids.length)
      .get()
    const openids = new Map(
      (res.data as { _id: string; openid?: string }[]).map((u) => [u._id, u.openid ?? null]),
    )
    const data = orderProgressMessage(o, e, before)
    const messages: Addressed[] = ids.map((r) => ({
      kind: `order.progress.v${o.version}`,
      sourceId: o._id,
      recipientId: r,
      openid: openids.get(r) ?? null,
      template: 'orderProgress' as const,
      data,
    }))
    await sendAndRecord(messages, now)
  } catch (err) {
    console.log(
      JSON.stringify({ level: 'error', what: 'orders.announceProgress', orderId: o._id, error: String(err) }),
    )
  }
}

/** Supervisors of the order's (new) tier, except `skip` (told already), get `data` as `kind`. */
async function announceToSupervisors(
  o: OrderRecord,
  kind: string,
  data: MessageData,
  now: Date,
  skip: ReadonlySet<string> = new Set(),
): Promise<void> {
  try {
    const staff = (await staffFor(TierSupervisors[o.tier], o.path)).filter((u) => !skip.has(u._id))
    await sendAndRecord(
      staff.map((u) => ({
        kind,
        sourceId: o._id,
        recipientId: u._id,
        openid: u.openid,
        template: 'orderOverdue' as const,
        data,
      })),
      now,
    )
  } catch (err) {
    console.log(
      JSON.stringify({
        level: 'error',
        what: 'orders.announceToSupervisors',
        orderId: o._id,
        error: String(err),
      }),
    )
  }
}

/**
 * The sweep found a deadline passed and moved the order (up a tier, or marked it overdue at the top):
 * whoever held it (core `lateHolders`) is told what is late and since when, then the supervisors of
 * the tier it now lies at, the same message (not twice to one person). Only the sweep whose
 * version-conditional write won gets here, and the kinds carry the new version: at most once per
 * deadline passing.
 */
async function announceLate(before: OrderRecord, o: OrderRecord, now: Date): Promise<void> {
  const data = orderLateMessage(before, o, now)
  const told = new Set<string>()
  try {
    const holders = lateHolders(before)
    const staff =
      'userId' in holders
        ? [await userOf(holders.userId)].filter((u): u is UserRecord => u !== null)
        : await staffFor(TierHandlers[holders.tier], before.path)
    for (const u of staff) told.add(u._id)
    await sendAndRecord(
      staff.map((u) => ({
        kind: `order.late.v${o.version}`,
        sourceId: o._id,
        recipientId: u._id,
        openid: u.openid,
        template: 'orderOverdue' as const,
        data,
      })),
      now,
    )
  } catch (err) {
    console.log(
      JSON.stringify({ level: 'error', what: 'orders.announceLate', orderId: o._id, error: String(err) }),
    )
  }
  await announceToSupervisors(o, `order.overdue.v${o.version}`, data, now, told)
}

/** Side effects of a move that was written: counters and announcements, in parallel. */
async function afterMove(before: OrderRecord, r: MoveResult, config: Config, now: Date): Promise<void> {
  const o = r.next
  const work: Promise<unknown>[] = [countMove(before, o, config)]
  if (r.event.kind === 'escalate') work.push(announceToHandlers(o, true, now))
  if (r.event.kind === 'overdue' || (r.event.kind === 'escalate' && r.event.auto))
    work.push(announceLate(before, o, now))
  if (r.event.kind === 'rate' && o.status === 'unsatisfied')
    work.push(
      announceToSupervisors(
        o,
        `order.unsatisfied.v${o.version}`,
        orderUnsatisfiedMessage(o, r.event.at),
        now,
      ),
    )
  if (pushesProgress(r.event)) work.push(announceProgress(o, r.event, now, before))
  await Promise.all(work)
}

// ── Report ──

export async function categories(actor: Actor, communityId?: string): Promise<ReportCategories> {
  const id = communityId ?? communityOfActor(actor)
  if (!id) return { communityId: '', categories: categoriesFor(null).map(publicCategory) }
  // A named community must exist: an unknown id is not found, never answered with the defaults.
  const [community, config] = await Promise.all([
    communityId === undefined ? null : getDoc<{ _id: string }>('communities', communityId),
    configOf(id),
  ])
  if (communityId !== undefined && !community)
    throw new DomainError(CommonErrorCodes.NOT_FOUND, '没有找到这个社区')
  return { communityId: id, categories: categoriesFor(config.override).map(publicCategory) }
}

function publicCategory(c: CategoryView): CategoryView {
  return { id: c.id, name: c.name, hint: c.hint, hazard: c.hazard }
}

/** The grant a report is made under: the resident's household, or the staff member's area for intake. */
function reportingGrant(actor: Actor, onBehalf: boolean) {
  return grantOver(actor, onBehalf ? StaffRoles : 'resident') ?? null
}

interface Place {
  readonly path: OrderRecord['path']
  readonly placeName: string
}

/** Where a report lands: its grid (and building when known), or ORDER.OUTSIDE_GRID. */
async function placeOf(actor: Actor, location: OrderLocation, onBehalf: boolean): Promise<Place> {
  // A named building must exist, whoever asks (an unknown id is not found, #18 item 7).
  const building =
    location.kind === 'building' ? await getDoc<Building>('buildings', location.buildingId) : null
  if (location.kind === 'building' && !building)
    throw new DomainError(CommonErrorCodes.NOT_FOUND, '所选楼栋不存在')
  const grant = reportingGrant(actor, onBehalf)
  if (!grant)
    throw new DomainError(onBehalf ? ReportErrors.NOT_STAFF : ReportErrors.NO_HOUSEHOLD, '请先加入网格')
  const scope = grant.scope
  const outside = () => new DomainError(OrderErrors.OUTSIDE_GRID, '所选位置不在网格内')
  if (location.kind === 'household') {
    if (onBehalf || !scope.gridId || !scope.communityId || !scope.buildingId)
      throw new DomainError(ReportErrors.NO_HOUSEHOLD, '请选择问题所在楼栋')
    // Routed by the grant's own path; the building's name comes from the per-instance cache.
    return {
      path: { ...scope, streetId: scope.streetId, communityId: scope.communityId, gridId: scope.gridId },
      placeName: await buildingName(scope.gridId, scope.buildingId),
    }
  }
  if (location.kind === 'building' && building) {
    // Residents report anywhere in their community; staff within their own area.
    const area: OrgPath = onBehalf ? scope : { streetId: scope.streetId, communityId: scope.communityId }
    if (
      !isWithin(
        { streetId: building.streetId, communityId: building.communityId, gridId: building.gridId },
        area,
      )
    )
      throw outside()
    return {
      path: {
        streetId: building.streetId,
        communityId: building.communityId,
        gridId: building.gridId,
        buildingId: building._id,
      },
      placeName: building.name,
    }
  }
  if (location.kind !== 'point') throw outside()
  const where =
    scope.gridId && onBehalf
      ? { _id: scope.gridId }
      : scope.communityId
        ? { communityId: scope.communityId }
        : { streetId: scope.streetId }
  const res = await db()
    .collection('grids')
    .where(where)
    .field({ name: true, boundary: true, streetId: true, communityId: true })
    .limit(100)
    .get()
  const grid = gridAt(location.lng, location.lat, res.data as Grid[])
  if (!grid) throw outside()
  return {
    path: { streetId: grid.streetId, communityId: grid.communityId, gridId: grid._id },
    placeName: location.label?.trim() || grid.name,
  }
}

function checkDraft(text: string, photos: readonly string[], userId: string, requestId: string): void {
  const chars = [...text.trim()].length
  if (chars === 0) throw new DomainError(ReportErrors.TEXT_EMPTY, '请描述问题')
  if (chars > TEXT_MAX) throw new DomainError(ReportErrors.TEXT_TOO_LONG, '问题描述过长')
  if (photos.length > MAX_PHOTOS) throw new DomainError(ReportErrors.TOO_MANY_PHOTOS, '照片过多')
  const prefix = new RegExp(
    `^cloud://[^/]+/reports/${escapeRe(userId)}/${escapeRe(requestId)}/[1-9]\\.(jpg|jpeg|png)$`,
  )
  if (new Set(photos).size !== photos.length || photos.some((p) => !prefix.test(p))) {
    throw new DomainError(ReportErrors.PHOTO_INVALID, '照片无效')
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The files exist in storage (one request for all). */
async function checkPhotosExist(photos: readonly string[]): Promise<void> {
  if (photos.length === 0) return
  const res = (await cloud().getTempFileURL({
    fileList: photos.map((fileID) => ({ fileID, maxAge: 60 })),
  })) as {
    fileList?: { fileID: string; code?: string; tempFileURL?: string }[]
  }
  const ok = new Set(
    (res.fileList ?? []).filter((f) => f.code === 'SUCCESS' && f.tempFileURL).map((f) => f.fileID),
  )
  if (photos.some((p) => !ok.has(p))) throw new DomainError(ReportErrors.PHOTO_INVALID, '照片上传未完成')
}

export interface SubmitInput {
  readonly requestId: string
  readonly category: string
  readonly text: string
  readonly photos: readonly string[]
  readonly location: OrderLocation
  readonly hideName: boolean
  readonly onBehalfOf?: OnBehalfOf
}

function receipt(o: OrderRecord, retried: boolean): ReportReceipt {
  return {
    orderId: o._id,
    status: o.status,
    submittedAt: new Date(o.submittedAt).toISOString(),
    held: o.held,
    retried,
  }
}

/**
 * One-tap report. Before anything is written: the draft's checks and the content check (`checkText`
 * from the route: `review` stores the order held). Then ONE insert with a fresh opaque id (ADR
 * 0016): a duplicate-key error on the unique (reporterId, requestId) index means this very request
 * was stored before (a retry, or a concurrent one), and the stored order is answered with
 * `retried: true`.
 * The same holds when a retry's checks now fail (a category removed, the content check down): the
 * stored order is answered rather than an error. That is all: the insert carries an outbox entry,
 * and counting the order and telling the grid workers are `dispatch`'s (ADR 0011).
 */
export async function submit(
  caller: Caller,
  input: SubmitInput,
  now: Date,
  checkText: (text: string) => Promise<'pass' | 'review'>,
): Promise<ReportReceipt> {
  const orderId = newId('wo')
  const stored = () =>
    byRequest<OrderRecord>(ORDERS, { reporterId: caller.actor.userId, requestId: input.requestId })
  let draft: OrderRecord
  try {
    draft = await draftOf(caller, orderId, input, now, checkText)
  } catch (err) {
    const earlier = isDomainError(err) ? await stored() : null
    if (earlier) return receipt(earlier, true)
    throw err
  }
  try {
    await db()
      .collection(ORDERS)
      .add({ _id: orderId, ...bodyOf(draft) })
  } catch (err) {
    // Stored before (unique reporterId + requestId): a retry of the same request, or a concurrent one.
    const again = isDuplicateKey(err) ? await stored() : null
    if (again) return receipt(again, true)
    throw err
  }
  // Counting it and telling the grid workers are the outbox entry's (dispatch, right after).
  return receipt(draft, false)
}

async function draftOf(
  { actor, user }: Caller,
  orderId: string,
  input: SubmitInput,
  now: Date,
  checkText: (text: string) => Promise<'pass' | 'review'>,
): Promise<OrderRecord> {
  checkDraft(input.text, input.photos, actor.userId, input.requestId)
  const onBehalf = input.onBehalfOf !== undefined
  const place = await placeOf(actor, input.location, onBehalf)
  if (onBehalf && !isStaffOver(actor, place.path))
    throw new DomainError(ReportErrors.NOT_STAFF, '只有该网格的工作人员可以代登记')
  const config = await configOf(place.path.communityId)
  const category = findCategory(config.override, input.category)
  if (!category) throw new DomainError(ReportErrors.UNKNOWN_CATEGORY, '未知的问题类别')
  const [verdict] = await Promise.all([checkText(input.text), checkPhotosExist(input.photos)])
  const held = verdict === 'review'
  const reporterName = input.onBehalfOf?.name ?? (nameOfUser(user) || '居民')
  const submitEvent: OrderEvent = {
    kind: 'submit',
    at: now,
    by: actor.userId,
    byRole: onBehalf ? staffRoleFor(actor, place.path) : 'resident',
    byName: onBehalf ? (user.displayName ?? '') : reporterName,
    tier: 'grid',
    ...(onBehalf ? { text: input.onBehalfOf?.channel === 'phone' ? '电话代登记' : '来访代登记' } : {}),
  }
  const events: OrderEvent[] = held
    ? [submitEvent, { kind: 'held', at: now, by: 'system', byRole: 'system', byName: '系统', tier: 'grid' }]
    : [submitEvent]
  return settle(
    {
      _id: orderId,
      requestId: input.requestId,
      reporterId: actor.userId,
      reporterName,
      hideName: input.hideName,
      onBehalfOf: input.onBehalfOf
        ? {
            name: input.onBehalfOf.name,
            channel: input.onBehalfOf.channel,
            ...(input.onBehalfOf.phone ? { phone: input.onBehalfOf.phone } : {}),
          }
        : null,
      categoryId: category.id,
      categoryName: category.name,
      text: input.text.trim(),
      photos: [...input.photos],
      photosChecked: input.photos.length === 0,
      held,
      location: input.location,
      path: place.path,
      placeName: place.placeName,
      status: 'submitted',
      tier: 'grid',
      department: null,
      handlerId: null,
      handlerName: null,
      firstReceiverId: null,
      firstReceiverName: null,
      submittedAt: now,
      tierSince: now,
      acceptedAt: null,
      repliedAt: null,
      lastReplyAt: null,
      reply: null,
      rating: null,
      closedAt: null,
      dueAt: null,
      dueAction: null,
      overdue: false,
      // Nobody reached yet: cleared once a grid worker's message got through (dispatch).
      unnotified: true,
      reopenCount: 0,
      followerIds: [],
      events,
      version: -1,
      open: true,
      outbox: [submitEntry(now)],
      outboxAt: now,
      outboxLease: null,
    },
    config.sla,
    category.hazard,
  )
}

/** Open orders of the same category at the same building (or grid), recent first: "same problem? follow it". */
export async function similar(
  actor: Actor,
  category: string,
  location: OrderLocation,
): Promise<SimilarOrder[]> {
  let place: Place
  try {
    place = await placeOf(actor, location, false)
  } catch (err) {
    // No place to compare with: nothing similar. An unknown building is not found, though.
    if (isDomainError(err) && err.code === CommonErrorCodes.NOT_FOUND) throw err
    return []
  }
  const where = place.path.buildingId
    ? { categoryId: category, 'path.buildingId': place.path.buildingId, open: true }
    : { categoryId: category, 'path.gridId': place.path.gridId, open: true }
  const res = await db().collection(ORDERS).where(where).orderBy('submittedAt', 'desc').limit(10).get()
  return (res.data as OrderRecord[])
    .filter((o) => !o.held && o.reporterId !== actor.userId)
    .slice(0, 5)
    .map((o) => ({
      orderId: o._id,
      categoryName: o.categoryName,
      summary: toSummary(o).summary,
      placeName: o.placeName,
      status: o.status,
      submittedAt: new Date(o.submittedAt).toISOString(),
      followers: o.followerIds.length,
    }))
}

// ── Reading ──

async function detail(actor: Actor, o: OrderRecord, now: Date): Promise<OrderDetail> {
  const viewer = viewerOf(actor, o)
  if (!viewer) throw notFound()
  const config = await configOf(o.path.communityId)
  return toDetail(actor, withDeadline(o, config), viewer, now, config.sla)
}

/** The reply deadline a one-write accept left for the dispatcher to store, shown meanwhile. */
function withDeadline(o: OrderRecord, config: Config): OrderRecord {
  if (o.dueAt !== null || (o.status !== 'accepted' && o.status !== 'in_progress')) return o
  const due = nextDeadline({ ...o, hazard: hazardOf(config, o.categoryId) }, config.sla)
  return { ...o, dueAt: due?.at ?? null, dueAction: due?.action ?? null }
}

export async function get(actor: Actor, orderId: string, now: Date): Promise<OrderDetail> {
  const o = await readOrder(orderId)
  if (!o) throw notFound()
  return detail(actor, o, now)
}

export async function follow(actor: Actor, orderId: string, now: Date): Promise<OrderDetail> {
  const o = await readOrder(orderId)
  if (!o || !viewerOf(actor, o)) throw notFound()
  if (o.reporterId === actor.userId) throw new DomainError(OrderErrors.OWN_ORDER, '这是您上报的问题')
  if (!o.followerIds.includes(actor.userId)) {
    const _ = db().command
    // addToSet: following twice (or racing) adds once; not a move, the version stays.
    await db()
      .collection(ORDERS)
      .doc(orderId)
      .update({ followerIds: _.addToSet(actor.userId) })
    return detail(actor, { ...o, followerIds: [...o.followerIds, actor.userId] }, now)
  }
  return detail(actor, o, now)
}

/**
 * Cursor = the last item's `submittedAt` in ms and its `_id` (`<ms>_<id>`). Pages are ordered by
 * (submittedAt, _id), so orders submitted in the same millisecond are neither skipped nor repeated
 * across pages. A bare `<ms>` (a cursor from before) still pages, by time alone.
 */
function pageOf(list: OrderRecord[]): OrderPage {
  const items = list.slice(0, PAGE)
  const last = items[items.length - 1]
  return {
    items: items.map(toSummary),
    cursor: list.length > PAGE && last ? timeCursor(last.submittedAt, last._id) : null,
  }
}

function after(cursor: string | undefined, dir: 'asc' | 'desc') {
  // A bare `<ms>` (the cursor before ids were appended, ADR 0008) still works.
  if (cursor && !cursor.includes('_')) {
    const ms = Number(cursor)
    if (!Number.isFinite(ms)) return {}
    const _ = db().command
    return { submittedAt: dir === 'asc' ? _.gt(new Date(ms)) : _.lt(new Date(ms)) }
  }
  return afterTimeCursor(cursor, 'submittedAt', dir)
}

export async function mine(actor: Actor, cursor?: string): Promise<OrderPage> {
  const _ = db().command
  const res = await db()
    .collection(ORDERS)
    .where(
      _.and([_.or([{ reporterId: actor.userId }, { followerIds: actor.userId }]), after(cursor, 'desc')]),
    )
    .orderBy('submittedAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(PAGE + 1)
    .get()
  return pageOf(res.data as OrderRecord[])
}

export async function inbox(
  actor: Actor,
  box: 'new' | 'mine' | 'overdue',
  cursor?: string,
): Promise<OrderPage> {
  const _ = db().command
  const grids = placeIds(actor, 'grid_worker', 'grid')
  if (grids.length === 0) return { items: [], cursor: null }
  const where =
    box === 'new'
      ? { 'path.gridId': _.in(grids), tier: 'grid', status: 'submitted' }
      : box === 'mine'
        ? { handlerId: actor.userId, open: true }
        : _.and([{ 'path.gridId': _.in(grids), open: true }, _.or([{ overdue: true }, { unnotified: true }])])
  const dir = box === 'mine' ? 'desc' : 'asc'
  const res = await db()
    .collection(ORDERS)
    .where(_.and([where, after(cursor, dir)]))
    .orderBy('submittedAt', dir)
    .orderBy('_id', dir)
    .limit(PAGE + 1)
    .get()
  return pageOf(res.data as OrderRecord[])
}

export async function queue(
  actor: Actor,
  level: 'community' | 'street',
  box: 'open' | 'overdue' | 'unsatisfied',
  id: string | undefined,
  cursor?: string,
): Promise<OrderPage> {
  const _ = db().command
  const role = level === 'community' ? 'community_admin' : 'street_admin'
  const grant =
    id === undefined
      ? grantOver(actor, role)
      : grantsWithin(actor, role, level === 'community' ? { communityId: id } : { streetId: id })[0]
  // A street admin may look at one community's queue too.
  const streetOver = level === 'community' && id ? grantOver(actor, 'street_admin') : undefined
  if (!grant && !streetOver) throw new DomainError(CommonErrorCodes.FORBIDDEN, '您无权查看该队列')
  const key = level === 'community' ? 'path.communityId' : 'path.streetId'
  const value = grant ? (level === 'community' ? grant.scope.communityId : grant.scope.streetId) : id
  if (streetOver && !grant) {
    const c = await getDoc<{ streetId: string }>('communities', id as string)
    if (!c || c.streetId !== streetOver.scope.streetId)
      throw new DomainError(CommonErrorCodes.FORBIDDEN, '您无权查看该队列')
  }
  const tiers = level === 'community' ? ['community'] : ['street', 'department']
  const where =
    box === 'open'
      ? { [key]: value, tier: _.in(tiers), open: true }
      : box === 'unsatisfied'
        ? { [key]: value, status: 'unsatisfied' }
        : _.and([{ [key]: value, open: true }, _.or([{ overdue: true }, { unnotified: true }])])
  const res = await db()
    .collection(ORDERS)
    .where(_.and([where, after(cursor, 'asc')]))
    .orderBy('submittedAt', 'asc')
    .orderBy('_id', 'asc')
    .limit(PAGE + 1)
    .get()
  return pageOf(res.data as OrderRecord[])
}

// ── Moves ──

const MAX_TRIES = 4

/**
 * One move by a person: read, decide in core, conditional write on the version; a lost race
 * re-reads and decides again (which usually answers with the precise domain error). The mover's
 * name comes with the call (the kit's identify), so the hot path is one read and one write before
 * the side effects.
 */
export async function move(
  { actor, user }: Caller,
  orderId: string,
  req: MoveRequest,
  now: Date,
): Promise<OrderDetail> {
  for (let attempt = 0; attempt < MAX_TRIES; attempt += 1) {
    const o = await readOrder(orderId)
    if (!o) throw notFound()
    const viewer = viewerOf(actor, o)
    if (!viewer) throw notFound()
    const config = await configOf(o.path.communityId)
    const parties = partiesOf(actor, o)
    const role =
      parties.includes('handler') || parties.includes('supervisor') ? staffRoleFor(actor, o.path) : 'resident'
    const name = role === 'resident' ? o.reporterName : nameOfUser(user)
    const mover: Mover = { kind: 'person', userId: actor.userId, name, role, parties }
    const r = withNotifiedFlag(
      o,
      applyMove(o, req, { by: mover, now, sla: config.sla, hazard: hazardOf(config, o.categoryId) }),
    )
    if (await writeIfVersion(o, r.next)) {
      await afterMove(o, r, config, now)
      return toDetail(actor, r.next, viewerOf(actor, r.next) ?? viewer, now, config.sla)
    }
  }
  throw new DomainError(CommonErrorCodes.CONFLICT, '操作冲突，请重试')
}

/**
 * 接单. The common case — a new order at the grid tier, nobody has accepted it, nothing held, its
 * accept deadline not passed — is ONE conditional write that returns the order
 * (`updateAndReturn`): the accept rule compiled into the condition by core (`fastAcceptFor`), so of
 * two racing accepts exactly one matches. Counting it and storing the reply deadline are its outbox
 * entry's (`dispatch`). Anything else, and every refusal, takes `move`.
 */
export async function accept(caller: Caller, orderId: string, now: Date): Promise<OrderDetail> {
  const plan = fastAcceptFor(caller.actor, nameOfUser(caller.user), now)
  if (plan) {
    const _ = db().command
    const where = _.and([
      { _id: orderId, ...FastAcceptState, dueAt: _.gt(now) },
      _.or(
        plan.scopes.map((scope) =>
          Object.fromEntries(Object.entries(scope).map(([k, v]) => [`path.${k}`, v])),
        ),
      ),
    ])
    const res = (await db()
      .collection(ORDERS)
      .where(where)
      .updateAndReturn({
        ...plan.set,
        version: _.inc(1),
        events: _.push([plan.event]),
        outbox: _.push([plan.entry]),
      })) as {
      updated?: number
      doc?: OrderRecord | null
    }
    if (res.updated === 1 && res.doc) return detail(caller.actor, { ...res.doc, _id: orderId }, now)
  }
  return move(caller, orderId, { move: 'accept' }, now)
}

// ── Dispatch (the outbox of the one-write submit and accept) ──

/**
 * Carries out what an order's outbox entries owe: claims the order (a lease, so one dispatcher at a
 * time), then in ONE transaction applies the counters, stores the reply deadline an accept left
 * open and removes the entries it handled — so counters change exactly once — and then tells the
 * grid workers of a new order. A crash after the transaction and before the message leaves the
 * order `unnotified` (the inbox's and the supervisors' overdue lists), never silent, never told
 * twice; the flag is cleared once a message got through. Returns how many entries it carried out
 * (0 when nothing was owed or another dispatcher holds the order).
 */
export async function dispatch(orderId: string, now: Date): Promise<number> {
  const _ = db().command
  const claim = (await db()
    .collection(ORDERS)
    .where(
      _.and([
        { _id: orderId, outboxAt: _.neq(null) },
        _.or([{ outboxLease: null }, { outboxLease: _.lt(now) }]),
      ]),
    )
    // `outboxAt` moves to now: an order whose dispatch keeps failing goes to the back of the timer's queue.
    .updateAndReturn({ outboxLease: new Date(now.getTime() + DISPATCH_LEASE_MS), outboxAt: now })) as {
    updated?: number
    doc?: OrderRecord | null
  }
  if (claim.updated !== 1 || !claim.doc) return 0
  const entries = claim.doc.outbox ?? []
  const config = await configOf(claim.doc.path.communityId)
  const handled = new Set(entries.map((e) => e.id))
  const o = await withRetry(async (tx) => {
    const fresh = await txGet<OrderRecord>(tx, ORDERS, orderId)
    if (!fresh) return null
    const owed = (fresh.outbox ?? []).filter((e) => handled.has(e.id))
    const rest = (fresh.outbox ?? []).filter((e) => !handled.has(e.id))
    const incs: Record<string, number> = {}
    for (const e of owed) {
      const d = entryDelta(fresh, e, acceptDeadlineOf(fresh, config))
      for (const [f, n] of Object.entries(counterIncrements(d.area, d.worker, d.workerId)))
        incs[f] = (incs[f] ?? 0) + n
    }
    if (Object.keys(incs).length > 0) await countInTx(tx, fresh, incs)
    const update: Record<string, unknown> = {
      outbox: rest,
      outboxAt: rest.length > 0 ? now : null,
      outboxLease: null,
    }
    // An accepted order always has a reply deadline: the one-write accept left it to us.
    const settled = withDeadline(fresh, config)
    if (settled !== fresh) {
      update.dueAt = settled.dueAt
      update.dueAction = settled.dueAction
    }
    await tx.collection(ORDERS).doc(orderId).update(update)
    return { ...fresh, ...update } as OrderRecord
  })
  // Only news still true: an order accepted or escalated meanwhile was told by that move.
  if (
    o &&
    entries.some((e) => e.kind === 'submit') &&
    o.status === 'submitted' &&
    o.tier === 'grid' &&
    o.unnotified
  ) {
    await announceToHandlers(o, false, now, 'order.new.grid.submit')
  }
  // An accept tells nobody (ProgressPushKinds: the reporter's one message is kept for the reply).
  return entries.length
}

/** The counter document of the order's grid, inside the dispatcher's transaction (created by the grid's first order). */
async function countInTx(
  tx: Parameters<Parameters<typeof withRetry>[0]>[0],
  o: OrderRecord,
  incs: Record<string, number>,
): Promise<void> {
  const _ = db().command
  const id = statsIdFor('grid', o.path.gridId)
  const current = await txGet<Counters>(tx, ORDER_STATS, id)
  if (current) {
    await tx
      .collection(ORDER_STATS)
      .doc(id)
      .update(Object.fromEntries(Object.entries(incs).map(([f, n]) => [f, _.inc(n)])))
    return
  }
  await tx.collection(ORDER_STATS).doc(id).set(newStatsDoc(o, incs))
}

/** `order.dispatch`, the app's nudge right after a submit or accept: for anyone who may see the order. */
export async function dispatchFor(
  actor: Actor,
  orderId: string,
  now: Date,
): Promise<{ readonly dispatched: number }> {
  const o = await readOrder(orderId)
  if (!o || !viewerOf(actor, o)) throw notFound()
  if (!o.outbox || o.outbox.length === 0) return { dispatched: 0 }
  return { dispatched: await dispatch(orderId, now) }
}

/** The timer's part: orders whose entries were not dispatched by the app's nudge (index `outbox`), oldest first. */
export async function dispatchPending(
  now: Date,
  limit = 50,
): Promise<{ readonly found: number; readonly dispatched: number }> {
  const _ = db().command
  const res = await db()
    .collection(ORDERS)
    .where({ outboxAt: _.lte(new Date(now.getTime() - DISPATCH_GRACE_MS)) })
    .orderBy('outboxAt', 'asc')
    .field({ _id: true })
    .limit(limit)
    .get()
  let dispatched = 0
  for (const { _id } of res.data as { _id: string }[]) {
    try {
      dispatched += await dispatch(_id, now)
    } catch (err) {
      console.log(
        JSON.stringify({ level: 'error', what: 'orders.dispatch', orderId: _id, error: String(err) }),
      )
    }
  }
  return { found: res.data.length, dispatched }
}

/**
 * `unnotified` as the move leaves it: an escalation raises it (the new tier's handlers are still to
 * be reached; announceToHandlers clears it when a message gets through), an accept settles it
 * (whoever accepted knows). Written in the move's own write, so no crash can leave it stale-false.
 */
function withNotifiedFlag(before: OrderRecord, r: MoveResult): MoveResult {
  if (r.next.tier !== before.tier) return { ...r, next: { ...r.next, unnotified: true } }
  if (r.event.kind === 'accept') return { ...r, next: { ...r.next, unnotified: false } }
  return r
}

async function writeIfVersion(before: OrderRecord, next: OrderRecord): Promise<boolean> {
  const { followerIds: _f, unnotified, outbox: _o, outboxAt: _a, outboxLease: _l, ...rest } = bodyOf(next)
  // followerIds, the outbox and (unless the move itself sets it) unnotified are left alone:
  // following, dispatching and delivery outcomes are not moves and are written meanwhile without a
  // version bump.
  const body = unnotified !== before.unnotified ? { ...rest, unnotified } : rest
  const res = (await db()
    .collection(ORDERS)
    .where({ _id: before._id, version: before.version })
    .update(body)) as { updated?: number }
  return res.updated === 1
}

// ── Sweep (timer) ──

export interface SweepReport {
  readonly found: number
  readonly escalated: number
  readonly overdue: number
  readonly closed: number
  readonly lost: number
}

/**
 * Orders whose deadline passed (index `due`), oldest first, at most `limit`: escalate, mark
 * overdue, or close — each a conditional write on the version, so two sweeps at once act once.
 */
export async function sweep(now: Date, limit = 50): Promise<SweepReport> {
  const _ = db().command
  const res = await db()
    .collection(ORDERS)
    .where({ dueAt: _.lte(now) })
    .orderBy('dueAt', 'asc')
    .limit(limit)
    .get()
  const found = res.data as OrderRecord[]
  const out = { found: found.length, escalated: 0, overdue: 0, closed: 0, lost: 0 }
  for (const o of found) {
    const decision = sweepDecision(o, now)
    if (!decision) continue
    const config = await configOf(o.path.communityId)
    let r: MoveResult
    try {
      r =
        decision.kind === 'overdue'
          ? markOverdue(o, now)
          : applyMove(
              o,
              decision.kind === 'close'
                ? { move: 'close' }
                : { move: 'escalate', reason: '超过办理时限，自动上报' },
              { by: { kind: 'system' }, now, sla: config.sla, hazard: hazardOf(config, o.categoryId) },
            )
    } catch (err) {
      console.log(
        JSON.stringify({ level: 'error', what: 'sweep.decide', orderId: o._id, error: String(err) }),
      )
      continue
    }
    r = withNotifiedFlag(o, r)
    if (!(await writeIfVersion(o, r.next))) {
      out.lost += 1
      continue
    }
    await afterMove(o, r, config, now)
    if (decision.kind === 'escalate') out.escalated += 1
    else if (decision.kind === 'overdue') out.overdue += 1
    else out.closed += 1
  }
  return out
}

// ── Rates ──

type GridCounters = Counters & { readonly refId: string; readonly parentId: string }

/**
 * The rates of one unit and its children, from the per-grid counter documents: a grid reads its
 * document, a community or street the documents of its grids (one query; children are its grids or
 * communities), a worker their entries in the grids of their street(s).
 */
export async function rates({ actor, user }: Caller, level: StatsLevel, id: string): Promise<RatesView> {
  let workerGrants = level === 'worker' && id === actor.userId ? user.grants : []
  if (level === 'worker' && id !== actor.userId) {
    // A worker's own figures: that worker, and staff above their grid.
    const worker = await userOf(id)
    const grid = worker ? grantOver(worker, 'grid_worker')?.scope : undefined
    const above = grid && holdsOver(actor, AdminRoles, grid)
    if (!above || !worker) throw new DomainError(CommonErrorCodes.FORBIDDEN, '您无权查看')
    workerGrants = worker.grants
  }
  const _ = db().command
  const col = db().collection(ORDER_STATS)
  const gridsWhere =
    level === 'community'
      ? { level: 'grid', parentId: id }
      : level === 'street'
        ? { level: 'grid', streetId: id }
        : null
  const streets = [
    ...new Set(workerGrants.map((g) => g.scope.streetId).filter((s): s is string => Boolean(s))),
  ]
  const key = workerKey(id)
  const [selfDoc, grids, name] = await Promise.all([
    level === 'grid' ? getDoc<Counters>(ORDER_STATS, statsIdFor('grid', id)) : Promise.resolve(null),
    gridsWhere
      ? col.where(gridsWhere).field({ workers: false }).limit(1000).get()
      : level === 'worker' && streets.length > 0
        ? col
            .where({ level: 'grid', streetId: _.in(streets) })
            .field({ refId: true, [`workers.${key}`]: true })
            .limit(1000)
            .get()
        : Promise.resolve({ data: [] }),
    nameOf(level, id),
  ])
  const docs = grids.data as GridCounters[]
  let self: Partial<StatsCounters> | null = selfDoc
  let kids: { id: string; counters: Partial<StatsCounters> }[] = []
  if (level === 'worker') self = sumCounters(docs.map((d) => d.workers?.[key]))
  if (gridsWhere) self = sumCounters(docs)
  if (level === 'community') kids = docs.map((d) => ({ id: d.refId, counters: d }))
  if (level === 'street') {
    const byCommunity = new Map<string, GridCounters[]>()
    for (const d of docs) byCommunity.set(d.parentId, [...(byCommunity.get(d.parentId) ?? []), d])
    kids = [...byCommunity].map(([communityId, list]) => ({ id: communityId, counters: sumCounters(list) }))
  }
  const names =
    kids.length > 0
      ? await namesByIds(
          level === 'community' ? 'grids' : 'communities',
          kids.map((k) => k.id),
        )
      : new Map<string, string>()
  return {
    level,
    id,
    name,
    rates: ratesOf(self),
    children: kids
      .map((k) => ({ id: k.id, name: names.get(k.id) ?? k.id, rates: ratesOf(k.counters) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true })),
  }
}

async function nameOf(level: StatsLevel, id: string): Promise<string> {
  const collection = { worker: 'users', grid: 'grids', community: 'communities', street: 'streets' }[level]
  const doc = firstDoc<{ name?: string; displayName?: string }>(
    (await db().collection(collection).doc(id).field({ name: true, displayName: true }).get()).data,
  )
  if (!doc) throw new DomainError(CommonErrorCodes.NOT_FOUND, '不存在')
  return doc.name ?? doc.displayName ?? ''
}

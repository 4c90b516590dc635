/** Reading orders: one order (with the deadline a one-write accept left open), following it, the similar ones, and the paged lists. */
import { grantOver, grantsWithin, placeIds } from '../../../src/core/access'
import type { OrderDetail, OrderPage, SimilarOrder } from '../../../src/core/orders/api'
import { OrderErrors } from '../../../src/core/orders/errors'
import type { OrderLocation, OrderRecord } from '../../../src/core/orders/model'
import { toDetail, toSummary, viewerOf } from '../../../src/core/orders/view'
import { CommonErrorCodes, DomainError, isDomainError } from '../../../src/core/errors'
import type { Actor } from '../../../src/core/roles'
import { db } from '../sdk'
import { getDoc } from './docs'
import { afterTimeCursor, timeCursor } from './paging'
import { configOf, notFound, ORDERS, readOrder, withDeadline } from './orders-base'
import { type Place, placeOf } from './orders-place'

const PAGE = 20

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

export async function detail(actor: Actor, o: OrderRecord, now: Date): Promise<OrderDetail> {
  const viewer = viewerOf(actor, o)
  if (!viewer) throw notFound()
  const config = await configOf(o.path.communityId)
  return toDetail(actor, withDeadline(o, config), viewer, now, config.sla)
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

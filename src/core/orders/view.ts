/** What a caller may see of an order: staff in scope everything, the reporter their own, others the public part. */
import type { Actor } from '../roles'
import type { OrderAbilities, OrderDetail, OrderSummary, TimelineEntry } from './api'
import { isResidentOf, isStaffOver } from '../access'
import { partiesOf } from './decide'
import { orderMachine, type OrderMove } from './machine'
import { raisable, type OrderEvent, type OrderRecord } from './model'
import { reopenUntil, type SlaTable } from './sla'
import { isoOrNull as iso } from '../china-time'
import { clipLine } from '../text'

export function toSummary(o: OrderRecord): OrderSummary {
  return {
    orderId: o._id,
    categoryId: o.categoryId,
    categoryName: o.categoryName,
    summary: clipLine(o.text, 40),
    status: o.status,
    open: o.open,
    tier: o.tier,
    placeName: o.placeName,
    submittedAt: new Date(o.submittedAt).toISOString(),
    dueAt: iso(o.dueAt),
    overdue: o.overdue,
    unnotified: o.unnotified,
    held: o.held,
    reopened: o.reopenCount > 0,
    onBehalf: o.onBehalfOf !== null,
    photoCount: o.photos.length,
  }
}

export type Viewer = 'staff' | 'reporter' | 'follower' | 'public'

/** How the caller stands to the order, or null when they may not see it at all. */
export function viewerOf(actor: Actor, o: OrderRecord): Viewer | null {
  if (isStaffOver(actor, o.path)) return 'staff'
  if (o.reporterId === actor.userId) return 'reporter'
  if (o.held) return null
  if (o.followerIds.includes(actor.userId)) return 'follower'
  // Residents of the same grid see its orders (to follow instead of reporting again).
  if (o.path.gridId && isResidentOf(actor, { gridId: o.path.gridId })) return 'public'
  return null
}

function who(e: OrderEvent, viewer: Viewer, o: OrderRecord, actor: Actor): string {
  if (e.byRole === 'system') return '系统'
  if (e.by === o.reporterId) {
    if (actor.userId === o.reporterId) return '我'
    return viewer === 'staff' || !o.hideName ? `居民 ${e.byName}` : '居民'
  }
  const label = { grid_worker: '网格员', community_admin: '社区', street_admin: '街道', resident: '' }[
    e.byRole
  ]
  return `${label} ${e.byName}`.trim()
}

/** The detail's buttons: the moves the machine (core/orders/machine.ts) allows this caller now. */
export function abilitiesOf(actor: Actor, o: OrderRecord, now: Date, sla: SlaTable): OrderAbilities {
  const moves = orderMachine.movesFor(o.status, partiesOf(actor, o), { order: o, now, sla })
  const may = (move: OrderMove) => moves.includes(move)
  return {
    accept: may('accept'),
    start: may('start'),
    reply: may('reply') || may('promise'),
    escalate: may('escalate'),
    rate: may('rate_ok') || may('rate_unsatisfied'),
    reopen: may('reopen'),
    release: may('release'),
    follow: o.open && !o.held && o.reporterId !== actor.userId && !o.followerIds.includes(actor.userId),
    raiseTopic: isStaffOver(actor, o.path) && raisable(o),
  }
}

export function toDetail(
  actor: Actor,
  o: OrderRecord,
  viewer: Viewer,
  now: Date,
  sla: SlaTable,
): OrderDetail {
  const staff = viewer === 'staff'
  const photosVisible = staff || viewer === 'reporter' || o.photosChecked
  const timeline: TimelineEntry[] = o.events
    .filter((e) => staff || e.kind !== 'held')
    .map((e) => ({
      kind: e.kind,
      at: new Date(e.at).toISOString(),
      who: who(e, viewer, o, actor),
      tier: e.tier ?? null,
      toTier: e.toTier ?? null,
      outcome: e.outcome ?? null,
      text: e.text ?? null,
      promisedDate: e.promisedDate ?? null,
      reason: e.reason ?? null,
      to: e.to ?? null,
      rating: e.rating ?? null,
      comment: e.comment ?? null,
      auto: e.auto ?? false,
    }))
  return {
    ...toSummary(o),
    text: o.text,
    photos: photosVisible ? o.photos : [],
    photosChecked: o.photosChecked,
    topicId: o.topicId ?? null,
    raisedTopicId: o.raisedTopicId ?? null,
    gridId: o.path.gridId,
    reporterName: staff || viewer === 'reporter' || !o.hideName ? o.reporterName : null,
    onBehalfOf:
      staff && o.onBehalfOf
        ? { name: o.onBehalfOf.name, phone: o.onBehalfOf.phone ?? null, channel: o.onBehalfOf.channel }
        : null,
    firstReceiver: o.firstReceiverName,
    handler: o.handlerName,
    department: o.department,
    reply: o.reply
      ? {
          outcome: o.reply.outcome,
          text: o.reply.text,
          promisedDate: o.reply.promisedDate,
          reason: o.reply.reason,
          to: o.reply.to,
          at: new Date(o.reply.at).toISOString(),
        }
      : null,
    rating: o.rating
      ? { rating: o.rating.rating, comment: o.rating.comment, at: new Date(o.rating.at).toISOString() }
      : null,
    reopenUntil: iso(reopenUntil(o, sla)),
    timeline,
    mine: o.reporterId === actor.userId,
    following: o.followerIds.includes(actor.userId),
    can: abilitiesOf(actor, o, now, sla),
  }
}

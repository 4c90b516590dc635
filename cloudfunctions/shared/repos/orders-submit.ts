/**
 * Reporting: the categories the report page offers, and the one-tap submit — the hot path, ONE
 * insert carrying its outbox entry (docs/adr/0011-order-outbox.md; the dispatcher, cloudfunctions/shared/outbox.ts, does the rest).
 */
import { GrantedRoles, homeCommunity, isStaffOver, placeIds } from '../../../src/core/access'
import type { CategoryView, ReportCategories, ReportReceipt } from '../../../src/core/orders/api'
import { ReportErrors, TEXT_MAX, MAX_PHOTOS } from '../../../src/core/orders/errors'
import { categoriesFor, findCategory } from '../../../src/core/orders/categories'
import { settle, staffRoleFor } from '../../../src/core/orders/decide'
import type { OnBehalfOf, OrderEvent, OrderLocation, OrderRecord } from '../../../src/core/orders/model'
import { submitEffects } from '../../../src/core/orders/effects'
import { CommonErrorCodes, DomainError, isDomainError } from '../../../src/core/errors'
import type { Actor } from '../../../src/core/roles'
import { cloud, db } from '../sdk'
import { byRequest, isDuplicateKey, newId } from '../ids'
import { getDoc } from './docs'
import { bodyOf, type Caller, configOf, nameOfUser, ORDERS } from './orders-base'
import { placeOf } from './orders-place'

function communityOfActor(actor: Actor): string | null {
  return homeCommunity(actor) ?? placeIds(actor, GrantedRoles, 'community')[0] ?? null
}

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
  const order = settle(
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
      outbox: [],
      outboxAt: now,
    },
    config.sla,
    category.hazard,
  )
  // Counting it and telling the grid workers ride on the insert (src/core/orders/effects.ts).
  return {
    ...order,
    outbox: [{ id: 'submit', at: now, effects: submitEffects(order, config.sla, category.hazard) }],
  }
}

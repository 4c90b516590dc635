/**
 * Reporting: the categories the report page offers, and the one-tap submit — the hot path, ONE
 * insert carrying its outbox entry (docs/adr/0011-order-outbox.md; the dispatcher, cloudfunctions/shared/outbox.ts, does the rest).
 */
import { GrantedRoles, homeCommunity, placeIds } from '../../../src/core/access'
import type { ReportCategories, ReportReceipt } from '../../../src/core/orders/api'
import { ReportErrors } from '../../../src/core/orders/errors'
import { findCategory, reportCategoriesOf } from '../../../src/core/orders/categories'
import { DefaultSla } from '../../../src/core/orders/sla'
import type { OnBehalfOf, OrderLocation, OrderRecord } from '../../../src/core/orders/model'
import { checkDraft, newOrder } from '../../../src/core/orders/new-order'
import { checkIntake } from '../../../src/core/orders/route'
import { CommonErrorCodes, DomainError, isDomainError } from '../../../src/core/errors'
import type { Actor } from '../../../src/core/roles'
import { allStored } from '../files'
import { db } from '../sdk'
import { byRequest, isDuplicateKey, newId } from '../ids'
import { getDoc } from './docs'
import { bodyOf, type Caller, configOf, ORDERS } from './orders-base'
import { placeOf } from './orders-place'

function communityOfActor(actor: Actor): string | null {
  return homeCommunity(actor) ?? placeIds(actor, GrantedRoles, 'community')[0] ?? null
}

export async function categories(actor: Actor, communityId?: string): Promise<ReportCategories> {
  const id = communityId ?? communityOfActor(actor)
  if (!id) return reportCategoriesOf('', null, DefaultSla)
  // A named community must exist: an unknown id is not found, never answered with the defaults.
  const [community, config] = await Promise.all([
    communityId === undefined ? null : getDoc<{ _id: string }>('communities', communityId),
    configOf(id),
  ])
  if (communityId !== undefined && !community)
    throw new DomainError(CommonErrorCodes.NOT_FOUND, '没有找到这个社区')
  return reportCategoriesOf(id, config.override, config.sla)
}

/** The files exist in storage (one request for all). */
async function checkPhotosExist(photos: readonly string[]): Promise<void> {
  if (!(await allStored(photos))) throw new DomainError(ReportErrors.PHOTO_INVALID, '照片上传未完成')
}

export interface SubmitInput {
  readonly requestId: string
  readonly category: string
  readonly text: string
  readonly photos: readonly string[]
  readonly location: OrderLocation
  readonly hideName: boolean
  /** the reporter's opt-in to the public Open311 feed (src/core/orders/model.ts `publicText`) */
  readonly publicText?: boolean
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
  checkIntake(actor, place.path, onBehalf)
  const config = await configOf(place.path.communityId)
  const category = findCategory(config.override, input.category)
  if (!category) throw new DomainError(ReportErrors.UNKNOWN_CATEGORY, '未知的问题类别')
  const [verdict] = await Promise.all([checkText(input.text), checkPhotosExist(input.photos)])
  return newOrder({
    id: orderId,
    actor,
    user,
    input,
    category,
    held: verdict === 'review',
    place,
    now,
    sla: config.sla,
  })
}

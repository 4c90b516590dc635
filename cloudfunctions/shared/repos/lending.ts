/**
 * The lending store (百宝屋): inventory, holds and their queue. Rules and moves are core's
 * (src/core/lending); this file loads, asks, and runs plans with the one runner. The desk (pickup,
 * return), donations, the sweep and the privacy contribution live next door (lending-*.ts).
 *
 * The queue: a hold's pickup window starts only when the item is free and the hold is first in
 * line (`startNext`, run after every move that may free an item and by the sweep); it is one
 * transaction on the hold's and the item's versions, so two starters start one hold.
 */
import { randomBytes } from 'node:crypto'
import { entryOf } from '../../../src/core/effects'
import { CommonErrorCodes, DomainError, isDomainError } from '../../../src/core/errors'
import type { ItemDetail, ItemPage, MyLending } from '../../../src/core/lending/api'
import { moveHold, moveItem, newHold } from '../../../src/core/lending/decide'
import { holdEffects } from '../../../src/core/lending/effects'
import { LendingErrors } from '../../../src/core/lending/errors'
import {
  ActiveHold,
  LIMITS,
  type HoldRecord,
  type ItemRecord,
  type LoanRecord,
} from '../../../src/core/lending/model'
import {
  blockCutoff,
  checkPhotos,
  checkRange,
  checkReserve,
  cleanAccessories,
  cleanText,
  communityFor,
  holdParties,
  holdToStart,
  isLendingStaff,
  parseItemCode,
  positionOf,
  seesItem,
} from '../../../src/core/lending/rules'
import { codeFromBytes } from '../../../src/core/org/invite-code'
import { personAccount } from '../../../src/core/points/model'
import { homeOf, isResidentOf } from '../../../src/core/access'
import type { Plan } from '../../../src/core/plan'
import type { Actor } from '../../../src/core/roles'
import { byRequest, isDuplicateKey, newId } from '../ids'
import type { CallContext } from '../kit'
import { nudge } from '../outbox'
import { decideAndRun, runPlan } from '../runner'
import { db } from '../sdk'
import { logAccess } from './access-log'
import { firstDoc, getDoc, withoutId } from './docs'
import { balanceOf } from './ledger'
import { afterTimeCursor, timeCursor } from './paging'
import {
  cardOf,
  detailOf,
  HOLDS,
  holdLineOf,
  ITEMS,
  loadHold,
  loadItem,
  loanViewOf,
  LOANS,
  openLoanOf,
  PAGE,
  queueOf,
} from './lending-base'

export * from './lending-base'

export const nameOf = (ctx: CallContext): string => ctx.user.realName ?? ctx.user.displayName

// ── Reading ──

/** lending.items: the community's items, newest first (index `community_created`), with queue lengths. */
export async function listItems(actor: Actor, asked: string | undefined, cursor?: string): Promise<ItemPage> {
  const communityId = communityFor(actor, asked)
  const _ = db().command
  const staff = isLendingStaff(actor, communityId)
  const shown = staff ? {} : { status: _.neq('retired') }
  const res = await db()
    .collection(ITEMS)
    .where(_.and([{ communityId, ...shown }, afterTimeCursor(cursor, 'createdAt', 'desc')]))
    .orderBy('createdAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(PAGE + 1)
    .get()
  const docs = res.data as ItemRecord[]
  const page = docs.slice(0, PAGE)
  const counts = await Promise.all(
    page.map(
      async (i) =>
        (
          await db()
            .collection(HOLDS)
            .where({ itemId: i._id, status: _.in([...ActiveHold]) })
            .count()
        ).total,
    ),
  )
  const last = page[page.length - 1]
  return {
    communityId,
    staff,
    items: page.map((i, n) => cardOf(i, counts[n] ?? 0)),
    cursor: docs.length > PAGE && last ? timeCursor(last.createdAt, last._id) : null,
  }
}

/** The caller's active holds and open loans (any item) and their balance: what a reservation checks. */
async function reserveFacts(userId: string) {
  const _ = db().command
  const [holds, loans, balance] = await Promise.all([
    db()
      .collection(HOLDS)
      .where({ holderId: userId, status: _.in([...ActiveHold]) })
      .limit(50)
      .get(),
    db().collection(LOANS).where({ borrowerId: userId, status: 'out' }).limit(50).get(),
    balanceOf(personAccount(userId)),
  ])
  return { myHolds: holds.data as HoldRecord[], myLoans: loans.data as LoanRecord[], balance }
}

async function reserveBlock(actor: Actor, item: ItemRecord, now: Date): Promise<string | null> {
  if (!isResidentOf(actor, { communityId: item.communityId })) return '只有本社区居民可以预约'
  try {
    checkReserve(actor, { item, ...(await reserveFacts(actor.userId)) }, now)
    return null
  } catch (err) {
    if (isDomainError(err)) return err.message
    throw err
  }
}

/** The detail of an item as the caller sees it; reads of others' names at the desk are logged. */
export async function detailFor(
  ctx: CallContext,
  item: ItemRecord,
  now: Date,
  action: string,
): Promise<ItemDetail> {
  if (!seesItem(ctx.actor, item)) throw new DomainError(CommonErrorCodes.NOT_FOUND, '物品不存在')
  const [queue, openLoan, block] = await Promise.all([
    queueOf(item._id),
    openLoanOf(item._id),
    reserveBlock(ctx.actor, item, now),
  ])
  const detail = detailOf(ctx.actor, item, { queue, openLoan, reserveBlock: block }, now)
  const people = [
    ...(detail.desk?.readyHold ? queue.filter((h) => h.status === 'ready').map((h) => h.holderId) : []),
    ...(detail.desk?.openLoan && openLoan ? [openLoan.borrowerId] : []),
  ].filter((p) => p !== ctx.actor.userId)
  if (people.length > 0)
    await logAccess({
      actorId: ctx.actor.userId,
      action,
      subject: item._id,
      people,
      allowed: true,
      requestId: ctx.requestId,
      at: now,
    })
  return detail
}

/** lending.item: by id, by the label's code (scanned or typed), or by one of my holds (a message). */
export async function getItem(
  ctx: CallContext,
  input: { itemId?: string; code?: string; holdId?: string },
  now: Date,
): Promise<ItemDetail> {
  let item: ItemRecord | null = null
  if (input.itemId) item = await getDoc<ItemRecord>(ITEMS, input.itemId)
  else if (input.code) {
    const code = parseItemCode(input.code)
    if (!code) throw new DomainError(LendingErrors.UNKNOWN_CODE, '没有找到这个物品码')
    item = firstDoc<ItemRecord>((await db().collection(ITEMS).where({ code }).limit(1).get()).data)
    if (!item) throw new DomainError(LendingErrors.UNKNOWN_CODE, '没有找到这个物品码')
  } else if (input.holdId) {
    const h = await getDoc<HoldRecord>(HOLDS, input.holdId)
    if (h && (h.holderId === ctx.actor.userId || isLendingStaff(ctx.actor, h.communityId)))
      item = await getDoc<ItemRecord>(ITEMS, h.itemId)
  }
  if (!item) throw new DomainError(CommonErrorCodes.NOT_FOUND, '物品不存在')
  return detailFor(ctx, item, now, 'lending.item')
}

// ── The queue ──

/**
 * Starts the pickup window of the first hold in line when the item is free and nobody's window
 * runs; the holder is told (the hold's outbox). One transaction on the hold's and item's versions.
 * Returns the started hold's id, or null.
 */
export async function startNext(itemId: string, now: Date): Promise<string | null> {
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const item = await getDoc<ItemRecord>(ITEMS, itemId)
    if (!item) return null
    const h = holdToStart(item, await queueOf(itemId))
    if (!h) return null
    const next = moveHold(h, 'start', 'system', 'system', now, item)
    const entry = entryOf(`v${next.version}`, now, holdEffects(next, 'start', 'system', now))
    const plan: Plan = {
      writes: [
        {
          op: 'update',
          collection: HOLDS,
          id: h._id,
          if: { version: h.version, status: 'waiting' },
          set: {
            status: next.status,
            readyAt: next.readyAt,
            readyUntil: next.readyUntil,
            version: next.version,
            updatedAt: now,
            events: next.events,
          },
        },
        {
          op: 'update',
          collection: ITEMS,
          id: item._id,
          if: { version: item.version, status: 'available' },
          set: { queueAt: now },
        },
      ],
      ...(entry ? { outbox: { on: { collection: HOLDS, id: h._id }, entry } } : {}),
    }
    if (await runPlan(plan, now)) {
      if (entry) await nudge(HOLDS, h._id, now)
      return h._id
    }
  }
  return null
}

/** lending.reserve: join the end of the queue (idempotent on requestId); the window starts if it is free. */
export async function reserve(
  ctx: CallContext,
  itemId: string,
  requestId: string,
  now: Date,
): Promise<ItemDetail> {
  const { actor } = ctx
  const earlier = await byRequest<HoldRecord>(HOLDS, { holderId: actor.userId, requestId })
  if (earlier) return detailFor(ctx, await loadItem(earlier.itemId), now, 'lending.item')
  const item = await loadItem(itemId)
  if (!homeOf(actor)) throw new DomainError(LendingErrors.NO_HOUSEHOLD, '请先加入网格')
  checkReserve(actor, { item, ...(await reserveFacts(actor.userId)) }, now)
  const hold = newHold(item, { userId: actor.userId, name: nameOf(ctx) }, newId('lh'), requestId, now)
  try {
    await runPlan({ writes: [{ op: 'create', collection: HOLDS, id: hold._id, doc: withoutId(hold) }] }, now)
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
  }
  await startNext(item._id, now)
  return detailFor(ctx, await loadItem(item._id), now, 'lending.item')
}

/** lending.cancel: the holder leaves the queue, or staff take a hold out (the holder told); the next may start. */
export async function cancel(
  ctx: CallContext,
  holdId: string,
  reason: string | undefined,
  now: Date,
): Promise<ItemDetail> {
  const h0 = await loadHold(holdId)
  const item = await loadItem(h0.itemId)
  const note = cleanText(reason, LIMITS.reason, false, '原因') || null
  await decideAndRun(
    () => loadHold(holdId),
    (h) => {
      const parties = holdParties(ctx.actor, h, item)
      if (parties.length === 0) throw new DomainError(CommonErrorCodes.NOT_FOUND, '预约不存在')
      if (h.status === 'cancelled' && parties.includes('holder')) return { done: null }
      const next = moveHold(h, 'cancel', parties, ctx.actor.userId, now)
      const events = note
        ? [...next.events.slice(0, -1), { ...next.events[next.events.length - 1], note }]
        : next.events
      const entry = entryOf(`v${next.version}`, now, holdEffects(next, 'cancel', ctx.actor.userId, now))
      return {
        plan: {
          writes: [
            {
              op: 'update',
              collection: HOLDS,
              id: h._id,
              if: { version: h.version },
              set: { status: next.status, version: next.version, updatedAt: now, events },
            },
          ],
          ...(entry ? { outbox: { on: { collection: HOLDS, id: h._id }, entry } } : {}),
        },
        result: null,
      }
    },
    now,
  )
  await startNext(item._id, now)
  return detailFor(ctx, await loadItem(item._id), now, 'lending.item')
}

// ── My lending ──

/** lending.mine: my queued holds (with places) and my loans, newest pickup first (index `borrower_picked`). */
export async function mine(ctx: CallContext, cursor: string | undefined, now: Date): Promise<MyLending> {
  const _ = db().command
  const userId = ctx.actor.userId
  const [holds, loans, blocked] = await Promise.all([
    db()
      .collection(HOLDS)
      .where({ holderId: userId, status: _.in([...ActiveHold]) })
      .limit(20)
      .get(),
    db()
      .collection(LOANS)
      .where(_.and([{ borrowerId: userId }, afterTimeCursor(cursor, 'pickedAt', 'desc')]))
      .orderBy('pickedAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(PAGE + 1)
      .get(),
    db()
      .collection(LOANS)
      .where({ borrowerId: userId, status: 'out', dueAt: _.lte(blockCutoff(now)) })
      .count(),
  ])
  const myHolds = holds.data as HoldRecord[]
  const queues = await Promise.all(myHolds.map((h) => queueOf(h.itemId)))
  const docs = loans.data as LoanRecord[]
  const page = docs.slice(0, PAGE)
  const waiting = await Promise.all(
    page.map(async (l) => (l.status === 'out' ? (await queueOf(l.itemId)).length : 0)),
  )
  const last = page[page.length - 1]
  return {
    holds: myHolds.map((h, i) => holdLineOf(h, positionOf(queues[i] ?? [], h._id))),
    loans: page.map((l, i) => loanViewOf(ctx.actor, l, { keeperId: null }, waiting[i] ?? 0, now)),
    cursor: docs.length > PAGE && last ? timeCursor(last.pickedAt, last._id) : null,
    blocked: blocked.total > 0,
  }
}

// ── Inventory (staff) ──

export interface SaveInput {
  readonly communityId: string
  readonly itemId?: string
  readonly requestId: string
  readonly name: string
  readonly photos: readonly string[]
  readonly accessories: readonly string[]
  readonly condition: ItemRecord['condition']
  readonly location: string
  readonly periodDays: number
  readonly pickupDays: number
  readonly pledgePoints: number
  readonly keeperId: string | null
}

/** The checked fields of an item form (texts by core, the keeper a resident of the community). */
export async function itemFields(
  input: Omit<SaveInput, 'communityId' | 'itemId' | 'requestId'>,
  userId: string,
  requestId: string,
  communityId: string,
) {
  const name = cleanText(input.name, LIMITS.name, true, '物品名称')
  const location = cleanText(input.location, LIMITS.location, true, '存放位置')
  const accessories = cleanAccessories(input.accessories)
  const [photo] = checkPhotos(input.photos, userId, requestId, LIMITS.itemPhotos)
  const periodDays = checkRange(input.periodDays, LIMITS.periodDays.min, LIMITS.periodDays.max)
  const pickupDays = checkRange(input.pickupDays, LIMITS.pickupDays.min, LIMITS.pickupDays.max)
  const pledgePoints = checkRange(input.pledgePoints, 0, LIMITS.pledgePoints.max)
  let keeperName: string | null = null
  if (input.keeperId) {
    const u = await getDoc<{ realName?: string | null; displayName: string; grants?: Actor['grants'] }>(
      'users',
      input.keeperId,
    )
    if (!u || !isResidentOf({ grants: u.grants ?? [] }, { communityId }))
      throw new DomainError(LendingErrors.BAD_KEEPER, '保管人须是本社区居民')
    keeperName = u.realName ?? u.displayName
  }
  return {
    name,
    location,
    accessories,
    photo: photo ?? null,
    periodDays,
    pickupDays,
    pledgePoints,
    keeperId: input.keeperId,
    keeperName,
    condition: input.condition,
  }
}

/** A new item (code drawn from the building codes' alphabet). */
export function newItem(
  fields: Awaited<ReturnType<typeof itemFields>>,
  place: { streetId: string; communityId: string },
  by: string,
  requestId: string,
  now: Date,
  donationId: string | null = null,
): ItemRecord {
  return {
    _id: newId('li'),
    communityId: place.communityId,
    path: { streetId: place.streetId, communityId: place.communityId },
    code: codeFromBytes(randomBytes(8)),
    ...fields,
    status: 'available',
    donationId,
    labelFileId: null,
    requestId,
    createdBy: by,
    createdAt: now,
    updatedAt: now,
    version: 1,
    events: [{ at: now, move: 'create', by }],
  }
}

/** lending.save: add or edit an item (staff of its community; texts pass content security). */
export async function saveItem(
  ctx: CallContext,
  input: SaveInput,
  place: { streetId: string; communityId: string },
  now: Date,
  check: (text: string) => Promise<void>,
): Promise<ItemDetail> {
  const { actor } = ctx
  if (!isLendingStaff(actor, input.communityId))
    throw new DomainError(CommonErrorCodes.FORBIDDEN, '您无权管理该社区的百宝屋')
  if (!input.itemId) {
    const earlier = await byRequest<ItemRecord>(ITEMS, {
      communityId: input.communityId,
      requestId: input.requestId,
    })
    if (earlier) return detailFor(ctx, earlier, now, 'lending.item')
  }
  const fields = await itemFields(input, actor.userId, input.requestId, input.communityId)
  await check([fields.name, fields.location, ...fields.accessories].join('\n'))
  if (!input.itemId) {
    const item = newItem(fields, place, actor.userId, input.requestId, now)
    try {
      await runPlan(
        { writes: [{ op: 'create', collection: ITEMS, id: item._id, doc: withoutId(item) }] },
        now,
      )
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
      const twin = await byRequest<ItemRecord>(ITEMS, {
        communityId: input.communityId,
        requestId: input.requestId,
      })
      if (!twin) throw err
      return detailFor(ctx, twin, now, 'lending.item')
    }
    return detailFor(ctx, item, now, 'lending.item')
  }
  const itemId = input.itemId
  await decideAndRun(
    () => loadItem(itemId),
    (item) => {
      if (item.communityId !== input.communityId)
        throw new DomainError(CommonErrorCodes.NOT_FOUND, '物品不存在')
      const { photo, ...rest } = fields
      const set = {
        ...rest,
        // An edit without a new photo keeps the old one.
        photo: photo ?? item.photo,
        version: item.version + 1,
        updatedAt: now,
        events: [...item.events, { at: now, move: 'edit', by: actor.userId }],
      }
      return {
        plan: {
          writes: [{ op: 'update', collection: ITEMS, id: item._id, if: { version: item.version }, set }],
        },
        result: null,
      }
    },
    now,
  )
  return detailFor(ctx, await loadItem(itemId), now, 'lending.item')
}

/** lending.itemMove: repair (back to lending, the queue moves on), service, retire, restore (staff). */
export async function itemMove(
  ctx: CallContext,
  input: { itemId: string; move: 'repair' | 'service' | 'retire' | 'restore'; note?: string },
  now: Date,
): Promise<ItemDetail> {
  const note = cleanText(input.note, LIMITS.reason, false, '说明') || null
  await decideAndRun(
    () => loadItem(input.itemId),
    (item) => {
      if (!isLendingStaff(ctx.actor, item.communityId))
        throw new DomainError(CommonErrorCodes.NOT_FOUND, '物品不存在')
      const next = moveItem(item, input.move, ['staff'], ctx.actor.userId, now, note)
      return {
        plan: {
          writes: [
            {
              op: 'update',
              collection: ITEMS,
              id: item._id,
              if: { version: item.version },
              set: {
                status: next.status,
                condition: next.condition,
                version: next.version,
                updatedAt: now,
                events: next.events,
              },
            },
          ],
        },
        result: null,
      }
    },
    now,
  )
  // Retiring an item with a queue cancels nobody: they see it retired; staff may cancel their holds.
  await startNext(input.itemId, now)
  return detailFor(ctx, await loadItem(input.itemId), now, 'lending.item')
}

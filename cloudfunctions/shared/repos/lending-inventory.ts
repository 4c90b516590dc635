/**
 * The lending store's inventory (staff): adding and editing an item, and its moves (repair,
 * service, retire, restore). A new item's code is drawn from the building codes' alphabet.
 */
import { randomBytes } from 'node:crypto'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { ItemDetail } from '../../../src/core/lending/api'
import { moveItem } from '../../../src/core/lending/decide'
import { LendingErrors } from '../../../src/core/lending/errors'
import { LIMITS, type ItemRecord } from '../../../src/core/lending/model'
import {
  checkPhotos,
  checkRange,
  cleanAccessories,
  cleanText,
  isLendingStaff,
} from '../../../src/core/lending/rules'
import { codeFromBytes } from '../../../src/core/org/invite-code'
import { isResidentOf } from '../../../src/core/access'
import type { Actor } from '../../../src/core/roles'
import { byRequest, isDuplicateKey, newId } from '../ids'
import type { CallContext } from '../kit'
import { decideAndRun, runPlan } from '../runner'
import { getDoc, withoutId } from './docs'
import { ITEMS, loadItem } from './lending-base'
import { detailFor } from './lending-read'
import { startNext } from './lending-holds'

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

/**
 * The catalogue. Item edits set the stock to the admin's number inside a transaction that reads the
 * item: an edit and a redemption are serialised (never interleaved). The admin's number is the truth
 * as of the edit — "units still available to redeem" — so a redemption committed just before the
 * edit is already reflected in what the admin saw or is overridden by the admin's count, by design;
 * one committed after decrements the admin's number.
 */
import { withRetry } from '../tx'
import { CommunityStaffRoles, homeCommunity, isCommunityStaff, placeIds } from '../../../src/core/access'
import type { MarketItem, MarketPage } from '../../../src/core/market/api'
import { MarketErrors } from '../../../src/core/market/errors'
import { ITEMS_PAGE, type ItemRecord } from '../../../src/core/market/model'
import {
  checkItem,
  itemsCursor,
  itemView,
  parseItemsCursor,
  type ItemInput,
} from '../../../src/core/market/rules'
import { personAccount } from '../../../src/core/points/model'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { Actor } from '../../../src/core/roles'
import { jsonLog } from '../kit'
import { db } from '../sdk'
import { byRequest, isDuplicateKey, newId } from '../ids'
import { getDoc, txGet, withoutId } from './docs'
import { balanceOf } from './ledger'
import { itemNotFound, ITEMS } from './market-base'

/** market.items: residents see their community's active items; staff (with communityId) all of it. */
export async function items(
  actor: Actor,
  input: { communityId?: string; cursor?: string },
): Promise<MarketPage> {
  const home = homeCommunity(actor)
  let communityId: string
  let staff: boolean
  if (input.communityId) {
    staff = isCommunityStaff(actor, input.communityId)
    if (!staff && input.communityId !== home) {
      if (!(await getDoc('communities', input.communityId)))
        throw new DomainError(CommonErrorCodes.NOT_FOUND, '没有找到这个社区')
      throw new DomainError(MarketErrors.NOT_IN_SCOPE, '这是其他社区的爱心超市')
    }
    communityId = input.communityId
  } else if (home) {
    communityId = home
    staff = false
  } else {
    const managed = placeIds(actor, CommunityStaffRoles, 'community')[0]
    if (!managed) throw new DomainError(MarketErrors.NOT_IN_SCOPE, '请先加入网格')
    communityId = managed
    staff = true
  }
  const _ = db().command
  const after = parseItemsCursor(input.cursor)
  const where = _.and([
    staff ? { communityId } : { communityId, active: true },
    after ? _.or([{ name: _.gt(after.name) }, { name: after.name, _id: _.gt(after.id) }]) : {},
  ])
  const [balance, res] = await Promise.all([
    balanceOf(personAccount(actor.userId)),
    db()
      .collection(ITEMS)
      .where(where)
      .orderBy('name', 'asc')
      .orderBy('_id', 'asc')
      .limit(ITEMS_PAGE + 1)
      .get(),
  ])
  const list = res.data as ItemRecord[]
  const page = list.slice(0, ITEMS_PAGE)
  const last = page[page.length - 1]
  return {
    items: page.map(itemView),
    balance,
    cursor: list.length > ITEMS_PAGE && last ? itemsCursor(last) : null,
  }
}

/** market.save: a community admin adds (idempotent on requestId) or edits an item of their community. */
export async function save(
  actor: Actor,
  input: ItemInput & { requestId: string; communityId: string; itemId?: string },
  now: Date,
): Promise<MarketItem> {
  // The community scope was checked by the kit (permission row `market.save`).
  const item = checkItem(input)
  if (input.itemId) {
    const itemId = input.itemId
    const saved = await withRetry(async (tx) => {
      const current = await txGet<ItemRecord>(tx, ITEMS, itemId)
      if (!current || current.communityId !== input.communityId) throw itemNotFound()
      // Stock is the admin's number, written in the transaction that read the item (see the header).
      const next: ItemRecord = { ...current, ...item, updatedAt: now }
      await tx.collection(ITEMS).doc(itemId).set(withoutId(next))
      return next
    })
    jsonLog({
      level: 'info',
      what: 'market.item edited',
      itemId,
      by: actor.userId,
      stock: saved.stock,
      active: saved.active,
    })
    return itemView(saved)
  }
  const itemId = newId('it')
  const earlier = () => byRequest<ItemRecord>(ITEMS, { createdBy: actor.userId, requestId: input.requestId })
  const before = await earlier()
  if (before) return itemView(before)
  const record: ItemRecord = {
    _id: itemId,
    communityId: input.communityId,
    ...item,
    createdBy: actor.userId,
    requestId: input.requestId,
    createdAt: now,
    updatedAt: now,
  }
  try {
    await db().collection(ITEMS).add(record)
  } catch (err) {
    // A concurrent add of the same request won the unique (createdBy, requestId) index.
    const again = isDuplicateKey(err) ? await earlier() : null
    if (!again) throw err
    return itemView(again)
  }
  return itemView(record)
}

/**
 * Redeeming one unit of a love-supermarket item, decided once: who may redeem what (the page's
 * 兑换 button and its reason, the store's fast check on a plain read, and its check inside the
 * transaction all ask `redeemRefusal`), and what a redemption writes (`planRedeem`).
 *
 * The store (cloudfunctions/shared/repos/market-vouchers.ts) loads the state, asks, and writes the
 * plan inside one transaction: the points transfer, the stock write, the code and the voucher.
 */
import { DomainError } from '../errors'
import { PointsErrors } from '../points/errors'
import type { TransferRequest } from '../points/ledger'
import { Causes, marketAccount, personAccount } from '../points/model'
import { MarketErrors } from './errors'
import type { ItemRecord, VoucherCodeRecord, VoucherRecord } from './model'
import { expiresAtFor } from './rules'

/** What redeeming reads of an item (the stored record or the catalogue's view of it). */
export interface Redeemable {
  readonly communityId: string
  readonly active: boolean
  readonly stock: number
  readonly price: number
}

export type RedeemRefusalCode =
  | (typeof MarketErrors)['NOT_IN_SCOPE' | 'ITEM_NOT_FOUND' | 'OUT_OF_STOCK']
  | (typeof PointsErrors)['INSUFFICIENT']

export interface RedeemRefusal {
  readonly code: RedeemRefusalCode
  /** Said as it is: the page shows it under the item. */
  readonly message: string
}

/**
 * Why this resident may not redeem this item now, or null when they may. In this order:
 * - no home community (not a resident of any household): NOT_IN_SCOPE;
 * - no such item, one of another community, or one taken off the shelf: ITEM_NOT_FOUND;
 * - nothing left: OUT_OF_STOCK;
 * - a known balance below the price: POINTS.INSUFFICIENT. A balance of `null` is not known yet
 *   (inside the transaction the ledger's own transfer check answers it).
 *
 * `item` left out (`undefined`): asked before anything is loaded, only the resident is checked.
 */
export function redeemRefusal(
  home: string | null,
  item?: Redeemable | null,
  balance: number | null = null,
): RedeemRefusal | null {
  if (!home) return { code: MarketErrors.NOT_IN_SCOPE, message: '请先加入网格' }
  if (item === undefined) return null
  if (!item || item.communityId !== home || !item.active)
    return { code: MarketErrors.ITEM_NOT_FOUND, message: '物品不存在或已下架' }
  if (item.stock <= 0) return { code: MarketErrors.OUT_OF_STOCK, message: '已兑完，请留意补货' }
  if (balance !== null && balance < item.price)
    return { code: PointsErrors.INSUFFICIENT, message: `积分不足，还差 ${item.price - balance} 分` }
  return null
}

/** Throws the refusal, if any, as the domain error the caller gets. */
export function assertRedeemable(...args: Parameters<typeof redeemRefusal>): void {
  const refusal = redeemRefusal(...args)
  if (refusal) throw new DomainError(refusal.code, refusal.message)
}

/** What one redemption writes, all in one transaction (or none of it). */
export interface RedeemPlan {
  /**
   * The item's stock write, one unit down. Its condition: the stock is still `from` (the
   * transaction that read it guarantees it; a racing redeemer conflicts and is decided again).
   */
  readonly stock: { readonly itemId: string; readonly from: number; readonly to: number }
  /** The price, from the resident to the community's supermarket account (`Causes.redemption`). */
  readonly transfer: TransferRequest
  /** The voucher, issued now, valid until `expiresAtFor(now)`. */
  readonly voucher: VoucherRecord
  /** The code's document: makes the code unique (its `_id` is the code). */
  readonly code: VoucherCodeRecord
}

export interface RedeemRequest {
  /** The item as read inside the transaction. */
  readonly item: ItemRecord | null
  readonly home: string | null
  /** Known inside the transaction only to the ledger: null here unless the caller has read it. */
  readonly balance?: number | null
  readonly userId: string
  readonly requestId: string
  /** The new voucher's id (opaque, drawn by the store: ADR 0016). */
  readonly voucherId: string
  /** A code no voucher holds yet (drawn by the store inside the transaction). */
  readonly code: string
  readonly now: Date
}

/** The writes of one redemption, or the refusal (`redeemRefusal`) thrown as a domain error. */
export function planRedeem(req: RedeemRequest): RedeemPlan {
  const { item, home, userId, voucherId, code, now } = req
  assertRedeemable(home, item, req.balance ?? null)
  // Both are known by now: the refusal answered for a missing item or home.
  if (!item || !home) throw new Error('unreachable: redeemRefusal let a missing item or home through')
  return {
    stock: { itemId: item._id, from: item.stock, to: item.stock - 1 },
    transfer: {
      cause: Causes.redemption(voucherId),
      from: personAccount(userId),
      to: marketAccount(home),
      amount: item.price,
      reason: item.name,
      communityId: home,
      by: userId,
    },
    voucher: {
      _id: voucherId,
      code,
      userId,
      requestId: req.requestId,
      communityId: home,
      itemId: item._id,
      itemName: item.name,
      price: item.price,
      status: 'issued',
      issuedAt: now,
      expiresAt: expiresAtFor(now),
      usedAt: null,
      verifiedBy: null,
      closedAt: null,
      qrFileID: null,
    },
    code: { _id: code, voucherId, communityId: home },
  }
}

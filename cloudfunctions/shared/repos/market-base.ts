/** What every part of the love-supermarket store shares: the collections, the staff call's context and the not-found answers. */
import { MarketErrors } from '../../../src/core/market/errors'
import { MARKET_COLLECTIONS } from '../../../src/core/market/model'
import { DomainError } from '../../../src/core/errors'
import type { Actor } from '../../../src/core/roles'

export const { items: ITEMS, vouchers: VOUCHERS, codes: CODES } = MARKET_COLLECTIONS

export interface MarketCtx {
  readonly actor: Actor
  readonly requestId: string
  readonly now: Date
}

// ── Who may do what (the permission table checked the role; these check the community) ──

export const itemNotFound = () => new DomainError(MarketErrors.ITEM_NOT_FOUND, '物品不存在或已下架')
export const voucherNotFound = () =>
  new DomainError(MarketErrors.VOUCHER_NOT_FOUND, '没有找到这张兑换券，请核对兑换码')

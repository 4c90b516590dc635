/** Love-supermarket and fund failure codes (copy: src/services/error-copy.ts). */
export const MarketErrors = {
  /** Item name empty/too long, description too long. */
  BAD_ITEM: 'MARKET.BAD_ITEM',
  /** Price not a whole number in 1–10000, or stock not a whole number in 0–10000. */
  BAD_PRICE: 'MARKET.BAD_PRICE',
  /** No such item in the caller's community, or inactive. */
  ITEM_NOT_FOUND: 'MARKET.ITEM_NOT_FOUND',
  /** Nothing left to redeem. */
  OUT_OF_STOCK: 'MARKET.OUT_OF_STOCK',
  /** No voucher with that code (in the staff member's communities). */
  VOUCHER_NOT_FOUND: 'MARKET.VOUCHER_NOT_FOUND',
  /** The voucher was already used at pickup. */
  VOUCHER_USED: 'MARKET.VOUCHER_USED',
  /** The voucher expired (its points were refunded). */
  VOUCHER_EXPIRED: 'MARKET.VOUCHER_EXPIRED',
  /** The voucher was cancelled by its holder (points refunded). */
  VOUCHER_CANCELLED: 'MARKET.VOUCHER_CANCELLED',
  /** Not a resident / staff of the item's or voucher's community. */
  NOT_IN_SCOPE: 'MARKET.NOT_IN_SCOPE',
} as const

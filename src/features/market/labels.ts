import type { ItemKind, MarketItem, VoucherStatus } from '@core/market/api'
import { voucherMachine, VoucherMoves } from '@core/market/machine'
import { redeemRefusal } from '@core/market/redeem'

/** Pages of the market subpackage (the voucher QR opens VERIFY_URL with scene `v=<code>`). */
export const MARKET_URL = '/features/market/pages/index/index'
export const VOUCHERS_URL = '/features/market/pages/vouchers/index'
export const VERIFY_URL = '/features/market/pages/verify/index'
export const ITEMS_URL = '/features/market/pages/items/index'
export const FUND_URL = '/features/market/pages/fund/index'

export const KIND_LABEL: Readonly<Record<ItemKind, string>> = { goods: '物品', service: '服务' }

/** China wall clock of an instant (the phone's zone may differ on H5 test machines). */
export { shortTime, fullDate as dayText } from '@core/china-time'

/** The code as drawn: groups of four (`ABCD EFGH`), easier to read out at the counter. */
export const codeGroups = (code: string) => code.replace(/(.{4})(?=.)/g, '$1 ')
/** The code as a screen reader says it: one character at a time. */
export const codeSpoken = (code: string) => `兑换码 ${[...code].join(' ')}`

export const stockText = (stock: number) => (stock > 0 ? `余 ${stock} 件` : '已兑完')

/**
 * Why an item of the catalogue cannot be redeemed now, or null when it can: core's rule
 * (`redeemRefusal`), the one the function decides with. The catalogue market.items answers is the
 * caller's own community's, so the item's community stands for the home here; the function asks
 * again with the caller's real one.
 */
export function cannotRedeem(item: MarketItem, balance: number | null): string | null {
  return redeemRefusal(item.communityId, item, balance)?.message ?? null
}

/** Statuses that are over (no move of the machine leaves them): the card is drawn greyed. */
export const isDone = (status: VoucherStatus) => !VoucherMoves.some((m) => voucherMachine.exists(m, status))

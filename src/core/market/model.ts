/**
 * The love supermarket (爱心超市) as stored. The voucher state machine is machine.ts.
 *
 * A redemption moves points from the resident to the community's supermarket account
 * (`Causes.redemption(voucherId)`); cancel and expiry move them back with `Causes.refund(voucherId)`,
 * one cause for both, so a voucher can be refunded at most once whatever races.
 */
import type { ItemKind, VoucherStatus } from './api'

export const MARKET_COLLECTIONS = {
  items: 'market_items',
  vouchers: 'market_vouchers',
  codes: 'market_codes',
} as const

/** Collection `market_items`. */
export interface ItemRecord {
  readonly _id: string
  readonly communityId: string
  readonly name: string
  readonly kind: ItemKind
  readonly description: string
  readonly price: number
  readonly stock: number
  readonly active: boolean
  readonly createdBy: string
  /** The adding request: (createdBy, requestId) is unique, so a retried add lands once. */
  readonly requestId: string
  readonly createdAt: Date
  readonly updatedAt: Date
}

/**
 * Collection `market_vouchers`: `_id` is the redemption id, opaque (ADR 0016); (userId, requestId)
 * is unique, so a retried redeem lands on the same voucher.
 */
export interface VoucherRecord {
  readonly _id: string
  readonly code: string
  readonly userId: string
  readonly requestId: string
  readonly communityId: string
  readonly itemId: string
  readonly itemName: string
  readonly price: number
  readonly status: VoucherStatus
  readonly issuedAt: Date
  readonly expiresAt: Date
  readonly usedAt: Date | null
  /** The staff member who verified it at pickup. */
  readonly verifiedBy: string | null
  /** When it was cancelled or expired. */
  readonly closedAt: Date | null
  /** Cloud storage fileID of the voucher's mini-program code, once made. */
  readonly qrFileID: string | null
}

/** Collection `market_codes`: `_id` is the voucher code; makes codes unique inside the redeem transaction. */
export interface VoucherCodeRecord {
  readonly _id: string
  readonly voucherId: string
  readonly communityId: string
}

export const VoucherStatuses = [
  'issued',
  'used',
  'expired',
  'cancelled',
] as const satisfies readonly VoucherStatus[]

export const VoucherStatusLabel: Readonly<Record<VoucherStatus, string>> = {
  issued: '待领取',
  used: '已领取',
  expired: '已过期（积分已退回）',
  cancelled: '已取消（积分已退回）',
}

export const ItemKindLabel: Readonly<Record<ItemKind, string>> = { goods: '物品', service: '服务' }

/** Pickup page and QR: the wxacode the voucher carries opens the staff verify page with scene `v=<code>`. */
export const VOUCHER_WXACODE = {
  page: 'features/market/pages/verify/index',
  width: 430,
  checkPath: false,
} as const

export function voucherScene(code: string): string {
  return `v=${code}`
}

export function voucherImagePath(communityId: string, voucherId: string): string {
  return `vouchers/${communityId}/${voucherId}.png`
}

/** Page sizes: catalogue and my vouchers. */
export const ITEMS_PAGE = 20
export const VOUCHERS_PAGE = 20
/** Vouchers expired per sweep run (the rest wait for the next run, 5 minutes later). */
export const SWEEP_BATCH = 100

/**
 * Wire contract of the love supermarket (爱心超市) and the community fund's payouts. Pages:
 * supermarket (catalogue, redeem), my vouchers (short code + QR), staff: catalogue editor, voucher
 * verify page (scan or type), community fund.
 */
import * as v from 'valibot'
import { defineAction } from '../contract/define'
import { clientRequestId } from '../join/api'
import type { TransferView } from '../points/api'

export type ItemKind = 'goods' | 'service'
export type VoucherStatus = 'issued' | 'used' | 'expired' | 'cancelled'

export interface MarketItem {
  readonly itemId: string
  readonly communityId: string
  readonly name: string
  readonly kind: ItemKind
  readonly description: string
  /** Points per unit. */
  readonly price: number
  /** Units left; 0 = 已兑完. */
  readonly stock: number
  /** Inactive items are hidden from residents (staff still see them). */
  readonly active: boolean
}

export interface MarketPage {
  readonly items: readonly MarketItem[]
  /** The caller's balance, so the page can say what is affordable. */
  readonly balance: number
  readonly cursor: string | null
}

/** A voucher as its holder and the verifying staff see it. */
export interface VoucherView {
  readonly voucherId: string
  /** Short code to read out or type at pickup (8 characters, no look-alikes). */
  readonly code: string
  readonly itemId: string
  readonly itemName: string
  readonly price: number
  readonly status: VoucherStatus
  /** 待领取 / 已领取 / 已过期（积分已退回） / 已取消（积分已退回） */
  readonly statusLabel: string
  readonly issuedAt: string
  readonly expiresAt: string
  readonly usedAt: string | null
  /** Temporary URL of the voucher's QR (a mini-program code opening the staff verify page); null while not made. */
  readonly qrUrl: string | null
  /** Staff view only: the holder's name (masked for the holder's own view is pointless: it is theirs). */
  readonly holderName: string | null
  /** True when the answer is a retried request: nothing new was written. */
  readonly retried: boolean
}

export interface VoucherPage {
  readonly items: readonly VoucherView[]
  readonly cursor: string | null
}

export interface FundView {
  readonly communityId: string
  readonly balance: number
  /** Recent movements in and out of the fund, newest first. */
  readonly recent: readonly TransferView[]
}

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(160))
const cursor = v.optional(v.pipe(v.string(), v.maxLength(200)))
const text = (max: number) => v.pipe(v.string(), v.maxLength(max))
/** Voucher code as scanned (scene `v=<code>` or a path carrying it) or typed; core normalises it. */
const voucherCode = v.pipe(v.string(), v.maxLength(200))

export const marketActions = {
  /** The supermarket of my community (staff: `communityId` of a community they manage, inactive items included). */
  'market.items': defineAction<MarketPage>()(v.strictObject({ communityId: v.optional(id), cursor })),
  /** A community admin adds (no itemId) or edits an item: name, kind, price, stock, active. Idempotent on requestId for adds. */
  'market.save': defineAction<MarketItem>()(
    v.strictObject({
      requestId: clientRequestId,
      communityId: id,
      itemId: v.optional(id),
      name: text(40),
      kind: v.picklist(['goods', 'service']),
      description: text(200),
      price: v.number(),
      stock: v.number(),
      active: v.boolean(),
    }),
  ),
  /**
   * A resident redeems one unit: stock −1, points debited to the supermarket and a voucher issued,
   * all or nothing; idempotent on requestId. MARKET.OUT_OF_STOCK / POINTS.INSUFFICIENT.
   */
  'market.redeem': defineAction<VoucherView>()(v.strictObject({ itemId: id, requestId: clientRequestId })),
  /** My vouchers, newest first. */
  'market.vouchers': defineAction<VoucherPage>()(v.strictObject({ cursor })),
  /** The holder cancels an unused voucher: points refunded, stock returned. */
  'market.cancel': defineAction<VoucherView>()(v.strictObject({ voucherId: id })),
  /** Staff look a voucher up by code before handing over (holder's name shown). */
  'market.lookup': defineAction<VoucherView>()(v.strictObject({ code: voucherCode })),
  /** Staff verify at pickup: the voucher is used. Used → MARKET.VOUCHER_USED; expired → MARKET.VOUCHER_EXPIRED. */
  'market.verify': defineAction<VoucherView>()(v.strictObject({ code: voucherCode })),
  /** A community admin: the community fund's balance and recent movements. */
  'fund.view': defineAction<FundView>()(v.strictObject({ communityId: id })),
  /**
   * A community admin pays from the fund for a service for someone in need: the fund → the resident
   * who did the service, with a reason; idempotent on requestId; never below zero.
   */
  'fund.pay': defineAction<TransferView>()(
    v.strictObject({
      communityId: id,
      userId: id,
      amount: v.number(),
      reason: text(100),
      requestId: clientRequestId,
    }),
  ),
}

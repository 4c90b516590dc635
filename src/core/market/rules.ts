/**
 * Pure rules of the love supermarket: item validation, voucher codes (made and as scanned or typed),
 * expiry, what a verify at pickup answers, and the views the pages read.
 * The store is cloudfunctions/shared/repos/market.ts.
 */
import { CHINA_OFFSET_MS } from '../china-time'
import { DomainError } from '../errors'
import { codeFromBytes, isInviteCode } from '../org/invite-code'
import type { ItemKind, MarketItem, VoucherView } from './api'
import { MarketErrors } from './errors'
import { VoucherStatusLabel, type ItemRecord, type VoucherRecord } from './model'
import { isoOrNull as iso } from '../china-time'

export const NAME_MAX = 40
export const DESCRIPTION_MAX = 200
export const PRICE_MIN = 1
export const PRICE_MAX = 10_000
export const STOCK_MAX = 10_000
/** A voucher is valid until the end of the 14th day (China time) after the day it was issued. */
export const VOUCHER_DAYS = 14

export interface ItemInput {
  readonly name: string
  readonly kind: ItemKind
  readonly description: string
  readonly price: number
  readonly stock: number
  readonly active: boolean
}

/** The item as it will be stored (name and description trimmed), or MARKET.BAD_ITEM / MARKET.BAD_PRICE. */
export function checkItem(input: ItemInput): ItemInput {
  const name = input.name.trim()
  const description = input.description.trim()
  if (!name || [...name].length > NAME_MAX || [...description].length > DESCRIPTION_MAX) {
    throw new DomainError(
      MarketErrors.BAD_ITEM,
      `请填写物品名称（不超过 ${NAME_MAX} 字），说明不超过 ${DESCRIPTION_MAX} 字`,
    )
  }
  const wholeIn = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max
  if (!wholeIn(input.price, PRICE_MIN, PRICE_MAX) || !wholeIn(input.stock, 0, STOCK_MAX)) {
    throw new DomainError(
      MarketErrors.BAD_PRICE,
      `所需积分应为 ${PRICE_MIN}–${PRICE_MAX} 的整数，库存为 0–${STOCK_MAX} 的整数`,
    )
  }
  return { name, kind: input.kind, description, price: input.price, stock: input.stock, active: input.active }
}

/** A voucher code from random bytes: 8 characters of the invite-code alphabet (no 0/O, 1/I). */
export function voucherCodeFromBytes(bytes: ArrayLike<number>): string {
  return codeFromBytes(bytes)
}

function decodeOnce(s: string): string | null {
  try {
    return decodeURIComponent(s)
  } catch {
    return null
  }
}

/**
 * What staff scanned or typed, as a voucher code, or null when it cannot be one. Accepts the code
 * itself in any case with spaces or dashes (`abcd-2345`), the scene `v=CODE`, its URL-encoded form
 * `v%3DCODE`, and a page path carrying it (`features/market/pages/verify/index?scene=v%3DCODE`).
 */
export function normaliseVoucherCode(raw: string): string | null {
  let s = raw.trim()
  // Scenes arrive URL-encoded, sometimes twice (a path whose query carries an encoded scene).
  for (let i = 0; i < 3; i += 1) {
    const decoded = decodeOnce(s)
    if (decoded === null) return null
    if (decoded === s) break
    s = decoded
  }
  const scene = /(?:^|[=?&#\s])v=([^&#]*)/i.exec(s)
  if (scene) s = scene[1] ?? ''
  const code = s.replace(/[\s\u3000\-\u2010-\u2015_]/g, '').toUpperCase()
  return isInviteCode(code) ? code : null
}

const BEIJING_MS = CHINA_OFFSET_MS
const DAY_MS = 24 * 3600_000

/** The end (23:59:59.999 China time) of the 14th day after the China-time day of `issuedAt`. */
export function expiresAtFor(issuedAt: Date): Date {
  const local = new Date(issuedAt.getTime() + BEIJING_MS)
  const startOfLocalDay = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate())
  return new Date(startOfLocalDay + (VOUCHER_DAYS + 1) * DAY_MS - 1 - BEIJING_MS)
}

export function isPastExpiry(v: Pick<VoucherRecord, 'expiresAt'>, now: Date): boolean {
  return now.getTime() > new Date(v.expiresAt).getTime()
}

/**
 * Why a voucher may not be handed over now (its failure code), or null when it may: only an issued
 * voucher before its expiry. An issued voucher past expiry the sweep has not reached yet is expired.
 */
export type VerifyFailure = (typeof MarketErrors)['VOUCHER_USED' | 'VOUCHER_EXPIRED' | 'VOUCHER_CANCELLED']

export function verifyFailure(
  v: Pick<VoucherRecord, 'status' | 'expiresAt'>,
  now: Date,
): VerifyFailure | null {
  switch (v.status) {
    case 'used':
      return MarketErrors.VOUCHER_USED
    case 'expired':
      return MarketErrors.VOUCHER_EXPIRED
    case 'cancelled':
      return MarketErrors.VOUCHER_CANCELLED
    case 'issued':
      return isPastExpiry(v, now) ? MarketErrors.VOUCHER_EXPIRED : null
  }
}

/** The message of each verify failure (the page shows error-copy's text). */
export const VerifyFailureMessage: Readonly<Record<VerifyFailure, string>> = {
  [MarketErrors.VOUCHER_USED]: '这张兑换券已经领取过了',
  [MarketErrors.VOUCHER_EXPIRED]: '兑换券已过期，积分已退回',
  [MarketErrors.VOUCHER_CANCELLED]: '兑换券已取消，积分已退回',
}

export function itemView(r: ItemRecord): MarketItem {
  return {
    itemId: r._id,
    communityId: r.communityId,
    name: r.name,
    kind: r.kind,
    description: r.description,
    price: r.price,
    stock: r.stock,
    active: r.active,
  }
}

export function voucherView(
  r: VoucherRecord,
  extra: { qrUrl?: string | null; holderName?: string | null; retried?: boolean } = {},
): VoucherView {
  return {
    voucherId: r._id,
    code: r.code,
    itemId: r.itemId,
    itemName: r.itemName,
    price: r.price,
    status: r.status,
    statusLabel: VoucherStatusLabel[r.status],
    issuedAt: new Date(r.issuedAt).toISOString(),
    expiresAt: new Date(r.expiresAt).toISOString(),
    usedAt: iso(r.usedAt),
    qrUrl: extra.qrUrl ?? null,
    holderName: extra.holderName ?? null,
    retried: extra.retried ?? false,
  }
}

/** Catalogue cursor: the last item's name and id (ids never contain `|`). */
export function itemsCursor(last: { readonly name: string; readonly _id: string }): string {
  return `${last.name}|${last._id}`
}

export function parseItemsCursor(cursor: string | undefined): { name: string; id: string } | null {
  if (!cursor) return null
  const cut = cursor.lastIndexOf('|')
  if (cut < 0) return null
  return { name: cursor.slice(0, cut), id: cursor.slice(cut + 1) }
}

/**
 * The love supermarket's part of me.data and me.delete (see privacy.ts).
 * Shown: my vouchers (item, price, status, dates).
 * Settled: `issued` vouchers are cancelled with market.cancel (points refunded to the person's
 * account with `Causes.refund`, the unit back to stock). One that staff verified or the sweep
 * expired meanwhile, or whose refund the supermarket account cannot cover (a redemption reversed by
 * a correction, ADR 0010), is skipped and logged, left to staff. Used, expired and cancelled
 * vouchers stay: ids, item and dates, no name.
 */
import { MARKET_COLLECTIONS, type VoucherRecord } from '../../../src/core/market/model'
import { definePrivacy, ERASE_BATCH, iso, recent, settleOne } from '../privacy'
import { db } from '../sdk'
import { cancel } from './market'

const VOUCHERS = MARKET_COLLECTIONS.vouchers

export const marketPrivacy = definePrivacy({
  feature: 'market',
  sections: ['vouchers'],
  data: async (actor) => {
    const vouchers = await recent<VoucherRecord>(VOUCHERS, { userId: actor.userId }, 'issuedAt')
    return {
      vouchers: {
        count: vouchers.count,
        lines: vouchers.rows.map((v) => ({
          voucherId: v._id,
          itemName: v.itemName,
          price: v.price,
          status: v.status,
          issuedAt: iso(v.issuedAt) ?? '',
          expiresAt: iso(v.expiresAt) ?? '',
          usedAt: iso(v.usedAt),
          closedAt: iso(v.closedAt),
        })),
      },
    }
  },
  settle: async (ctx, now) => {
    const issued = (
      await db()
        .collection(VOUCHERS)
        .where({ userId: ctx.actor.userId, status: 'issued' })
        .field({ _id: true })
        .limit(ERASE_BATCH)
        .get()
    ).data as { _id: string }[]
    for (const v of issued)
      await settleOne('voucher cancel', v._id, () => cancel(ctx.actor, v._id, now), 'warn')
  },
})

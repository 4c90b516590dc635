/** Staff at pickup: lookup by code, and verify, a transaction on the voucher: of two staff one wins. Reading the holder's name is logged. */
import { withRetry } from '../tx'
import { isCommunityStaff } from '../../../src/core/access'
import type { VoucherView } from '../../../src/core/market/api'
import { MarketErrors } from '../../../src/core/market/errors'
import type { VoucherCodeRecord, VoucherRecord } from '../../../src/core/market/model'
import { voucherMachine } from '../../../src/core/market/machine'
import {
  normaliseVoucherCode,
  VerifyFailureMessage,
  verifyFailure,
  voucherView,
} from '../../../src/core/market/rules'
import { DomainError } from '../../../src/core/errors'
import type { UserRecord } from '../../../src/core/me/model'
import { jsonLog } from '../kit'
import { logAccess } from './access-log'
import { getDoc, txGet } from './docs'
import { CODES, type MarketCtx, voucherNotFound, VOUCHERS } from './market-base'

/** The voucher a scanned or typed code names, if the staff member may see it; refusals are logged. */
async function staffVoucher(ctx: MarketCtx, raw: string, action: string): Promise<VoucherRecord> {
  const code = normaliseVoucherCode(raw)
  if (!code) throw voucherNotFound()
  const pointer = await getDoc<VoucherCodeRecord>(CODES, code)
  const v = pointer ? await getDoc<VoucherRecord>(VOUCHERS, pointer.voucherId) : null
  if (!pointer || !v) throw voucherNotFound()
  if (!isCommunityStaff(ctx.actor, v.communityId)) {
    // Another community's voucher: answered as unknown (never revealed), the attempt logged.
    await logAccess({
      actorId: ctx.actor.userId,
      action,
      subject: code,
      people: [],
      allowed: false,
      requestId: ctx.requestId,
      at: ctx.now,
    })
    throw voucherNotFound()
  }
  return { ...v, _id: pointer.voucherId }
}

/** The holder's name for staff, the read logged first (no log, no name). */
async function holderNameFor(ctx: MarketCtx, v: VoucherRecord, action: string): Promise<string | null> {
  const holder = await getDoc<UserRecord>('users', v.userId)
  await logAccess({
    actorId: ctx.actor.userId,
    action,
    subject: v._id,
    people: [v.userId],
    allowed: true,
    requestId: ctx.requestId,
    at: ctx.now,
  })
  return holder ? (holder.realName ?? holder.displayName) : null
}

/** market.lookup: staff read a voucher by its code before handing over (holder's name shown). */
export async function lookup(ctx: MarketCtx, raw: string): Promise<VoucherView> {
  const v = await staffVoucher(ctx, raw, 'market.lookup')
  return voucherView(v, { holderName: await holderNameFor(ctx, v, 'market.lookup') })
}

/**
 * market.verify: the voucher is used (one winner among racing staff). Used by someone else →
 * VOUCHER_USED; the same staff member verifying again (a retried tap) gets the voucher as retried.
 */
export async function verify(ctx: MarketCtx, raw: string): Promise<VoucherView> {
  const seen = await staffVoucher(ctx, raw, 'market.verify')
  const outcome = await withRetry(async (tx) => {
    const v = await txGet<VoucherRecord>(tx, VOUCHERS, seen._id)
    if (!v) throw voucherNotFound()
    if (v.status === 'used' && v.verifiedBy === ctx.actor.userId) return { voucher: v, retried: true }
    const failure = verifyFailure(v, ctx.now)
    if (failure) throw new DomainError(failure, VerifyFailureMessage[failure])
    const step = voucherMachine.next(v.status, 'use', 'staff')
    if (!step.ok) throw new DomainError(MarketErrors.VOUCHER_USED, '这张兑换券已经领取过了')
    const next: VoucherRecord = { ...v, status: step.to, usedAt: ctx.now, verifiedBy: ctx.actor.userId }
    await tx
      .collection(VOUCHERS)
      .doc(v._id)
      .update({ status: next.status, usedAt: ctx.now, verifiedBy: ctx.actor.userId })
    return { voucher: next, retried: false }
  })
  if (!outcome.retried)
    jsonLog({ level: 'info', what: 'market.verified', voucherId: seen._id, by: ctx.actor.userId })
  return voucherView(outcome.voucher, {
    holderName: await holderNameFor(ctx, outcome.voucher, 'market.verify'),
    retried: outcome.retried,
  })
}

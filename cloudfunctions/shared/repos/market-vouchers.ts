/**
 * The resident's vouchers.
 * - Redeem is ONE transaction writing core's plan (core/market/redeem.ts `planRedeem`): the points
 *   transfer resident → `market:<community>` (`transferInTx`), stock − 1, the voucher and its code
 *   document (a retried request is found by its unique (userId, requestId) index and answered,
 *   ADR 0016). Racing redeemers conflict on the item document (and on their own account), are
 *   retried by `withRetry` against the new stock, and end OUT_OF_STOCK rather than over-issue. A
 *   sold-out or unaffordable item fails fast on a plain read before any transaction
 *   (`redeemRefusal`, the same rule the page's 兑换 button asks).
 * - Cancel (holder) and expiry (sweep, `closeInTx`) are one transaction each: the voucher leaves
 *   `issued`, the points go back with `Causes.refund(voucherId)` (one cause for both: refunded at
 *   most once), stock + 1.
 */
import { withRetry, type Tx } from '../tx'
import { homeCommunity } from '../../../src/core/access'
import { randomBytes } from 'node:crypto'
import type { VoucherPage, VoucherView } from '../../../src/core/market/api'
import { MarketErrors } from '../../../src/core/market/errors'
import {
  VOUCHERS_PAGE,
  type ItemRecord,
  type VoucherCodeRecord,
  type VoucherRecord,
} from '../../../src/core/market/model'
import { voucherMachine, type VoucherMove, type VoucherParty } from '../../../src/core/market/machine'
import { assertRedeemable, planRedeem } from '../../../src/core/market/redeem'
import { VerifyFailureMessage, verifyFailure, voucherCodeFromBytes } from '../../../src/core/market/rules'
import { Causes, marketAccount, personAccount } from '../../../src/core/points/model'
import { DomainError } from '../../../src/core/errors'
import type { Actor } from '../../../src/core/roles'
import { jsonLog } from '../kit'
import { db } from '../sdk'
import { byRequest, isDuplicateKey, newId } from '../ids'
import { getDoc, txGet, withoutId } from './docs'
import { afterTimeCursor, timeCursor } from './paging'
import { balanceOf, transferInTx } from './ledger'
import { CODES, ITEMS, voucherNotFound, VOUCHERS } from './market-base'
import { holderView, holderViews } from './market-images'

/**
 * market.redeem: one unit of an item of the resident's community, all or nothing; idempotent on
 * requestId. Who may redeem what, and what a redemption writes, is core's (core/market/redeem.ts):
 * asked once on plain reads (fail fast, without contention) and again inside the transaction.
 */
export async function redeem(
  actor: Actor,
  input: { itemId: string; requestId: string },
  now: Date,
): Promise<VoucherView> {
  const home = homeCommunity(actor)
  assertRedeemable(home)
  const voucherId = newId('rd')
  const stored = () =>
    byRequest<VoucherRecord>(VOUCHERS, { userId: actor.userId, requestId: input.requestId })
  const earlier = await stored()
  if (earlier) return holderView(earlier, true)
  // Fail fast, without contention, when the item is gone, sold out or unaffordable.
  const seen = await getDoc<ItemRecord>(ITEMS, input.itemId)
  assertRedeemable(home, seen)
  assertRedeemable(home, seen, await balanceOf(personAccount(actor.userId)))

  const outcome = await withRetry(async (tx) => {
    const item = await txGet<ItemRecord>(tx, ITEMS, input.itemId)
    assertRedeemable(home, item)
    const plan = planRedeem({
      item,
      home,
      userId: actor.userId,
      requestId: input.requestId,
      voucherId,
      code: await drawUnusedCode(tx),
      now,
    })
    // The balance is checked by the ledger against the account read in this transaction.
    await transferInTx(tx, plan.transfer, now)
    await tx.collection(ITEMS).doc(plan.stock.itemId).update({ stock: plan.stock.to, updatedAt: now })
    await tx.collection(CODES).doc(plan.code._id).set(withoutId(plan.code))
    await tx.collection(VOUCHERS).doc(plan.voucher._id).set(withoutId(plan.voucher))
    return { voucher: plan.voucher, retried: false }
  }).catch(async (err: unknown) => {
    // A concurrent redeem of the same request won the unique (userId, requestId) index.
    const again = isDuplicateKey(err) ? await stored() : null
    if (!again) throw err
    return { voucher: again, retried: true }
  })
  if (!outcome.retried)
    jsonLog({ level: 'info', what: 'market.redeemed', voucherId, itemId: input.itemId, by: actor.userId })
  return holderView(outcome.voucher, outcome.retried)
}

/** A code no voucher holds yet, checked inside the redeem transaction (a racing taker conflicts). */
async function drawUnusedCode(tx: Tx): Promise<string> {
  for (let i = 0; i < 6; i += 1) {
    const code = voucherCodeFromBytes(randomBytes(8))
    if (!(await txGet<VoucherCodeRecord>(tx, CODES, code))) return code
  }
  throw new Error('could not draw an unused voucher code')
}

/** market.vouchers: mine, newest first, 20 a page. */
export async function vouchers(actor: Actor, cursor?: string): Promise<VoucherPage> {
  const _ = db().command
  const where = _.and([{ userId: actor.userId }, afterTimeCursor(cursor, 'issuedAt', 'desc')])
  const res = await db()
    .collection(VOUCHERS)
    .where(where)
    .orderBy('issuedAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(VOUCHERS_PAGE + 1)
    .get()
  const list = res.data as VoucherRecord[]
  const page = list.slice(0, VOUCHERS_PAGE)
  const last = page[page.length - 1]
  return {
    items: await holderViews(page),
    cursor: list.length > VOUCHERS_PAGE && last ? timeCursor(last.issuedAt, last._id) : null,
  }
}

/**
 * Inside a transaction: the voucher leaves `issued` by `move` (cancel or expire) made by `party`,
 * and the row's effects (core/market/machine.ts) happen: `refund` gives the points back to the
 * holder (`Causes.refund`), `restock` the unit back to stock. Null when the voucher is no longer
 * issued (someone else moved it first).
 */
export async function closeInTx(
  tx: Tx,
  voucherId: string,
  move: Extract<VoucherMove, 'cancel' | 'expire'>,
  party: VoucherParty,
  by: string,
  now: Date,
): Promise<VoucherRecord | null> {
  const v = await txGet<VoucherRecord>(tx, VOUCHERS, voucherId)
  if (!v) return null
  const step = voucherMachine.next(v.status, move, party)
  if (!step.ok) return null
  if (step.effects.includes('refund'))
    await transferInTx(
      tx,
      {
        cause: Causes.refund(v._id),
        from: marketAccount(v.communityId),
        to: personAccount(v.userId),
        amount: v.price,
        reason: v.itemName,
        communityId: v.communityId,
        by,
      },
      now,
    )
  const item = step.effects.includes('restock') ? await txGet<ItemRecord>(tx, ITEMS, v.itemId) : null
  if (item)
    await tx
      .collection(ITEMS)
      .doc(item._id)
      .update({ stock: item.stock + 1, updatedAt: now })
  const next: VoucherRecord = { ...v, status: step.to, closedAt: now }
  await tx.collection(VOUCHERS).doc(v._id).update({ status: next.status, closedAt: now })
  return next
}

/** market.cancel: the holder gives an unused voucher back; a voucher already cancelled answers as retried. */
export async function cancel(actor: Actor, voucherId: string, now: Date): Promise<VoucherView> {
  const seen = await getDoc<VoucherRecord>(VOUCHERS, voucherId)
  if (!seen || seen.userId !== actor.userId) throw voucherNotFound()
  const outcome = await withRetry(async (tx) => {
    const closed = await closeInTx(tx, voucherId, 'cancel', 'holder', actor.userId, now)
    if (closed) return { voucher: closed, retried: false }
    const v = await txGet<VoucherRecord>(tx, VOUCHERS, voucherId)
    if (!v) throw voucherNotFound()
    if (v.status === 'cancelled') return { voucher: v, retried: true }
    const code = verifyFailure(v, now) ?? MarketErrors.VOUCHER_USED
    throw new DomainError(code, VerifyFailureMessage[code])
  })
  return holderView(outcome.voucher, outcome.retried)
}

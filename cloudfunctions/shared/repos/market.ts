/**
 * The love supermarket (爱心超市) and the community fund's payouts (src/core/market).
 *
 * - Redeem is ONE transaction: the voucher (by its deterministic id: a retried request answers it),
 *   the item's stock, the points transfer resident → `market:<community>` (`transferInTx`), stock − 1,
 *   the voucher and its code document. Racing redeemers conflict on the item document (and on their
 *   own account), are retried by `withRetry` against the new stock, and end OUT_OF_STOCK rather than
 *   over-issue. A sold-out or unaffordable item fails fast on a plain read before any transaction.
 * - Cancel (holder) and expiry (sweep) are one transaction each: the voucher leaves `issued`, the
 *   points go back with `Causes.refund(voucherId)` (one cause for both: refunded at most once),
 *   stock + 1. Verify (staff at pickup) is a transaction on the voucher: of two staff one wins.
 * - Item edits set the stock to the admin's number inside a transaction that reads the item: an edit
 *   and a redemption are serialised (never interleaved). The admin's number is the truth as of the
 *   edit — "units still available to redeem" — so a redemption committed just before the edit is
 *   already reflected in what the admin saw or is overridden by the admin's count, by design; one
 *   committed after decrements the admin's number.
 * - Each voucher carries a mini-program code (scene `v=<code>`, opening the staff verify page), made
 *   after the commit; when that fails the voucher has no image yet and `market.vouchers` retries.
 */
import { withRetry, type Tx } from '../tx'
import { CommunityStaffRoles, homeCommunity, isCommunityStaff, placeIds } from '../../../src/core/access'
import { randomBytes } from 'node:crypto'
import type { MarketItem, MarketPage, VoucherPage, VoucherView } from '../../../src/core/market/api'
import { MarketErrors } from '../../../src/core/market/errors'
import {
  ITEMS_PAGE,
  MARKET_COLLECTIONS,
  SWEEP_BATCH,
  VOUCHER_WXACODE,
  VOUCHERS_PAGE,
  voucherImagePath,
  voucherScene,
  type ItemRecord,
  type VoucherCodeRecord,
  type VoucherRecord,
} from '../../../src/core/market/model'
import { voucherMachine, type VoucherMove, type VoucherParty } from '../../../src/core/market/machine'
import {
  checkItem,
  expiresAtFor,
  itemsCursor,
  itemView,
  normaliseVoucherCode,
  parseItemsCursor,
  VerifyFailureMessage,
  verifyFailure,
  voucherCodeFromBytes,
  voucherView,
  type ItemInput,
} from '../../../src/core/market/rules'
import type { TransferView } from '../../../src/core/points/api'
import { PointsErrors } from '../../../src/core/points/errors'
import { Causes, fundAccount, marketAccount, personAccount } from '../../../src/core/points/model'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { UserRecord } from '../../../src/core/me/model'
import type { Actor } from '../../../src/core/roles'
import { jsonLog } from '../kit'
import { cloud, db } from '../sdk'
import { byRequest, isDuplicateKey, newId } from '../ids'
import { getUnlimitedWxacode } from '../wxacode'
import { logAccess } from './access-log'
import { getDoc, txGet, withoutId } from './docs'
import { afterTimeCursor, timeCursor } from './paging'
import { balanceOf, recentTransfers, transfer, transferInTx, viewOf } from './ledger'

const { items: ITEMS, vouchers: VOUCHERS, codes: CODES } = MARKET_COLLECTIONS

const TEMP_URL_MAX_AGE_S = 2 * 60 * 60
/** Voucher images still missing after this long in one listing wait for the next one. */
const IMAGE_BUDGET_MS = 4000

export interface MarketCtx {
  readonly actor: Actor
  readonly requestId: string
  readonly now: Date
}

// ── Who may do what (the permission table checked the role; these check the community) ──

const itemNotFound = () => new DomainError(MarketErrors.ITEM_NOT_FOUND, '物品不存在或已下架')
const voucherNotFound = () =>
  new DomainError(MarketErrors.VOUCHER_NOT_FOUND, '没有找到这张兑换券，请核对兑换码')

// ── Catalogue ──

/** market.items: residents see their community's active items; staff (with communityId) all of it. */
export async function items(
  actor: Actor,
  input: { communityId?: string; cursor?: string },
): Promise<MarketPage> {
  const home = homeCommunity(actor)
  let communityId: string
  let staff: boolean
  if (input.communityId) {
    staff = isCommunityStaff(actor, input.communityId)
    if (!staff && input.communityId !== home) {
      if (!(await getDoc('communities', input.communityId)))
        throw new DomainError(CommonErrorCodes.NOT_FOUND, '没有找到这个社区')
      throw new DomainError(MarketErrors.NOT_IN_SCOPE, '这是其他社区的爱心超市')
    }
    communityId = input.communityId
  } else if (home) {
    communityId = home
    staff = false
  } else {
    const managed = placeIds(actor, CommunityStaffRoles, 'community')[0]
    if (!managed) throw new DomainError(MarketErrors.NOT_IN_SCOPE, '请先加入网格')
    communityId = managed
    staff = true
  }
  const _ = db().command
  const after = parseItemsCursor(input.cursor)
  const where = _.and([
    staff ? { communityId } : { communityId, active: true },
    after ? _.or([{ name: _.gt(after.name) }, { name: after.name, _id: _.gt(after.id) }]) : {},
  ])
  const [balance, res] = await Promise.all([
    balanceOf(personAccount(actor.userId)),
    db()
      .collection(ITEMS)
      .where(where)
      .orderBy('name', 'asc')
      .orderBy('_id', 'asc')
      .limit(ITEMS_PAGE + 1)
      .get(),
  ])
  const list = res.data as ItemRecord[]
  const page = list.slice(0, ITEMS_PAGE)
  const last = page[page.length - 1]
  return {
    items: page.map(itemView),
    balance,
    cursor: list.length > ITEMS_PAGE && last ? itemsCursor(last) : null,
  }
}

/** market.save: a community admin adds (idempotent on requestId) or edits an item of their community. */
export async function save(
  actor: Actor,
  input: ItemInput & { requestId: string; communityId: string; itemId?: string },
  now: Date,
): Promise<MarketItem> {
  // The community scope was checked by the kit (permission row `market.save`).
  const item = checkItem(input)
  if (input.itemId) {
    const itemId = input.itemId
    const saved = await withRetry(async (tx) => {
      const current = await txGet<ItemRecord>(tx, ITEMS, itemId)
      if (!current || current.communityId !== input.communityId) throw itemNotFound()
      // Stock is the admin's number, written in the transaction that read the item (see the header).
      const next: ItemRecord = { ...current, ...item, updatedAt: now }
      await tx.collection(ITEMS).doc(itemId).set(withoutId(next))
      return next
    })
    jsonLog({
      level: 'info',
      what: 'market.item edited',
      itemId,
      by: actor.userId,
      stock: saved.stock,
      active: saved.active,
    })
    return itemView(saved)
  }
  const itemId = newId('it')
  const earlier = () => byRequest<ItemRecord>(ITEMS, { createdBy: actor.userId, requestId: input.requestId })
  const before = await earlier()
  if (before) return itemView(before)
  const record: ItemRecord = {
    _id: itemId,
    communityId: input.communityId,
    ...item,
    createdBy: actor.userId,
    requestId: input.requestId,
    createdAt: now,
    updatedAt: now,
  }
  try {
    await db().collection(ITEMS).add(record)
  } catch (err) {
    // A concurrent add of the same request won the unique (createdBy, requestId) index.
    const again = isDuplicateKey(err) ? await earlier() : null
    if (!again) throw err
    return itemView(again)
  }
  return itemView(record)
}

// ── Vouchers: images ──

/** The voucher's mini-program code in storage (made once); null when WeChat or storage failed. */
async function ensureImage(v: VoucherRecord): Promise<string | null> {
  if (v.qrFileID) return v.qrFileID
  try {
    const png = await getUnlimitedWxacode({ scene: voucherScene(v.code), ...VOUCHER_WXACODE })
    const uploaded = await cloud().uploadFile({
      cloudPath: voucherImagePath(v.communityId, v._id),
      fileContent: png,
    })
    await db().collection(VOUCHERS).doc(v._id).update({ qrFileID: uploaded.fileID })
    return uploaded.fileID
  } catch (err) {
    jsonLog({
      level: 'error',
      what: 'voucher wxacode',
      voucherId: v._id,
      error: err instanceof Error ? err.message : String(err),
    })
    return null
  }
}

/** fileID → temporary URL, 50 a request (the platform's batch limit). */
async function tempUrls(fileIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  const unique = [...new Set(fileIds)]
  for (let i = 0; i < unique.length; i += 50) {
    const batch = unique.slice(i, i + 50)
    try {
      const res = await cloud().getTempFileURL({
        fileList: batch.map((fileID) => ({ fileID, maxAge: TEMP_URL_MAX_AGE_S })),
      })
      for (const f of res.fileList ?? [])
        if (f.code === 'SUCCESS' && f.tempFileURL) out.set(f.fileID, f.tempFileURL)
    } catch (err) {
      jsonLog({
        level: 'error',
        what: 'voucher temp urls',
        error: err instanceof Error ? err.message : String(err),
      })
    }
  }
  return out
}

/** Holder views: issued vouchers carry their QR (made now when missing, within a time budget). */
async function holderViews(list: readonly VoucherRecord[], retried = false): Promise<VoucherView[]> {
  const started = Date.now()
  const files = new Map<string, string>()
  for (const v of list) {
    if (v.status !== 'issued') continue
    const fileId = v.qrFileID ?? (Date.now() - started < IMAGE_BUDGET_MS ? await ensureImage(v) : null)
    if (fileId) files.set(v._id, fileId)
  }
  const urls = await tempUrls([...files.values()])
  return list.map((v) => {
    const fileId = files.get(v._id)
    return voucherView(v, { qrUrl: (fileId && urls.get(fileId)) ?? null, retried })
  })
}

async function holderView(v: VoucherRecord, retried = false): Promise<VoucherView> {
  const [view] = await holderViews([v], retried)
  if (!view) throw new Error('voucher view vanished')
  return view
}

// ── Redeem, my vouchers, cancel ──

/** market.redeem: one unit of an item of the resident's community, all or nothing; idempotent on requestId. */
export async function redeem(
  actor: Actor,
  input: { itemId: string; requestId: string },
  now: Date,
): Promise<VoucherView> {
  const communityId = homeCommunity(actor)
  if (!communityId) throw new DomainError(MarketErrors.NOT_IN_SCOPE, '请先加入网格')
  const voucherId = newId('rd')
  const stored = () =>
    byRequest<VoucherRecord>(VOUCHERS, { userId: actor.userId, requestId: input.requestId })
  const earlier = await stored()
  if (earlier) return holderView(earlier, true)
  // Fail fast, without contention, when the item is gone, sold out or unaffordable.
  const seen = await getDoc<ItemRecord>(ITEMS, input.itemId)
  if (!seen || seen.communityId !== communityId || !seen.active) throw itemNotFound()
  if (seen.stock <= 0) throw new DomainError(MarketErrors.OUT_OF_STOCK, '已兑完，请留意补货')
  const balance = await balanceOf(personAccount(actor.userId))
  if (balance < seen.price) throw new DomainError(PointsErrors.INSUFFICIENT, `积分不足（当前 ${balance} 分）`)

  const outcome = await withRetry(async (tx) => {
    const item = await txGet<ItemRecord>(tx, ITEMS, input.itemId)
    if (!item || item.communityId !== communityId || !item.active) throw itemNotFound()
    if (item.stock <= 0) throw new DomainError(MarketErrors.OUT_OF_STOCK, '已兑完，请留意补货')
    await transferInTx(
      tx,
      {
        cause: Causes.redemption(voucherId),
        from: personAccount(actor.userId),
        to: marketAccount(communityId),
        amount: item.price,
        reason: item.name,
        communityId,
        by: actor.userId,
      },
      now,
    )
    await tx
      .collection(ITEMS)
      .doc(item._id)
      .update({ stock: item.stock - 1, updatedAt: now })
    const code = await drawUnusedCode(tx)
    const voucher: VoucherRecord = {
      _id: voucherId,
      code,
      userId: actor.userId,
      requestId: input.requestId,
      communityId,
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
    }
    const codeDoc: VoucherCodeRecord = { _id: code, voucherId, communityId }
    await tx.collection(CODES).doc(code).set(withoutId(codeDoc))
    await tx.collection(VOUCHERS).doc(voucherId).set(withoutId(voucher))
    return { voucher, retried: false }
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
async function closeInTx(
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

// ── Staff: lookup and verify at pickup ──

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

// ── Sweep ──

export interface VoucherSweepReport {
  readonly found: number
  readonly expired: number
  readonly failed: number
}

/** Issued vouchers past their expiry → expired, points refunded, stock returned (100 a run, oldest first). */
export async function sweepVouchers(now: Date, limit = SWEEP_BATCH): Promise<VoucherSweepReport> {
  const _ = db().command
  const res = await db()
    .collection(VOUCHERS)
    .where({ status: 'issued', expiresAt: _.lt(now) })
    .orderBy('expiresAt', 'asc')
    .limit(limit)
    .get()
  const due = res.data as VoucherRecord[]
  let expired = 0
  let failed = 0
  for (const v of due) {
    try {
      if (await withRetry((tx) => closeInTx(tx, v._id, 'expire', 'system', 'system', now))) expired += 1
    } catch (err) {
      failed += 1
      jsonLog({
        level: 'error',
        what: 'voucher expiry',
        voucherId: v._id,
        error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      })
    }
  }
  return { found: due.length, expired, failed }
}

// ── Community fund ──

export async function fundView(
  communityId: string,
): Promise<{ communityId: string; balance: number; recent: TransferView[] }> {
  // The community scope was checked by the kit (permission row `fund.view`).
  const account = fundAccount(communityId)
  const [balance, recent] = await Promise.all([balanceOf(account), recentTransfers(account, 20)])
  return { communityId, balance, recent }
}

/** fund.pay: the fund → a resident of the community, with a reason; idempotent on requestId. */
export async function fundPay(
  actor: Actor,
  input: { communityId: string; userId: string; amount: number; reason: string; requestId: string },
  now: Date,
): Promise<TransferView> {
  // The community scope was checked by the kit (permission row `fund.pay`).
  const user = await getDoc<UserRecord>('users', input.userId)
  const home = user ? homeCommunity(user) : null
  if (!user || home !== input.communityId)
    throw new DomainError(PointsErrors.NOT_IN_SCOPE, '只能支付给本社区的居民')
  const outcome = await transfer(
    {
      cause: Causes.fund(actor.userId, input.requestId),
      from: fundAccount(input.communityId),
      to: personAccount(input.userId),
      amount: input.amount,
      reason: input.reason,
      communityId: input.communityId,
      by: actor.userId,
    },
    now,
  )
  return viewOf(outcome)
}

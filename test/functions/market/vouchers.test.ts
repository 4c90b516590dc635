// The resident's vouchers: redeem (all or nothing, never over-issued), my vouchers, cancel, and expiry.
import { codeOf, ok, httpGet as get } from '../../support/api-test'
import {
  CHEN,
  LI,
  WANG,
  XINHUA_01_WORKER as WORKER,
  XINHUA_ADMIN as ADMIN,
  ZHAO,
} from '../../support/demo-people'
import {
  RACERS,
  rid,
  award,
  addItem,
  redeem,
  qrcodes,
  inBatches,
  emu,
  call,
  db,
  count,
  doc,
  balance,
} from './harness'

describe('market.redeem', () => {
  it('100 concurrent redemptions of 10 units → exactly 10 vouchers and debits, stock 0, the ledger audits clean', async () => {
    // Ten awards at once: they all draw on the community's issuance account (conflicts are retried).
    await inBatches(
      RACERS.map((_, i) => `user-market-racer-${i}`),
      10,
      (userId) => award(userId, 40),
    )
    const item = await addItem({ name: '抢购大米', price: 30, stock: 10 })
    const results = await Promise.all(RACERS.map((openid) => redeem(openid, item.itemId)))
    const won = results.filter((r) => r.ok)
    const codes = results.filter((r) => !r.ok).map((r) => codeOf(r))
    expect(won).toHaveLength(10)
    // Losers are sold out (at worst a retryable conflict): never anything else, never over-issued.
    expect(codes.every((c) => c === 'MARKET.OUT_OF_STOCK' || c === 'DATA.CONFLICT')).toBe(true)
    expect(codes.filter((c) => c === 'MARKET.OUT_OF_STOCK').length).toBeGreaterThanOrEqual(80)
    expect((await doc('market_items', item.itemId)).stock).toBe(0)
    expect(await count('market_vouchers', { itemId: item.itemId })).toBe(10)
    const voucherIds = won.map((r) => r.data.voucherId as string)
    expect(
      await count('point_transfers', {
        kind: 'redemption',
        cause: db().command.in(voucherIds.map((id) => `redemption:${id}`)),
      }),
    ).toBe(10)
    expect(
      await count('point_entries', {
        kind: 'redemption',
        delta: -30,
        account: db().command.in(RACERS.map((_, i) => `u:user-market-racer-${i}`)),
      }),
    ).toBe(10)
    const codesIssued = won.map((r) => r.data.code as string)
    expect(new Set(codesIssued).size).toBe(10)
    expect(await count('market_codes', { voucherId: db().command.in(voucherIds) })).toBe(10)
    // Winners paid 30, losers kept everything.
    const balances = await Promise.all(RACERS.map((_, i) => balance(`u:user-market-racer-${i}`)))
    expect(balances.filter((b) => b === 10)).toHaveLength(10)
    expect(balances.filter((b) => b === 40)).toHaveLength(90)
    expect(ok(await call(ADMIN, 'points.audit', { communityId: 'cm-xinhua' })).differences).toEqual([])
  }, 120_000)

  it('a voucher: short code, 14-day expiry, QR of the verify page; the retried request answers it with one debit', async () => {
    const item = await addItem({ name: '食用油', price: 25, stock: 5 })
    const before = await balance('u:user-resident-wang')
    const marketBefore = await balance('market:cm-xinhua')
    const requestId = rid()
    const v = ok(await redeem(WANG, item.itemId, requestId))
    expect(v).toMatchObject({
      itemId: item.itemId,
      itemName: '食用油',
      price: 25,
      status: 'issued',
      statusLabel: '待领取',
      usedAt: null,
      holderName: null,
      retried: false,
    })
    expect(v.code).toMatch(/^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/)
    const days = (Date.parse(v.expiresAt) - Date.parse(v.issuedAt)) / 86_400_000
    expect(days).toBeGreaterThan(14)
    expect(days).toBeLessThanOrEqual(15)
    expect(v.qrUrl).toEqual(expect.any(String))
    expect((await get(v.qrUrl)).status).toBe(200)
    expect(
      (await qrcodes()).some(
        (q) => q.scene === `v=${v.code}` && q.page === 'features/market/pages/verify/index',
      ),
    ).toBe(true)
    const again = ok(await redeem(WANG, item.itemId, requestId))
    expect(again).toMatchObject({ voucherId: v.voucherId, code: v.code, retried: true })
    expect(await balance('u:user-resident-wang')).toBe(before - 25)
    expect(await balance('market:cm-xinhua')).toBe(marketBefore + 25)
    expect((await doc('market_items', item.itemId)).stock).toBe(4)
    expect(await count('point_transfers', { cause: `redemption:${v.voucherId}` })).toBe(1)
    const mine = ok(await call(WANG, 'points.mine', {}))
    expect(mine.lines[0]).toMatchObject({
      cause: `redemption:${v.voucherId}`,
      delta: -25,
      label: '爱心超市兑换',
    })
  })

  it('insufficient points or no stock → nothing changed', async () => {
    const item = await addItem({ name: '电饭煲', price: 200, stock: 2 })
    const before = await balance('u:user-resident-li')
    expect(before).toBeLessThan(200)
    const requestId = rid()
    expect(codeOf(await redeem(LI, item.itemId, requestId))).toBe('POINTS.INSUFFICIENT')
    expect(await balance('u:user-resident-li')).toBe(before)
    expect((await doc('market_items', item.itemId)).stock).toBe(2)
    expect(await count('market_vouchers', { userId: 'user-resident-li' })).toBe(0)
    const empty = await addItem({ name: '已兑完的伞', price: 1, stock: 0 })
    const wangBefore = await balance('u:user-resident-wang')
    expect(codeOf(await redeem(WANG, empty.itemId))).toBe('MARKET.OUT_OF_STOCK')
    expect(await balance('u:user-resident-wang')).toBe(wangBefore)
    expect(await count('market_vouchers', { itemId: empty.itemId })).toBe(0)
    // Staff and newcomers may not redeem at all.
    expect(codeOf(await redeem(ADMIN, item.itemId))).toBe('AUTH.FORBIDDEN')
    expect(codeOf(await redeem('demo-openid-newcomer', item.itemId))).toBe('AUTH.FORBIDDEN')
  })
})

describe('market.vouchers and market.cancel', () => {
  it('lists mine newest first, 20 a page; a missing QR is made on the next listing', async () => {
    await award('user-resident-zhao', 30)
    const item = await addItem({ name: '纸巾', price: 1, stock: 30 })
    const made: string[] = []
    for (let i = 0; i < 21; i += 1) made.push(ok(await redeem(ZHAO, item.itemId)).voucherId)
    const first = ok(await call(ZHAO, 'market.vouchers', {}))
    expect(first.items).toHaveLength(20)
    const second = ok(await call(ZHAO, 'market.vouchers', { cursor: first.cursor }))
    expect(second.cursor).toBeNull()
    expect([...first.items, ...second.items].map((v: { voucherId: string }) => v.voucherId)).toEqual(
      [...made].reverse(),
    )
    // Someone else's list does not show them.
    expect(ok(await call(LI, 'market.vouchers', {})).items).toEqual([])
    // The image failed to be made (simulated): the next listing makes it.
    const id = made[20] as string
    await db().collection('market_vouchers').doc(id).update({ qrFileID: null })
    const listed = ok(await call(ZHAO, 'market.vouchers', {}))
    expect(listed.items[0]).toMatchObject({ voucherId: id, qrUrl: expect.any(String) })
    expect((await doc('market_vouchers', id)).qrFileID).toEqual(expect.any(String))
  })

  it('the holder cancels an issued voucher: refunded once, stock back; nobody else can', async () => {
    const item = await addItem({ name: '牙膏', price: 10, stock: 1 })
    const before = await balance('u:user-resident-wang')
    const v = ok(await redeem(WANG, item.itemId))
    expect(codeOf(await call(LI, 'market.cancel', { voucherId: v.voucherId }))).toBe(
      'MARKET.VOUCHER_NOT_FOUND',
    )
    expect(codeOf(await call(WANG, 'market.cancel', { voucherId: 'rd_nope' }))).toBe(
      'MARKET.VOUCHER_NOT_FOUND',
    )
    const [a, b] = await Promise.all([
      call(WANG, 'market.cancel', { voucherId: v.voucherId }),
      call(WANG, 'market.cancel', { voucherId: v.voucherId }),
    ])
    expect([ok(a).status, ok(b).status]).toEqual(['cancelled', 'cancelled'])
    expect([a.data.retried, b.data.retried].sort()).toEqual([false, true])
    expect(a.data.statusLabel).toBe('已取消（积分已退回）')
    expect(await balance('u:user-resident-wang')).toBe(before)
    expect((await doc('market_items', item.itemId)).stock).toBe(1)
    expect(await count('point_transfers', { cause: `refund:${v.voucherId}` })).toBe(1)
    expect(codeOf(await call(ADMIN, 'market.verify', { code: v.code }))).toBe('MARKET.VOUCHER_CANCELLED')
  })
})

describe('expiry', () => {
  it('a voucher past its expiry cannot be verified; the sweep expires it once, refunds it, returns the unit', async () => {
    // 陈 holds no other voucher (the late sweep below expires every voucher issued in this file).
    await award('user-resident-chen', 12)
    const item = await addItem({ name: '洗洁精', price: 12, stock: 2 })
    const before = await balance('u:user-resident-chen')
    const v = ok(await redeem(CHEN, item.itemId))
    expect(await balance('u:user-resident-chen')).toBe(before - 12)
    const late = new Date(Date.parse(v.expiresAt) + 60_000).toISOString()
    // Not yet due: a sweep now leaves it alone.
    expect(await emu().invoke('sweep', {})).toMatchObject({ ok: true })
    expect((await doc('market_vouchers', v.voucherId)).status).toBe('issued')
    // Past expiry but before the sweep reached it: refused at pickup.
    await db()
      .collection('market_vouchers')
      .doc(v.voucherId)
      .update({ expiresAt: new Date(Date.now() - 1000) })
    expect(codeOf(await call(WORKER, 'market.verify', { code: v.code }))).toBe('MARKET.VOUCHER_EXPIRED')
    await db()
      .collection('market_vouchers')
      .doc(v.voucherId)
      .update({ expiresAt: new Date(v.expiresAt) })
    const [s1, s2] = await Promise.all([
      emu().invoke('sweep', { now: late }),
      emu().invoke('sweep', { now: late }),
    ])
    expect(s1).toMatchObject({ ok: true })
    expect(s2).toMatchObject({ ok: true })
    expect(await doc('market_vouchers', v.voucherId)).toMatchObject({ status: 'expired' })
    expect(await count('point_transfers', { cause: `refund:${v.voucherId}` })).toBe(1)
    expect(await balance('u:user-resident-chen')).toBe(before)
    expect((await doc('market_items', item.itemId)).stock).toBe(2)
    expect(
      ok(await call(CHEN, 'market.vouchers', {})).items.find(
        (x: { voucherId: string }) => x.voucherId === v.voucherId,
      ),
    ).toMatchObject({
      status: 'expired',
      statusLabel: '已过期（积分已退回）',
    })
    expect(codeOf(await call(WORKER, 'market.verify', { code: v.code }))).toBe('MARKET.VOUCHER_EXPIRED')
    expect(codeOf(await call(CHEN, 'market.cancel', { voucherId: v.voucherId }))).toBe(
      'MARKET.VOUCHER_EXPIRED',
    )
    await emu().invoke('sweep', { now: late })
    expect(await count('point_transfers', { cause: `refund:${v.voucherId}` })).toBe(1)
    expect(ok(await call(ADMIN, 'points.audit', { communityId: 'cm-xinhua' })).differences).toEqual([])
  }, 60_000)
})

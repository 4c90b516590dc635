import { codeOf, ok, requestIds, useApi, httpGet as get, awardPoints } from '../support/api-test'
import type { ApiResult } from '../support/seeded-emulator'
import {
  CHEN,
  DONGSHAN_ADMIN as OTHER_ADMIN,
  LI,
  WANG,
  XINHUA_01_WORKER as WORKER,
  XINHUA_02_WORKER as WORKER_2,
  XINHUA_ADMIN as ADMIN,
  ZHAO,
  dongshanResident,
} from '../support/demo-people'
import { SeedIds } from '../../emulator/seed/demo-data'

// The love supermarket, voucher verify/expiry and the community fund, through the built `api` and
// `sweep` functions with the real SDKs (node-sdk for data and storage, wx-server-sdk for wxacodes).

const { emu, call, db, count, docOf: doc, balance } = useApi()

const DONGSHAN_RESIDENT = 'openid-market-dongshan-resident'
const RACERS = Array.from({ length: 100 }, (_, i) => `openid-market-racer-${i}`)

const rid = requestIds('mk')

const award = (userId: string, amount: number) => awardPoints(call, userId, amount, '测试发放', rid())
const addItem = async (over: Record<string, unknown> = {}, openid = ADMIN) =>
  ok(
    await call(openid, 'market.save', {
      requestId: rid(),
      communityId: 'cm-xinhua',
      name: '洗衣液',
      kind: 'goods',
      description: '2 升装',
      price: 30,
      stock: 10,
      active: true,
      ...over,
    }),
  )
const redeem = (openid: string, itemId: string, requestId = rid()) =>
  call(openid, 'market.redeem', { itemId, requestId })

const qrcodes = async () =>
  JSON.parse((await get(`${emu().url}/dev/qrcodes.json`)).body.toString()) as {
    scene: string
    page: string
    fn: string
  }[]

/** Runs `fn` over `list`, `n` at a time. */
async function inBatches<T, R>(list: readonly T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = []
  for (let i = 0; i < list.length; i += n) out.push(...(await Promise.all(list.slice(i, i + n).map(fn))))
  return out
}

beforeAll(async () => {
  const wang = await doc('users', 'user-resident-wang')
  const home = wang.grants.find((g: { role: string }) => g.role === 'resident').scope
  await db()
    .collection('users')
    .add([
      ...RACERS.map((openid, i) => ({
        _id: `user-market-racer-${i}`,
        openid,
        displayName: `兑换者${i}`,
        grants: [{ role: 'resident', scope: home }],
        createdAt: new Date(),
      })),
      dongshanResident('user-market-dongshan', DONGSHAN_RESIDENT, 'hh-market-test'),
    ])
  await award('user-resident-wang', 500)
}, 60_000)

describe('market.save and market.items', () => {
  it('an admin adds an item once per requestId; bad input and other communities change nothing', async () => {
    const input = {
      requestId: rid(),
      communityId: 'cm-xinhua',
      name: ' 香皂 ',
      kind: 'goods',
      description: '',
      price: 5,
      stock: 3,
      active: true,
    }
    const first = ok(await call(ADMIN, 'market.save', input))
    expect(first).toMatchObject({ communityId: 'cm-xinhua', name: '香皂', price: 5, stock: 3, active: true })
    expect(ok(await call(ADMIN, 'market.save', input)).itemId).toBe(first.itemId)
    expect(await count('market_items', { name: '香皂' })).toBe(1)
    const before = await count('market_items', {})
    for (const [over, code] of [
      [{ name: '' }, 'MARKET.BAD_ITEM'],
      [{ name: '   ' }, 'MARKET.BAD_ITEM'],
      // Lengths past the contract's limits are refused by the schema before the rules run.
      [{ name: '米'.repeat(41) }, 'INPUT.INVALID'],
      [{ price: 0 }, 'MARKET.BAD_PRICE'],
      [{ price: 1.5 }, 'MARKET.BAD_PRICE'],
      [{ stock: -1 }, 'MARKET.BAD_PRICE'],
      [{ stock: 10_001 }, 'MARKET.BAD_PRICE'],
      [{ kind: 'money' }, 'INPUT.INVALID'],
    ] as const) {
      expect({
        over,
        code: codeOf(await call(ADMIN, 'market.save', { ...input, requestId: rid(), ...over })),
      }).toEqual({ over, code })
    }
    expect(codeOf(await call(OTHER_ADMIN, 'market.save', { ...input, requestId: rid() }))).toBe(
      'MARKET.NOT_IN_SCOPE',
    )
    expect(codeOf(await call(WORKER, 'market.save', { ...input, requestId: rid() }))).toBe('AUTH.FORBIDDEN')
    expect(codeOf(await call(WANG, 'market.save', { ...input, requestId: rid() }))).toBe('AUTH.FORBIDDEN')
    // Editing: only the admin of the item's community, only existing items.
    expect(
      codeOf(
        await call(OTHER_ADMIN, 'market.save', {
          ...input,
          communityId: 'cm-dongshan',
          itemId: first.itemId,
          requestId: rid(),
        }),
      ),
    ).toBe('MARKET.ITEM_NOT_FOUND')
    expect(codeOf(await call(ADMIN, 'market.save', { ...input, itemId: 'it_nope', requestId: rid() }))).toBe(
      'MARKET.ITEM_NOT_FOUND',
    )
    expect(
      codeOf(
        await call(ADMIN, 'market.save', { ...input, itemId: first.itemId, price: -1, requestId: rid() }),
      ),
    ).toBe('MARKET.BAD_PRICE')
    expect(await count('market_items', {})).toBe(before)
    expect(await doc('market_items', first.itemId)).toMatchObject({ name: '香皂', price: 5, stock: 3 })
    const edited = ok(
      await call(ADMIN, 'market.save', {
        ...input,
        itemId: first.itemId,
        price: 6,
        stock: 7,
        description: '薰衣草味',
        requestId: rid(),
      }),
    )
    expect(edited).toMatchObject({ itemId: first.itemId, price: 6, stock: 7, description: '薰衣草味' })
  })

  it('residents see active items of their community and their balance; staff see inactive ones too', async () => {
    const hidden = await addItem({ name: '下架的毛巾', active: false })
    const shown = ok(await call(WANG, 'market.items', {}))
    expect(shown.balance).toBe(await balance('u:user-resident-wang'))
    const names = shown.items.map((i: { name: string }) => i.name)
    // The seeded catalogue of 新华社区.
    expect(names).toEqual(expect.arrayContaining(['洗衣液', '大米 5 斤', '理发服务', '一次上门维修']))
    expect(names).not.toContain('下架的毛巾')
    expect(
      shown.items.every(
        (i: { communityId: string; active: boolean }) => i.communityId === 'cm-xinhua' && i.active,
      ),
    ).toBe(true)
    for (const staff of [ADMIN, WORKER_2]) {
      const all = ok(await call(staff, 'market.items', { communityId: 'cm-xinhua' }))
      expect(all.items.map((i: { itemId: string }) => i.itemId)).toContain(hidden.itemId)
    }
    expect(codeOf(await call(OTHER_ADMIN, 'market.items', { communityId: 'cm-xinhua' }))).toBe(
      'MARKET.NOT_IN_SCOPE',
    )
    expect(codeOf(await call(WANG, 'market.items', { communityId: 'cm-dongshan' }))).toBe(
      'MARKET.NOT_IN_SCOPE',
    )
    expect(ok(await call(DONGSHAN_RESIDENT, 'market.items', {})).items).toEqual([])
    // An inactive item cannot be redeemed, nor one of another community.
    expect(codeOf(await redeem(WANG, hidden.itemId))).toBe('MARKET.ITEM_NOT_FOUND')
    expect(codeOf(await redeem(DONGSHAN_RESIDENT, SeedIds.items.detergent))).toBe('MARKET.ITEM_NOT_FOUND')
  })

  it('pages by name, 20 at a time', async () => {
    for (let i = 0; i < 23; i += 1) {
      ok(
        await call(OTHER_ADMIN, 'market.save', {
          requestId: rid(),
          communityId: 'cm-dongshan',
          name: `物品${String(i).padStart(2, '0')}`,
          kind: 'goods',
          description: '',
          price: 1,
          stock: 1,
          active: true,
        }),
      )
    }
    const first = ok(await call(OTHER_ADMIN, 'market.items', { communityId: 'cm-dongshan' }))
    expect(first.items).toHaveLength(20)
    expect(first.cursor).toEqual(expect.any(String))
    const second = ok(
      await call(OTHER_ADMIN, 'market.items', { communityId: 'cm-dongshan', cursor: first.cursor }),
    )
    expect(second.cursor).toBeNull()
    const names = [...first.items, ...second.items].map((i: { name: string }) => i.name)
    expect(names).toEqual(Array.from({ length: 23 }, (_, i) => `物品${String(i).padStart(2, '0')}`))
  })
})

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

describe('market.lookup and market.verify', () => {
  it('staff of the community look up by what they scan or type (holder named, logged) and verify once', async () => {
    const item = await addItem({ name: '酱油', price: 8, stock: 3 })
    const v = ok(await redeem(WANG, item.itemId))
    const typed = `${v.code.slice(0, 4).toLowerCase()}-${v.code.slice(4).toLowerCase()}`
    const seen = ok(await call(WORKER, 'market.lookup', { code: typed }))
    expect(seen).toMatchObject({
      voucherId: v.voucherId,
      status: 'issued',
      holderName: '王秀英',
      itemName: '酱油',
    })
    expect(
      await count('access_logs', {
        action: 'market.lookup',
        subject: v.voucherId,
        actorId: 'user-xinhua-01-worker',
        people: 'user-resident-wang',
        allowed: true,
      }),
    ).toBe(1)
    const scanned = ok(
      await call(ADMIN, 'market.lookup', { code: `features/market/pages/verify/index?scene=v%3D${v.code}` }),
    )
    expect(scanned.voucherId).toBe(v.voucherId)
    // Other communities' staff and residents learn nothing.
    expect(codeOf(await call(OTHER_ADMIN, 'market.lookup', { code: v.code }))).toBe(
      'MARKET.VOUCHER_NOT_FOUND',
    )
    expect(
      await count('access_logs', { action: 'market.lookup', actorId: 'user-dongshan-admin', allowed: false }),
    ).toBe(1)
    expect(codeOf(await call(OTHER_ADMIN, 'market.verify', { code: v.code }))).toBe(
      'MARKET.VOUCHER_NOT_FOUND',
    )
    expect(codeOf(await call(LI, 'market.lookup', { code: v.code }))).toBe('AUTH.FORBIDDEN')
    expect(codeOf(await call(WORKER, 'market.lookup', { code: 'ZZZZ9999' }))).toBe('MARKET.VOUCHER_NOT_FOUND')
    expect(codeOf(await call(WORKER, 'market.lookup', { code: '不是兑换码' }))).toBe(
      'MARKET.VOUCHER_NOT_FOUND',
    )
    expect((await doc('market_vouchers', v.voucherId)).status).toBe('issued')

    // Two staff verify at once: one wins, the other hears it was used.
    const [a, b] = await Promise.all([
      call(WORKER, 'market.verify', { code: v.code }),
      call(ADMIN, 'market.verify', { code: `v=${v.code}` }),
    ])
    const winners = [a, b].filter((r) => r.ok)
    expect(winners).toHaveLength(1)
    expect(codeOf([a, b].find((r) => !r.ok) as ApiResult)).toBe('MARKET.VOUCHER_USED')
    expect(winners[0]?.data).toMatchObject({
      status: 'used',
      statusLabel: '已领取',
      holderName: '王秀英',
      usedAt: expect.any(String),
    })
    const stored = await doc('market_vouchers', v.voucherId)
    expect(stored).toMatchObject({
      status: 'used',
      verifiedBy: a.ok ? 'user-xinhua-01-worker' : 'user-xinhua-admin',
    })
    // The winner's retried tap answers the same; the holder can no longer cancel.
    expect(ok(await call(a.ok ? WORKER : ADMIN, 'market.verify', { code: v.code })).retried).toBe(true)
    expect(codeOf(await call(WANG, 'market.cancel', { voucherId: v.voucherId }))).toBe('MARKET.VOUCHER_USED')
    expect(
      ok(await call(WANG, 'market.vouchers', {})).items.find(
        (x: { voucherId: string }) => x.voucherId === v.voucherId,
      ),
    ).toMatchObject({ status: 'used', qrUrl: null })
    expect(await count('point_transfers', { cause: `refund:${v.voucherId}` })).toBe(0)
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

describe('community fund', () => {
  it('the admin sees the fund and pays a resident from it with a reason, once per request', async () => {
    const view = ok(await call(ADMIN, 'fund.view', { communityId: 'cm-xinhua' }))
    expect(view.balance).toBeGreaterThanOrEqual(500)
    expect(
      view.recent.some((t: { to: string; amount: number }) => t.to === 'fund:cm-xinhua' && t.amount === 500),
    ).toBe(true)
    const fundBefore = view.balance as number
    const liBefore = await balance('u:user-resident-li')
    const pay = {
      communityId: 'cm-xinhua',
      userId: 'user-resident-li',
      amount: 15,
      reason: '为独居老人代买药品',
      requestId: rid(),
    }
    for (const [over, code] of [
      [{ reason: '  ' }, 'POINTS.REASON_REQUIRED'],
      [{ amount: 0 }, 'POINTS.BAD_AMOUNT'],
      [{ amount: -3 }, 'POINTS.BAD_AMOUNT'],
      [{ amount: 2.5 }, 'POINTS.BAD_AMOUNT'],
      [{ amount: fundBefore + 1 }, 'POINTS.INSUFFICIENT'],
      [{ userId: 'user-market-dongshan' }, 'POINTS.NOT_IN_SCOPE'],
      [{ userId: 'user-xinhua-01-worker' }, 'POINTS.NOT_IN_SCOPE'],
      [{ userId: 'user-nobody' }, 'POINTS.NOT_IN_SCOPE'],
    ] as const) {
      expect({
        over,
        code: codeOf(await call(ADMIN, 'fund.pay', { ...pay, requestId: rid(), ...over })),
      }).toEqual({ over, code })
    }
    expect(codeOf(await call(OTHER_ADMIN, 'fund.pay', { ...pay, requestId: rid() }))).toBe('AUTH.FORBIDDEN')
    expect(codeOf(await call(WORKER, 'fund.pay', { ...pay, requestId: rid() }))).toBe('AUTH.FORBIDDEN')
    expect(codeOf(await call(OTHER_ADMIN, 'fund.view', { communityId: 'cm-xinhua' }))).toBe('AUTH.FORBIDDEN')
    expect(codeOf(await call(WANG, 'fund.view', { communityId: 'cm-xinhua' }))).toBe('AUTH.FORBIDDEN')
    expect(await balance('fund:cm-xinhua')).toBe(fundBefore)
    expect(await balance('u:user-resident-li')).toBe(liBefore)

    const [p1, p2] = await Promise.all([call(ADMIN, 'fund.pay', pay), call(ADMIN, 'fund.pay', pay)])
    expect(ok(p1).transferId).toBe(ok(p2).transferId)
    expect(p1.data).toMatchObject({
      from: 'fund:cm-xinhua',
      to: 'u:user-resident-li',
      amount: 15,
      reason: '为独居老人代买药品',
    })
    expect(await balance('fund:cm-xinhua')).toBe(fundBefore - 15)
    expect(await balance('u:user-resident-li')).toBe(liBefore + 15)
    const after = ok(await call(ADMIN, 'fund.view', { communityId: 'cm-xinhua' }))
    expect(after.balance).toBe(fundBefore - 15)
    expect(after.recent[0]).toMatchObject({
      transferId: p1.data.transferId,
      from: 'fund:cm-xinhua',
      to: 'u:user-resident-li',
      amount: 15,
    })
    expect(ok(await call(LI, 'points.mine', {})).lines[0]).toMatchObject({
      delta: 15,
      label: '社区基金',
      reason: '为独居老人代买药品',
    })
    expect(ok(await call(ADMIN, 'points.audit', { communityId: 'cm-xinhua' })).differences).toEqual([])
  })
})

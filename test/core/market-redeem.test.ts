import { isDomainError } from '../../src/core/errors'
import type { ItemRecord } from '../../src/core/market/model'
import { planRedeem, redeemRefusal, type Redeemable } from '../../src/core/market/redeem'

// Redeem eligibility and its plan (core/market/redeem.ts). The expected codes and writes are
// written out by hand, not computed from the rule.

const HOME = 'cm-xinhua'
const item = (over: Partial<Redeemable> = {}): Redeemable => ({
  communityId: HOME,
  active: true,
  stock: 3,
  price: 10,
  ...over,
})

describe('redeemRefusal', () => {
  it.each<
    [string, string | null, Redeemable | null | undefined, number | null, string | null, string | null]
  >([
    // what, home, item, balance → code, message
    ['nothing loaded yet, a resident', HOME, undefined, null, null, null],
    ['nothing loaded yet, no home', null, undefined, null, 'MARKET.NOT_IN_SCOPE', '请先加入网格'],
    ['no home, whatever the item', null, item(), 100, 'MARKET.NOT_IN_SCOPE', '请先加入网格'],
    ['no such item', HOME, null, 100, 'MARKET.ITEM_NOT_FOUND', '物品不存在或已下架'],
    [
      "another community's item",
      HOME,
      item({ communityId: 'cm-dongshan' }),
      100,
      'MARKET.ITEM_NOT_FOUND',
      '物品不存在或已下架',
    ],
    [
      'taken off the shelf',
      HOME,
      item({ active: false }),
      100,
      'MARKET.ITEM_NOT_FOUND',
      '物品不存在或已下架',
    ],
    [
      'off the shelf and sold out: not found first',
      HOME,
      item({ active: false, stock: 0 }),
      0,
      'MARKET.ITEM_NOT_FOUND',
      '物品不存在或已下架',
    ],
    ['sold out', HOME, item({ stock: 0 }), 100, 'MARKET.OUT_OF_STOCK', '已兑完，请留意补货'],
    [
      'sold out and unaffordable: stock first',
      HOME,
      item({ stock: 0 }),
      0,
      'MARKET.OUT_OF_STOCK',
      '已兑完，请留意补货',
    ],
    ['negative stock', HOME, item({ stock: -1 }), 100, 'MARKET.OUT_OF_STOCK', '已兑完，请留意补货'],
    ['short by 1', HOME, item({ price: 10 }), 9, 'POINTS.INSUFFICIENT', '积分不足，还差 1 分'],
    ['nothing at all', HOME, item({ price: 50 }), 0, 'POINTS.INSUFFICIENT', '积分不足，还差 50 分'],
    ['exactly the price', HOME, item({ price: 10 }), 10, null, null],
    ['more than the price', HOME, item(), 30, null, null],
    ['the last unit', HOME, item({ stock: 1 }), 30, null, null],
    ['balance not known yet', HOME, item({ price: 10_000 }), null, null, null],
  ])('%s', (_what, home, it, balance, code, message) => {
    const refusal = redeemRefusal(home, it, balance)
    expect(refusal?.code ?? null).toBe(code)
    expect(refusal?.message ?? null).toBe(message)
  })

  it('answers the balance last when called without one', () => {
    expect(redeemRefusal(HOME, item({ price: 10 }))).toBeNull()
  })
})

describe('planRedeem', () => {
  const now = new Date('2026-12-07T02:00:00Z') // 10:00 China time
  const record: ItemRecord = {
    _id: 'it_rice',
    communityId: HOME,
    name: '大米5斤',
    kind: 'goods',
    description: '',
    price: 10,
    stock: 3,
    active: true,
    createdBy: 'u-admin',
    requestId: 'r-add',
    createdAt: new Date('2026-11-01T00:00:00Z'),
    updatedAt: new Date('2026-11-01T00:00:00Z'),
  }
  const request = (over: Partial<Parameters<typeof planRedeem>[0]> = {}) => ({
    item: record,
    home: HOME,
    userId: 'u-wang',
    requestId: 'r-1',
    voucherId: 'rd_1',
    code: 'K7PM4QXA',
    now,
    ...over,
  })

  it('writes the stock one down on the stock read, the price to the supermarket, the voucher and its code', () => {
    expect(planRedeem(request())).toEqual({
      stock: { itemId: 'it_rice', from: 3, to: 2 },
      transfer: {
        cause: 'redemption:rd_1',
        from: 'u:u-wang',
        to: 'market:cm-xinhua',
        amount: 10,
        reason: '大米5斤',
        communityId: HOME,
        by: 'u-wang',
      },
      voucher: {
        _id: 'rd_1',
        code: 'K7PM4QXA',
        userId: 'u-wang',
        requestId: 'r-1',
        communityId: HOME,
        itemId: 'it_rice',
        itemName: '大米5斤',
        price: 10,
        status: 'issued',
        issuedAt: now,
        // The end of 21 December, China time (the 14th day after the 7th).
        expiresAt: new Date('2026-12-21T15:59:59.999Z'),
        usedAt: null,
        verifiedBy: null,
        closedAt: null,
        qrFileID: null,
      },
      code: { _id: 'K7PM4QXA', voucherId: 'rd_1', communityId: HOME },
    })
  })

  it.each<[string, Partial<Parameters<typeof planRedeem>[0]>, string]>([
    ['no home', { home: null }, 'MARKET.NOT_IN_SCOPE'],
    ['the item vanished', { item: null }, 'MARKET.ITEM_NOT_FOUND'],
    ['taken off the shelf meanwhile', { item: { ...record, active: false } }, 'MARKET.ITEM_NOT_FOUND'],
    ['sold out meanwhile', { item: { ...record, stock: 0 } }, 'MARKET.OUT_OF_STOCK'],
    ['a known balance too low', { balance: 3 }, 'POINTS.INSUFFICIENT'],
  ])('plans nothing when refused: %s', (_what, over, code) => {
    let thrown: unknown = null
    try {
      planRedeem(request(over))
    } catch (err) {
      thrown = err
    }
    expect(isDomainError(thrown) ? thrown.code : thrown).toBe(code)
  })
})

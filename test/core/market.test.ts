import { buildDemoData } from '../../emulator/seed/demo-data'
import { isDomainError } from '../../src/core/errors'
import { MarketErrors } from '../../src/core/market/errors'
import {
  voucherMachine,
  VoucherMoves,
  VoucherParties,
  type VoucherMove,
  type VoucherParty,
} from '../../src/core/market/machine'
import {
  VoucherStatuses,
  VoucherStatusLabel,
  voucherScene,
  type VoucherRecord,
} from '../../src/core/market/model'
import {
  checkItem,
  expiresAtFor,
  itemsCursor,
  normaliseVoucherCode,
  parseItemsCursor,
  verifyFailure,
  voucherCodeFromBytes,
  voucherView,
  type ItemInput,
} from '../../src/core/market/rules'
import { CODE_ALPHABET } from '../../src/core/org/invite-code'
import { auditDifferences } from '../../src/core/points/ledger'
import type { VoucherStatus } from '../../src/core/market/api'

const codeOf = (fn: () => unknown): string | null => {
  try {
    fn()
    return null
  } catch (err) {
    if (isDomainError(err)) return err.code
    throw err
  }
}

const item = (over: Partial<ItemInput> = {}): ItemInput => ({
  name: '洗衣液',
  kind: 'goods',
  description: '2 升装',
  price: 30,
  stock: 10,
  active: true,
  ...over,
})

describe('checkItem', () => {
  it.each<[string, Partial<ItemInput>, string | null]>([
    ['a good item', {}, null],
    ['a service with empty description', { kind: 'service', description: '' }, null],
    ['40-character name', { name: '米'.repeat(40) }, null],
    ['price 1 and 10000, stock 0 and 10000', { price: 1, stock: 0 }, null],
    ['upper bounds', { price: 10_000, stock: 10_000 }, null],
    ['empty name', { name: '' }, MarketErrors.BAD_ITEM],
    ['blank name', { name: '   ' }, MarketErrors.BAD_ITEM],
    ['41-character name', { name: '米'.repeat(41) }, MarketErrors.BAD_ITEM],
    ['201-character description', { description: '好'.repeat(201) }, MarketErrors.BAD_ITEM],
    ['price 0', { price: 0 }, MarketErrors.BAD_PRICE],
    ['negative price', { price: -5 }, MarketErrors.BAD_PRICE],
    ['fractional price', { price: 2.5 }, MarketErrors.BAD_PRICE],
    ['price over 10000', { price: 10_001 }, MarketErrors.BAD_PRICE],
    ['NaN price', { price: Number.NaN }, MarketErrors.BAD_PRICE],
    ['negative stock', { stock: -1 }, MarketErrors.BAD_PRICE],
    ['fractional stock', { stock: 1.5 }, MarketErrors.BAD_PRICE],
    ['stock over 10000', { stock: 10_001 }, MarketErrors.BAD_PRICE],
    ['infinite stock', { stock: Number.POSITIVE_INFINITY }, MarketErrors.BAD_PRICE],
  ])('%s → %s', (_name, over, code) => {
    expect(codeOf(() => checkItem(item(over)))).toBe(code)
  })

  it('trims name and description', () => {
    expect(checkItem(item({ name: '  大米 5 斤 ', description: ' 东北米 ' }))).toMatchObject({
      name: '大米 5 斤',
      description: '东北米',
    })
  })
})

describe('voucher codes', () => {
  it('are 8 characters of the invite alphabet (no 0/O, 1/I)', () => {
    for (let seed = 0; seed < 50; seed += 1) {
      const code = voucherCodeFromBytes(Array.from({ length: 8 }, (_v, i) => (seed * 37 + i * 101) % 256))
      expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{8}$`))
    }
    expect(voucherScene('ABCD2345')).toBe('v=ABCD2345')
    expect(voucherScene('ABCD2345').length).toBeLessThanOrEqual(32)
  })

  it.each<[string, string, string | null]>([
    ['raw', 'ABCD2345', 'ABCD2345'],
    ['lower case', 'abcd2345', 'ABCD2345'],
    ['spaces and dashes', ' abcd-2345 ', 'ABCD2345'],
    ['spaced as read out', 'AB CD 23 45', 'ABCD2345'],
    ['full-width space', 'ABCD\u30002345', 'ABCD2345'],
    ['scene', 'v=ABCD2345', 'ABCD2345'],
    ['scene lower case', 'v=abcd2345', 'ABCD2345'],
    ['URL-encoded scene', 'v%3DABCD2345', 'ABCD2345'],
    ['path with encoded scene', 'features/market/pages/verify/index?scene=v%3DABCD2345', 'ABCD2345'],
    ['path with twice-encoded scene', '/features/market/pages/verify/index?scene=v%253DABCD2345', 'ABCD2345'],
    ['path with more query', 'features/market/pages/verify/index?scene=v%3DABCD2345&x=1', 'ABCD2345'],
    ['empty', '', null],
    ['too short', 'ABCD234', null],
    ['too long', 'ABCD23456', null],
    ['look-alike O', 'ABCD2O45', null],
    ['look-alike 1', 'ABCD2145', null],
    ['other scene prefix', 'b=ABCD2345', null],
    ['broken encoding', 'v%E0%A4%A', null],
    ['chinese', '兑换码', null],
  ])('%s: %s → %s', (_n, raw, code) => {
    expect(normaliseVoucherCode(raw)).toBe(code)
  })
})

describe('expiry', () => {
  it.each([
    // Issued at (UTC) → expires at the end of the 14th China-time day after the issue day.
    ['2026-11-21T02:00:00Z', '2026-12-05T15:59:59.999Z'],
    ['2026-11-21T15:59:59Z', '2026-12-05T15:59:59.999Z'],
    // 00:00 China time on the 22nd: a new China day.
    ['2026-11-21T16:00:00Z', '2026-12-06T15:59:59.999Z'],
    // Month and year boundaries.
    ['2026-12-25T08:00:00Z', '2027-01-08T15:59:59.999Z'],
    ['2028-02-20T08:00:00Z', '2028-03-05T15:59:59.999Z'],
  ])('issued %s → expires %s', (issued, expires) => {
    expect(expiresAtFor(new Date(issued)).toISOString()).toBe(expires)
  })

  it('is always between 14 and 15 days after issue', () => {
    for (let h = 0; h < 48; h += 1) {
      const at = new Date(Date.UTC(2026, 5, 1, h, 17))
      const days = (expiresAtFor(at).getTime() - at.getTime()) / 86_400_000
      expect(days).toBeGreaterThan(14)
      expect(days).toBeLessThanOrEqual(15)
    }
  })
})

describe('voucher state machine', () => {
  // Every status × move: where it lands (null = not allowed). Nothing leaves used/expired/cancelled.
  const table: Record<VoucherStatus, Record<VoucherMove, VoucherStatus | null>> = {
    issued: { use: 'used', cancel: 'cancelled', expire: 'expired' },
    used: { use: null, cancel: null, expire: null },
    expired: { use: null, cancel: null, expire: null },
    cancelled: { use: null, cancel: null, expire: null },
  }
  // Who makes each move: staff verify at pickup, the holder cancels, the sweep expires.
  const maker: Record<VoucherMove, VoucherParty> = { use: 'staff', cancel: 'holder', expire: 'system' }
  const cells = VoucherStatuses.flatMap((s) =>
    VoucherMoves.flatMap((m) =>
      VoucherParties.map((p) => [s, m, p, p === maker[m] ? table[s][m] : null] as const),
    ),
  )

  it.each(cells)('%s —%s by %s→ %s', (status, move, party, to) => {
    const step = voucherMachine.next(status, move, party)
    expect(step.ok ? step.to : null).toBe(to)
  })

  it('refunds and restocks exactly on cancel and expire', () => {
    const effects = (m: VoucherMove) => {
      const step = voucherMachine.next('issued', m, maker[m])
      return step.ok ? step.effects : null
    }
    expect(VoucherMoves.filter((m) => effects(m)?.includes('refund'))).toEqual(['cancel', 'expire'])
    expect(VoucherMoves.filter((m) => effects(m)?.includes('restock'))).toEqual(['cancel', 'expire'])
    expect(effects('use')).toEqual([])
  })

  it.each<[VoucherStatus, string]>([
    ['issued', '待领取'],
    ['used', '已领取'],
    ['expired', '已过期（积分已退回）'],
    ['cancelled', '已取消（积分已退回）'],
  ])('%s reads %s', (status, label) => {
    expect(VoucherStatusLabel[status]).toBe(label)
  })
})

describe('verifyFailure', () => {
  const expiresAt = new Date('2026-12-05T15:59:59.999Z')
  const before = new Date('2026-12-05T15:00:00Z')
  const after = new Date('2026-12-05T16:00:00Z')
  it.each<[VoucherStatus, Date, string | null]>([
    ['issued', before, null],
    ['issued', expiresAt, null],
    ['issued', after, MarketErrors.VOUCHER_EXPIRED],
    ['used', before, MarketErrors.VOUCHER_USED],
    ['used', after, MarketErrors.VOUCHER_USED],
    ['expired', after, MarketErrors.VOUCHER_EXPIRED],
    ['cancelled', before, MarketErrors.VOUCHER_CANCELLED],
  ])('%s at %s → %s', (status, now, code) => {
    expect(verifyFailure({ status, expiresAt }, now)).toBe(code)
  })
})

describe('views and cursors', () => {
  const record: VoucherRecord = {
    _id: 'rd_1',
    code: 'ABCD2345',
    userId: 'user-a',
    requestId: 'req-1',
    communityId: 'cm-x',
    itemId: 'it_1',
    itemName: '洗衣液',
    price: 30,
    status: 'expired',
    issuedAt: new Date('2026-11-21T02:00:00Z'),
    expiresAt: new Date('2026-12-05T15:59:59.999Z'),
    usedAt: null,
    verifiedBy: null,
    closedAt: new Date('2026-12-06T00:00:00Z'),
    qrFileID: null,
  }

  it('a voucher view carries its label and ISO times, never the holder id', () => {
    const view = voucherView(record, { qrUrl: 'https://x/q.png' })
    expect(view).toEqual({
      voucherId: 'rd_1',
      code: 'ABCD2345',
      itemId: 'it_1',
      itemName: '洗衣液',
      price: 30,
      status: 'expired',
      statusLabel: '已过期（积分已退回）',
      issuedAt: '2026-11-21T02:00:00.000Z',
      expiresAt: '2026-12-05T15:59:59.999Z',
      usedAt: null,
      qrUrl: 'https://x/q.png',
      holderName: null,
      retried: false,
    })
  })

  it('cursors round-trip (names may contain the separator)', () => {
    expect(parseItemsCursor(itemsCursor({ name: 'a|b 大米', _id: 'it_9' }))).toEqual({
      name: 'a|b 大米',
      id: 'it_9',
    })
    expect(parseItemsCursor(undefined)).toBeNull()
    expect(parseItemsCursor('no-separator')).toBeNull()
  })
})

describe('demo data', () => {
  const data = buildDemoData()
  it('seeds valid items in 新华社区 and a fund whose ledger audits clean', () => {
    const items = (data.market_items ?? []) as unknown as (ItemInput & { communityId: string })[]
    expect(items.length).toBeGreaterThanOrEqual(4)
    for (const i of items) {
      expect(i.communityId).toBe('cm-xinhua')
      expect(checkItem(i)).toMatchObject({ name: i.name, price: i.price, stock: i.stock })
    }
    const entries = (data.point_entries ?? []) as unknown as { account: string; delta: number }[]
    const cached = new Map(
      ((data.point_accounts ?? []) as unknown as { _id: string; balance: number }[]).map((a) => [
        a._id,
        a.balance,
      ]),
    )
    expect(auditDifferences(entries, cached)).toEqual([])
    expect(cached.get('fund:cm-xinhua')).toBe(500)
    // Every seeded movement is a whole transfer: two entries per transfer record.
    expect(entries).toHaveLength(2 * (data.point_transfers ?? []).length)
  })
})

// Staff at pickup: market.lookup and market.verify.
import { codeOf, ok } from '../../support/api-test'
import type { ApiResult } from '../../support/seeded-emulator'
import {
  DONGSHAN_ADMIN as OTHER_ADMIN,
  LI,
  WANG,
  XINHUA_01_WORKER as WORKER,
  XINHUA_ADMIN as ADMIN,
} from '../../support/demo-people'
import { addItem, redeem, call, count, doc } from './harness'

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

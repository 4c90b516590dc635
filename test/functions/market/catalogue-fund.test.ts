// The catalogue (market.save, market.items) and the community fund.
import { codeOf, ok } from '../../support/api-test'
import {
  DONGSHAN_ADMIN as OTHER_ADMIN,
  LI,
  WANG,
  XINHUA_01_WORKER as WORKER,
  XINHUA_02_WORKER as WORKER_2,
  XINHUA_ADMIN as ADMIN,
} from '../../support/demo-people'
import { SeedIds } from '../../../emulator/seed/demo-data'
import { DONGSHAN_RESIDENT, rid, addItem, redeem, call, count, doc, balance } from './harness'

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

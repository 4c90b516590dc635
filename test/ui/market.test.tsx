import { act, render, screen, waitFor } from '@testing-library/react'
import type { FundView, MarketItem, VoucherView } from '../../src/core/market/api'
import type { ErrorCode } from '../../src/core/errors'
import MarketPage from '../../src/features/market/pages/index/index'
import MyVouchersPage from '../../src/features/market/pages/vouchers/index'
import VerifyVoucherPage from '../../src/features/market/pages/verify/index'
import MarketItemsPage from '../../src/features/market/pages/items/index'
import FundPage from '../../src/features/market/pages/fund/index'
import { errorCopy } from '../../src/services/error-copy'
import { navigateTo, resetTaroMock, router, showToast } from '../support/taro-mock'
import { api, button, buttons, calls, fail, inputs, tap, type } from '../support/ui-script'
import { staffPerson } from '../support/ui-fixtures'

// Love supermarket pages (catalogue + redeem, my vouchers, staff verify, catalogue editor, community fund) against a scripted `api`.

const item = (patch: Partial<MarketItem> = {}): MarketItem => ({
  itemId: 'it_rice',
  communityId: 'cm-xinhua',
  name: '大米5斤',
  kind: 'goods',
  description: '周六上午社区服务站领取',
  price: 10,
  stock: 3,
  active: true,
  ...patch,
})
const voucher = (patch: Partial<VoucherView> = {}): VoucherView => ({
  voucherId: 'vc_1',
  code: 'K7PM4QXA',
  itemId: 'it_rice',
  itemName: '大米5斤',
  price: 10,
  status: 'issued',
  statusLabel: '待领取',
  issuedAt: '2026-11-21T01:00:00.000Z',
  expiresAt: '2026-12-21T01:00:00.000Z',
  usedAt: null,
  qrUrl: 'https://tmp.example/vc_1.png',
  holderName: null,
  retried: false,
  ...patch,
})

/** The 兑换 button of an item's card (cards are groups named by the item). */
const redeemButton = (name: string) => {
  const b = document.querySelector(`[aria-label="${name}"] taro-button-core[aria-label="兑换${name}"]`)
  if (!b) throw new Error(`no redeem button for ${name}`)
  return b
}
const isDisabled = (el: Element) =>
  el.closest('taro-button-core')?.className.includes('nut-button-disabled') ?? false
const texts = (selector: string) => [...document.querySelectorAll(selector)].map((el) => el.textContent)

// The mockScanner (WeChat's, or the browser's camera): whether there is one, and what it reads.
const mockScanner = { camera: true, scan: jest.fn() }
jest.mock('../../src/services/scan', () => ({
  canScanCode: () => mockScanner.camera,
  scanCode: (...args: unknown[]) => mockScanner.scan(...args),
}))
const scanCode = mockScanner.scan
beforeEach(() => {
  resetTaroMock()
  scanCode.mockReset()
  mockScanner.camera = true
})

describe('爱心超市', () => {
  const catalogue = {
    balance: 30,
    cursor: null,
    items: [
      item(),
      item({ itemId: 'it_oil', name: '食用油', price: 50, stock: 2 }),
      item({ itemId: 'it_cut', name: '理发一次', kind: 'service', description: '', price: 5, stock: 0 }),
    ],
  }

  it('shows balance, kind, price and stock, and says why an item cannot be redeemed', async () => {
    api({ 'market.items': catalogue })
    render(<MarketPage />)
    await screen.findByText('大米5斤')
    expect(screen.getByText('30 分')).toBeTruthy()
    expect(screen.getAllByText('物品')).toHaveLength(2)
    expect(screen.getByText('服务')).toBeTruthy()
    const card = (name: string) => document.querySelector(`[aria-label="${name}"]`)?.textContent ?? ''
    expect(card('大米5斤')).toContain('10 积分 · 余 3 件')
    expect(card('理发一次')).toContain('5 积分 · 已兑完')
    expect(isDisabled(redeemButton('大米5斤'))).toBe(false)
    expect(isDisabled(redeemButton('食用油'))).toBe(true)
    expect(isDisabled(redeemButton('理发一次'))).toBe(true)
    expect(card('食用油')).toContain('积分不足，还差 20 分')
    expect(card('理发一次')).toContain('已兑完，请留意补货')
    expect(card('大米5斤')).not.toMatch(/积分不足|请留意补货/)
    expect(inputs('market.items')).toEqual([{}])
    await tap(button('我的兑换券'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/features/market/pages/vouchers/index' })
  })

  it('confirms, then redeems with one request id reused when retried, and shows the code big', async () => {
    let tries = 0
    api({
      'market.items': catalogue,
      'market.redeem': () => (tries++ === 0 ? fail('DATA.CONFLICT') : voucher()),
    })
    render(<MarketPage />)
    await screen.findByText('大米5斤')
    await tap(redeemButton('大米5斤'))
    expect(screen.getByText('用 10 积分兑换大米5斤？')).toBeTruthy()
    expect(inputs('market.redeem')).toHaveLength(0)
    await tap(button('确认兑换'))
    await screen.findByText(errorCopy('DATA.CONFLICT'))
    await tap(button('重试'))
    await screen.findByText('兑换成功')
    const [first, second] = inputs('market.redeem')
    expect(first).toEqual({ itemId: 'it_rice', requestId: expect.stringMatching(/^[0-9a-z]{12,}$/) })
    expect(second).toEqual(first)
    expect(screen.getByText('K7PM 4QXA')).toBeTruthy()
    expect(screen.getByLabelText('兑换码 K 7 P M 4 Q X A')).toBeTruthy()
    // The list was reloaded after the redemption (stock and balance moved).
    expect(inputs('market.items')).toHaveLength(2)
    await tap(button('我的兑换券'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/features/market/pages/vouchers/index' })
    // A new confirmation is a new redemption: a new request id.
    await tap(button('继续兑换'))
    await screen.findByText('大米5斤')
    await tap(redeemButton('大米5斤'))
    await tap(button('确认兑换'))
    await screen.findByText('兑换成功')
    expect(inputs('market.redeem')[2]?.requestId).not.toEqual(first?.requestId)
  })

  it.each<[ErrorCode, string]>([
    ['MARKET.OUT_OF_STOCK', '已兑完，请留意补货'],
    ['POINTS.INSUFFICIENT', '积分不足'],
  ])('%s: shows its copy and reloads the catalogue', async (code, copy) => {
    api({ 'market.items': catalogue, 'market.redeem': fail(code) })
    render(<MarketPage />)
    await screen.findByText('大米5斤')
    await tap(redeemButton('大米5斤'))
    await tap(button('确认兑换'))
    await act(async () => undefined)
    expect(texts('[aria-role="alertdialog"] [aria-role="alert"]')).toEqual([copy])
    expect(errorCopy(code)).toBe(copy)
    expect(inputs('market.items')).toHaveLength(2)
    expect(screen.queryByText('兑换成功')).toBeNull()
  })
})

describe('我的兑换券', () => {
  const list = {
    cursor: null,
    items: [
      voucher(),
      voucher({
        voucherId: 'vc_2',
        code: 'ABCDEFGH',
        itemName: '食用油',
        status: 'used',
        statusLabel: '已领取',
        usedAt: '2026-11-22T02:30:00.000Z',
      }),
      voucher({
        voucherId: 'vc_3',
        code: 'HJKLMNPQ',
        itemName: '理发一次',
        status: 'expired',
        statusLabel: '已过期（积分已退回）',
        qrUrl: null,
      }),
    ],
  }

  it('shows each code, the QR only while issued, and cancel only for issued vouchers', async () => {
    api({ 'market.vouchers': list })
    render(<MyVouchersPage />)
    await screen.findByText('K7PM 4QXA')
    expect(screen.getByText('ABCD EFGH')).toBeTruthy()
    expect(screen.getByLabelText('兑换码 H J K L M N P Q')).toBeTruthy()
    expect(screen.getByText('已领取')).toBeTruthy()
    expect(screen.getByText('已过期（积分已退回）')).toBeTruthy()
    expect(screen.getByText('领取时间：11月22日 10:30')).toBeTruthy()
    const qr = document.querySelectorAll('[aria-label="大米5斤 兑换码"]')
    expect([...qr].map((q) => q.getAttribute('src'))).toEqual(['https://tmp.example/vc_1.png'])
    expect(document.querySelectorAll('taro-image-core')).toHaveLength(1)
    expect(screen.queryByText(/二维码生成中/)).toBeNull()
    expect(document.querySelectorAll('[aria-label="食用油 兑换码"]')).toHaveLength(0)
    expect(buttons('取消兑换')).toHaveLength(1)
    expect(document.querySelector('[aria-label="食用油，已领取"]')?.className).toMatch(/voucher--done/)
    expect(document.querySelector('[aria-label="大米5斤，待领取"]')?.className).not.toMatch(/voucher--done/)
  })

  it('cancels after a second tap and shows the voucher cancelled', async () => {
    api({
      'market.vouchers': list,
      'market.cancel': voucher({ status: 'cancelled', statusLabel: '已取消（积分已退回）' }),
    })
    render(<MyVouchersPage />)
    await screen.findByText('K7PM 4QXA')
    await tap(button('取消兑换'))
    expect(inputs('market.cancel')).toHaveLength(0)
    await tap(button('确认取消兑换'))
    await screen.findByText('已取消兑换“大米5斤”，10 积分已退回')
    expect(inputs('market.cancel')).toEqual([{ voucherId: 'vc_1' }])
    expect(screen.getByText('已取消（积分已退回）')).toBeTruthy()
    expect(buttons('取消兑换')).toHaveLength(0)
  })
})

describe('兑换券核销', () => {
  const found = voucher({ holderName: '王秀英', qrUrl: null })

  it('scene from the scanned QR → lookup → 确认核销 → 核销成功 with the time → 核销下一张', async () => {
    router.params = { scene: 'v%3DK7PM4QXA' }
    api({
      'market.lookup': found,
      'market.verify': voucher({
        holderName: '王秀英',
        status: 'used',
        statusLabel: '已领取',
        usedAt: '2026-11-22T02:30:00.000Z',
      }),
    })
    render(<VerifyVoucherPage />)
    await screen.findByText('兑换人：王秀英')
    expect(inputs('market.lookup')).toEqual([{ code: 'v%3DK7PM4QXA' }])
    expect(screen.getByText('大米5斤')).toBeTruthy()
    expect(screen.getByText('有效期至：2026年12月21日')).toBeTruthy()
    expect(inputs('market.verify')).toHaveLength(0)
    await tap(button('确认核销'))
    await screen.findByText('核销成功')
    expect(inputs('market.verify')).toEqual([{ code: 'v%3DK7PM4QXA' }])
    expect(screen.getByText('核销时间：11月22日 10:30')).toBeTruthy()
    await tap(button('核销下一张'))
    expect(document.querySelector('taro-input-core[aria-label="兑换码"]')).not.toBeNull()
  })

  it('a used voucher shows the VOUCHER_USED copy and no verify button', async () => {
    api({
      'market.lookup': voucher({
        holderName: '王秀英',
        status: 'used',
        statusLabel: '已领取',
        usedAt: '2026-11-22T02:30:00.000Z',
      }),
    })
    render(<VerifyVoucherPage />)
    await type('兑换码', ' k7pm4qxa ')
    await tap(button('查询兑换券'))
    await screen.findByText(errorCopy('MARKET.VOUCHER_USED'))
    expect(inputs('market.lookup')).toEqual([{ code: 'k7pm4qxa' }])
    expect(buttons('确认核销')).toHaveLength(0)
  })

  // The buttons follow the staff's moves from each status (core/market/machine.ts), written out here.
  it.each<[VoucherView['status'], string, string | null]>([
    ['issued', '不是这张，重新输入', null],
    ['used', '核销下一张', 'MARKET.VOUCHER_USED'],
    ['expired', '核销下一张', 'MARKET.VOUCHER_EXPIRED'],
    ['cancelled', '核销下一张', 'MARKET.VOUCHER_CANCELLED'],
  ])('a looked-up %s voucher: 确认核销 only while issued, then %s', async (status, other, code) => {
    api({ 'market.lookup': voucher({ holderName: '王秀英', status }) })
    router.params = { scene: 'v=K7PM4QXA' }
    render(<VerifyVoucherPage />)
    await screen.findByText('兑换人：王秀英')
    expect(buttons('确认核销')).toHaveLength(code ? 0 : 1)
    expect(buttons(other)).toHaveLength(1)
    if (code) expect(screen.getByText(errorCopy(code as ErrorCode))).toBeTruthy()
  })

  it.each<ErrorCode>(['MARKET.VOUCHER_USED', 'MARKET.VOUCHER_EXPIRED', 'MARKET.VOUCHER_CANCELLED'])(
    'verify refused with %s shows its copy',
    async (code) => {
      api({ 'market.lookup': found, 'market.verify': fail(code) })
      router.params = { scene: 'v=K7PM4QXA' }
      render(<VerifyVoucherPage />)
      await screen.findByText('兑换人：王秀英')
      await tap(button('确认核销'))
      await screen.findByText(errorCopy(code))
      expect(screen.queryByText('核销成功')).toBeNull()
    },
  )

  it('an unknown code shows VOUCHER_NOT_FOUND; a scan passes the raw path on', async () => {
    api({
      'market.lookup': (i: Record<string, unknown>) =>
        i.code === 'NOPE' ? fail('MARKET.VOUCHER_NOT_FOUND') : found,
    })
    render(<VerifyVoucherPage />)
    await type('兑换码', 'NOPE')
    await tap(button('查询兑换券'))
    await screen.findByText(errorCopy('MARKET.VOUCHER_NOT_FOUND'))
    scanCode.mockResolvedValue({
      result: '',
      path: 'features/market/pages/verify/index?scene=v%3DK7PM4QXA',
    })
    await tap(button('扫码核销'))
    await screen.findByText('兑换人：王秀英')
    expect(inputs('market.lookup')[1]).toEqual({
      code: 'features/market/pages/verify/index?scene=v%3DK7PM4QXA',
    })
  })

  it('a browser without a camera offers typing the code and no scan button that could not work', async () => {
    mockScanner.camera = false
    api({})
    render(<VerifyVoucherPage />)
    expect(buttons('扫码核销')).toHaveLength(0)
    expect(buttons('查询兑换券')).toHaveLength(1)
    expect(document.querySelector('taro-input-core[aria-label="兑换码"]')).not.toBeNull()
  })

  it('a cancelled scan says nothing and looks nothing up; a camera that cannot be used says to type', async () => {
    api({})
    render(<VerifyVoucherPage />)
    scanCode.mockResolvedValue(null)
    await tap(button('扫码核销'))
    expect(calls).toEqual([])
    expect(document.querySelector('[aria-role="alert"]')).toBeNull()
    scanCode.mockRejectedValue(new Error('NotAllowedError'))
    await tap(button('扫码核销'))
    await screen.findByText('无法使用摄像头扫码，请直接输入兑换码')
    expect(calls).toEqual([])
  })
})

describe('爱心超市管理', () => {
  beforeEach(() => {
    router.params = { communityId: 'cm-xinhua' }
  })
  const admin = {
    userId: 'user-xinhua-admin',
    displayName: '社区管理员',
    roles: [{ role: 'community_admin', scope: { streetId: 's', communityId: 'cm-xinhua' } }],
    household: null,
    created: false,
  }

  it('lists inactive items too and adds one with the right input; field errors before and after sending', async () => {
    let saves = 0
    api({
      'me.profile': admin,
      'market.items': {
        balance: 0,
        cursor: null,
        items: [item(), item({ itemId: 'it_off', name: '旧毛巾', active: false })],
      },
      'market.save': (i: Record<string, unknown>) =>
        saves++ === 0
          ? fail('MARKET.BAD_ITEM')
          : item({ itemId: 'it_new', name: String(i.name), active: Boolean(i.active) }),
    })
    render(<MarketItemsPage />)
    await screen.findByText('旧毛巾')
    expect(screen.getByText('未上架')).toBeTruthy()
    expect(inputs('market.items')).toEqual([{ communityId: 'cm-xinhua' }])
    await tap(button('新增物品或服务'))
    await tap(button('保存'))
    expect(screen.getByText(errorCopy('MARKET.BAD_ITEM'))).toBeTruthy()
    expect(screen.getByText(errorCopy('MARKET.BAD_PRICE'))).toBeTruthy()
    expect(inputs('market.save')).toHaveLength(0)
    await type('名称', ' 上门理发 ')
    await tap(screen.getByText('服务'))
    await type('说明（选填）', '60岁以上老人优先')
    await type('所需积分', '20')
    await type('库存（件）', '5')
    await tap(document.querySelector('.nut-switch') as Element)
    await tap(button('保存'))
    await screen.findByText(errorCopy('MARKET.BAD_ITEM'))
    await tap(button('保存'))
    await waitFor(() =>
      expect(showToast).toHaveBeenCalledWith({ title: '已保存“上门理发”（未上架）', icon: 'none' }),
    )
    const [first, second] = inputs('market.save')
    expect(first).toEqual({
      requestId: expect.stringMatching(/^[0-9a-z]{12,}$/),
      communityId: 'cm-xinhua',
      name: '上门理发',
      kind: 'service',
      description: '60岁以上老人优先',
      price: 20,
      stock: 5,
      active: false,
    })
    expect(second).toEqual(first)
  })

  it('edits an item with its itemId; BAD_PRICE from the function lands on the price field', async () => {
    api({
      'me.profile': admin,
      'market.items': { balance: 0, cursor: null, items: [item()] },
      'market.save': fail('MARKET.BAD_PRICE'),
    })
    render(<MarketItemsPage />)
    await screen.findByText('大米5斤')
    await tap(button('修改'))
    await type('库存（件）', '0')
    await tap(button('保存'))
    await screen.findByText(errorCopy('MARKET.BAD_PRICE'))
    expect(inputs('market.save')[0]).toMatchObject({
      itemId: 'it_rice',
      communityId: 'cm-xinhua',
      name: '大米5斤',
      kind: 'goods',
      price: 10,
      stock: 0,
      active: true,
    })
  })
})

describe('社区基金', () => {
  const person = (userId: string, name: string, role = 'resident') =>
    staffPerson(userId, name, role, { buildingName: '3号楼', unitName: '2单元', room: '301' })
  const view = (balance: number): FundView => ({
    communityId: 'cm-xinhua',
    balance,
    recent: [
      {
        transferId: 't1',
        cause: 'gift:user-resident-li:req1',
        from: 'u:user-resident-li',
        to: 'fund:cm-xinhua',
        amount: 20,
        reason: '',
        at: '2026-11-20T02:00:00.000Z',
        retried: false,
      },
      {
        transferId: 't2',
        cause: 'fund:user-xinhua-admin:req0',
        from: 'fund:cm-xinhua',
        to: 'u:user-helper-liu',
        amount: 5,
        reason: '代买药品',
        at: '2026-11-21T02:00:00.000Z',
        retried: false,
      },
    ],
  })

  it('shows balance and movements, finds the resident by name, and pays with amount, reason and userId', async () => {
    router.params = { communityId: 'cm-xinhua' }
    let balance = 100
    api({
      'me.profile': {
        userId: 'user-xinhua-admin',
        displayName: '管',
        roles: [],
        household: null,
        created: false,
      },
      'fund.view': () => view(balance),
      'staff.list': {
        place: {
          level: 'community',
          id: 'cm-xinhua',
          name: '新华社区',
          path: { streetId: 's', communityId: 'cm-xinhua' },
        },
        items: [
          person('user-helper-liu', '刘建国'),
          person('user-resident-wang', '王秀英'),
          person('user-xinhua-01-worker', '刘网格', 'grid_worker'),
        ],
        nextCursor: null,
      },
      'fund.pay': (i: Record<string, unknown>) => {
        balance -= Number(i.amount)
        return {
          transferId: 't3',
          cause: 'fund:x:y',
          from: 'fund:cm-xinhua',
          to: 'u:user-helper-liu',
          amount: i.amount,
          reason: i.reason,
          at: '2026-11-22T02:00:00.000Z',
          retried: false,
        }
      },
    })
    render(<FundPage />)
    await screen.findByText('100 分')
    expect(screen.getByText('+20')).toBeTruthy()
    expect(screen.getByText('−5')).toBeTruthy()
    expect(screen.getByText('支出 · 社区基金：代买药品')).toBeTruthy()
    await tap(button('确认支付'))
    await screen.findByText('请先查找并选择收款的居民')
    await type('收款居民姓名', '刘')
    await tap(button('查找居民'))
    expect(inputs('staff.list')).toEqual([{ scopeId: 'cm-xinhua' }])
    // Only residents named like that: the grid worker without a resident grant is not offered.
    expect(screen.queryByLabelText('选择刘网格，3号楼2单元 301室')).toBeNull()
    await tap(screen.getByLabelText('选择刘建国，3号楼2单元 301室'))
    await type('支付积分', '0')
    await tap(button('确认支付'))
    await screen.findByText(errorCopy('POINTS.BAD_AMOUNT'))
    await type('支付积分', '8')
    await type('原因', '为独居老人代买药品')
    await tap(button('确认支付'))
    await waitFor(() =>
      expect(showToast).toHaveBeenCalledWith({ title: '已从社区基金支付 8 分给刘建国', icon: 'none' }),
    )
    expect(inputs('fund.pay')).toEqual([
      {
        communityId: 'cm-xinhua',
        userId: 'user-helper-liu',
        amount: 8,
        reason: '为独居老人代买药品',
        requestId: expect.stringMatching(/^[0-9a-z]{12,}$/),
      },
    ])
    await screen.findByText('92 分')
  })

  it('uses the admin’s own community without a link, and keeps the request id when a payment is retried', async () => {
    let pays = 0
    api({
      'me.profile': {
        userId: 'user-xinhua-admin',
        displayName: '管',
        roles: [{ role: 'community_admin', scope: { streetId: 's', communityId: 'cm-xinhua' } }],
        household: null,
        created: false,
      },
      'fund.view': view(3),
      'staff.list': {
        place: {
          level: 'community',
          id: 'cm-xinhua',
          name: '新华社区',
          path: { streetId: 's', communityId: 'cm-xinhua' },
        },
        items: [person('user-resident-wang', '王秀英')],
        nextCursor: null,
      },
      'fund.pay': () =>
        pays++ === 0
          ? fail('POINTS.INSUFFICIENT')
          : {
              transferId: 't3',
              cause: 'fund:x:y',
              from: 'fund:cm-xinhua',
              to: 'u:user-resident-wang',
              amount: 3,
              reason: '保洁',
              at: '2026-11-22T02:00:00.000Z',
              retried: false,
            },
    })
    render(<FundPage />)
    await screen.findByText('3 分')
    expect(inputs('fund.view')).toEqual([{ communityId: 'cm-xinhua' }])
    await type('收款居民姓名', '王秀英')
    await tap(button('查找居民'))
    await tap(screen.getByLabelText('选择王秀英，3号楼2单元 301室'))
    await type('支付积分', '3')
    await type('原因', '保洁')
    await tap(button('确认支付'))
    await screen.findByText('社区基金余额不足')
    await tap(button('确认支付'))
    await waitFor(() =>
      expect(showToast).toHaveBeenCalledWith({ title: '已从社区基金支付 3 分给王秀英', icon: 'none' }),
    )
    const [first, second] = inputs('fund.pay')
    expect(second).toEqual(first)
  })
})

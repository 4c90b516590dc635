import { render, screen } from '@testing-library/react'
import type { ItemDetail, LoanView } from '../../src/core/lending/api'
import ItemPage from '../../src/features/lending/pages/item/index'
import DeskPage from '../../src/features/lending/pages/desk/index'
import LoanPage from '../../src/features/lending/pages/loan/index'
import LendingIndexPage from '../../src/features/lending/pages/index/index'
import DonatePage from '../../src/features/lending/pages/donate/index'
import { errorCopy } from '../../src/services/error-copy'
import { resetTaroMock, router, navigateTo, redirectTo } from '../support/taro-mock'
import { api, button, buttons, calls, fail, inputs, tap, type } from '../support/ui-script'

// 百宝屋 pages against a scripted `api`: reserve and the queue, the desk's pickup and return with
// the accessory checklist, renewal, the catalogue's staff entries, a donation refused for its text.

const loan = (patch: Partial<LoanView> = {}): LoanView => ({
  loanId: 'll_1',
  itemId: 'li_drill',
  itemName: '冲击电钻',
  status: 'out',
  statusLabel: '借用中',
  borrowerName: '王秀英',
  pickedAt: '2026-12-01T02:00:00.000Z',
  dueAt: '2026-12-08T02:00:00.000Z',
  overdue: false,
  renewals: 0,
  accessoriesOut: ['电池', '钻头套装'],
  accessoriesBack: null,
  conditionBack: null,
  returnNote: null,
  returnPhoto: null,
  returnedAt: null,
  pledgePoints: 5,
  pledge: 'held',
  pledgeReason: null,
  moves: [],
  ...patch,
})
const item = (patch: Partial<ItemDetail> = {}): ItemDetail => ({
  id: 'li_drill',
  name: '冲击电钻',
  photo: null,
  status: 'available',
  statusLabel: '可借',
  queue: 0,
  location: '党群服务中心一楼工具柜',
  pledgePoints: 5,
  periodDays: 7,
  communityId: 'cm-xinhua',
  accessories: ['电池', '钻头套装'],
  condition: 'good',
  conditionLabel: '完好',
  pickupDays: 2,
  keeperName: null,
  myHold: null,
  myLoan: null,
  canReserve: true,
  reserveBlock: null,
  desk: null,
  ...patch,
})

beforeEach(() => {
  resetTaroMock()
})

describe('物品详情', () => {
  it('reserves once (one request id for retries) and shows my place in the queue', async () => {
    router.params = { id: 'li_drill' }
    const queued = item({
      queue: 2,
      status: 'on_loan',
      statusLabel: '借出中',
      canReserve: false,
      myHold: {
        holdId: 'lh_1',
        status: 'waiting',
        statusLabel: '排队中',
        position: 2,
        readyUntil: null,
        moves: ['cancel'],
      },
    })
    api({
      'lending.item': item({ status: 'on_loan', statusLabel: '借出中', queue: 1 }),
      'lending.reserve': queued,
    })
    render(<ItemPage />)
    await tap(await screen.findByText('排队预约'))
    expect(await screen.findByText('排队中，您是第 2 位')).toBeTruthy()
    expect(inputs('lending.reserve')).toEqual([{ itemId: 'li_drill', requestId: expect.any(String) }])
    expect(buttons('取消预约')).toHaveLength(1)
  })

  it('opens from a message by the hold id, and says why I may not reserve', async () => {
    router.params = { hold: 'lh_9' }
    api({
      'lending.item': item({ canReserve: false, reserveBlock: errorCopy('LENDING.BLOCKED_OVERDUE') }),
    })
    render(<ItemPage />)
    expect(await screen.findByText('您有物品逾期超过 7 天未还，归还后才能预约')).toBeTruthy()
    expect(inputs('lending.item')).toEqual([{ holdId: 'lh_9' }])
    expect(buttons('预约借用')).toHaveLength(0)
  })

  it('opens from a scanned label by its scene', async () => {
    router.params = { scene: 't%3DABCD2345' }
    api({ 'lending.item': item() })
    render(<ItemPage />)
    await screen.findByText('预约借用')
    expect(inputs('lending.item')).toEqual([{ code: 't%3DABCD2345' }])
  })
})

describe('借还登记', () => {
  const ready = item({
    desk: {
      readyHold: { holdId: 'lh_1', holderName: '王秀英', readyUntil: '2026-12-03T02:00:00.000Z' },
      openLoan: null,
      itemMoves: ['service', 'retire'],
      code: 'ABCD2345',
      keeperId: null,
    },
  })

  it('pickup: the code typed, the accessories ticked, 确认取用', async () => {
    router.params = {}
    api({ 'lending.item': ready, 'lending.pickup': loan() })
    render(<DeskPage />)
    await type('物品码', 'abcd2345')
    await tap(button('查找'))
    await screen.findByText(/取用：王秀英/)
    await tap(screen.getByText('电池'))
    await tap(screen.getByText('钻头套装'))
    await tap(button('确认取用'))
    expect(await screen.findByText('取用已登记')).toBeTruthy()
    expect(inputs('lending.pickup')).toEqual([
      {
        itemId: 'li_drill',
        holdId: 'lh_1',
        accessories: ['电池', '钻头套装'],
        requestId: expect.any(String),
      },
    ])
  })

  it('return: a missing accessory warns of maintenance; the pledge kept needs a reason; a wrong loan is a clear message', async () => {
    router.params = { code: 'ABCD2345' }
    const out = item({
      status: 'on_loan',
      desk: {
        readyHold: null,
        openLoan: loan({ moves: ['return', 'forfeit', 'lose'] }),
        itemMoves: [],
        code: 'ABCD2345',
        keeperId: null,
      },
    })
    api({ 'lending.item': out, 'lending.return': fail('LENDING.NOT_ON_LOAN') })
    render(<DeskPage />)
    await screen.findByText(/归还：王秀英/)
    await tap(screen.getByText('电池'))
    expect(screen.getByText(/会转入维修/)).toBeTruthy()
    await tap(screen.getByText('扣留押分'))
    await tap(button('确认归还'))
    expect(await screen.findByText('请填写扣留押分的原因')).toBeTruthy()
    expect(inputs('lending.return')).toHaveLength(0)
    await type('扣留原因', '钻头丢失')
    await tap(button('确认归还'))
    expect(await screen.findByText(errorCopy('LENDING.NOT_ON_LOAN'))).toBeTruthy()
    expect(inputs('lending.return')).toEqual([
      expect.objectContaining({
        accessories: ['电池'],
        condition: 'good',
        keepReason: '钻头丢失',
        photos: [],
      }),
    ])
  })
})

describe('借用记录', () => {
  it('renews when allowed; a refusal reads as copy', async () => {
    router.params = { id: 'll_1' }
    api({ 'lending.loan': loan({ moves: ['renew'] }), 'lending.renew': fail('LENDING.RENEW_WAITING') })
    render(<LoanPage />)
    await tap(await screen.findByText('续借一期'))
    expect(await screen.findByText(errorCopy('LENDING.RENEW_WAITING'))).toBeTruthy()
    expect(calls.map((c) => c.action)).toEqual(['lending.loan', 'lending.renew'])
  })
})

describe('百宝屋 catalogue', () => {
  it('lists items with status and queue; staff get the desk and lists', async () => {
    router.params = {}
    api({
      'lending.items': {
        communityId: 'cm-xinhua',
        staff: true,
        cursor: null,
        items: [
          {
            id: 'li_drill',
            name: '冲击电钻',
            photo: null,
            status: 'on_loan',
            statusLabel: '借出中',
            queue: 2,
            location: '工具柜',
            pledgePoints: 5,
            periodDays: 7,
          },
        ],
      },
    })
    render(<LendingIndexPage />)
    expect(await screen.findByText('冲击电钻')).toBeTruthy()
    expect(screen.getByText('借出中')).toBeTruthy()
    expect(screen.getByText(/2 人排队/)).toBeTruthy()
    await tap(button('逾期未还'))
    expect(navigateTo).toHaveBeenLastCalledWith({
      url: '/features/lending/pages/staff/index?communityId=cm-xinhua&view=overdue',
    })
  })
})

describe('捐赠工具', () => {
  it('a risky text is refused with its copy and nothing navigates', async () => {
    router.params = {}
    api({ 'lending.donate': fail('CONTENT.RISKY') })
    render(<DonatePage />)
    await type('捐赠什么', '旧电钻', 'taro-textarea-core')
    await tap(button('提交捐赠'))
    expect(await screen.findByText(errorCopy('CONTENT.RISKY'))).toBeTruthy()
    expect(redirectTo).not.toHaveBeenCalled()
  })
})

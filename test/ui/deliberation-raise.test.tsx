// 民事民提 from reports (转为议题, 从工单发起, a topic's sources) and a proposed topic's photos, against
// scripted answers of the api function.
import { act, render, screen } from '@testing-library/react'
import type { TopicDetail } from '../../src/core/deliberation/api'
import type { OrderDetail } from '../../src/core/orders/api'
import HallPage from '../../src/features/deliberation/pages/index/index'
import ProposePage from '../../src/features/deliberation/pages/propose/index'
import RaisePage, { orderIdsOf } from '../../src/features/deliberation/pages/raise/index'
import SourcesPage from '../../src/features/deliberation/pages/sources/index'
import TopicPage from '../../src/features/deliberation/pages/topic/index'
import OrderDetailPage from '../../src/features/reports/pages/detail/index'
import { navigateTo, redirectTo, resetTaroMock, router } from '../support/taro-mock'
import { api, button, buttons, fail, inputs, tap, type } from '../support/ui-script'
import { photoMocks } from './upload-mock'
import { topicDetail } from './deliberation-fixtures'

jest.mock('../../src/services/upload', () => ({
  ...jest.requireActual<typeof import('./upload-mock')>('./upload-mock').uploadMock(),
  photoUrls: jest.fn(async (ids: string[]) => Object.fromEntries(ids.map((id) => [id, `https://tmp/${id}`]))),
}))
const { pick, compress, upload } = photoMocks()

beforeEach(() => {
  resetTaroMock()
  jest.clearAllMocks()
})
const textarea = 'taro-textarea-core'

const order = (id: string, over: Partial<OrderDetail> = {}): OrderDetail =>
  ({
    orderId: id,
    topicId: null,
    raisedTopicId: null,
    gridId: 'g1',
    categoryId: 'safety',
    categoryName: '安全隐患',
    summary: `${id} 楼道飞线充电`,
    text: `${id} 楼道飞线充电`,
    status: 'submitted',
    open: true,
    tier: 'grid',
    placeName: '3号楼',
    submittedAt: '2026-12-07T01:00:00.000Z',
    dueAt: null,
    overdue: false,
    unnotified: false,
    held: false,
    reopened: false,
    onBehalf: false,
    photoCount: 0,
    photos: [],
    photosChecked: true,
    reporterName: '王秀英',
    onBehalfOf: null,
    firstReceiver: null,
    handler: null,
    department: null,
    reply: null,
    rating: null,
    reopenUntil: null,
    timeline: [],
    mine: false,
    following: false,
    can: {
      accept: true,
      start: false,
      reply: false,
      escalate: false,
      rate: false,
      reopen: false,
      release: false,
      follow: false,
      raiseTopic: true,
    },
    ...over,
  }) as OrderDetail

const raised = (over: Partial<TopicDetail> = {}) =>
  topicDetail({
    id: 'tp9',
    title: '集中解决飞线充电',
    proposerShown: '网格员 李**',
    supports: 0,
    sources: {
      count: 2,
      categories: ['安全隐患'],
      cells: [
        { orderId: 'wo_1', categoryName: '安全隐患', summary: 'wo_1 楼道飞线充电', mine: false },
        { orderId: 'wo_2', categoryName: '安全隐患', summary: 'wo_2 楼道飞线充电', mine: false },
      ],
    },
    ...over,
  })

describe('转为议题 from an order', () => {
  it('the order detail offers it to staff and shows the topics it links to', async () => {
    router.params = { id: 'wo_1' }
    api({ 'order.get': order('wo_1', { topicId: 'tp3' }) })
    await act(async () => {
      render(<OrderDetailPage />)
    })
    await tap(button('转为议题'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/features/deliberation/pages/raise/index?orders=wo_1' })
    await tap(screen.getByText('落实居民议事决议'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/features/deliberation/pages/topic/index?id=tp3' })
  })

  it('a raised order opens its topic and offers no second raise', async () => {
    router.params = { id: 'wo_1' }
    api({
      'order.get': order('wo_1', {
        raisedTopicId: 'tp9',
        can: { ...order('x').can, raiseTopic: false },
      }),
    })
    await act(async () => {
      render(<OrderDetailPage />)
    })
    expect(buttons('转为议题')).toHaveLength(0)
    await tap(screen.getByText('已转为居民议题'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/features/deliberation/pages/topic/index?id=tp9' })
  })

  it('the form starts from the orders, is edited, and raises once per draft', async () => {
    router.params = { orders: 'wo_1%2Cwo_2' }
    api({
      'order.get': (i: Record<string, unknown>) => order(String(i.orderId)),
      'topic.raise': raised(),
    })
    await act(async () => {
      render(<RaisePage />)
    })
    expect(screen.getByText('据 2 件居民上报发起')).toBeTruthy()
    // Drafted from the orders: the category, and what each reporter wrote, numbered.
    const field = (label: string) =>
      (document.querySelector(`[aria-label="${label}"]`) as HTMLTextAreaElement | null)?.value
    expect(field('说明')).toBe('1. wo_1 楼道飞线充电\n2. wo_2 楼道飞线充电')
    await type('议题标题', '集中解决飞线充电')
    await type('说明', '多位居民反映飞线充电', textarea)
    await tap(button('发起议题'))
    expect(inputs('topic.raise')).toEqual([
      {
        requestId: expect.any(String),
        gridId: 'g1',
        orderIds: ['wo_1', 'wo_2'],
        title: '集中解决飞线充电',
        text: '多位居民反映飞线充电',
      },
    ])
    expect(redirectTo).toHaveBeenCalledWith({ url: '/features/deliberation/pages/topic/index?id=tp9' })
  })

  it('names a refusal in words and keeps the draft', async () => {
    router.params = { orders: 'wo_1' }
    api({ 'order.get': order('wo_1'), 'topic.raise': fail('DELIBERATION.SOURCE_TAKEN') })
    await act(async () => {
      render(<RaisePage />)
    })
    await tap(button('发起议题'))
    expect(screen.getByText('所选工单已转为议题，请打开该议题')).toBeTruthy()
    expect(redirectTo).not.toHaveBeenCalled()
  })

  it('reads at most 20 distinct orders from the address', () => {
    expect(orderIdsOf('a,b,a, ,c')).toEqual(['a', 'b', 'c'])
    expect(orderIdsOf(Array.from({ length: 25 }, (_x, i) => `o${i}`).join(','))).toHaveLength(20)
    expect(orderIdsOf(undefined)).toEqual([])
  })
})

describe('从工单发起 in the hall', () => {
  it('staff open the picker from the grid’s hall', async () => {
    router.params = { gridId: 'g1' }
    api({ 'topic.list': { gridId: 'g1', canPropose: false, canRaise: true, items: [], cursor: null } })
    await act(async () => {
      render(<HallPage />)
    })
    await tap(button('从工单发起议题'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/features/deliberation/pages/sources/index?gridId=g1' })
  })

  it('ticks the orders that belong together; a raised one cannot be ticked', async () => {
    router.params = { gridId: 'g1' }
    const item = (orderId: string, over = {}) => ({
      orderId,
      categoryName: '安全隐患',
      summary: `${orderId} 飞线充电`,
      submittedAt: '2026-12-07T01:00:00.000Z',
      raisable: true,
      raisedTopicId: null,
      ...over,
    })
    api({
      'topic.sources': {
        gridId: 'g1',
        items: [item('wo_1'), item('wo_2'), item('wo_3', { raisable: false, raisedTopicId: 'tp1' })],
        cursor: null,
      },
    })
    await act(async () => {
      render(<SourcesPage />)
    })
    expect(screen.getByText('（已转为议题）')).toBeTruthy()
    await tap(button('发起议题'))
    expect(screen.getByText('请至少选择一件工单')).toBeTruthy()
    const box = (text: string) => screen.getByText(text).closest('[aria-role="checkbox"]') as Element
    await tap(box('安全隐患：wo_1 飞线充电'))
    await tap(box('安全隐患：wo_3 飞线充电'))
    await tap(box('安全隐患：wo_2 飞线充电'))
    await tap(box('安全隐患：wo_1 飞线充电'))
    await tap(box('安全隐患：wo_1 飞线充电'))
    await tap(button('据所选 2 件发起议题'))
    expect(navigateTo).toHaveBeenCalledWith({
      url: `/features/deliberation/pages/raise/index?orders=${encodeURIComponent('wo_2,wo_1')}`,
    })
  })
})

describe('a topic’s sources and photos on its page', () => {
  it('staff see each source order as a cell that opens it', async () => {
    router.params = { id: 'tp9' }
    api({
      'topic.get': raised(),
      'meeting.list': { items: [], canSchedule: false },
      'comment.list': { items: [], cursor: null },
    })
    await act(async () => {
      render(<TopicPage />)
    })
    expect(screen.getByText('据 2 件居民上报发起：安全隐患')).toBeTruthy()
    await tap(screen.getByText('安全隐患：wo_2 楼道飞线充电'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/features/reports/pages/detail/index?id=wo_2' })
  })

  it('a neighbour reads the count and categories only, and that the photos wait for staff', async () => {
    router.params = { id: 'tp9' }
    api({
      'topic.get': raised({
        sources: { count: 2, categories: ['安全隐患'], cells: [] },
        photos: [],
        photoCount: 2,
      }),
      'meeting.list': { items: [], canSchedule: false },
      'comment.list': { items: [], cursor: null },
    })
    await act(async () => {
      render(<TopicPage />)
    })
    expect(screen.getByText('据 2 件居民上报发起：安全隐患')).toBeTruthy()
    expect(screen.queryByText(/楼道飞线充电/)).toBeNull()
    expect(screen.getByText('有 2 张照片，经工作人员查看后公开')).toBeTruthy()
  })

  it('shows the photos once the caller may see them', async () => {
    router.params = { id: 'tp1' }
    api({
      'topic.get': topicDetail({ photos: ['cloud://env/topics/u1/r1/1.jpg'], photoCount: 1 }),
      'meeting.list': { items: [], canSchedule: false },
      'comment.list': { items: [], cursor: null },
    })
    await act(async () => {
      render(<TopicPage />)
    })
    expect(await screen.findByLabelText('议题照片 1')).toBeTruthy()
  })
})

describe('提出议题 with photos', () => {
  it('uploads the photos first into the proposer’s folder for this draft, then proposes with them', async () => {
    pick.mockResolvedValue([{ path: 'blob:a', size: 1000 }])
    compress.mockResolvedValue({ path: 'blob:a-small', size: 500 })
    upload.mockResolvedValue('cloud://env/topics/u-wang/r/1.jpg')
    api({ 'me.profile': { userId: 'u-wang' }, 'topic.propose': topicDetail() })
    await act(async () => {
      render(<ProposePage />)
    })
    await type('议题标题', '楼下加装雨棚')
    await type('说明', '下雨天取快递淋雨', textarea)
    await tap(button('添加照片'))
    expect(screen.getByText(/现场照片（选填，最多 9 张，已选 1 张）/)).toBeTruthy()
    await tap(button('提交议题'))
    const [sent] = inputs('topic.propose') as { requestId: string }[]
    expect(upload).toHaveBeenCalledWith('blob:a-small', `topics/u-wang/${sent?.requestId}/1.jpg`)
    expect(inputs('topic.propose')).toEqual([
      {
        requestId: expect.any(String),
        title: '楼下加装雨棚',
        text: '下雨天取快递淋雨',
        photos: ['cloud://env/topics/u-wang/r/1.jpg'],
      },
    ])
  })
})

import { render, screen, waitFor } from '@testing-library/react'
import type { OrderDetail, OrderSummary, TimelineEntry } from '../../src/core/orders/api'
import type { Profile } from '../../src/core/me/api'
import { chinaToday, replyProblem } from '../../src/features/reports/components/ReplyForm'
import OrderDetailPage from '../../src/features/reports/pages/detail/index'
import InboxPage from '../../src/features/reports/pages/inbox/index'
import { requestSubscription } from '../../src/services/subscribe'
import { navigateTo, resetTaroMock, router, showToast } from '../support/taro-mock'
import { api, button, buttons, calls, tap, type } from '../support/ui-script'

// Order detail (timeline, staff moves, rating) and the grid worker's inbox against a scripted `api`.

jest.mock('../../src/services/upload', () => ({ photoUrls: jest.fn(async () => ({})) }))
jest.mock('../../src/services/subscribe', () => ({ requestSubscription: jest.fn() }))
const subscribe = requestSubscription as jest.MockedFunction<typeof requestSubscription>

const entry = (e: Partial<TimelineEntry> & Pick<TimelineEntry, 'kind' | 'at' | 'who'>): TimelineEntry => ({
  tier: null,
  toTier: null,
  outcome: null,
  text: null,
  promisedDate: null,
  reason: null,
  to: null,
  rating: null,
  comment: null,
  auto: false,
  ...e,
})
const none = {
  accept: false,
  start: false,
  reply: false,
  escalate: false,
  rate: false,
  reopen: false,
  release: false,
  follow: false,
  raiseTopic: false,
}
const order = (patch: Partial<OrderDetail> = {}): OrderDetail => ({
  orderId: 'wo_1',
  topicId: null,
  raisedTopicId: null,
  gridId: 'gr-xinhua-01',
  categoryId: 'safety',
  categoryName: '安全隐患',
  summary: '楼道飞线充电',
  status: 'replied',
  open: false,
  tier: 'community',
  placeName: '3号楼',
  submittedAt: '2026-11-20T01:00:00.000Z',
  dueAt: null,
  overdue: false,
  unnotified: false,
  held: false,
  reopened: false,
  onBehalf: false,
  photoCount: 0,
  text: '3号楼2单元楼道有电动车飞线充电',
  photos: [],
  photosChecked: true,
  reporterName: null,
  onBehalfOf: null,
  firstReceiver: '网格员 李志强',
  handler: '社区管理员 周敏',
  department: null,
  reply: {
    outcome: 'handled',
    text: '已拆除飞线',
    promisedDate: null,
    reason: null,
    to: null,
    at: '2026-11-20T03:00:00.000Z',
  },
  rating: null,
  reopenUntil: '2026-11-27T03:00:00.000Z',
  timeline: [
    entry({ kind: 'submit', at: '2026-11-20T01:00:00.000Z', who: '居民' }),
    entry({ kind: 'accept', at: '2026-11-20T01:30:00.000Z', who: '网格员 李志强', tier: 'grid' }),
    entry({
      kind: 'escalate',
      at: '2026-11-20T02:00:00.000Z',
      who: '网格员 李志强',
      tier: 'grid',
      toTier: 'community',
      reason: '需协调物业',
    }),
    entry({
      kind: 'reply',
      at: '2026-11-20T03:00:00.000Z',
      who: '社区管理员 周敏',
      outcome: 'handled',
      text: '已拆除飞线',
    }),
  ],
  mine: true,
  following: false,
  can: { ...none, rate: true, reopen: true },
  ...patch,
})

beforeEach(() => {
  resetTaroMock()
  router.params = { id: 'wo_1' }
})

describe('order detail', () => {
  it('shows every event of the timeline in order, with the first receiver kept visible', async () => {
    api({ 'order.get': order() })
    render(<OrderDetailPage />)
    await screen.findByText('首接负责：网格员 李志强')
    // Taro renders ariaRole as aria-role (the H5 platform layer turns it into role at run time).
    const list = document.querySelector('[aria-role="list"][aria-label="办理进度"]') as HTMLElement
    const items = [...list.querySelectorAll('[aria-role="listitem"]')].map((li) => li.textContent)
    expect(items).toHaveLength(4)
    expect(items[0]).toContain('提交上报')
    expect(items[1]).toContain('接单')
    expect(items[2]).toContain('上报上级：网格 → 社区 · 原因：需协调物业')
    expect(items[3]).toContain('答复（当场办） · 已拆除飞线')
    expect(items[3]).toContain('11月20日 11:00 · 社区管理员 周敏')
    expect(screen.getByText('首接负责：网格员 李志强')).toBeTruthy()
    expect(screen.getByText('当前承办：社区管理员 周敏')).toBeTruthy()
    expect(buttons('接单')).toHaveLength(0)
  })

  it('an order carrying out a deliberation topic opens the topic', async () => {
    api({ 'order.get': order({ topicId: 'tp1' }) })
    render(<OrderDetailPage />)
    await tap(await screen.findByLabelText('落实居民议事决议，查看议题'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/features/deliberation/pages/topic/index?id=tp1' })
  })

  it('lets the reporter rate once with a comment', async () => {
    api({
      'order.get': order(),
      'order.rate': (i: Record<string, unknown>) =>
        order({
          status: 'closed',
          rating: {
            rating: i.rating as 'satisfied',
            comment: String(i.comment),
            at: '2026-11-21T01:00:00.000Z',
          },
          can: none,
        }),
    })
    render(<OrderDetailPage />)
    await screen.findByText('首接负责：网格员 李志强')
    await tap(button('评价'))
    await tap(screen.getByText('提交评价'))
    await screen.findByText('请选择满意、基本满意或不满意')
    expect(calls.map((c) => c.action)).not.toContain('order.rate')
    await tap(screen.getByText('满意'))
    await type('说说您的看法（选填）', '很快就处理了')
    await tap(screen.getByText('提交评价'))
    await waitFor(() => expect(showToast).toHaveBeenCalledWith({ title: '感谢您的评价', icon: 'success' }))
    expect(calls.find((c) => c.action === 'order.rate')?.input).toEqual({
      orderId: 'wo_1',
      rating: 'satisfied',
      comment: '很快就处理了',
    })
    expect(screen.getByText('居民评价：满意（很快就处理了）')).toBeTruthy()
    expect(buttons('评价')).toHaveLength(0)
  })

  it('says until when a rated order may still be reopened, and offers it only then', async () => {
    const rated = {
      status: 'closed' as const,
      rating: { rating: 'satisfied' as const, comment: null, at: '2026-11-21T01:00:00.000Z' },
      reopenUntil: '2026-11-27T03:00:00.000Z',
    }
    api({ 'order.get': order({ ...rated, can: { ...none, reopen: true } }) })
    const { unmount } = render(<OrderDetailPage />)
    await screen.findByText('居民评价：满意')
    expect(
      screen.getByText(
        /^已评价。如问题再次出现，可在 (2026年)?11月27日 11:00 前申请重新办理，之后不能再申请。$/,
      ),
    ).toBeTruthy()
    expect(buttons('重新办理')).toHaveLength(1)
    unmount()

    api({ 'order.get': order({ ...rated, can: none }) })
    render(<OrderDetailPage />)
    await screen.findByText('居民评价：满意')
    expect(buttons('重新办理')).toHaveLength(0)
    expect(screen.queryByText(/申请重新办理/)).toBeNull()
  })

  it('validates a reply: outcome first, then what that outcome needs, before anything is sent', async () => {
    const open = order({
      status: 'in_progress',
      open: true,
      tier: 'grid',
      reply: null,
      rating: null,
      reopenUntil: null,
      can: { ...none, reply: true, escalate: true },
    })
    api({
      'order.get': open,
      'order.reply': (i: Record<string, unknown>) => ({
        ...open,
        status: 'promised',
        reply: {
          outcome: 'deadline',
          text: String(i.text),
          promisedDate: String(i.promisedDate),
          reason: null,
          to: null,
          at: '2026-11-21T01:00:00.000Z',
        },
        can: none,
      }),
    })
    render(<OrderDetailPage />)
    await tap(await screen.findByText('答复'))
    await tap(screen.getByText('提交答复'))
    await screen.findByText('请选择办理结果（当场办、限期办、解释说明或转办）')
    await tap(screen.getByText('限期办'))
    await type('答复内容', '已联系物业，三天内修好')
    await tap(screen.getByText('提交答复'))
    await screen.findByText('限期办请填写承诺办结日期')
    await type('承诺办结日期', '2020-01-01')
    await tap(screen.getByText('提交答复'))
    await screen.findByText('承诺办结日期应在今天之后，且不超过本社区规定的最长承诺期限')
    expect(calls.map((c) => c.action)).not.toContain('order.reply')
    const soon = new Date(Date.parse(`${chinaToday()}T00:00:00Z`) + 3 * 86_400_000).toISOString().slice(0, 10)
    await type('承诺办结日期', soon)
    await tap(screen.getByText('提交答复'))
    await waitFor(() =>
      expect(showToast).toHaveBeenCalledWith({ title: '已答复，居民打开小程序即可看到答复', icon: 'none' }),
    )
    // Said whether or not the resident subscribed to messages: only what is sure to happen.
    expect(screen.queryByText(/会收到通知/)).toBeNull()
    expect(calls.find((c) => c.action === 'order.reply')?.input).toEqual({
      orderId: 'wo_1',
      outcome: 'deadline',
      text: '已联系物业，三天内修好',
      promisedDate: soon,
    })
  })

  it('reply rules, outcome by outcome', () => {
    const today = '2026-11-21'
    const d = { outcome: null, text: '说明', promisedDate: '', reason: '', to: '' }
    expect(replyProblem(d, today)).toMatch(/请选择办理结果/)
    expect(replyProblem({ ...d, outcome: 'handled' }, today)).toBeNull()
    expect(replyProblem({ ...d, outcome: 'handled', text: ' ' }, today)).toMatch(/答复内容/)
    expect(replyProblem({ ...d, outcome: 'deadline', promisedDate: '2026-11-21' }, today)).toMatch(
      /最长承诺期限/,
    )
    expect(replyProblem({ ...d, outcome: 'deadline', promisedDate: '2027-03-01' }, today)).toMatch(
      /最长承诺期限/,
    )
    expect(replyProblem({ ...d, outcome: 'deadline', promisedDate: '2026-12-01' }, today)).toBeNull()
    expect(replyProblem({ ...d, outcome: 'explained' }, today)).toMatch(/原因/)
    expect(replyProblem({ ...d, outcome: 'explained', reason: '属于私人设施' }, today)).toBeNull()
    expect(replyProblem({ ...d, outcome: 'transferred' }, today)).toMatch(/承办单位/)
    expect(replyProblem({ ...d, outcome: 'transferred', to: '供电公司' }, today)).toBeNull()
  })

  it('shows a lost accept race and reloads the order', async () => {
    const fresh = order({
      status: 'submitted',
      open: true,
      tier: 'grid',
      firstReceiver: null,
      handler: null,
      reply: null,
      reopenUntil: null,
      can: { ...none, accept: true },
    })
    let gets = 0
    api({
      'order.get': () =>
        gets++ === 0 ? fresh : { ...fresh, status: 'accepted', firstReceiver: '网格员 张伟', can: none },
      'order.accept': { ok: false, error: { code: 'ORDER.ALREADY_ACCEPTED', message: 'taken' } },
    })
    render(<OrderDetailPage />)
    expect(await screen.findByText('首接负责：待接单')).toBeTruthy()
    await tap(button('接单'))
    await screen.findByText('该工单已被其他工作人员接单')
    await screen.findByText('首接负责：网格员 张伟')
  })
})

describe('grid worker inbox', () => {
  const summary = (id: string, patch: Partial<OrderSummary> = {}): OrderSummary => ({
    orderId: id,
    categoryId: 'street_light',
    categoryName: '路灯损坏',
    summary: '东门路灯不亮',
    status: 'submitted',
    open: true,
    tier: 'grid',
    placeName: '5号楼',
    submittedAt: '2026-11-20T01:00:00.000Z',
    dueAt: null,
    overdue: false,
    unnotified: false,
    held: false,
    reopened: false,
    onBehalf: false,
    photoCount: 1,
    ...patch,
  })
  const worker: Profile = {
    userId: 'w1',
    displayName: '李志强',
    roles: [{ role: 'grid_worker', scope: { streetId: 's', communityId: 'c', gridId: 'g' } }],
    household: null,
    created: false,
  }

  it('lists new / mine / overdue, flags unnotified orders, and accepts from the list', async () => {
    api({
      'me.profile': worker,
      'order.inbox': (i: Record<string, unknown>) => ({
        items:
          i.box === 'new'
            ? [summary('wo_a', { unnotified: true })]
            : i.box === 'overdue'
              ? [summary('wo_b', { overdue: true, status: 'accepted' })]
              : [],
        cursor: null,
      }),
      'order.accept': order({ orderId: 'wo_a' }),
      // The nudge after an accept failing must not fail the accept (the server's timer dispatches).
      'order.dispatch': { ok: false, error: { code: 'INTERNAL', message: 'down' } },
      'stats.rates': { ok: false, error: { code: 'AUTH.FORBIDDEN', message: 'no' } },
    })
    render(<InboxPage />)
    await screen.findByText('东门路灯不亮')
    expect(screen.getByText('未通知到网格员')).toBeTruthy()
    await tap(button('接单'))
    expect(calls.find((c) => c.action === 'order.accept')?.input).toEqual({ orderId: 'wo_a' })
    await waitFor(() => expect(showToast).toHaveBeenCalledWith({ title: '已接单', icon: 'success' }))
    expect(screen.queryByText(/^已接单/)).toBeNull()
    expect(calls.map((c) => c.action).slice(calls.findIndex((c) => c.action === 'order.accept'))).toContain(
      'order.dispatch',
    )
    expect(calls.find((c) => c.action === 'order.dispatch')?.input).toEqual({ orderId: 'wo_a' })
    expect(navigateTo).toHaveBeenCalledWith({ url: '/features/reports/pages/detail/index?id=wo_a' })
    await tap(screen.getByText('已超时'))
    await screen.findByText('已超时', { selector: '.order-flag' })
    expect(calls.filter((c) => c.action === 'order.inbox').map((c) => c.input.box)).toEqual(
      expect.arrayContaining(['new', 'overdue']),
    )
    expect(buttons('接单')).toHaveLength(0)
    await tap(screen.getByText('我在办'))
    await screen.findByText('您没有正在办理的工单。')
  })

  it('asks for a one-time subscription to new-order messages from the tap', async () => {
    subscribe.mockResolvedValue(['tmpl-order-new'])
    api({
      'me.profile': worker,
      'order.inbox': { items: [], cursor: null },
      'stats.rates': { ok: false, error: { code: 'AUTH.FORBIDDEN', message: 'no' } },
    })
    render(<InboxPage />)
    await screen.findByText('暂无待接单的工单。')
    await tap(screen.getByText('订阅新工单提醒'))
    expect(subscribe).toHaveBeenCalledWith(['tmpl-order-new'])
    await waitFor(() =>
      expect(showToast).toHaveBeenCalledWith({ title: '已订阅：下一条新工单将通过微信提醒您', icon: 'none' }),
    )
  })
})

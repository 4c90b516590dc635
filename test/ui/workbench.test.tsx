import { render, screen, within } from '@testing-library/react'

/** Taro draws `ariaRole` as `aria-role`: an element's role as the page declares it. */
const roleOf = (el: Element | null) => el?.getAttribute('aria-role')
const cellsOf = (el: HTMLElement) => [...el.querySelectorAll('[aria-role="button"]')] as HTMLElement[]
import type { Profile } from '../../src/core/me/api'
import type { WorkbenchCount, WorkbenchSummary } from '../../src/core/workbench/api'
import HomePage from '../../src/pages/home/index'
import WorkbenchPage from '../../src/features/workbench/pages/index/index'
import ErrandQueuePage from '../../src/features/errands/pages/queue/index'
import { navigateTo, removeTabBarBadge, resetTaroMock, setTabBarBadge } from '../support/taro-mock'
import { api, button, buttons, calls, fail, tap } from '../support/ui-script'

beforeEach(() => resetTaroMock())

const G = { streetId: 's', communityId: 'c', gridId: 'g' }
const profile = (roles: Profile['roles'], household: Profile['household'] = null): Profile => ({
  userId: 'u1',
  displayName: '李志强',
  roles,
  household,
  created: false,
})
const worker = profile([{ role: 'grid_worker', scope: G }])
const leader = profile([{ role: 'building_leader', scope: { ...G, buildingId: 'b' } }])
const count = (key: WorkbenchCount['key'], label: string, n: number, url: string): WorkbenchCount => ({
  key,
  label,
  count: n,
  url,
})
const summary: WorkbenchSummary = {
  desks: [
    {
      role: 'grid_worker',
      roleLabel: '网格员',
      placeName: '新华社区第1网格',
      counts: [
        count('overdue', '已超时工单', 2, '/features/reports/pages/inbox/index?box=overdue'),
        count('hazard', '安全隐患在办', 1, '/features/reports/pages/inbox/index?box=new'),
        count('new', '待接单工单', 0, '/features/reports/pages/inbox/index?box=new'),
        count('joins', '入格申请待审核', 3, '/features/grid/pages/joins/index'),
        count('signups', '今日活动待确认出勤', 4, '/features/activities/pages/manage/index?activityId=a1'),
      ],
      rates: { responseRate: 0.875, resolutionRate: 0.5, satisfactionRate: null },
    },
  ],
}

describe('workbench page', () => {
  it('shows each count as a cell that opens its list, the three rates and the quick actions', async () => {
    api({ 'me.profile': worker, 'workbench.summary': summary })
    render(<WorkbenchPage />)
    const desk = await screen.findByLabelText('网格员 · 新华社区第1网格')
    expect(roleOf(desk)).toBe('region')
    const cells = cellsOf(desk)
    expect(cells.map((c) => c.getAttribute('aria-label'))).toEqual([
      '已超时工单 2 件，查看',
      '安全隐患在办 1 件，查看',
      '待接单工单 0 件，查看',
      '入格申请待审核 3 件，查看',
      '今日活动待确认出勤 4 件，查看',
    ])
    expect(cells[0]?.className).toContain('wb-cell--waiting')
    expect(cells[2]?.className).not.toContain('wb-cell--waiting')
    await tap(cells[0] as HTMLElement)
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/features/reports/pages/inbox/index?box=overdue' })
    await tap(cells[3] as HTMLElement)
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/features/grid/pages/joins/index' })

    const rates = within(desk).getByLabelText('办理指标')
    expect(within(rates).getByText('87.5%')).toBeTruthy()
    expect(within(rates).getByText('50%')).toBeTruthy()
    expect(within(rates).getByText('—')).toBeTruthy()

    // One primary action; 签到码 opens today's activity when there is one.
    expect(document.querySelectorAll('.nut-button-primary')).toHaveLength(1)
    await tap(button('代居民登记'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/features/reports/pages/index/index?mode=intake' })
    await tap(button('核销'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/features/market/pages/verify/index' })
    await tap(button('签到码'))
    expect(navigateTo).toHaveBeenLastCalledWith({
      url: '/features/activities/pages/manage/index?activityId=a1',
    })
    expect(calls.filter((c) => c.action === 'workbench.summary').map((c) => c.input)).toEqual([{}])
  })

  it('gives a building leader joins only and no order or service actions', async () => {
    api({
      'me.profile': leader,
      'workbench.summary': {
        desks: [
          {
            role: 'building_leader',
            roleLabel: '楼栋长',
            placeName: '1号楼',
            counts: [count('joins', '入格申请待审核', 1, '/features/grid/pages/joins/index')],
            rates: { responseRate: null, resolutionRate: null, satisfactionRate: null },
          },
        ],
      },
    })
    render(<WorkbenchPage />)
    await screen.findByLabelText('楼栋长 · 1号楼')
    expect(buttons('代居民登记')).toHaveLength(0)
    expect(buttons('核销')).toHaveLength(0)
    expect(screen.queryByLabelText('常用操作')).toBeNull()
  })

  it('says why when the load fails', async () => {
    api({ 'me.profile': worker, 'workbench.summary': fail('NETWORK') })
    render(<WorkbenchPage />)
    expect(await screen.findByText('网络不太好，请稍后再试')).toBeTruthy()
  })
})

describe('home page for staff', () => {
  it('puts the workbench first, with its most urgent count, and no join prompt for staff without a home', async () => {
    api({ 'me.profile': worker, 'workbench.summary': summary })
    render(<HomePage />)
    const card = await screen.findByLabelText('工作台，已超时工单 2 件')
    expect(roleOf(card)).toBe('button')
    const first = document.querySelector('[aria-role="main"] .card')
    expect(first).toBe(card)
    expect(screen.queryByText(/您还没有加入网格/)).toBeNull()
    // Nor the 加入网格 tile: someone who works for a grid has joined it.
    await screen.findByText('一键上报')
    expect(screen.queryByText('加入网格')).toBeNull()
    await tap(card)
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/features/workbench/pages/index/index' })
  })

  it('shows everything waiting as the 首页 tab badge, and removes it when nothing waits', async () => {
    api({ 'me.profile': worker, 'workbench.summary': summary })
    render(<HomePage />)
    await screen.findByLabelText('工作台，已超时工单 2 件')
    // 2 overdue + 1 hazard + 3 joins + 4 check-ins to confirm.
    expect(setTabBarBadge).toHaveBeenLastCalledWith({ index: 0, text: '10' })
    resetTaroMock()
    const none: WorkbenchSummary = {
      desks: summary.desks.map((d) => ({ ...d, counts: d.counts.map((c) => ({ ...c, count: 0 })) })),
    }
    api({ 'me.profile': worker, 'workbench.summary': none })
    render(<HomePage />)
    await screen.findAllByLabelText('工作台，暂无待办事项')
    expect(removeTabBarBadge).toHaveBeenCalledWith({ index: 0 })
    expect(setTabBarBadge).not.toHaveBeenCalled()
  })

  it('shows a staff member who is also a resident both, staff first', async () => {
    const household = {
      path: { ...G, buildingId: 'b', unitId: 'u', householdId: 'h' },
      streetName: '东街道',
      communityName: '新华社区',
      gridName: '第1网格',
      buildingName: '1号楼',
      unitName: '1单元',
      room: '302',
    }
    api({
      'me.profile': profile(
        [
          { role: 'grid_worker', scope: G },
          { role: 'resident', scope: household.path },
        ],
        household,
      ),
      'workbench.summary': { desks: [{ ...summary.desks[0], counts: [] }] },
      'directory.card': fail('NETWORK'),
    })
    render(<HomePage />)
    const card = await screen.findByLabelText('工作台，暂无待办事项')
    const grid = await screen.findByLabelText('我的网格')
    expect(card.compareDocumentPosition(grid) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
  })

  it('shows residents no staff card and never asks for the workbench', async () => {
    api({ 'me.profile': profile([]) })
    render(<HomePage />)
    await screen.findByText(/您还没有加入网格/)
    expect(screen.queryByLabelText(/^工作台，/)).toBeNull()
    expect(calls.map((c) => c.action)).not.toContain('workbench.summary')
  })
})

describe('errand dispute queue', () => {
  it('lists the disputed and locked errands of my place, each opening its errand', async () => {
    api({
      'errand.queue': {
        items: [
          {
            errandId: 'e1',
            type: 'groceries',
            typeLabel: '代买',
            text: '帮买两斤鸡蛋',
            status: 'disputed',
            statusLabel: '有争议',
            windowStart: '2026-12-07T02:00:00.000Z',
            windowEnd: '2026-12-07T04:00:00.000Z',
            requesterName: '王**',
            buildingName: '1号楼',
            points: 5,
          },
        ],
        cursor: null,
      },
    })
    render(<ErrandQueuePage />)
    await tap(await screen.findByText('帮买两斤鸡蛋'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/features/errands/pages/detail/index?id=e1' })
    expect(calls.filter((c) => c.action === 'errand.queue').map((c) => c.input)).toEqual([{}])
  })

  it('says when nothing waits', async () => {
    api({ 'errand.queue': { items: [], cursor: null } })
    render(<ErrandQueuePage />)
    expect(await screen.findByText('没有待处理的互助纠纷。')).toBeTruthy()
  })
})

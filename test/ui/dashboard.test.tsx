import { render, screen, within } from '@testing-library/react'
import type { DashboardView } from '../../src/core/dashboard/api'
import type { DayDoc } from '../../src/core/dashboard/days'
import { dashboardOf } from '../../src/core/dashboard/view'
import type { Profile } from '../../src/core/me/api'
import DashboardPage from '../../src/features/dashboard/pages/index/index'
import { navigateTo, resetTaroMock } from '../support/taro-mock'
import { api, fail, inputs, tap } from '../support/ui-script'

beforeEach(() => resetTaroMock())

const profile = (roles: Profile['roles']): Profile => ({
  userId: 'u1',
  displayName: '张主任',
  roles,
  household: null,
  created: false,
})
const admin = profile([{ role: 'community_admin', scope: { streetId: 's', communityId: 'c' } }])
const streetAdmin = profile([{ role: 'street_admin', scope: { streetId: 's' } }])
const resident = profile([])
const worker = profile([{ role: 'grid_worker', scope: { streetId: 's', communityId: 'c', gridId: 'g1' } }])

const day = (gridId: string, o: Record<string, unknown>): DayDoc => ({
  _id: `${gridId}:2026-12-01`,
  gridId,
  communityId: 'c',
  streetId: 's',
  day: '2026-12-01',
  o,
})
const view = (level: 'community' | 'street' = 'community'): DashboardView =>
  dashboardOf({
    level,
    id: level === 'street' ? 's' : 'c',
    name: level === 'street' ? '东街道' : '新华社区',
    period: { preset: 'month', from: '2026-12-01', to: '2026-12-07' },
    grids: [
      { id: 'g1', name: '第1网格', communityId: 'c', community: level === 'street' ? '新华社区' : null },
      { id: 'g2', name: '第2网格', communityId: 'c', community: level === 'street' ? '新华社区' : null },
    ],
    days: [
      day('g1', {
        received: 4,
        acceptedOnTime: 4,
        rated: 2,
        satisfied: 1,
        unsatisfied: 1,
        open: 1,
        status: { closed: 3, submitted: 1 },
        cat: { noise: 3, other: 1 },
        tier: { grid: 4 },
      }),
      day('g2', {
        received: 2,
        acceptedOnTime: 1,
        rated: 1,
        satisfied: 1,
        open: 2,
        status: { in_progress: 2 },
        cat: { noise: 2 },
        tier: { grid: 2, community: 1 },
      }),
    ],
    categoryName: (k) => ({ noise: '噪音扰民', other: '其他' })[k] ?? k,
    wishes: null,
  })
const overdue = {
  items: [
    {
      orderId: 'wo_late',
      categoryId: 'noise',
      categoryName: '噪音扰民',
      summary: '楼上装修到深夜',
      status: 'accepted',
      open: true,
      tier: 'grid',
      placeName: '3号楼',
      submittedAt: '2026-12-01T02:00:00.000Z',
      dueAt: '2026-12-02T02:00:00.000Z',
      overdue: true,
      unnotified: false,
      held: false,
      reopened: false,
      onBehalf: false,
      photoCount: 0,
    },
  ],
  cursor: null,
}
const queue = (input: Record<string, unknown>) =>
  input.box === 'overdue' ? overdue : { items: [], cursor: null }

describe('dashboard page', () => {
  it('says the period in a sentence, draws each chart with a table behind it, and links the overdue order', async () => {
    api({ 'me.profile': admin, 'dashboard.community': view(), 'order.queue': queue })
    render(<DashboardPage />)
    expect(
      await screen.findByText(
        '12月1日–12月7日，新华社区共收到诉求 6 件，响应率 83%，解决率 0%，满意率 67%；仍在办理 3 件；最多的是噪音扰民（5 件）。',
      ),
    ).toBeTruthy()
    expect(inputs('dashboard.community')).toEqual([{ communityId: 'c', period: 'month' }])

    const status = screen.getByLabelText('办理状态')
    expect(within(status).getByText('共 6 件：待接单 1 件、办理中 2 件、已办结 3 件。')).toBeTruthy()
    await tap(within(status).getByLabelText('办理状态：看表格'))
    const table = within(status).getByLabelText('办理状态（表格）')
    expect([...table.querySelectorAll('[aria-role="row"]')].map((r) => r.textContent)).toEqual([
      '状态数量（件）',
      '待接单1',
      '已接单0',
      '办理中2',
      '限期办理0',
      '已答复0',
      '督办中0',
      '已办结3',
    ])

    await screen.findByText('噪音扰民 · 3号楼')
    await tap(screen.getByText('噪音扰民 · 3号楼'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/features/reports/pages/detail/index?id=wo_late' })
    expect(screen.getByText('没有待督办的不满意评价。')).toBeTruthy()
  })

  it('sorts the league by the column chosen, each rate with its grade in words', async () => {
    api({ 'me.profile': admin, 'dashboard.community': view(), 'order.queue': queue })
    render(<DashboardPage />)
    const league = await screen.findByLabelText('网格排名')
    const order = () =>
      [...league.querySelectorAll('[aria-role="listitem"]')].map((r) => r.textContent?.slice(0, 7))
    expect(order()).toEqual(['1. 第1网格', '2. 第2网格']) // 响应率 100% before 50%
    expect(within(league).getByLabelText('第1网格 响应率 100%，良好')).toBeTruthy()
    expect(within(league).getByLabelText('第2网格 响应率 50%，需关注')).toBeTruthy()
    const tab = [...league.querySelectorAll('[aria-role="radio"]')].find((t) => t.textContent === '满意率')
    await tap(tab as Element)
    expect(order()).toEqual(['1. 第2网格', '2. 第1网格']) // 100% before 50%
  })

  it('asks again for the period chosen, and says what is wrong with a bad one', async () => {
    api({
      'me.profile': admin,
      'dashboard.community': (input: Record<string, unknown>) =>
        input.period === 'custom' ? fail('DASHBOARD.BAD_PERIOD') : view(),
      'order.queue': queue,
    })
    render(<DashboardPage />)
    await screen.findByLabelText('网格排名')
    await tap(screen.getByText('本周'))
    expect(inputs('dashboard.community').at(-1)).toEqual({ communityId: 'c', period: 'week' })
    await tap(screen.getByText('自定义'))
    expect(await screen.findByText('时间范围有误：开始不晚于结束，不晚于今天，最长一年')).toBeTruthy()
  })

  it('gives a street admin the street, and a way into each community', async () => {
    api({ 'me.profile': streetAdmin, 'dashboard.street': view('street'), 'order.queue': queue })
    render(<DashboardPage />)
    const communities = await screen.findByLabelText('各社区看板')
    expect(inputs('dashboard.street')).toEqual([{ streetId: 's', period: 'month' }])
    await tap(within(communities).getByText('新华社区'))
    expect(navigateTo).toHaveBeenLastCalledWith({
      url: '/features/dashboard/pages/index/index?level=community&id=c',
    })
  })

  it('gives a grid worker their grid: no queue lists, no league', async () => {
    api({ 'me.profile': worker, 'dashboard.grid': { ...view(), level: 'grid', id: 'g1', name: '第1网格' } })
    render(<DashboardPage />)
    await screen.findByLabelText('互助与志愿')
    expect(inputs('dashboard.grid')).toEqual([{ gridId: 'g1', period: 'month' }])
    expect(screen.queryByLabelText('网格排名')).toBeNull()
    expect(screen.queryByLabelText('超时未办')).toBeNull()
  })

  it('opens a grid’s own dashboard from its league row', async () => {
    api({ 'me.profile': admin, 'dashboard.community': view(), 'order.queue': queue })
    render(<DashboardPage />)
    await tap(await screen.findByLabelText('1. 第1网格，查看这个网格的看板'))
    expect(navigateTo).toHaveBeenLastCalledWith({
      url: '/features/dashboard/pages/index/index?level=grid&id=g1',
    })
  })

  it('turns a resident away with a plain page', async () => {
    api({ 'me.profile': resident })
    render(<DashboardPage />)
    expect(await screen.findByText('此页面仅供工作人员使用')).toBeTruthy()
  })
})

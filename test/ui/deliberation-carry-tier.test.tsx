// 民办 "to the right tier" on the carry-out form: who does each work order (网格 by default, 社区 or
// 街道 when the caller may file there), as big choices, against scripted answers of the api function.
import { act, render, screen } from '@testing-library/react'
import type { WorkOptions } from '../../src/core/deliberation/carry-api'
import TopicPage from '../../src/features/deliberation/pages/topic/index'
import { setElderMode } from '../../src/hooks/elder-mode'
import { resetTaroMock, router } from '../support/taro-mock'
import { api, button, inputs, tap, type } from '../support/ui-script'
import { noMoves, radio, topicDetail } from './deliberation-fixtures'

beforeEach(() => {
  resetTaroMock()
  setElderMode(false)
  router.params = { id: 'tp1' }
})
afterAll(() => setElderMode(false))

const doing = topicDetail({
  status: 'doing',
  statusLabel: '实施中',
  work: {
    plan: '街道出资安装充电桩',
    responsible: '社区张主任',
    items: [],
    done: 0,
    total: 0,
    percent: 0,
    photos: [],
  },
  can: { ...noMoves, moves: ['add_work'], carry: true },
})
const options = (tiers: WorkOptions['tiers']): WorkOptions => ({
  categories: [
    { id: 'suggestion', name: '意见建议' },
    { id: 'street_light', name: '路灯不亮' },
  ],
  activities: [],
  tiers,
})
const open = async (tiers: WorkOptions['tiers']) => {
  api({
    'comment.list': { items: [], cursor: null, canPost: false },
    'meeting.list': { items: [], canSchedule: false },
    'topic.get': doing,
    'topic.workOptions': options(tiers),
    'topic.carry': doing,
  })
  await act(async () => {
    render(<TopicPage />)
  })
  await tap(button('增加实施工作'))
}
const choices = (label: string) =>
  [...(screen.getByLabelText(label).querySelectorAll('[aria-role="radio"]') as NodeListOf<Element>)].map(
    (el) => `${el.textContent}${el.getAttribute('aria-checked') === 'true' ? ' ✓' : ''}`,
  )

describe('民办: which tier does each work order', () => {
  it('a community admin: 网格 (chosen) or 社区, never 街道; each line its own', async () => {
    await open(['grid', 'community'])
    expect(choices('工单 1 由谁办理')).toEqual(['网格 ✓', '社区'])
    await tap(radio('意见建议'))
    await type('工单 1 要做什么', '协调供电公司增容')
    const [community] = [
      ...screen.getByLabelText('工单 1 由谁办理').querySelectorAll('[aria-role="radio"]'),
    ].filter((el) => el.textContent === '社区')
    await tap(community as Element)
    expect(choices('工单 1 由谁办理')).toEqual(['网格', '社区 ✓'])
    await tap(button('再加一张工单'))
    expect(choices('工单 2 由谁办理')).toEqual(['网格 ✓', '社区'])
    const light = [...screen.getByLabelText('工单 2 的类别').querySelectorAll('[aria-role="radio"]')].find(
      (el) => el.textContent === '路灯不亮',
    )
    await tap(light as Element)
    await type('工单 2 要做什么', '充电区加装照明')
    await tap(button('提交'))
    expect(inputs('topic.carry')).toEqual([
      {
        topicId: 'tp1',
        requestId: expect.any(String),
        orders: [
          { category: 'suggestion', text: '协调供电公司增容', tier: 'community' },
          { category: 'street_light', text: '充电区加装照明' },
        ],
        activityIds: [],
      },
    ])
  })

  it('a street admin may choose 街道', async () => {
    await open(['grid', 'community', 'street'])
    expect(choices('工单 1 由谁办理')).toEqual(['网格 ✓', '社区', '街道'])
  })

  it('a grid worker has nothing to choose: the grid does it', async () => {
    await open(['grid'])
    expect(screen.queryByLabelText('工单 1 由谁办理')).toBeNull()
    await tap(radio('意见建议'))
    await type('工单 1 要做什么', '楼道灯更换')
    await tap(button('提交'))
    expect(inputs('topic.carry')[0]).toMatchObject({
      orders: [{ category: 'suggestion', text: '楼道灯更换' }],
    })
  })

  it('in elder mode: the choices are the big buttons elder mode enlarges, their label body text', async () => {
    setElderMode(true)
    await open(['grid', 'community'])
    expect(screen.getByLabelText('议题详情').className).toMatch(/\belder\b/)
    const group = screen.getByLabelText('工单 1 由谁办理')
    expect(group.getAttribute('aria-role')).toBe('radiogroup')
    // app.scss: in `.page.elder`, .t-body is 24px (18pt) and .btn at least 64×64.
    expect(group.querySelector('taro-text-core')?.className).toMatch(/\bt-body\b/)
    for (const b of group.querySelectorAll('[aria-role="radio"]')) expect(b.className).toMatch(/\bbtn\b/)
  })
})

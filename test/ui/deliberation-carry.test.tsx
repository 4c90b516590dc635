// 民办 and 民评 on the topic page, the hall's steps and counters, and the link back from a work order,
// against scripted answers of the api function.
import { act, render, screen } from '@testing-library/react'
import type { TopicDetail } from '../../src/core/deliberation/api'
import type { EvaluationView, WorkView } from '../../src/core/deliberation/carry-api'
import HallPage from '../../src/features/deliberation/pages/index/index'
import SettingsPage from '../../src/features/deliberation/pages/settings/index'
import TopicPage from '../../src/features/deliberation/pages/topic/index'
import { navigateTo, resetTaroMock, router, showToast } from '../support/taro-mock'
import { api, button, buttons, fail, inputs, tap, type } from '../support/ui-script'
import { noMoves, radio, topicDetail } from './deliberation-fixtures'

beforeEach(() => {
  resetTaroMock()
  router.params = { id: 'tp1' }
})

const quiet = {
  'comment.list': { items: [], cursor: null, canPost: false },
  'meeting.list': { items: [], canSchedule: false },
}
const decided = topicDetail({
  status: 'decided',
  statusLabel: '已形成决议',
  decision: '同意在3号楼东侧安装充电桩',
  can: { ...noMoves, moves: ['carry'], carry: true },
})
const work: WorkView = {
  plan: '在3号楼东侧安装 10 个充电口',
  responsible: '张网格、物业李经理',
  items: [
    { kind: 'order', id: 'wo1', title: '安全隐患', state: '已办结', done: true, counted: true },
    {
      kind: 'activity',
      id: 'ac1',
      title: '充电安全宣传',
      state: '未开始或进行中',
      done: false,
      counted: true,
    },
  ],
  done: 1,
  total: 2,
  percent: 50,
  photos: [],
}
const options = {
  categories: [
    { id: 'safety', name: '安全隐患' },
    { id: 'street_light', name: '路灯不亮' },
  ],
  activities: [{ id: 'ac1', title: '充电安全宣传', startAt: '2026-12-12T02:00:00.000Z' }],
}

describe('民办: staff carry a decision out', () => {
  it('asks for the plan and who is responsible, then files the orders and links the activity once', async () => {
    api({
      ...quiet,
      'topic.get': decided,
      'topic.workOptions': options,
      'topic.carry': topicDetail({ status: 'doing', statusLabel: '实施中', work }),
    })
    await act(async () => {
      render(<TopicPage />)
    })
    await tap(button('安排实施'))
    await tap(button('开始实施'))
    expect(screen.getByText('请填写实施方案和责任人（会公示给居民）')).toBeTruthy()
    await type('实施方案', '在3号楼东侧安装 10 个充电口', 'taro-textarea-core')
    await type('责任人', '张网格、物业李经理')
    await type('工单 1 要做什么', '拆除飞线，安装充电桩')
    await tap(button('开始实施'))
    expect(screen.getByText('请为每张工单选择类别并填写内容')).toBeTruthy()
    await tap(radio('安全隐患'))
    const activity = [...document.querySelectorAll('[aria-role="checkbox"]')].find((el) =>
      el.textContent?.startsWith('充电安全宣传 · '),
    )
    await tap(activity as Element)
    expect(activity?.getAttribute('aria-checked')).toBe('true')
    await tap(button('开始实施'))
    expect(inputs('topic.carry')).toEqual([
      {
        topicId: 'tp1',
        requestId: expect.any(String),
        plan: '在3号楼东侧安装 10 个充电口',
        responsible: '张网格、物业李经理',
        orders: [{ category: 'safety', text: '拆除飞线，安装充电桩' }],
        activityIds: ['ac1'],
      },
    ])
    expect(showToast).toHaveBeenCalledWith({ title: '已开始实施', icon: 'success' })
    // The 公示: progress from the items, each opening its page.
    expect(screen.getByText('已完成 1/2 项，50%')).toBeTruthy()
    await tap(screen.getByLabelText('工单：安全隐患，已办结'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/features/reports/pages/detail/index?id=wo1' })
  })

  it('says why the work was refused', async () => {
    api({
      ...quiet,
      'topic.get': topicDetail({
        status: 'doing',
        statusLabel: '实施中',
        work,
        can: { ...noMoves, moves: ['add_work'], carry: true },
      }),
      'topic.workOptions': options,
      'topic.carry': fail('DELIBERATION.BAD_WORK'),
    })
    await act(async () => {
      render(<TopicPage />)
    })
    await tap(button('增加实施工作'))
    expect(buttons('开始实施')).toHaveLength(0)
    await tap(radio('路灯不亮'))
    await type('工单 1 要做什么', '充电区加装照明')
    await tap(button('提交'))
    expect(inputs('topic.carry')[0]).not.toHaveProperty('plan')
    expect(screen.getByText('请检查实施工作：至少一项，且最多 12 项')).toBeTruthy()
  })
})

describe('民评: a household rates the outcome', () => {
  const evaluation = (over: Partial<EvaluationView> = {}): EvaluationView => ({
    round: 1,
    open: true,
    closesAt: '2026-12-14T02:00:00.000Z',
    result: null,
    mine: null,
    comments: [],
    ...over,
  })
  const evaluating = (over: Partial<TopicDetail> = {}) =>
    topicDetail({ status: 'evaluating', statusLabel: '评价中', work, evaluation: evaluation(), ...over })

  it('with one big button, a few words optional', async () => {
    api({
      ...quiet,
      'topic.get': evaluating({ can: { ...noMoves, rate: true } }),
      'topic.rate': { topicId: 'tp1', rating: 'basically', replaced: false },
    })
    await act(async () => {
      render(<TopicPage />)
    })
    expect(screen.getByText('您对办理结果满意吗？')).toBeTruthy()
    await type('想说的话', '灯还差一盏', 'taro-textarea-core')
    await tap(button('基本满意'))
    expect(inputs('topic.rate')).toEqual([{ topicId: 'tp1', rating: 'basically', comment: '灯还差一盏' }])
    expect(showToast).toHaveBeenCalledWith({ title: '已评价', icon: 'success' })
  })

  it('shows the count once closed, and staff read the comments without names', async () => {
    api({
      ...quiet,
      'topic.get': evaluating({
        status: 'evaluated',
        statusLabel: '已办结',
        evaluation: evaluation({
          open: false,
          mine: 'satisfied',
          comments: ['通了，谢谢'],
          result: {
            rated: 3,
            satisfied: 2,
            basically: 1,
            unsatisfied: 0,
            reopened: false,
            sentence: '3 户参与评价：满意 2、基本满意 1、不满意 0。议题办结。',
          },
        }),
      }),
    })
    await act(async () => {
      render(<TopicPage />)
    })
    expect(buttons('满意')).toHaveLength(0)
    expect(screen.getByText('您家的评价：满意')).toBeTruthy()
    expect(screen.getByText('3 户参与评价：满意 2、基本满意 1、不满意 0。议题办结。')).toBeTruthy()
    expect(screen.getByText('通了，谢谢')).toBeTruthy()
  })
})

describe('议事厅: the five steps and the counters', () => {
  it('a tab keeps one step; staff see the counters', async () => {
    router.params = { gridId: 'g1' }
    api({
      'topic.list': {
        gridId: 'g1',
        communityId: 'c1',
        staff: true,
        canPropose: false,
        items: [],
        cursor: null,
      },
      'topic.stats': {
        level: 'grid',
        placeId: 'g1',
        raised: 12,
        confirmed: 8,
        decided: 6,
        done: 4,
        evaluated: 3,
        reopened: 1,
        votes: 3,
        electorate: 120,
        participated: 80,
        rated: 40,
        satisfied: 30,
        basically: 6,
        unsatisfied: 4,
        participation: 67,
        satisfaction: 90,
      },
    })
    await act(async () => {
      render(<HallPage />)
    })
    expect(inputs('topic.stats')).toEqual([{ gridId: 'g1' }])
    expect(screen.getByLabelText('满意率 90%')).toBeTruthy()
    await tap(screen.getByText('民办实施'))
    expect(inputs('topic.list')).toEqual([{ gridId: 'g1' }, { gridId: 'g1', step: 'do' }])
    expect(screen.getByText('“民办实施”中暂无议题')).toBeTruthy()
  })

  it('residents see no counters', async () => {
    router.params = {}
    api({
      'topic.list': {
        gridId: 'g1',
        communityId: 'c1',
        staff: false,
        canPropose: true,
        items: [],
        cursor: null,
      },
    })
    await act(async () => {
      render(<HallPage />)
    })
    expect(inputs('topic.stats')).toEqual([])
    expect(buttons('提出议题')).toHaveLength(1)
  })
})

describe('议事设置', () => {
  it('a community admin reaches it from the hall and saves the thresholds, each checked first', async () => {
    router.params = { communityId: 'c1' }
    api({
      'topic.list': {
        gridId: null,
        communityId: 'c1',
        staff: true,
        canConfigure: true,
        canPropose: false,
        items: [],
        cursor: null,
      },
      'topic.stats': fail('AUTH.FORBIDDEN'),
    })
    await act(async () => {
      render(<HallPage />)
    })
    await tap(screen.getByLabelText('议事设置'))
    expect(navigateTo).toHaveBeenCalledWith({
      url: '/features/deliberation/pages/settings/index?communityId=c1',
    })
  })

  it('saves within the bounds, and names a value out of them', async () => {
    router.params = { communityId: 'c1' }
    api({
      'deliberation.config': { supportPct: 10, evaluationDays: 7, reopenPct: 30 },
      'deliberation.configure': { supportPct: 30, evaluationDays: 7, reopenPct: 30 },
    })
    await act(async () => {
      render(<SettingsPage />)
    })
    await type('立项所需支持户数比例（%）', '60')
    await tap(button('保存'))
    expect(screen.getByText('立项所需支持户数比例应为 1–50 的整数')).toBeTruthy()
    expect(inputs('deliberation.configure')).toEqual([])
    await type('立项所需支持户数比例（%）', '30')
    await tap(button('保存'))
    expect(inputs('deliberation.configure')).toEqual([
      { communityId: 'c1', supportPct: 30, evaluationDays: 7, reopenPct: 30 },
    ])
    expect(showToast).toHaveBeenCalledWith({ title: '已保存', icon: 'success' })
  })
})

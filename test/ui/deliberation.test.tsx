// The deliberation pages (议事厅, 议题详情, 提出议题) against scripted answers of the api function.
import { act, render, screen } from '@testing-library/react'
import type { TopicDetail } from '../../src/core/deliberation/api'
import HallPage from '../../src/features/deliberation/pages/index/index'
import ProposePage from '../../src/features/deliberation/pages/propose/index'
import TopicPage from '../../src/features/deliberation/pages/topic/index'
import { navigateTo, redirectTo, resetTaroMock, router } from '../support/taro-mock'
import { api, button, buttons, fail, inputs, tap, type } from '../support/ui-script'
import { noMoves, radio, topicDetail } from './deliberation-fixtures'

beforeEach(() => resetTaroMock())

const card = {
  id: 'tp1',
  title: '在3号楼旁安装充电桩',
  status: 'proposed' as const,
  statusLabel: '征集支持',
  placeName: '新华社区第1网格',
  supports: 2,
  threshold: 5,
  createdAt: '2026-12-07T02:00:00.000Z',
}
const topic = (over: Partial<TopicDetail> = {}): TopicDetail =>
  topicDetail({
    timeline: [{ at: '2026-12-07T02:00:00.000Z', what: '提出议题', byName: '王**', note: null }],
    can: { ...noMoves, support: true },
    ...over,
  })
const voting = topic({
  status: 'voting',
  statusLabel: '投票中',
  vote: {
    rule: 'residents_meeting',
    ruleLabel: '居民会议规则',
    ruleSentence: '本网格 48 户中过半数户参加投票，且参加户中过半数同意，即为通过。每户一票。',
    opensAt: '2026-12-07T02:00:00.000Z',
    closesAt: '2026-12-10T02:00:00.000Z',
    electorate: 48,
    participated: 12,
    open: true,
    options: null,
    major: false,
    area: null,
  },
  can: { ...noMoves, vote: true },
})

describe('议事厅', () => {
  it('lists the grid’s topics with how far each got, and offers a resident to raise one', async () => {
    api({ 'topic.list': { gridId: 'g1', canPropose: true, items: [card], cursor: null } })
    await act(async () => {
      render(<HallPage />)
    })
    expect(screen.getByText('在3号楼旁安装充电桩')).toBeTruthy()
    expect(screen.getByText('已有 2 户支持，5 户即可立项')).toBeTruthy()
    await tap(button('提出议题'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/features/deliberation/pages/propose/index' })
  })

  it('staff see a grid’s hall without the propose button', async () => {
    router.params = { gridId: 'g1' }
    api({
      'topic.list': {
        gridId: 'g1',
        communityId: 'c1',
        staff: true,
        canConfigure: false,
        canPropose: false,
        items: [],
        cursor: null,
      },
      'topic.stats': fail('AUTH.FORBIDDEN'),
    })
    await act(async () => {
      render(<HallPage />)
    })
    expect(inputs('topic.list')).toEqual([{ gridId: 'g1' }])
    expect(buttons('提出议题')).toHaveLength(0)
    expect(screen.getByText('还没有议题，欢迎提出第一个')).toBeTruthy()
  })
})

describe('提出议题', () => {
  it('names the missing fields, then proposes once per draft and opens the topic', async () => {
    api({ 'topic.propose': topic() })
    await act(async () => {
      render(<ProposePage />)
    })
    await tap(button('提交议题'))
    expect(screen.getByText('请填写议题标题')).toBeTruthy()
    expect(screen.getByText('请说明是什么事、为什么要议')).toBeTruthy()
    expect(inputs('topic.propose')).toEqual([])
    await type('议题标题', '在3号楼旁安装充电桩')
    await type('说明', '飞线充电太危险', 'taro-textarea-core')
    await tap(button('提交议题'))
    expect(inputs('topic.propose')).toEqual([
      { requestId: expect.any(String), title: '在3号楼旁安装充电桩', text: '飞线充电太危险' },
    ])
    expect(redirectTo).toHaveBeenCalledWith({ url: '/features/deliberation/pages/topic/index?id=tp1' })
  })

  it('says why a risky text was refused', async () => {
    api({ 'topic.propose': fail('CONTENT.RISKY') })
    await act(async () => {
      render(<ProposePage />)
    })
    await type('议题标题', '标题')
    await type('说明', '内容', 'taro-textarea-core')
    await tap(button('提交议题'))
    expect(screen.getByText('内容含有不当信息，请修改后再提交')).toBeTruthy()
  })
})

describe('议题详情', () => {
  it('a resident supports it', async () => {
    router.params = { id: 'tp1' }
    api({
      'topic.get': topic(),
      'topic.support': topic({
        supports: 3,
        supported: true,
        can: noMoves,
      }),
    })
    await act(async () => {
      render(<TopicPage />)
    })
    expect(screen.getByText(/本网格 48 户中 5 户支持即可立项/)).toBeTruthy()
    await tap(button('支持这个议题'))
    expect(inputs('topic.support')).toEqual([{ topicId: 'tp1' }])
    expect(screen.getByText(/（您家已支持）/)).toBeTruthy()
  })

  it('the ballot: the rule in one sentence and three big choices; the household’s ballot shown', async () => {
    router.params = { id: 'tp1' }
    api({
      'topic.get': voting,
      'ballot.cast': { topicId: 'tp1', choice: 'yes', replaced: false, participated: 13 },
    })
    await act(async () => {
      render(<TopicPage />)
    })
    expect(screen.getByText(voting.vote!.ruleSentence)).toBeTruthy()
    for (const c of ['同意', '不同意', '弃权']) expect(buttons(c)).toHaveLength(1)
    await tap(button('同意'))
    expect(inputs('ballot.cast')).toEqual([{ topicId: 'tp1', choice: 'yes' }])
    expect(inputs('topic.get')).toHaveLength(2)
  })

  it('staff get the moves the machine allows; a rejection needs its public reason', async () => {
    router.params = { id: 'tp1' }
    api({
      'topic.get': topic({
        can: { ...noMoves, moves: ['confirm', 'reject'] },
      }),
      'topic.move': (input: Record<string, unknown>) =>
        topic({
          status: 'rejected',
          statusLabel: '未立项',
          reason: String(input.reason),
          can: noMoves,
        }),
    })
    await act(async () => {
      render(<TopicPage />)
    })
    expect(buttons('立项')).toHaveLength(1)
    await tap(button('不予立项'))
    await tap(button('确定'))
    expect(screen.getByText('请写明不予立项的理由（会公开）')).toBeTruthy()
    await type('理由', '属于物业职责', 'taro-textarea-core')
    await tap(button('确定'))
    expect(inputs('topic.move')).toEqual([{ topicId: 'tp1', move: 'reject', reason: '属于物业职责' }])
    expect(screen.getByText('不予立项的理由：属于物业职责')).toBeTruthy()
  })

  it('shows the published result as counts', async () => {
    router.params = { id: 'tp1' }
    api({
      'topic.get': topic({
        status: 'decided',
        statusLabel: '已形成决议',
        can: noMoves,
        result: {
          participated: 30,
          electorate: 48,
          yes: 20,
          no: 8,
          abstain: 2,
          byChannel: { app: 27, paper: 2, proxy: 1 },
          quorumMet: true,
          passed: true,
          options: null,
          adopted: null,
          area: null,
          sentence: '48 户中 30 户参加（63%），同意 20、不同意 8、弃权 2。表决通过。',
        },
      }),
    })
    await act(async () => {
      render(<TopicPage />)
    })
    expect(screen.getByText('48 户中 30 户参加（63%），同意 20、不同意 8、弃权 2。表决通过。')).toBeTruthy()
    expect(screen.getByText('其中手机投票 27 户、纸质票 2 户、代投 1 户')).toBeTruthy()
  })
})

describe('录入纸质票或代投', () => {
  it('staff name the household by building, unit and room; a proxy ballot needs the consent', async () => {
    router.params = { id: 'tp1' }
    api({
      'topic.get': {
        ...voting,
        can: { ...noMoves, enter: true },
      },
      'join.options': (input: Record<string, unknown>) =>
        input.level === 'building' ? [{ id: 'b1', name: '1号楼' }] : [{ id: 'u1', name: '1单元' }],
      'ballot.cast': { topicId: 'tp1', choice: 'no', replaced: false, participated: 13 },
    })
    await act(async () => {
      render(<TopicPage />)
    })
    await tap(button('录入纸质票或代投'))
    expect(inputs('join.options')).toEqual([{ level: 'building', parentId: 'g1' }])
    await tap(radio('1号楼'))
    await tap(radio('1单元'))
    await type('房号', '302')
    await tap(radio('不同意'))
    await tap(radio('代投（居民本人同意）'))
    await tap(button('录入'))
    expect(screen.getByText('代投需要居民本人同意，请先确认')).toBeTruthy()
    expect(inputs('ballot.cast')).toEqual([])
    await tap(radio('居民本人同意，由我代为投票'))
    await tap(button('录入'))
    expect(inputs('ballot.cast')).toEqual([
      { topicId: 'tp1', choice: 'no', channel: 'proxy', unitId: 'u1', room: '302', consent: true },
    ])
  })
})

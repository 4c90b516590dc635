// The topic page's vote parts with options and the owners' decision (业主共同决定), against scripted answers.
import { act, render, screen } from '@testing-library/react'
import type { TopicDetail } from '../../src/core/deliberation/api'
import TopicPage from '../../src/features/deliberation/pages/topic/index'
import { resetTaroMock, router, showToast } from '../support/taro-mock'
import { api, button, buttons, inputs, tap, type } from '../support/ui-script'
import { noMoves, radio, topicDetail } from './deliberation-fixtures'

beforeEach(() => {
  resetTaroMock()
  router.params = { id: 'tp1' }
})

const OPTIONS = ['充电桩装在3号楼东侧', '5号楼北侧']
const none = noMoves

const topic = (over: Partial<TopicDetail> = {}): TopicDetail =>
  topicDetail({ title: '充电桩装在哪里', status: 'confirmed', statusLabel: '已立项', supports: 5, ...over })
const vote = {
  rule: 'simple' as const,
  ruleLabel: '简单多数',
  ruleSentence:
    '本网格 48 户中至少 30% 的户参加投票，得票最多的方案即选定（并列第一则不选定）。每户选一个方案或弃权。',
  opensAt: '2026-12-07T02:00:00.000Z',
  closesAt: '2026-12-10T02:00:00.000Z',
  electorate: 48,
  participated: 12,
  open: true,
  options: OPTIONS,
  major: false,
  area: null,
}
const voting = (over: Partial<TopicDetail> = {}) =>
  topic({ status: 'voting', statusLabel: '投票中', vote, can: { ...none, vote: true }, ...over })

const show = async () => {
  await act(async () => {
    render(<TopicPage />)
  })
}

describe('an option ballot', () => {
  it('shows the rule in one sentence above one big button per option and 弃权; a tap sends the option', async () => {
    api({
      'topic.get': voting(),
      'ballot.cast': { topicId: 'tp1', choice: 1, replaced: false, participated: 13 },
    })
    await show()
    expect(screen.getByText(vote.ruleSentence)).toBeTruthy()
    for (const c of [...OPTIONS, '弃权']) expect(buttons(c)).toHaveLength(1)
    expect(buttons('同意')).toHaveLength(0)
    await tap(button('5号楼北侧'))
    await tap(button('弃权'))
    expect(inputs('ballot.cast')).toEqual([
      { topicId: 'tp1', option: 1 },
      { topicId: 'tp1', choice: 'abstain' },
    ])
  })

  it('names the household’s option', async () => {
    api({ 'topic.get': voting({ myBallot: 0 }) })
    await show()
    expect(screen.getByText('您家已投：充电桩装在3号楼东侧（截止前可以更改）')).toBeTruthy()
  })

  it('staff enter a paper ballot with an option', async () => {
    api({
      'topic.get': voting({ can: { ...none, enter: true } }),
      'join.options': (input: Record<string, unknown>) =>
        input.level === 'building' ? [{ id: 'b1', name: '1号楼' }] : [{ id: 'u1', name: '1单元' }],
      'ballot.cast': { topicId: 'tp1', choice: 1, replaced: true, participated: 13 },
    })
    await show()
    await tap(button('录入纸质票或代投'))
    await tap(radio('1号楼'))
    await tap(radio('1单元'))
    await type('房号', '302')
    expect(radio('弃权')).toBeTruthy()
    await tap(radio('5号楼北侧'))
    await tap(button('录入'))
    expect(inputs('ballot.cast')).toEqual([
      { topicId: 'tp1', option: 1, channel: 'paper', unitId: 'u1', room: '302' },
    ])
  })

  it('shows the result as counts per option, the adopted one marked', async () => {
    api({
      'topic.get': topic({
        status: 'decided',
        statusLabel: '已形成决议',
        result: {
          participated: 30,
          electorate: 48,
          yes: 0,
          no: 0,
          abstain: 3,
          byChannel: { app: 28, paper: 2, proxy: 0 },
          quorumMet: true,
          passed: true,
          options: [
            { text: OPTIONS[0]!, votes: 18 },
            { text: OPTIONS[1]!, votes: 9 },
          ],
          adopted: 0,
          area: null,
          sentence:
            '48 户中 30 户参加（63%），“充电桩装在3号楼东侧”18 票、“5号楼北侧”9 票、弃权 3。选定“充电桩装在3号楼东侧”。',
        },
      }),
    })
    await show()
    expect(screen.getByText('充电桩装在3号楼东侧：18 票（选定）')).toBeTruthy()
    expect(screen.getByText('5号楼北侧：9 票')).toBeTruthy()
    expect(screen.getByText('弃权：3 户')).toBeTruthy()
  })
})

describe('opening a vote', () => {
  const staff = () => topic({ can: { ...none, moves: ['open_vote'] } })

  it('with options: lines added and removed, empty lines refused, the options sent', async () => {
    api({ 'topic.get': staff(), 'topic.openVote': voting() })
    await show()
    await tap(button('发起每户投票'))
    await tap(radio('简单多数：30% 的户参加，多数决定'))
    await tap(radio('从 2–6 个方案中选一个'))
    await tap(button('添加方案'))
    await type('方案 1', ' 充电桩装在3号楼东侧 ')
    await type('方案 2', '5号楼北侧')
    await tap(button('发起投票'))
    expect(screen.getByText('请填写每个方案，方案不能重复')).toBeTruthy()
    expect(inputs('topic.openVote')).toEqual([])
    await tap(button('删除方案 3'))
    expect(buttons('删除方案 1')).toHaveLength(0)
    await tap(button('发起投票'))
    expect(inputs('topic.openVote')).toEqual([
      {
        topicId: 'tp1',
        rule: 'simple',
        quorumPct: 30,
        options: OPTIONS,
        opensAt: expect.any(String),
        closesAt: expect.any(String),
      },
    ])
  })

  it('starts from the options a held meeting came to', async () => {
    api({
      'topic.get': staff(),
      'topic.openVote': voting(),
      'meeting.list': {
        canSchedule: true,
        items: [
          {
            id: 'mt1',
            topicId: 'tp1',
            title: '充电桩装在哪里',
            place: '社区党群服务中心',
            startsAt: '2026-12-10T11:00:00.000Z',
            status: 'held',
            statusLabel: '已召开',
            options: OPTIONS,
          },
        ],
      },
    })
    await show()
    await act(async () => {
      await tap(button('发起每户投票'))
    })
    expect(screen.getByText('已按 12月10日 19:00 议事会形成的方案填好，可以修改')).toBeTruthy()
    await tap(button('发起投票'))
    expect(inputs('topic.openVote')[0]).toMatchObject({ rule: 'residents_meeting', options: OPTIONS })
  })

  it('业主共同决定: yes/no only, the major-matter switch, areas recorded first; a refusal says why', async () => {
    api({
      'topic.get': staff(),
      'topic.openVote': {
        ok: false,
        error: { code: 'DELIBERATION.NO_AREA', message: '…', details: [{ path: 'missing', message: '3' }] },
      },
      'join.options': (input: Record<string, unknown>) =>
        input.level === 'building' ? [{ id: 'b1', name: '1号楼' }] : [{ id: 'u1', name: '1单元' }],
      'household.setArea': { room: '302', area: 88.5 },
    })
    await show()
    await tap(button('发起每户投票'))
    await tap(radio('业主共同决定：三分之二的户数和面积参加，按户数和面积表决'))
    expect(document.querySelector('[aria-label="表决方式"]')).toBeNull()
    await tap(radio('重大事项（使用维修资金、改建重建等）：均四分之三以上同意'))
    await tap(button('登记住户面积'))
    await tap(radio('1号楼'))
    await tap(radio('1单元'))
    await type('房号', '302')
    await type('建筑面积（平方米）', '88.5')
    await tap(button('登记面积'))
    expect(inputs('household.setArea')).toEqual([{ unitId: 'u1', room: '302', area: 88.5 }])
    expect(showToast).toHaveBeenCalledWith({ title: '已登记 302 室：88.5 平方米', icon: 'none' })
    await tap(button('发起投票'))
    expect(inputs('topic.openVote')).toEqual([
      {
        topicId: 'tp1',
        rule: 'owners',
        major: true,
        opensAt: expect.any(String),
        closesAt: expect.any(String),
      },
    ])
    expect(screen.getByText('本网格有 3 户未登记建筑面积，请先登记后再发起业主共同决定')).toBeTruthy()
  })

  it('the grid’s council (议事会成员) opens an owners’ vote but leaves the areas to staff', async () => {
    const grid = { streetId: 's1', communityId: 'c1', gridId: 'g1' }
    api({
      'me.profile': {
        userId: 'u-k',
        displayName: '杨丽华',
        roles: [{ role: 'council_member', scope: grid }],
        household: null,
        created: false,
      },
      'topic.get': staff(),
      'topic.openVote': voting(),
    })
    await show()
    await tap(button('发起每户投票'))
    await tap(radio('业主共同决定：三分之二的户数和面积参加，按户数和面积表决'))
    expect(buttons('登记住户面积')).toHaveLength(0)
    expect(screen.getByText('住户面积由本网格工作人员登记。')).toBeTruthy()
  })
})

// A topic's place on the deliberation pages (提出议题, 议事厅, 议题详情) against scripted answers.
import { act, render, screen } from '@testing-library/react'
import HallPage from '../../src/features/deliberation/pages/index/index'
import ProposePage from '../../src/features/deliberation/pages/propose/index'
import TopicPage from '../../src/features/deliberation/pages/topic/index'
import { redirectTo, resetTaroMock, router } from '../support/taro-mock'
import { api, button, calls, fail, inputs, tap, type } from '../support/ui-script'
import { noMoves, radio, topicDetail } from './deliberation-fixtures'

beforeEach(() => resetTaroMock())

const profile = {
  user: { id: 'u1', displayName: '王秀英' },
  household: {
    path: {
      streetId: 's1',
      communityId: 'c1',
      gridId: 'g1',
      buildingId: 'b3',
      unitId: 'b3-u1',
      householdId: 'h1',
    },
    streetName: '东街道',
    communityName: '新华社区',
    gridName: '新华社区第1网格',
    buildingName: '3号楼',
    unitName: '1单元',
    room: '302',
  },
  created: false,
}
const buildings = [
  { id: 'b1', name: '1号楼' },
  { id: 'b3', name: '3号楼' },
  { id: 'b5', name: '5号楼' },
]
const box = (text: string) => {
  const el = [...document.querySelectorAll('[aria-role="checkbox"]')].find((e) => e.textContent === text)
  if (!el) throw new Error(`no checkbox ${text}`)
  return el
}
const on = (el: Element) => el.getAttribute('aria-checked') ?? el.getAttribute('ariachecked')
const buildingTopic = topicDetail({
  placeName: '新华社区第1网格 · 3号楼、5号楼',
  buildingIds: ['b3', 'b5'],
  households: 24,
  threshold: 3,
  can: { ...noMoves, support: true },
})

describe('提出议题: the place it concerns', () => {
  it('offers the whole grid or buildings; my building is checked and kept; others are added', async () => {
    api({ 'me.profile': profile, 'join.options': buildings, 'topic.propose': buildingTopic })
    await act(async () => {
      render(<ProposePage />)
    })
    // Nothing is loaded until buildings are asked for.
    expect(calls).toEqual([])
    expect(radio('整个网格').getAttribute('aria-checked')).toBe('true')
    await tap(radio('选择楼栋'))
    expect(inputs('join.options')).toEqual([{ level: 'building', parentId: 'g1' }])
    expect(screen.getByText('涉及的楼栋（可多选，最多 10 栋）')).toBeTruthy()
    expect(on(box('3号楼（您家）'))).toBe('true')
    expect(on(box('5号楼'))).toBe('false')
    // My own building stays: my household supports the topic first.
    await tap(box('3号楼（您家）'))
    expect(on(box('3号楼（您家）'))).toBe('true')
    expect(screen.getByText('您家所在的楼栋必须包括在内')).toBeTruthy()
    await tap(box('5号楼'))
    expect(on(box('5号楼'))).toBe('true')
    await type('议题标题', '3号楼和5号楼之间的车棚翻建')
    await type('说明', '车棚漏雨', 'taro-textarea-core')
    expect(screen.getByText(/所选楼栋足够多的住户支持后即可立项/)).toBeTruthy()
    await tap(button('提交议题'))
    expect(inputs('topic.propose')).toEqual([
      {
        requestId: expect.any(String),
        title: '3号楼和5号楼之间的车棚翻建',
        text: '车棚漏雨',
        buildingIds: ['b3', 'b5'],
      },
    ])
    expect(redirectTo).toHaveBeenCalledWith({ url: '/features/deliberation/pages/topic/index?id=tp1' })
  })

  it('buildings that fail to load leave the whole grid chosen, and say so', async () => {
    api({ 'me.profile': profile, 'join.options': fail('NET.OFFLINE') })
    await act(async () => {
      render(<ProposePage />)
    })
    await tap(radio('选择楼栋'))
    expect(radio('整个网格').getAttribute('aria-checked')).toBe('true')
    expect(document.querySelector('[aria-role="alert"]')?.textContent).toBeTruthy()
  })

  it('back to the whole grid sends no buildings', async () => {
    api({ 'me.profile': profile, 'join.options': buildings, 'topic.propose': topicDetail() })
    await act(async () => {
      render(<ProposePage />)
    })
    await tap(radio('选择楼栋'))
    await tap(box('5号楼'))
    await tap(radio('整个网格'))
    await type('议题标题', '增设充电桩')
    await type('说明', '飞线充电太危险', 'taro-textarea-core')
    await tap(button('提交议题'))
    expect(inputs('topic.propose')).toEqual([
      { requestId: expect.any(String), title: '增设充电桩', text: '飞线充电太危险' },
    ])
  })
})

describe('the place on the hall’s cards and the topic page', () => {
  it('a card shows its buildings', async () => {
    api({
      'topic.list': {
        gridId: 'g1',
        canPropose: true,
        items: [
          {
            id: 'tp1',
            title: '车棚翻建',
            status: 'proposed',
            statusLabel: '征集支持',
            placeName: '新华社区第1网格 · 3号楼、5号楼',
            supports: 1,
            threshold: 3,
            createdAt: '2026-12-07T02:00:00.000Z',
          },
        ],
        cursor: null,
      },
    })
    await act(async () => {
      render(<HallPage />)
    })
    expect(screen.getByText('新华社区第1网格 · 3号楼、5号楼')).toBeTruthy()
    expect(screen.getByText('已有 1 户支持，3 户即可立项')).toBeTruthy()
  })

  it('the topic says which buildings decide it and counts their households', async () => {
    router.params = { id: 'tp1' }
    api({ 'topic.get': buildingTopic })
    await act(async () => {
      render(<TopicPage />)
    })
    expect(screen.getByText(/本议题涉及 3号楼、5号楼/)).toBeTruthy()
    expect(screen.getByText(/所涉楼栋 24 户中 3 户支持即可立项/)).toBeTruthy()
    expect(button('支持这个议题')).toBeTruthy()
  })

  it('staff entering a paper ballot pick among the topic’s buildings only', async () => {
    router.params = { id: 'tp1' }
    api({
      'topic.get': {
        ...buildingTopic,
        status: 'voting',
        statusLabel: '投票中',
        can: { ...noMoves, enter: true },
      },
      'join.options': buildings,
    })
    await act(async () => {
      render(<TopicPage />)
    })
    await tap(button('录入纸质票或代投'))
    const names = [...document.querySelectorAll('[aria-label="楼栋"] [aria-role="radio"]')].map(
      (e) => e.textContent,
    )
    expect(names).toEqual(['3号楼', '5号楼'])
  })
})

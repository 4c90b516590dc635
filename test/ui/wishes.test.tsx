// The wish wall's pages (心愿墙, 许个心愿, 心愿详情) against a scripted `api`.
import { render, screen } from '@testing-library/react'
import type { WishCard, WishDetail, WishPage } from '../../src/core/wishes/api'
import WallPage from '../../src/features/wishes/pages/index/index'
import PostPage from '../../src/features/wishes/pages/post/index'
import DetailPage from '../../src/features/wishes/pages/detail/index'
import TopicPage from '../../src/features/deliberation/pages/topic/index'
import { topicDetail } from './deliberation-fixtures'
import { errorCopy } from '../../src/services/error-copy'
import { navigateTo, redirectTo, resetTaroMock, router, showModal } from '../support/taro-mock'
import { api, button, buttons, calls, fail, inputs, tap, type } from '../support/ui-script'

beforeEach(() => resetTaroMock())

const card = (over: Partial<WishCard> = {}): WishCard => ({
  wishId: 'ws1',
  no: '2026-007',
  kind: 'need',
  status: 'published',
  statusLabel: '待认领',
  title: '一台电饭锅',
  summary: '一户老人家想要一台小电饭锅。',
  placeShown: '新华社区第1网格',
  points: 10,
  claimedBy: null,
  story: null,
  at: '2026-12-07T02:00:00.000Z',
  ...over,
})
const page = (over: Partial<WishPage> = {}): WishPage => ({
  gridId: 'g1',
  items: [card()],
  cursor: null,
  canPost: true,
  pending: null,
  ...over,
})
const detail = (over: Partial<WishDetail> = {}): WishDetail => ({
  wishId: 'ws1',
  no: '2026-007',
  kind: 'need',
  status: 'published',
  statusLabel: '待认领',
  title: '一台电饭锅',
  publicText: '一户老人家想要一台小电饭锅。',
  text: null,
  placeShown: '新华社区第1网格',
  photos: [],
  points: 10,
  expiresAt: '2027-01-06T02:00:00.000Z',
  claimedBy: null,
  claimedByMe: false,
  group: null,
  fulfil: null,
  story: null,
  reason: null,
  topicId: null,
  contact: null,
  onBehalf: false,
  mine: false,
  can: [],
  ...over,
})
const radio = (text: string) => {
  const r = [...document.querySelectorAll('[aria-role="radio"]')].find((el) => el.textContent === text)
  if (!r) throw new Error(`no radio ${text}`)
  return r
}
const tab = (text: string) => {
  const t = [...document.querySelectorAll('[aria-role="tab"]')].find((el) => el.textContent === text)
  if (!t) throw new Error(`no tab ${text}`)
  return t
}
const region = (label: string) => document.querySelector(`[aria-label="${label}"]`)?.textContent ?? ''

describe('心愿墙', () => {
  it('shows the anonymised cards, changes tab, and posts into the grid', async () => {
    api({
      'wish.list': (i: Record<string, unknown>) =>
        i.tab === 'done'
          ? page({ items: [card({ status: 'closed', statusLabel: '已实现', story: '谢谢小刘' })] })
          : page(),
    })
    render(<WallPage />)
    await screen.findByText('一户老人家想要一台小电饭锅。')
    expect(screen.getByText('心愿编号 2026-007 · 新华社区第1网格 · 10 积分')).toBeTruthy()
    expect(screen.queryByText('待处理')).toBeNull()
    await tap(tab('已实现'))
    await screen.findByText('谢谢小刘')
    expect(inputs('wish.list').map((i) => i.tab)).toEqual(['open', 'done'])
    await tap(button('许个心愿'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/features/wishes/pages/post/index?gridId=g1' })
  })

  it('staff see what waits for their check, and may post for a family', async () => {
    api({ 'wish.list': page({ pending: 2 }) })
    render(<WallPage />)
    await tap(await screen.findByText('2 个心愿待核实'))
    expect(inputs('wish.list').map((i) => i.tab)).toEqual(['open', 'review'])
    await tap(button('许个心愿'))
    expect(navigateTo).toHaveBeenLastCalledWith({
      url: '/features/wishes/pages/post/index?gridId=g1&family=1',
    })
  })
})

describe('许个心愿', () => {
  it('names the missing field, clears it when fixed, and posts once per draft', async () => {
    router.params = { gridId: 'g1' }
    api({ 'wish.post': detail({ status: 'pending', statusLabel: '待核实' }) })
    render(<PostPage />)
    await tap(button('提交心愿'))
    expect(screen.getByText('请用一句话写下心愿，如“一台电饭锅”')).toBeTruthy()
    expect(screen.getByText('请说明需要什么、为什么')).toBeTruthy()
    await type('心愿', '一台电饭锅')
    expect(screen.queryByText('请用一句话写下心愿，如“一台电饭锅”')).toBeNull()
    await type('说明', '家里的坏了', 'taro-textarea-core')
    expect(screen.queryByText('请说明需要什么、为什么')).toBeNull()
    expect(screen.queryByText('姓名')).toBeNull()
    await tap(button('提交心愿'))
    expect(inputs('wish.post')).toEqual([
      {
        requestId: expect.any(String),
        kind: 'need',
        title: '一台电饭锅',
        text: '家里的坏了',
        photos: [],
        gridId: 'g1',
      },
    ])
    expect(redirectTo).toHaveBeenCalledWith({ url: '/features/wishes/pages/detail/index?id=ws1' })
  })

  it('staff posting for a family give its name, address and a valid phone', async () => {
    router.params = { gridId: 'g1', family: '1' }
    api({ 'wish.post': detail({ status: 'pending', onBehalf: true }) })
    render(<PostPage />)
    await tap(radio('替困难家庭代发'))
    await type('心愿', '冬天的棉被')
    await type('说明', '独居老人缺棉被', 'taro-textarea-core')
    await type('联系电话（选填）', '123')
    await tap(button('提交心愿'))
    expect(screen.getByText('请填写这户人家的姓名')).toBeTruthy()
    expect(screen.getByText('手机号应为 11 位数字')).toBeTruthy()
    expect(calls).toHaveLength(0)
    await type('姓名', '李奶奶')
    await type('住址', '5号楼1单元101')
    await type('联系电话（选填）', '13900001111')
    await tap(button('提交心愿'))
    expect(inputs('wish.post')[0]).toMatchObject({
      gridId: 'g1',
      onBehalf: { name: '李奶奶', address: '5号楼1单元101', phone: '13900001111' },
    })
  })
})

describe('心愿详情', () => {
  it('a helper claims it alone and then sees the contact; one primary action', async () => {
    router.params = { id: 'ws1' }
    api({
      'wish.get': detail({ can: ['claim'] }),
      'wish.claim': detail({
        status: 'claimed',
        statusLabel: '已认领',
        claimedBy: '刘**',
        claimedByMe: true,
        can: ['release', 'fulfil'],
        contact: { name: '王秀英', phone: '13800000000', address: '1号楼1单元302室' },
      }),
    })
    render(<DetailPage />)
    await tap(await screen.findByText('我来认领'))
    await tap(button('确认认领'))
    expect(inputs('wish.claim')).toEqual([{ wishId: 'ws1' }])
    expect(region('联系方式')).toContain('王秀英 · 1号楼1单元302室')
    expect(buttons('拨打 13800000000')).toHaveLength(1)
    expect(
      document.querySelectorAll('[aria-label="操作"] taro-button-core[type="primary"]').length,
    ).toBeLessThanOrEqual(1)
  })

  it('a group claim names its members; taken is said plainly', async () => {
    router.params = { id: 'ws1' }
    api({
      'wish.get': detail({ can: ['claim'] }),
      'wish.helpers': {
        helpers: [
          { userId: 'u-yang', name: '杨丽华' },
          { userId: 'u-huang', name: '黄文博' },
        ],
      },
      'wish.claim': fail('WISH.TAKEN'),
    })
    render(<DetailPage />)
    await tap(await screen.findByText('我来认领'))
    await tap(radio('组团认领'))
    await tap(button('确认认领'))
    expect(screen.getByText('请填写团队名称，并至少选择一位同伴')).toBeTruthy()
    await type('团队名称', '新华党员先锋队')
    const yang = [...document.querySelectorAll('[aria-role="checkbox"]')].find(
      (e) => e.textContent === '杨丽华',
    )
    if (!yang) throw new Error('no 杨丽华')
    await tap(yang)
    await tap(button('确认认领'))
    expect(inputs('wish.claim')).toEqual([
      { wishId: 'ws1', group: { name: '新华党员先锋队', memberIds: ['u-yang'] } },
    ])
    await screen.findByText(errorCopy('WISH.TAKEN'))
    expect(errorCopy('WISH.TAKEN')).toBe('这个心愿已被其他人认领')
  })

  it('the owner confirms with a word of thanks and how the wall names them; the story shows', async () => {
    router.params = { id: 'ws1' }
    api({
      'wish.get': detail({
        status: 'fulfilled',
        statusLabel: '待确认',
        mine: true,
        claimedBy: '刘**',
        fulfil: { note: '已送到', photos: [], at: '2026-12-07T03:00:00.000Z' },
        can: ['redo', 'confirm'],
      }),
      'wish.confirm': detail({
        status: 'closed',
        statusLabel: '已实现',
        mine: true,
        story: {
          text: '谢谢小刘',
          residentShown: '王**',
          claimantShown: '刘**',
          photos: [],
          at: '2026-12-07T04:00:00.000Z',
        },
      }),
    })
    render(<DetailPage />)
    const confirm = await screen.findByText('确认已实现')
    expect(region('实现情况')).toContain('已送到')
    await tap(confirm)
    await type('感谢的话', '谢谢小刘', 'taro-textarea-core')
    await tap(radio('只显示姓氏，如 王**'))
    await tap(button('确认已实现'))
    expect(inputs('wish.confirm')).toEqual([{ wishId: 'ws1', showName: 'surname', story: '谢谢小刘' }])
    expect(region('心愿故事')).toContain('刘**帮王**实现了“一台电饭锅”。')
  })

  it('staff publish with the place level, the card text, points and days; a suggestion is promoted after a confirmation', async () => {
    router.params = { id: 'ws1' }
    api({
      'wish.get': detail({
        status: 'pending',
        statusLabel: '待核实',
        no: null,
        text: '王奶奶家电饭锅坏了，住302',
        publicText: null,
        can: ['publish', 'decline'],
      }),
      'wish.publish': detail(),
    })
    render(<DetailPage />)
    await tap(await screen.findByText('核实公示'))
    await tap(radio('显示到楼栋'))
    await type('公示内容', '一户老人家想要一台小电饭锅。', 'taro-textarea-core')
    await type('实现后发放积分', '150')
    await tap(button('核实并公示'))
    expect(screen.getByText('积分应为 0–100 的整数')).toBeTruthy()
    await type('实现后发放积分', '12')
    await tap(button('核实并公示'))
    expect(inputs('wish.publish')).toEqual([
      {
        wishId: 'ws1',
        show: 'building',
        publicText: '一户老人家想要一台小电饭锅。',
        points: 12,
        expireDays: 30,
        showPhotos: false,
      },
    ])

    resetTaroMock()
    router.params = { id: 'ws2' }
    api({
      'wish.get': detail({
        wishId: 'ws2',
        kind: 'suggestion',
        status: 'pending',
        can: ['decline', 'promote'],
      }),
      'wish.promote': {
        ...detail({ wishId: 'ws2', kind: 'suggestion', status: 'promoted', topicId: 'tp9' }),
        topicId: 'tp9',
      },
    })
    render(<DetailPage />)
    await tap((await screen.findAllByText('转为居民议题'))[0] as Element)
    expect(showModal).toHaveBeenCalled()
    expect(inputs('wish.promote')).toEqual([{ wishId: 'ws2', requestId: expect.any(String) }])
    await tap(await screen.findByText('已转为居民议题，去议事厅看看 ›'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/features/deliberation/pages/topic/index?id=tp9' })
  })

  it('a topic promoted from a suggestion opens its wish (linked both ways)', async () => {
    router.params = { id: 'tp9' }
    api({
      'topic.get': topicDetail({ id: 'tp9', wishId: 'ws2' }),
      'comment.list': { items: [], cursor: null },
    })
    render(<TopicPage />)
    await tap(await screen.findByText('来自心愿墙的居民建议，查看 ›'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/features/wishes/pages/detail/index?id=ws2' })
  })
})

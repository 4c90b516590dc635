/**
 * @jest-environment jsdom
 */
// The compiled home page (dist/weapp/pages/home/index) rendered by WeChat's WXML compiler.
import { household, profileResult, renderPage, type RenderedPage } from '../support/weapp-harness'

const QUICK_ACTIONS = [
  ['一键上报', '/features/reports/pages/index/index'],
  ['邻里互助', '/features/errands/pages/index/index'],
  ['爱心积分', '/features/points/pages/index/index'],
  ['志愿活动', '/features/activities/pages/index/index'],
  ['爱心超市', '/features/market/pages/index/index'],
  ['心愿墙', '/features/wishes/pages/index/index'],
  ['办事指南', '/features/guide/pages/index/index'],
  ['加入网格', '/pages/join/index'],
] as const

let view: RenderedPage | undefined
afterEach(() => {
  view?.unmount()
  view = undefined
})

describe('home page (compiled weapp)', () => {
  it('asks the api for me.profile and the latest notice at once, then paints the "not joined" grid card and the eight quick actions together', async () => {
    let answer: (v: unknown) => void = () => undefined
    const pending = new Promise((resolve) => (answer = resolve))
    view = await renderPage('pages/home/index', { cloud: () => pending })

    expect(view.text()).toContain('正在加载我的网格…')
    // Nothing that would move once the profile is in: no tiles under a card that is not there yet.
    expect(view.all('quick-action')).toHaveLength(0)

    expect(view.wx.callFunction).toHaveBeenCalledTimes(2)
    expect(view.wx.callFunction.mock.calls[0]?.[0]).toMatchObject({
      name: 'api',
      data: { action: 'me.profile', input: {} },
    })
    expect(view.wx.callFunction.mock.calls[1]?.[0]).toMatchObject({
      name: 'api',
      data: { action: 'notice.latest', input: {} },
    })

    answer(profileResult({ household: null, displayName: '王阿姨' }))
    await view.waitFor(() => view!.text().includes('您还没有加入网格'))
    expect(view.text()).not.toContain('正在加载我的网格')
    const tiles = view.all('quick-action')
    expect(tiles.map((t) => t.dom?.textContent)).toEqual(
      QUICK_ACTIONS.map(([title]) => expect.stringContaining(title)),
    )
    expect(view.text()).toContain('王阿姨，您好')
    expect(view.text()).toContain('加入我的网格')
    view.expectAllTemplatesFound()
  })

  it('"加入我的网格" on the grid card opens the join page', async () => {
    view = await renderPage('pages/home/index')
    await view.waitFor(() => view!.text().includes('您还没有加入网格'))
    const join = view.all('nut-button').find((b) => b.dom?.textContent?.includes('加入我的网格'))
    expect(join).toBeDefined()
    await view.tap(join!)
    await view.waitFor(() => view!.wx.navigateTo.mock.calls.length > 0)
    expect(view.wx.navigateTo.mock.calls[0]?.[0]).toMatchObject({ url: '/pages/join/index' })
  })

  it('shows the household once the resident has joined a grid', async () => {
    view = await renderPage('pages/home/index', {
      cloud: () => profileResult({ household: household({ gridName: '第三网格', room: '301' }) }),
    })
    await view.waitFor(() => view!.text().includes('第三网格'))
    expect(view.text()).toContain('幸福里社区 · 5号楼2单元 301室')
    expect(view.text()).not.toContain('您还没有加入网格')
    // Joined: the grid's 议事厅 takes the place of 加入网格, and its 百宝屋 is offered.
    const titles = view.all('quick-action').map((t) => t.dom?.textContent ?? '')
    expect(titles).toHaveLength(9)
    expect(titles.some((t) => t.includes('百宝屋'))).toBe(true)
    expect(titles.some((t) => t.includes('居民议事'))).toBe(true)
    expect(titles.some((t) => t.includes('加入网格'))).toBe(false)
  })

  it.each(QUICK_ACTIONS.map(([title, url], i) => [title, url, i] as const))(
    'tapping "%s" navigates to %s',
    async (_title, url, index) => {
      view = await renderPage('pages/home/index')
      await view.waitFor(() => view!.all('quick-action').length > 0)
      const tile = view.all('quick-action')[index]
      expect(tile).toBeDefined()
      await view.tap(tile!)
      await view.waitFor(() => view!.wx.navigateTo.mock.calls.length > 0)
      expect(view.wx.navigateTo).toHaveBeenCalledTimes(1)
      expect(view.wx.navigateTo.mock.calls[0]?.[0]).toMatchObject({ url })
    },
  )
})

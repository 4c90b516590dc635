import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { Profile } from '../../src/core/me/api'
import HomePage from '../../src/pages/home/index'
import { setElderMode } from '../../src/hooks/elder-mode'
import { useTransport } from '../../src/services/cloud'
import { NotSignedInError } from '../../src/services/transport-types'
import { navigateTo, resetTaroMock } from '../support/taro-mock'

const profile = (over: Partial<Profile> = {}): Profile => ({
  userId: 'u1',
  displayName: '王阿姨',
  roles: [],
  household: null,
  created: false,
  ...over,
})

let calls: unknown[] = []
function answer(result: unknown | (() => Promise<unknown>)) {
  calls = []
  useTransport(async (name, data) => {
    calls.push({ name, data })
    return typeof result === 'function' ? (result as () => Promise<unknown>)() : result
  })
}

beforeEach(() => resetTaroMock())

describe('home page', () => {
  it('asks the api for the profile and shows the join card when not in a grid', async () => {
    answer({ ok: true, data: profile() })
    render(<HomePage />)
    expect(screen.getByText('正在加载我的网格…')).toBeTruthy()
    await screen.findByText('王阿姨，您好')
    expect(screen.getByText(/您还没有加入网格/)).toBeTruthy()
    // The latest notice is asked for beside the profile (one paint, no layout shift), not after it.
    expect(calls).toEqual([
      { name: 'api', data: { action: 'me.profile', input: {} } },
      { name: 'api', data: { action: 'notice.latest', input: {} } },
    ])
  })

  it('shows my grid and household once joined', async () => {
    answer({
      ok: true,
      data: profile({
        household: {
          path: {
            streetId: 's',
            communityId: 'c',
            gridId: 'g',
            buildingId: 'b',
            unitId: 'u',
            householdId: 'h',
          },
          streetName: '城南街道',
          communityName: '幸福里社区',
          gridName: '第三网格',
          buildingName: '5栋',
          unitName: '2单元',
          room: '302',
        },
      }),
    })
    render(<HomePage />)
    await screen.findByText('第三网格')
    expect(screen.getByText(/幸福里社区 · 5栋2单元 302室/)).toBeTruthy()
    expect(screen.queryByText(/您还没有加入网格/)).toBeNull()
  })

  it('shows a council member (议事会成员, not staff) the workbench card with the topics waiting', async () => {
    const grid = { streetId: 's', communityId: 'c', gridId: 'g' }
    calls = []
    useTransport(async (_name, data) => {
      const { action } = data as { action: string }
      calls.push(action)
      if (action === 'me.profile')
        return { ok: true, data: profile({ roles: [{ role: 'council_member', scope: grid }] }) }
      const topics = { key: 'topics', label: '议题待立项或表决', count: 2, url: '/x' }
      const desk = {
        role: 'council_member',
        roleLabel: '议事会成员',
        placeName: '第1网格',
        counts: [topics],
        rates: null,
      }
      return { ok: true, data: { desks: [desk] } }
    })
    render(<HomePage />)
    await screen.findByText('议题待立项或表决 2 件')
    expect(calls).toContain('workbench.summary')
  })

  it('draws each tile with a line icon (decoration, hidden from screen readers), not a character', async () => {
    answer({ ok: true, data: profile() })
    render(<HomePage />)
    await screen.findByText('王阿姨，您好')
    const tiles = Array.from(document.querySelectorAll<HTMLElement>('.quick-action'))
    // Not joined, not staff: every tile but 居民议事 and 百宝屋 (a grid's own), and 加入网格.
    expect(tiles.map((t) => t.querySelector('.quick-action__title')?.textContent)).toEqual([
      '一键上报',
      '邻里互助',
      '爱心积分',
      '志愿活动',
      '爱心超市',
      '心愿墙',
      '办事指南',
      '加入网格',
    ])
    const icons = tiles.map((t) => t.querySelector<HTMLElement>('.quick-action__icon'))
    for (const icon of icons) {
      expect(icon?.getAttribute('aria-hidden')).toBe('true')
      expect(icon?.textContent).toBe('')
      expect(icon?.style.backgroundImage).toMatch(/^url\("?data:image\/svg\+xml,%3Csvg/)
    }
    // Ten different drawings, one a tile.
    expect(new Set(icons.map((i) => i?.style.backgroundImage)).size).toBe(icons.length)
  })

  it('opens a feature from its quick action tile', async () => {
    answer({ ok: true, data: profile() })
    render(<HomePage />)
    await screen.findByText('王阿姨，您好')
    fireEvent.click(screen.getByText('一键上报'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/features/reports/pages/index/index' })
    fireEvent.click(screen.getByText('代买代取找帮办'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/features/errands/pages/index/index' })
    expect(screen.getByText('爱心积分')).toBeTruthy()
  })

  it('turns an error code into Chinese copy and retries', async () => {
    answer({ ok: false, error: { code: 'INTERNAL', message: 'boom' } })
    render(<HomePage />)
    await screen.findByText('服务开小差了，请稍后再试')
    answer({ ok: true, data: profile({ displayName: '李师傅' }) })
    await act(async () => {
      fireEvent.click(screen.getByText('重试'))
    })
    await screen.findByText('李师傅，您好')
  })

  it('sends a signed-out H5 session to the demo login', async () => {
    answer(() => Promise.reject(new NotSignedInError()))
    render(<HomePage />)
    await screen.findByText('选择演示身份')
    fireEvent.click(screen.getByText('选择演示身份'))
    await waitFor(() => expect(navigateTo).toHaveBeenCalledWith({ url: '/dev/' }))
  })
})

describe('elder mode on home', () => {
  afterEach(() => setElderMode(false))

  it('offers elder mode once on first launch, and never again after 不用了', async () => {
    answer({ ok: true, data: profile() })
    const first = render(<HomePage />)
    await screen.findByText('王阿姨，您好')
    expect(screen.getByText('字太小？开启长辈模式')).toBeTruthy()
    fireEvent.click(screen.getByText('不用了'))
    expect(screen.queryByText('字太小？开启长辈模式')).toBeNull()
    expect(screen.getByLabelText('首页').className).not.toMatch(/\belder\b/)
    first.unmount()
    render(<HomePage />)
    await screen.findByText('王阿姨，您好')
    expect(screen.queryByText('字太小？开启长辈模式')).toBeNull()
  })

  it('turns elder mode on from the offer, and does not ask again after switching it off', async () => {
    answer({ ok: true, data: profile() })
    const first = render(<HomePage />)
    await screen.findByText('王阿姨，您好')
    fireEvent.click(screen.getByText('开启'))
    expect(screen.getByLabelText('首页').className).toMatch(/\belder\b/)
    expect(screen.queryByText('字太小？开启长辈模式')).toBeNull()
    first.unmount()
    setElderMode(false)
    render(<HomePage />)
    await screen.findByText('王阿姨，您好')
    expect(screen.queryByText('字太小？开启长辈模式')).toBeNull()
  })

  const joined = profile({
    household: {
      path: { streetId: 's', communityId: 'c', gridId: 'g', buildingId: 'b', unitId: 'u', householdId: 'h' },
      streetName: '城南街道',
      communityName: '幸福里社区',
      gridName: '第三网格',
      buildingName: '5栋',
      unitName: '2单元',
      room: '302',
    },
  })
  const card = {
    gridId: 'g',
    gridName: '第三网格',
    communityName: '幸福里社区',
    contacts: [
      {
        contactId: 'k1',
        kind: 'grid_worker',
        name: '刘**',
        buildingName: null,
        maskedPhone: '138****0001',
        skills: [],
      },
    ],
  }
  function answerByAction() {
    useTransport(async (_name, data) => {
      const action = (data as { action: string }).action
      if (action === 'me.profile') return { ok: true, data: joined }
      if (action === 'directory.card') return { ok: true, data: card }
      return { ok: false, error: { code: 'INTERNAL', message: action } }
    })
  }
  const tiles = () => [...document.querySelectorAll('.quick-action__title')].map((t) => t.textContent)

  it('puts the grid service card before fewer tiles in elder mode', async () => {
    answerByAction()
    setElderMode(true)
    render(<HomePage />)
    const service = await screen.findByLabelText('网格服务卡')
    const nav = screen.getByLabelText('常用服务')
    expect(service.compareDocumentPosition(nav) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    expect(tiles().length).toBeLessThan(8)
    expect(tiles()).toEqual(['一键上报', '邻里互助', '爱心积分', '志愿活动', '办事指南'])
  })

  it('keeps all nine tiles (百宝屋 among them), then the service card, in the standard mode', async () => {
    answerByAction()
    render(<HomePage />)
    const service = await screen.findByLabelText('网格服务卡')
    const nav = screen.getByLabelText('常用服务')
    expect(nav.compareDocumentPosition(service) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    expect(tiles()).toHaveLength(9)
    expect(tiles()).toContain('百宝屋')
  })

  it('shows the latest notice for a household, opening it; none when there is none', async () => {
    const notice = { id: 'nt1', title: '1号楼停水通知', publishAt: '2026-12-07T02:00:00.000Z', pinned: true }
    useTransport(async (_name, data) => {
      const action = (data as { action: string }).action
      if (action === 'me.profile') return { ok: true, data: joined }
      if (action === 'directory.card') return { ok: true, data: card }
      if (action === 'notice.latest') return { ok: true, data: { notice } }
      return { ok: false, error: { code: 'INTERNAL', message: action } }
    })
    render(<HomePage />)
    fireEvent.click(await screen.findByText('1号楼停水通知'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/features/notices/pages/detail/index?id=nt1' })
    expect(screen.getByText('社区公告 · 置顶')).toBeTruthy()
    fireEvent.click(screen.getByText('更多公告'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/features/notices/pages/index/index' })
  })
})

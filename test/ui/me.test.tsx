import { fireEvent, render, screen } from '@testing-library/react'
import MePage from '../../src/pages/me/index'
import { isLargeSystemFont, LARGE_SYSTEM_FONT_PX, setElderMode } from '../../src/hooks/elder-mode'
import { useTransport } from '../../src/services/cloud'
import { navigateTo, setStorageSync } from '../support/taro-mock'

beforeEach(() => {
  setElderMode(false)
  useTransport(async () => ({
    ok: true,
    data: {
      userId: 'u1',
      displayName: '张网格员',
      roles: [{ role: 'grid_worker', scope: { streetId: 's', communityId: 'c', gridId: 'g' } }],
      household: null,
      created: false,
    },
  }))
})

describe('me page', () => {
  it('shows the roles I hold in Chinese', async () => {
    render(<MePage />)
    await screen.findByText('张网格员')
    expect(screen.getByText('身份：网格员')).toBeTruthy()
  })

  it('switches elder mode on for the whole page and remembers it', async () => {
    const { container } = render(<MePage />)
    await screen.findByText('张网格员')
    const main = screen.getByLabelText('我的')
    expect(main.className).not.toMatch(/\belder\b/)
    const toggle = container.querySelector('.nut-switch')
    expect(toggle).not.toBeNull()
    fireEvent.click(toggle as Element)
    expect(screen.getByLabelText('我的').className).toMatch(/\belder\b/)
    expect(setStorageSync).toHaveBeenLastCalledWith('emulin.elderMode', true)
  })

  it('toggles elder mode by tapping its label: the whole row is one switch, before the menus', async () => {
    render(<MePage />)
    await screen.findByText('张网格员')
    // Taro's jsdom components write ariaRole as aria-role; the drawn switch is hidden from readers.
    const switches = [...document.querySelectorAll('[aria-role="switch"]')].filter(
      (el) => el.closest('[aria-hidden="true"]') === null,
    )
    expect(switches).toHaveLength(1)
    const row = switches[0] as HTMLElement
    expect(row.getAttribute('aria-label')).toBe('长辈模式')
    expect(row.textContent).toContain('长辈模式（大字体、大按钮）')
    expect(row.getAttribute('aria-checked')).toBe('false')
    fireEvent.click(screen.getByText('长辈模式（大字体、大按钮）'))
    expect(screen.getByLabelText('我的').className).toMatch(/\belder\b/)
    expect(row.getAttribute('aria-checked')).toBe('true')
    expect(setStorageSync).toHaveBeenLastCalledWith('emulin.elderMode', true)
    fireEvent.click(screen.getByText('长辈模式（大字体、大按钮）'))
    expect(row.getAttribute('aria-checked')).toBe('false')
    expect(setStorageSync).toHaveBeenLastCalledWith('emulin.elderMode', false)
    // On the first screen: before every menu entry.
    const first = screen.getByText('我的个人信息')
    expect(row.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
  })
})

describe('me page entries', () => {
  const as = (roles: { role: string; scope: Record<string, string> }[]) =>
    useTransport(async () => ({
      ok: true,
      data: { userId: 'u1', displayName: '测试用户', roles, household: null, created: false },
    }))
  const grid = { streetId: 's', communityId: 'c', gridId: 'g' }
  const titles = () =>
    [
      '我的个人信息',
      '我的家庭',
      '志愿服务资料',
      '入格审核',
      '网格管理',
      '人员与角色',
      '楼栋二维码',
      '志愿时长导出',
      '数据看板',
      '数据导出',
    ].filter((t) => screen.queryByText(t) !== null)

  it.each([
    ['a newcomer', [], ['我的个人信息', '我的家庭']],
    ['a helper', [{ role: 'helper', scope: grid }], ['我的个人信息', '我的家庭', '志愿服务资料']],
    [
      'a grid worker',
      [{ role: 'grid_worker', scope: grid }],
      ['我的个人信息', '我的家庭', '入格审核', '人员与角色', '楼栋二维码'],
    ],
    [
      'a community admin',
      [{ role: 'community_admin', scope: { streetId: 's', communityId: 'c' } }],
      [
        '我的个人信息',
        '我的家庭',
        '入格审核',
        '网格管理',
        '人员与角色',
        '楼栋二维码',
        '志愿时长导出',
        '数据看板',
        '数据导出',
      ],
    ],
    [
      'a street admin',
      [{ role: 'street_admin', scope: { streetId: 's' } }],
      ['我的个人信息', '我的家庭', '网格管理', '人员与角色', '楼栋二维码', '数据看板', '数据导出'],
    ],
  ])('shows %s only their entries', async (_who, roles, expected) => {
    as(roles)
    render(<MePage />)
    await screen.findByText('测试用户')
    expect(titles()).toEqual(expected)
  })

  it('opens an entry’s page', async () => {
    as([{ role: 'community_admin', scope: { streetId: 's', communityId: 'c' } }])
    render(<MePage />)
    await screen.findByText('测试用户')
    fireEvent.click(screen.getByText('我的个人信息'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/features/mine/pages/data/index' })
    fireEvent.click(screen.getByText('网格管理'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/features/admin/pages/org/index' })
  })
})

describe('WeChat font size', () => {
  it('counts 20 px and up (WeChat 我-设置-通用-字体大小) as a large font, and nothing reported as not', () => {
    expect(isLargeSystemFont(17)).toBe(false)
    expect(isLargeSystemFont(16)).toBe(false)
    expect(isLargeSystemFont(LARGE_SYSTEM_FONT_PX)).toBe(true)
    expect(isLargeSystemFont(24)).toBe(true)
    expect(isLargeSystemFont(undefined)).toBe(false)
  })
})

describe('elder mode follows a large WeChat font on weapp', () => {
  const env = process.env.TARO_ENV
  afterEach(() => {
    process.env.TARO_ENV = env
  })
  /** A fresh launch: the hook and its own Taro double, with what WeChat reports and what is stored. */
  const launch = (fontSizeSetting: number, stored?: boolean) => {
    process.env.TARO_ENV = 'weapp'
    let on: boolean | undefined
    jest.isolateModules(() => {
      const taro = jest.requireActual('../support/taro-mock') as typeof import('../support/taro-mock')
      const api = taro.default as unknown as Record<string, unknown>
      api.getAppBaseInfo = () => ({ fontSizeSetting })
      if (stored !== undefined) taro.setStorageSync('emulin.elderMode', stored)
      const hook = jest.requireActual(
        '../../src/hooks/elder-mode',
      ) as typeof import('../../src/hooks/elder-mode')
      on = hook.isElderMode()
    })
    return on
  }

  it('is on by default with a large font and off with the standard one', () => {
    expect(launch(22)).toBe(true)
    expect(launch(17)).toBe(false)
  })

  it('stays off once the person has switched it off, and on once switched on', () => {
    expect(launch(22, false)).toBe(false)
    expect(launch(17, true)).toBe(true)
  })
})

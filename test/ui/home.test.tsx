import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { Profile } from '../../src/core/me/api'
import HomePage from '../../src/pages/home/index'
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
    expect(calls).toEqual([{ name: 'api', data: { action: 'me.profile', input: {} } }])
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

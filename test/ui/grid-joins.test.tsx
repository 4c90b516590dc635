import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import JoinInboxPage from '../../src/features/grid/pages/joins/index'
import { useTransport } from '../../src/services/cloud'
import { requestSubscription } from '../../src/services/subscribe'
import { resetTaroMock, router, showToast } from '../support/taro-mock'

jest.mock('../../src/services/subscribe', () => ({ requestSubscription: jest.fn() }))
const subscribe = requestSubscription as jest.MockedFunction<typeof requestSubscription>

beforeEach(() => {
  resetTaroMock()
  subscribe.mockReset()
  useTransport(async () => ({
    ok: true,
    data: [
      {
        joinId: 'j1',
        name: '吴春梅',
        maskedPhone: '139****5678',
        buildingName: '1号楼',
        unitName: '2单元',
        room: '702',
        submittedAt: '2026-11-21T01:00:00.000Z',
        path: { streetId: 's' },
        move: true,
      },
    ],
  }))
})

describe('join inbox', () => {
  it('asks for a one-time subscription to the join template from the tap', async () => {
    subscribe.mockResolvedValue(['tmpl-join-pending'])
    render(<JoinInboxPage />)
    await screen.findByText('吴春梅')
    expect(screen.getByText(/申请迁入 · 1号楼/)).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('订阅新申请提醒'))
    })
    expect(subscribe).toHaveBeenCalledWith(['tmpl-join-pending'])
    await waitFor(() =>
      expect(showToast).toHaveBeenCalledWith({
        title: '已订阅：下一条新的入格申请将通过微信提醒您',
        icon: 'none',
      }),
    )
  })

  it('says so when the subscription is declined', async () => {
    subscribe.mockResolvedValue([])
    render(<JoinInboxPage />)
    await screen.findByText('吴春梅')
    await act(async () => {
      fireEvent.click(screen.getByText('订阅新申请提醒'))
    })
    await waitFor(() =>
      expect(showToast).toHaveBeenCalledWith({ title: '未订阅提醒，您仍可在此查看申请', icon: 'none' }),
    )
  })

  it('opened from a join message (?id=), puts that request first, or says it is no longer pending', async () => {
    const item = (joinId: string, name: string) => ({
      joinId,
      name,
      maskedPhone: null,
      buildingName: '1号楼',
      unitName: '2单元',
      room: '702',
      submittedAt: '2026-11-21T01:00:00.000Z',
      path: { streetId: 's' },
      move: false,
    })
    useTransport(async () => ({ ok: true, data: [item('j1', '吴春梅'), item('j2', '钱多多')] }))
    router.params = { id: 'j2' }
    const { unmount } = render(<JoinInboxPage />)
    await screen.findByText('钱多多')
    const text = document.body.textContent ?? ''
    expect(text.indexOf('钱多多')).toBeLessThan(text.indexOf('吴春梅'))
    expect(screen.getByText('微信提醒的申请')).toBeTruthy()
    unmount()

    router.params = { id: 'j-decided' }
    render(<JoinInboxPage />)
    await screen.findByText('提醒中的这条申请已处理或已撤回。')
    expect(screen.queryByText('微信提醒的申请')).toBeNull()
  })
})

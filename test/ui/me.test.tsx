import { fireEvent, render, screen } from '@testing-library/react'
import MePage from '../../src/pages/me/index'
import { setElderMode } from '../../src/hooks/elder-mode'
import { useTransport } from '../../src/services/cloud'
import { setStorageSync } from '../support/taro-mock'

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
})

import { act, render, screen } from '@testing-library/react'
import GuidePage from '../../src/features/guide/pages/index/index'
import { resetTaroMock } from '../support/taro-mock'
import { api, fail } from '../support/ui-script'

beforeEach(() => resetTaroMock())

describe('Guide page', () => {
  it('shows the items it loaded', async () => {
    api({
      'guide.list': {
        items: [{ id: 'a', title: '第一条', createdAt: '2026-11-01T00:00:00.000Z' }],
        cursor: null,
      },
    })
    await act(async () => {
      render(<GuidePage />)
    })
    expect(screen.getByText('第一条')).toBeTruthy()
  })

  it('says why when the load fails', async () => {
    api({ 'guide.list': fail('GUIDE.NO_HOUSEHOLD') })
    await act(async () => {
      render(<GuidePage />)
    })
    expect(screen.getByText('请先加入网格')).toBeTruthy()
  })
})

import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { CodeCard, GridCodes } from '../../src/core/codes/api'
import type { Profile } from '../../src/core/me/api'
import type { RoleGrant } from '../../src/core/roles'
import CodesPage from '../../src/features/admin/pages/codes/index'
import PrintPage from '../../src/features/admin/pages/print/index'
import { useTransport } from '../../src/services/cloud'
import { navigateTo, resetTaroMock, router } from '../support/taro-mock'

const gridPath = { streetId: 's', communityId: 'c', gridId: 'g1' }
const card = (target: CodeCard['target'], targetId: string, name: string, code: string): CodeCard => ({
  target,
  targetId,
  name,
  code,
  scene: `${target === 'grid' ? 'g' : 'b'}=${code}`,
  imageUrl: `http://127.0.0.1/__storage/file/codes/${targetId}/${code}.png`,
  createdAt: '2026-01-01T00:00:00.000Z',
})
const gridCodes: GridCodes = {
  grid: { id: 'g1', name: '新华社区第1网格', path: gridPath },
  communityName: '新华社区',
  gridCode: card('grid', 'g1', '新华社区第1网格', 'GGGG2345'),
  buildings: [card('building', 'b1', '1号楼', 'AAAA2345'), card('building', 'b2', '2号楼', 'BBBB2345')],
}
const profileWith = (grants: RoleGrant[]): Profile => ({
  userId: 'u1',
  displayName: '管理员',
  roles: grants,
  household: null,
  created: false,
})

let calls: { action: string; input: unknown }[] = []
function serve(grants: RoleGrant[]) {
  calls = []
  useTransport(async (_fn, data) => {
    const { action, input } = data as { action: string; input: Record<string, unknown> }
    calls.push({ action, input })
    switch (action) {
      case 'me.profile':
        return { ok: true, data: profileWith(grants) }
      case 'codes.grids':
        return {
          ok: true,
          data: [{ id: 'g1', name: '新华社区第1网格', communityName: '新华社区', path: gridPath }],
        }
      case 'codes.list':
        return { ok: true, data: gridCodes }
      case 'codes.regenerate':
        return { ok: true, data: card('building', 'b2', '2号楼', 'NEWC2345') }
      default:
        return { ok: false, error: { code: 'INPUT.UNKNOWN_ACTION', message: action } }
    }
  })
}

beforeEach(() => resetTaroMock())

describe('print page', () => {
  it('prints the grid code first, then every building, each labelled with its code', async () => {
    router.params = { gridId: 'g1' }
    serve([{ role: 'grid_worker', scope: gridPath }])
    const { container } = render(<PrintPage />)
    await screen.findByText('新华社区 新华社区第1网格 入格二维码')
    const cells = [...container.querySelectorAll('.print-cell')]
    expect(
      cells.map((c) => [
        c.getAttribute('data-target'),
        c.getAttribute('data-code'),
        c.getAttribute('data-scene'),
      ]),
    ).toEqual([
      ['grid', 'GGGG2345', 'g=GGGG2345'],
      ['building', 'AAAA2345', 'b=AAAA2345'],
      ['building', 'BBBB2345', 'b=BBBB2345'],
    ])
    expect(cells.map((c) => c.querySelector('.print-cell__code')?.textContent)).toEqual([
      'GGGG2345',
      'AAAA2345',
      'BBBB2345',
    ])
    expect(screen.getByLabelText('1号楼 入格二维码')).toBeTruthy()
    expect(screen.getAllByText('微信扫码，加入网格')).toHaveLength(3)
    const print = jest.spyOn(window, 'print').mockImplementation(() => undefined)
    fireEvent.click(screen.getByText('打印'))
    expect(print).toHaveBeenCalledTimes(1)
  })

  it('explains what to do without a grid', async () => {
    router.params = {}
    serve([])
    render(<PrintPage />)
    expect(await screen.findByText(/请从“楼栋二维码”页面选择网格/)).toBeTruthy()
    expect(calls).toEqual([])
  })
})

describe('codes page', () => {
  it('lets a community admin regenerate after a warning, and shows the new code', async () => {
    serve([{ role: 'community_admin', scope: { streetId: 's', communityId: 'c' } }])
    render(<CodesPage />)
    await screen.findByText('AAAA2345')
    fireEvent.click(await screen.findByLabelText('重新生成2号楼的二维码'))
    expect(screen.getByText(/旧二维码和入格码将立即失效/)).toBeTruthy()
    fireEvent.click(screen.getByText('确认重新生成'))
    await screen.findByText('NEWC2345')
    const regenerate = calls.find((c) => c.action === 'codes.regenerate')
    expect(regenerate?.input).toEqual({
      target: 'building',
      targetId: 'b2',
      requestId: expect.stringMatching(/^[0-9a-z]{12,}$/),
    })
    expect(screen.queryByText('BBBB2345')).toBeNull()
    fireEvent.click(screen.getByText('打印本网格二维码'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/features/admin/pages/print/index?gridId=g1' })
  })

  it('shows a grid worker the codes to download, without regenerating', async () => {
    serve([{ role: 'grid_worker', scope: gridPath }])
    render(<CodesPage />)
    await screen.findByText('AAAA2345')
    await waitFor(() => expect(calls.some((c) => c.action === 'me.profile')).toBe(true))
    await act(() => new Promise((resolve) => setTimeout(resolve, 50))) // the profile's answer is applied
    expect(screen.getAllByText('下载')).toHaveLength(3)
    expect(screen.queryByText('重新生成')).toBeNull()
  })
})

import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { StaffPage } from '../../src/core/admin/api'
import type { Profile } from '../../src/core/me/api'
import StaffPageView from '../../src/features/admin/pages/staff/index'
import { useTransport } from '../../src/services/cloud'
import { resetTaroMock, router } from '../support/taro-mock'

const grid = { streetId: 'st', communityId: 'cm', gridId: 'gr1' }
const worker: Profile = {
  userId: 'u-worker',
  displayName: '网格员',
  roles: [{ role: 'grid_worker', scope: grid }],
  household: null,
  created: false,
}
const list: StaffPage = {
  place: { level: 'grid', id: 'gr1', name: '第1网格', path: grid },
  items: [
    {
      userId: 'u-wang',
      name: '王秀英',
      phone: '13800100001',
      household: { buildingName: '1号楼', unitName: '1单元', room: '302' },
      roles: [
        {
          role: 'resident',
          scope: { ...grid, buildingId: 'bd1', unitId: 'u1', householdId: 'h1' },
          scopeName: '1号楼1单元 302',
        },
      ],
      partyMember: null,
    },
  ],
  nextCursor: null,
}

let calls: { action: string; input: unknown }[] = []
beforeEach(() => {
  resetTaroMock()
  router.params = {}
  calls = []
  useTransport(async (_name, data) => {
    const { action, input } = data as { action: string; input: unknown }
    calls.push({ action, input })
    const answers: Record<string, unknown> = {
      'me.profile': worker,
      'staff.list': list,
      'join.options': [
        { id: 'bd1', name: '1号楼' },
        { id: 'bd2', name: '2号楼' },
      ],
      'role.grant': { userId: 'u-wang', roles: [] },
    }
    return { ok: true, data: answers[action] }
  })
})

describe('staff page', () => {
  it('lists my grid’s people with full phone and grants roles at my grid or one of its buildings', async () => {
    render(<StaffPageView />)
    await screen.findByText('王秀英')
    expect(calls.find((c) => c.action === 'staff.list')?.input).toEqual({ scopeId: 'gr1' })
    expect(screen.getByText('拨打 13800100001')).toBeTruthy()
    expect(screen.getByText('1号楼1单元 302室')).toBeTruthy()

    fireEvent.click(screen.getByText('授予身份'))
    // A grid worker grants helpers and building leaders, nothing above.
    expect(screen.getByText('党员帮办/志愿者')).toBeTruthy()
    expect(screen.getByText('楼栋长')).toBeTruthy()
    expect(screen.queryByText('网格员')).toBeNull()

    fireEvent.click(screen.getByText('楼栋长'))
    await waitFor(() => expect(screen.getByText('2号楼')).toBeTruthy())
    fireEvent.click(screen.getByText('2号楼'))
    await act(async () => {
      fireEvent.click(screen.getByText('确认授予'))
    })
    expect(calls.find((c) => c.action === 'role.grant')?.input).toEqual({
      userId: 'u-wang',
      role: 'building_leader',
      scopeId: 'bd2',
    })
    await screen.findByText('已授予王秀英“楼栋长”身份')
  })

  it('grants a helper at the grid itself, with the party-member flag', async () => {
    render(<StaffPageView />)
    await screen.findByText('王秀英')
    fireEvent.click(screen.getByText('授予身份'))
    fireEvent.click(screen.getByText('党员帮办/志愿者'))
    await act(async () => {
      fireEvent.click(screen.getByText('确认授予'))
    })
    expect(calls.find((c) => c.action === 'role.grant')?.input).toEqual({
      userId: 'u-wang',
      role: 'helper',
      scopeId: 'gr1',
      partyMember: false,
    })
  })
})

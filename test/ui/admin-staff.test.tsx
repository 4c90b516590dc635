import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { StaffPage } from '../../src/core/admin/api'
import type { Profile } from '../../src/core/me/api'
import StaffPageView from '../../src/features/admin/pages/staff/index'
import { useTransport } from '../../src/services/cloud'
import { resetTaroMock, router, showToast } from '../support/taro-mock'

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
    await waitFor(() =>
      expect(showToast).toHaveBeenCalledWith({ title: '已授予王秀英“楼栋长”身份', icon: 'none' }),
    )
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

  it('a grid worker does not appoint the council', async () => {
    render(<StaffPageView />)
    await screen.findByText('王秀英')
    fireEvent.click(screen.getByText('授予身份'))
    expect(screen.queryByText('议事会成员')).toBeNull()
  })
})

/** A person's card in the list (its aria label is their name). */
const cardOf = (name: string) => screen.getByText(name).closest(`[aria-label="${name}"]`) as HTMLElement

describe('staff page: the grid council (议事会成员, with the party branch secretary)', () => {
  const admin: Profile = {
    userId: 'u-admin',
    displayName: '社区管理员',
    roles: [{ role: 'community_admin', scope: { streetId: 'st', communityId: 'cm' } }],
    household: null,
    created: false,
  }
  const withCouncil: StaffPage = {
    ...list,
    items: [
      ...list.items,
      {
        userId: 'u-yang',
        name: '杨丽华',
        phone: '13800100002',
        household: { buildingName: '4号楼', unitName: '1单元', room: '201' },
        roles: [{ role: 'council_member', scope: grid, scopeName: '第1网格', title: '党支部书记' }],
        partyMember: null,
      },
    ],
  }
  beforeEach(() => {
    router.params = { scopeId: 'gr1' }
    useTransport(async (_name, data) => {
      const { action, input } = data as { action: string; input: unknown }
      calls.push({ action, input })
      const answers: Record<string, unknown> = {
        'me.profile': admin,
        'staff.list': withCouncil,
        'join.options': [{ id: 'bd1', name: '1号楼' }],
        'org.children': [],
        'role.grant': { userId: 'u-wang', roles: [] },
        'role.revoke': { userId: 'u-yang', roles: [] },
      }
      return { ok: true, data: answers[action] }
    })
  })

  it('shows who is the secretary, and a community admin grants a council member at the grid with the title', async () => {
    render(<StaffPageView />)
    await screen.findByText('王秀英')
    expect(screen.getByText(/议事会成员（党支部书记） · 第1网格/)).toBeTruthy()

    const wang = cardOf('王秀英')
    fireEvent.click(within(wang).getByText('授予身份'))
    fireEvent.click(screen.getByText('议事会成员'))
    // The grid is the only place: chosen. The title is off until switched on.
    await act(async () => {
      fireEvent.click(screen.getByLabelText('是网格党支部书记'))
    })
    await act(async () => {
      fireEvent.click(screen.getByText('确认授予'))
    })
    expect(calls.find((c) => c.action === 'role.grant')?.input).toEqual({
      userId: 'u-wang',
      role: 'council_member',
      scopeId: 'gr1',
      secretary: true,
    })
    await waitFor(() =>
      expect(showToast).toHaveBeenCalledWith({ title: '已授予王秀英“议事会成员”身份', icon: 'none' }),
    )
  })

  it('a community admin revokes a council member after a confirmation', async () => {
    render(<StaffPageView />)
    await screen.findByText('杨丽华')
    const yang = cardOf('杨丽华')
    fireEvent.click(within(yang).getByText('撤销'))
    await act(async () => {
      fireEvent.click(within(yang).getByText('确认撤销'))
    })
    expect(calls.find((c) => c.action === 'role.revoke')?.input).toEqual({
      userId: 'u-yang',
      role: 'council_member',
      scopeId: 'gr1',
    })
    await waitFor(() =>
      expect(showToast).toHaveBeenCalledWith({ title: '已撤销杨丽华的“议事会成员”身份', icon: 'none' }),
    )
  })
})

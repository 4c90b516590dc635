// People: role grants and revokes, and the staff lists with their access logs.
import {
  DONGSHAN_ADMIN as DONGSHAN,
  LEADER_ZHOU as LEADER,
  STREET_ADMIN as STREET,
  WANG as RESIDENT,
  XINHUA_01_WORKER as WORKER_01,
  XINHUA_02_WORKER as WORKER_02,
  XINHUA_ADMIN as XINHUA,
} from '../../support/demo-people'
import { call, db, getDoc } from './harness'

describe('role.grant / role.revoke', () => {
  const grantsOf = async (userId: string) =>
    (await getDoc('users', userId)).grants as { role: string; scope: Record<string, string> }[]

  it('lets a community admin make a grid worker, once however often granted', async () => {
    const input = { userId: 'user-resident-li', role: 'grid_worker', scopeId: 'gr-xinhua-02' }
    const res = await call(XINHUA, 'role.grant', input)
    expect(res).toMatchObject({ ok: true, data: { userId: 'user-resident-li' } })
    expect(res.data.roles).toContainEqual({
      role: 'grid_worker',
      scope: { streetId: 'st-dongjie', communityId: 'cm-xinhua', gridId: 'gr-xinhua-02' },
      scopeName: '新华社区第2网格',
    })
    await Promise.all([call(XINHUA, 'role.grant', input), call(XINHUA, 'role.grant', input)])
    const grants = await grantsOf('user-resident-li')
    expect(grants.filter((g) => g.role === 'grid_worker')).toHaveLength(1)
    // One person, several roles: still a resident.
    expect(grants.map((g) => g.role).sort()).toEqual(['grid_worker', 'resident'])
    const grids = await call(XINHUA, 'org.children', { level: 'grid', parentId: 'cm-xinhua' })
    expect(grids.data.find((g: { id: string }) => g.id === 'gr-xinhua-02').workers).toContain('李德明')
  })

  it('lets a grid worker make building leaders and helpers in their own grid only', async () => {
    const ok = await call(WORKER_01, 'role.grant', {
      userId: 'user-resident-chen',
      role: 'building_leader',
      scopeId: 'bd-xinhua-01-02',
    })
    expect(ok).toMatchObject({ ok: true })
    expect(await grantsOf('user-resident-chen')).toContainEqual({
      role: 'building_leader',
      scope: {
        streetId: 'st-dongjie',
        communityId: 'cm-xinhua',
        gridId: 'gr-xinhua-01',
        buildingId: 'bd-xinhua-01-02',
      },
    })
    const cases: [string, Record<string, unknown>, string][] = [
      [WORKER_01, { role: 'building_leader', scopeId: 'bd-xinhua-02-03' }, 'AUTH.FORBIDDEN'], // another grid
      [WORKER_01, { role: 'grid_worker', scopeId: 'gr-xinhua-01' }, 'AUTH.FORBIDDEN'], // not the level above
      [XINHUA, { role: 'community_admin', scopeId: 'cm-xinhua' }, 'AUTH.FORBIDDEN'],
      [XINHUA, { role: 'grid_worker', scopeId: 'gr-dongshan-01' }, 'AUTH.FORBIDDEN'],
      [XINHUA, { role: 'building_leader', scopeId: 'gr-xinhua-01' }, 'DATA.NOT_FOUND'], // a grid is not a building
      [XINHUA, { role: 'resident', scopeId: 'gr-xinhua-01' }, 'INPUT.INVALID'],
      [LEADER, { role: 'helper', scopeId: 'gr-xinhua-01' }, 'AUTH.FORBIDDEN'],
      [RESIDENT, { role: 'helper', scopeId: 'gr-xinhua-01' }, 'AUTH.FORBIDDEN'],
    ]
    for (const [who, input, code] of cases) {
      const res = await call(who, 'role.grant', { userId: 'user-resident-zhao', ...input })
      expect([who, input, res.error?.code]).toEqual([who, input, code])
    }
    expect((await grantsOf('user-resident-zhao')).map((g) => g.role)).toEqual(['resident'])
    expect(
      await call(XINHUA, 'role.grant', { userId: 'user-nobody', role: 'helper', scopeId: 'gr-xinhua-01' }),
    ).toMatchObject({
      error: { code: 'DATA.NOT_FOUND' },
    })
  })

  it('grants helpers with the party-member flag, keeping what the helper chose', async () => {
    await call(WORKER_01, 'role.grant', {
      userId: 'user-resident-zhao',
      role: 'helper',
      scopeId: 'gr-xinhua-01',
      partyMember: true,
    })
    expect((await getDoc('users', 'user-resident-zhao')).helper).toEqual({
      partyMember: true,
      showParty: false,
      skills: [],
    })
    // An existing helper profile keeps its skills and choice; only the flag changes.
    await call(WORKER_01, 'role.grant', {
      userId: 'user-helper-liu',
      role: 'helper',
      scopeId: 'gr-xinhua-01',
      partyMember: false,
    })
    expect((await getDoc('users', 'user-helper-liu')).helper).toEqual({
      partyMember: false,
      showParty: true,
      skills: ['家电维修', '代买米菜'],
    })
    const card = await call(RESIDENT, 'directory.card')
    expect(card.data.contacts.find((c: { name: string }) => c.name === '刘志强').kind).toBe('volunteer')
    await call(WORKER_01, 'role.grant', {
      userId: 'user-helper-liu',
      role: 'helper',
      scopeId: 'gr-xinhua-01',
      partyMember: true,
    })
  })

  it('revokes idempotently, and never one’s own last admin grant', async () => {
    const zhao = 'demo-openid-resident-zhao'
    await call(STREET, 'role.grant', {
      userId: 'user-resident-zhao',
      role: 'community_admin',
      scopeId: 'cm-xinhua',
    })
    await call(STREET, 'role.grant', {
      userId: 'user-resident-zhao',
      role: 'street_admin',
      scopeId: 'st-dongjie',
    })
    // Community admins are granted (and revoked) by the street: not by themselves or a peer.
    for (const peer of [XINHUA, DONGSHAN]) {
      expect(
        await call(peer, 'role.revoke', {
          userId: 'user-resident-zhao',
          role: 'community_admin',
          scopeId: 'cm-xinhua',
        }),
      ).toMatchObject({
        error: { code: 'AUTH.FORBIDDEN' },
      })
    }
    // A second street admin may drop the community grant, but not their own last admin grant.
    const revoke = { userId: 'user-resident-zhao', role: 'community_admin', scopeId: 'cm-xinhua' }
    expect(await call(zhao, 'role.revoke', revoke)).toMatchObject({ ok: true })
    expect(await call(STREET, 'role.revoke', revoke)).toMatchObject({ ok: true })
    const ownStreet = { userId: 'user-resident-zhao', role: 'street_admin', scopeId: 'st-dongjie' }
    expect(await call(zhao, 'role.revoke', ownStreet)).toMatchObject({ error: { code: 'ROLE.LAST_ADMIN' } })
    expect(await call(STREET, 'role.revoke', ownStreet)).toMatchObject({ ok: true })
    expect((await grantsOf('user-resident-zhao')).map((g) => g.role).sort()).toEqual(['helper', 'resident'])
    // The street admin cannot revoke their own only grant.
    expect(
      await call(STREET, 'role.revoke', {
        userId: 'user-street-admin',
        role: 'street_admin',
        scopeId: 'st-dongjie',
      }),
    ).toMatchObject({
      error: { code: 'ROLE.LAST_ADMIN' },
    })
    // A grid worker revokes a building leader they appointed; not one in another grid.
    expect(
      await call(WORKER_02, 'role.revoke', {
        userId: 'user-resident-chen',
        role: 'building_leader',
        scopeId: 'bd-xinhua-01-02',
      }),
    ).toMatchObject({
      error: { code: 'AUTH.FORBIDDEN' },
    })
    expect(
      await call(WORKER_01, 'role.revoke', {
        userId: 'user-resident-chen',
        role: 'building_leader',
        scopeId: 'bd-xinhua-01-02',
      }),
    ).toMatchObject({
      ok: true,
    })
    expect((await grantsOf('user-resident-chen')).map((g) => g.role)).toEqual(['resident'])
  })
})

describe('staff.list', () => {
  const logsOf = async (actorId: string) =>
    (await db().collection('access_logs').where({ actorId, action: 'staff.list' }).get()).data as Record<
      string,
      unknown
    >[]

  it('shows a grid worker the people of their grid with full phone and household, and logs it', async () => {
    const res = await call(WORKER_01, 'staff.list', { scopeId: 'gr-xinhua-01' })
    expect(res.data.place).toEqual({
      level: 'grid',
      id: 'gr-xinhua-01',
      name: '新华社区第1网格',
      path: { streetId: 'st-dongjie', communityId: 'cm-xinhua', gridId: 'gr-xinhua-01' },
    })
    const wang = res.data.items.find((p: { name: string }) => p.name === '王秀英')
    expect(wang).toMatchObject({
      userId: 'user-resident-wang',
      phone: expect.stringMatching(/^1380010\d{4}$/),
      household: { buildingName: '1号楼', unitName: '1单元', room: '302' },
      roles: [{ role: 'resident', scopeName: '1号楼1单元 302' }],
      partyMember: null,
    })
    const yang = res.data.items.find((p: { name: string }) => p.name === '杨丽华')
    expect(yang.partyMember).toBe(true)
    // 杨丽华 is also the grid's party branch secretary on its council: a title on the grant.
    expect(yang.roles.map((r: { role: string }) => r.role).sort()).toEqual([
      'council_member',
      'helper',
      'resident',
    ])
    expect(yang.roles.find((r: { role: string }) => r.role === 'council_member').title).toBe('党支部书记')
    expect(res.data.items.map((p: { userId: string }) => p.userId)).not.toContain('user-xinhua-02-worker')
    expect(await logsOf('user-xinhua-01-worker')).toEqual([
      expect.objectContaining({
        subject: 'gr-xinhua-01',
        allowed: true,
        requestId: expect.any(String),
        at: expect.anything(),
      }),
    ])
  })

  it('refuses another grid (logged), a building leader beyond their building, and residents', async () => {
    expect(await call(WORKER_02, 'staff.list', { scopeId: 'gr-xinhua-01' })).toMatchObject({
      ok: false,
      error: { code: 'AUTH.FORBIDDEN' },
    })
    expect(await logsOf('user-xinhua-02-worker')).toEqual([
      expect.objectContaining({ subject: 'gr-xinhua-01', allowed: false }),
    ])
    // An unknown place is not found (#18 item 7), and still logged as a refused attempt.
    expect(await call(WORKER_02, 'staff.list', { scopeId: 'no-such-place' })).toMatchObject({
      error: { code: 'DATA.NOT_FOUND' },
    })
    expect(await logsOf('user-xinhua-02-worker')).toHaveLength(2)

    const own = await call(LEADER, 'staff.list', { scopeId: 'bd-xinhua-01-01' })
    expect(own.data.items.map((p: { name: string }) => p.name).sort()).toEqual(
      ['周淑芬', '王秀英', '李德明'].sort(),
    )
    expect(await call(LEADER, 'staff.list', { scopeId: 'gr-xinhua-01' })).toMatchObject({
      error: { code: 'AUTH.FORBIDDEN' },
    })
    expect((await logsOf('user-leader-zhou')).map((l) => l.allowed)).toEqual([true, false])
    expect(await call(RESIDENT, 'staff.list', { scopeId: 'gr-xinhua-01' })).toMatchObject({
      error: { code: 'AUTH.FORBIDDEN' },
    })
    expect(await call(DONGSHAN, 'staff.list', { scopeId: 'cm-xinhua' })).toMatchObject({
      error: { code: 'AUTH.FORBIDDEN' },
    })
  })

  it('pages a community 50 at a time on an indexed field, without gaps or repeats', async () => {
    const scope = { streetId: 'st-dongjie', communityId: 'cm-taoyuan', gridId: 'gr-taoyuan-02' }
    for (let i = 0; i < 60; i += 1) {
      await db()
        .collection('users')
        .add({
          openid: `openid-bulk-${i}`,
          displayName: `志愿者${i}`,
          grants: [{ role: 'helper', scope }],
          phone: `1390000${String(i).padStart(4, '0')}`,
        })
    }
    const admin = 'demo-openid-taoyuan-admin'
    const first = await call(admin, 'staff.list', { scopeId: 'cm-taoyuan' })
    expect(first.data.items).toHaveLength(50)
    expect(first.data.nextCursor).toEqual(expect.any(String))
    const second = await call(admin, 'staff.list', { scopeId: 'cm-taoyuan', cursor: first.data.nextCursor })
    expect(second.data.nextCursor).toBeNull()
    const all = [...first.data.items, ...second.data.items].map((p: { userId: string }) => p.userId)
    expect(new Set(all).size).toBe(all.length)
    // 60 helpers + the community admin + 6 grid workers.
    expect(all).toHaveLength(67)
    // A street admin sees the same community.
    expect(await call(STREET, 'staff.list', { scopeId: 'cm-taoyuan' })).toMatchObject({ ok: true })
  })
})

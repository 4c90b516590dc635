import { useApi } from '../support/api-test'
import { XINHUA_01_WORKER as WORKER_XINHUA_01 } from '../support/demo-people'

const { call, userDoc } = useApi()

// Leaving and moving households, through the built `api` function in the local CloudBase.

let seq = 0
const form = (over: Record<string, unknown> = {}) => ({
  requestId: `req-hh-${(seq += 1)}-${Math.random().toString(36).slice(2, 8)}`,
  unitId: 'bd-xinhua-01-06-u1',
  room: '101',
  name: '李德明',
  consent: true,
  ...over,
})

describe('household.mine', () => {
  it('shows my household and who lives there with me', async () => {
    const res = await call('demo-openid-resident-wang', 'household.mine')
    expect(res).toMatchObject({
      ok: true,
      data: {
        household: { gridName: '新华社区第1网格', buildingName: '1号楼', room: '302' },
        members: [{ name: '王秀英', me: true }],
        pendingMove: null,
      },
    })
  })

  it('is empty for someone who has not joined', async () => {
    expect(await call('openid-hh-nobody', 'household.mine')).toMatchObject({
      ok: true,
      data: { household: null, members: [], pendingMove: null },
    })
  })

  it('refuses smuggled input', async () => {
    expect(
      await call('demo-openid-resident-wang', 'household.mine', { userId: 'user-resident-li' }),
    ).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
  })
})

describe('household.leave', () => {
  it('takes the household and resident grant away at once; again is a harmless no-op', async () => {
    const res = await call('demo-openid-resident-zhao', 'household.leave')
    expect(res).toMatchObject({ ok: true, data: { left: true } })
    const user = await userDoc('user-resident-zhao')
    expect(user.householdId).toBeUndefined()
    expect(user.grants).toEqual([])
    expect((await call('demo-openid-resident-zhao', 'me.profile')).data).toMatchObject({
      household: null,
      roles: [],
    })
    expect(await call('demo-openid-resident-zhao', 'directory.card')).toMatchObject({
      ok: false,
      error: { code: 'AUTH.FORBIDDEN' },
    })
    expect(await call('demo-openid-resident-zhao', 'household.leave')).toMatchObject({
      ok: true,
      data: { left: false },
    })
    // …and can join again like anyone else.
    expect(
      await call('demo-openid-resident-zhao', 'join.submit', form({ name: '赵海燕', room: '102' })),
    ).toMatchObject({ ok: true, data: { status: 'pending' } })
  })

  it('keeps roles other than resident (a helper stays a helper)', async () => {
    await call('demo-openid-helper-huang', 'household.leave')
    const user = await userDoc('user-helper-huang')
    expect(user.grants.map((g: { role: string }) => g.role)).toEqual(['helper'])
  })

  it('is idempotent under racing retries', async () => {
    const results = await Promise.all(
      [1, 2, 3].map(() => call('demo-openid-resident-chen', 'household.leave')),
    )
    expect(results.every((r) => r.ok || r.error?.code === 'DATA.CONFLICT')).toBe(true)
    expect(results.filter((r) => r.data?.left === true).length).toBeLessThanOrEqual(1)
    expect((await userDoc('user-resident-chen')).householdId).toBeUndefined()
  })
})

describe('moving to another household', () => {
  it('needs move: true; stays home until approved; then the old household is replaced atomically', async () => {
    const li = 'demo-openid-resident-li'
    expect(await call(li, 'join.submit', form())).toMatchObject({
      ok: false,
      error: { code: 'JOIN.ALREADY_MEMBER' },
    })
    const moving = await call(li, 'join.submit', form({ move: true }))
    expect(moving).toMatchObject({
      ok: true,
      data: { status: 'pending', move: true, buildingName: '6号楼', room: '101' },
    })

    // Until approved, Li still lives at 1号楼2单元501.
    const before = await call(li, 'household.mine')
    expect(before.data).toMatchObject({
      household: { buildingName: '1号楼', unitName: '2单元', room: '501' },
      pendingMove: { joinId: moving.data.joinId },
    })
    expect(await call(li, 'directory.card')).toMatchObject({ ok: true })
    // The decider sees it is a move.
    const inbox = await call(WORKER_XINHUA_01, 'join.inbox')
    expect(inbox.data.find((i: { joinId: string }) => i.joinId === moving.data.joinId)).toMatchObject({
      move: true,
    })

    expect(
      await call(WORKER_XINHUA_01, 'join.decide', { joinId: moving.data.joinId, decision: 'approve' }),
    ).toMatchObject({ ok: true })
    const after = await userDoc('user-resident-li')
    expect(after.householdId).toBe('hh_bd-xinhua-01-06-u1_101')
    expect(after.grants).toEqual([
      {
        role: 'resident',
        scope: expect.objectContaining({
          buildingId: 'bd-xinhua-01-06',
          householdId: 'hh_bd-xinhua-01-06-u1_101',
        }),
      },
    ])
    expect((await call(li, 'household.mine')).data).toMatchObject({
      household: { buildingName: '6号楼', room: '101' },
      pendingMove: null,
    })
  })

  it('moves at once where the community approves automatically', async () => {
    const res = await call(
      'demo-openid-resident-wang',
      'join.submit',
      form({ unitId: 'bd-dongshan-01-01-u1', room: '808', name: '王秀英', move: true }),
    )
    expect(res).toMatchObject({ ok: true, data: { status: 'approved', move: true } })
    expect((await call('demo-openid-resident-wang', 'me.profile')).data).toMatchObject({
      household: { communityName: '东山社区', room: '808' },
      roles: [{ role: 'resident', scope: expect.objectContaining({ communityId: 'cm-dongshan' }) }],
    })
  })

  it('a rejected move leaves the resident where they were', async () => {
    const leader = 'demo-openid-leader-zhou'
    const moving = await call(
      leader,
      'join.submit',
      form({ unitId: 'bd-xinhua-01-07-u1', room: '201', name: '周淑芬', move: true }),
    )
    await call(WORKER_XINHUA_01, 'join.decide', {
      joinId: moving.data.joinId,
      decision: 'reject',
      reason: '房屋信息不符',
    })
    const user = await userDoc('user-leader-zhou')
    expect(user.householdId).toBe('hh_bd-xinhua-01-01-u1_101')
    expect(user.grants.map((g: { role: string }) => g.role).sort()).toEqual(['building_leader', 'resident'])
  })

  it('a stale approval of a withdrawn request changes nothing once the person lives elsewhere', async () => {
    const person = 'openid-hh-two-places'
    const pending = await call(
      person,
      'join.submit',
      form({ unitId: 'bd-xinhua-01-08-u1', room: '301', name: '钱学' }),
    )
    // The same person cancels, then is admitted elsewhere automatically…
    await call(person, 'join.cancel', { joinId: pending.data.joinId })
    await call(person, 'join.submit', form({ unitId: 'bd-taoyuan-01-01-u1', room: '301', name: '钱学' }))
    // …a stale approval of the withdrawn request is refused.
    expect(
      await call(WORKER_XINHUA_01, 'join.decide', { joinId: pending.data.joinId, decision: 'approve' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'JOIN.NOT_PENDING' },
    })
    expect((await call(person, 'me.profile')).data.household).toMatchObject({ communityName: '桃园社区' })
  })
})

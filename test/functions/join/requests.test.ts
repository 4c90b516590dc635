// Join requests: the options, submit → inbox → decide, the directory that follows, one pending request per person.
import {
  XINHUA_01_WORKER as WORKER_XINHUA_01,
  XINHUA_02_WORKER as WORKER_XINHUA_02,
} from '../../support/demo-people'
import { joinsOf, userIdOf, XINHUA_B1, XINHUA_B1_U2, form, call, db } from './harness'

describe('join.options', () => {
  it('lists communities of the street and units of a building, in natural order', async () => {
    const streets = await call('openid-pick', 'join.options', { level: 'street', parentId: '-' })
    expect(streets.data).toEqual([{ id: 'st-dongjie', name: '东街道' }])
    const communities = await call('openid-pick', 'join.options', {
      level: 'community',
      parentId: 'st-dongjie',
    })
    expect(communities.data).toHaveLength(6)
    const buildings = await call('openid-pick', 'join.options', {
      level: 'building',
      parentId: 'gr-xinhua-01',
    })
    expect(buildings.data.slice(0, 3).map((b: { name: string }) => b.name)).toEqual([
      '1号楼',
      '2号楼',
      '3号楼',
    ])
    const units = await call('openid-pick', 'join.options', { level: 'unit', parentId: XINHUA_B1 })
    expect(units.data).toEqual([
      { id: 'bd-xinhua-01-01-u1', name: '1单元' },
      { id: 'bd-xinhua-01-01-u2', name: '2单元' },
    ])
  })
})

describe('join.submit → inbox → decide', () => {
  it('waits for the grid worker, who sees it (phone masked) and approves; the resident is then home', async () => {
    const applicant = 'openid-applicant-1'
    const userId = await userIdOf(applicant)
    const input = form()
    const submitted = await call(applicant, 'join.submit', input)
    expect(submitted).toMatchObject({
      ok: true,
      data: {
        status: 'pending',
        gridName: '新华社区第1网格',
        buildingName: '1号楼',
        unitName: '2单元',
        room: '702',
        moves: ['cancel'],
      },
    })

    // A retry of the same submit (weak network) lands once.
    const retried = await call(applicant, 'join.submit', input)
    expect(retried.data.joinId).toBe(submitted.data.joinId)
    expect(await joinsOf(userId)).toHaveLength(1)

    const inbox = await call(WORKER_XINHUA_01, 'join.inbox')
    const item = inbox.data.find((i: { joinId: string }) => i.joinId === submitted.data.joinId)
    expect(item).toMatchObject({ name: '吴春梅', maskedPhone: '139****5678', room: '702' })
    expect(JSON.stringify(inbox.data)).not.toContain('13912345678')

    // Another grid's worker neither sees nor decides it.
    const other = await call(WORKER_XINHUA_02, 'join.inbox')
    expect(other.data.map((i: { joinId: string }) => i.joinId)).not.toContain(submitted.data.joinId)
    const forbidden = await call(WORKER_XINHUA_02, 'join.decide', {
      joinId: submitted.data.joinId,
      decision: 'approve',
    })
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect((await joinsOf(userId))[0]).toMatchObject({ status: 'pending' })

    const approved = await call(WORKER_XINHUA_01, 'join.decide', {
      joinId: submitted.data.joinId,
      decision: 'approve',
    })
    expect(approved).toMatchObject({ ok: true, data: { status: 'approved' } })
    const again = await call(WORKER_XINHUA_01, 'join.decide', {
      joinId: submitted.data.joinId,
      decision: 'approve',
    })
    expect(again).toMatchObject({ ok: false, error: { code: 'JOIN.NOT_PENDING' } })

    const profile = await call(applicant, 'me.profile')
    expect(profile.data).toMatchObject({
      displayName: '吴春梅',
      household: { gridName: '新华社区第1网格', buildingName: '1号楼', unitName: '2单元', room: '702' },
      roles: [{ role: 'resident', scope: { gridId: 'gr-xinhua-01', unitId: XINHUA_B1_U2 } }],
    })
    // Joining twice (same place) is idempotent; elsewhere needs leaving first.
    expect(await call(applicant, 'join.submit', form({ room: '702' }))).toMatchObject({
      ok: true,
      data: { status: 'approved' },
    })
    expect(await call(applicant, 'join.submit', form({ room: '801' }))).toMatchObject({
      ok: false,
      error: { code: 'JOIN.ALREADY_MEMBER' },
    })
  })

  it('rejects with a reason the applicant can read; a reason is required', async () => {
    const applicant = 'openid-applicant-2'
    const submitted = await call(applicant, 'join.submit', form({ room: '703', phone: undefined }))
    const noReason = await call(WORKER_XINHUA_01, 'join.decide', {
      joinId: submitted.data.joinId,
      decision: 'reject',
    })
    expect(noReason).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    const rejected = await call(WORKER_XINHUA_01, 'join.decide', {
      joinId: submitted.data.joinId,
      decision: 'reject',
      reason: '房号与登记不符，请核对',
    })
    expect(rejected).toMatchObject({ ok: true, data: { status: 'rejected' } })
    expect((await call(applicant, 'join.mine')).data).toMatchObject({
      status: 'rejected',
      reason: '房号与登记不符，请核对',
    })
    expect((await call(applicant, 'me.profile')).data.household).toBeNull()
  })

  it('lets exactly one of two racing decisions win', async () => {
    const applicant = 'openid-applicant-race'
    const submitted = await call(applicant, 'join.submit', form({ room: '704' }))
    const [a, b] = await Promise.all([
      call(WORKER_XINHUA_01, 'join.decide', { joinId: submitted.data.joinId, decision: 'approve' }),
      call('demo-openid-xinhua-admin', 'join.decide', {
        joinId: submitted.data.joinId,
        decision: 'reject',
        reason: '重复申请',
      }),
    ])
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1)
    const loser = a.ok ? b : a
    expect(loser.error?.code).toBe('JOIN.NOT_PENDING')
    const profile = await call(applicant, 'me.profile')
    expect(profile.data.household === null).toBe(!a.ok)
  })

  it('admits at once where the community approves automatically', async () => {
    const applicant = 'openid-applicant-auto'
    const res = await call(applicant, 'join.submit', form({ unitId: 'bd-dongshan-01-03-u1', room: '201' }))
    expect(res).toMatchObject({ ok: true, data: { status: 'approved', gridName: '东山社区第1网格' } })
    expect((await call(applicant, 'me.profile')).data.household).toMatchObject({
      communityName: '东山社区',
      room: '201',
    })
  })

  it.each([
    ['no consent', { consent: false }, 'INPUT.INVALID'],
    ['a bad phone', { phone: '12345' }, 'INPUT.INVALID'],
    ['an empty name', { name: '  ' }, 'INPUT.INVALID'],
    ['a bad room', { room: '三楼' }, 'INPUT.INVALID'],
    ['an unknown unit', { unitId: 'no-such-unit' }, 'JOIN.UNIT_NOT_FOUND'],
    ['a smuggled user id', { userId: 'user-street-admin' }, 'INPUT.INVALID'],
  ])('answers %s with %s and stores nothing', async (_name, over, code) => {
    const applicant = 'openid-applicant-bad'
    const userId = await userIdOf(applicant)
    const res = await call(applicant, 'join.submit', form(over))
    expect(res).toMatchObject({ ok: false, error: { code } })
    expect(await joinsOf(userId)).toHaveLength(0)
  })

  it('blocks a second pending request to another place', async () => {
    const applicant = 'openid-applicant-3'
    await call(applicant, 'join.submit', form({ room: '705' }))
    const res = await call(applicant, 'join.submit', form({ room: '706' }))
    expect(res).toMatchObject({ ok: false, error: { code: 'JOIN.PENDING_EXISTS' } })
  })

  it('keeps residents out of the inbox', async () => {
    expect(await call('demo-openid-resident-wang', 'join.inbox')).toMatchObject({
      ok: false,
      error: { code: 'AUTH.FORBIDDEN' },
    })
  })
})

describe('directory', () => {
  it('shows my grid card with masked phones only', async () => {
    const res = await call('demo-openid-resident-wang', 'directory.card')
    expect(res.ok).toBe(true)
    const kinds = res.data.contacts.map((c: { kind: string }) => c.kind)
    expect(kinds).toEqual(
      expect.arrayContaining([
        'grid_worker',
        'police',
        'doctor',
        'building_leader',
        'party_member',
        'volunteer',
      ]),
    )
    expect(res.data.contacts.find((c: { name: string }) => c.name === '刘志强')).toMatchObject({
      kind: 'party_member',
      buildingName: '2号楼',
      skills: ['家电维修', '代买米菜'],
    })
    expect(res.data.contacts.find((c: { name: string }) => c.name === '黄文博')).toMatchObject({
      kind: 'volunteer',
    })
    for (const c of res.data.contacts) expect(c.maskedPhone).toMatch(/^1\d{2}\*{4}\d{4}$/)
    expect(JSON.stringify(res.data)).not.toMatch(/1[3-9]\d{9}/)
  })

  it('reveals a number at call time to a member of the same grid, and logs it', async () => {
    const cardRes = await call('demo-openid-resident-wang', 'directory.card')
    const worker = cardRes.data.contacts.find((c: { kind: string }) => c.kind === 'grid_worker')
    const res = await call('demo-openid-resident-wang', 'directory.call', { contactId: worker.contactId })
    expect(res.data.phone).toMatch(/^1[3-9]\d{9}$/)
    expect(res.data.phone.slice(0, 3) + '****' + res.data.phone.slice(7)).toBe(worker.maskedPhone)
    const logs = (
      await db()
        .collection('access_logs')
        .where({ actorId: 'user-resident-wang', subject: worker.contactId })
        .get()
    ).data
    expect(logs).toEqual([
      expect.objectContaining({ action: 'directory.call', allowed: true, people: ['user-xinhua-01-worker'] }),
    ])
  })

  it('refuses numbers from another grid, and logs the attempt', async () => {
    const res = await call('demo-openid-resident-wang', 'directory.call', {
      contactId: 'user:user-xinhua-02-worker:grid_worker',
    })
    expect(res).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    const logs = (
      await db().collection('access_logs').where({ actorId: 'user-resident-wang', allowed: false }).get()
    ).data
    expect(logs.length).toBeGreaterThanOrEqual(1)
  })

  it('asks people outside any grid to join first', async () => {
    expect(await call('demo-openid-newcomer', 'directory.card')).toMatchObject({
      ok: false,
      error: { code: 'AUTH.FORBIDDEN' },
    })
  })
})

describe('one pending request per person', () => {
  it('lets at most one of two concurrent submits to different places end pending', async () => {
    for (let round = 0; round < 3; round += 1) {
      const applicant = `openid-racer-${round}`
      const userId = await userIdOf(applicant)
      const results = await Promise.all([
        call(applicant, 'join.submit', form({ room: `81${round}` })),
        call(applicant, 'join.submit', form({ unitId: 'bd-xinhua-01-03-u1', room: `82${round}` })),
      ])
      expect(results.filter((r) => r.ok)).toHaveLength(1)
      const loser = results.find((r) => !r.ok)
      expect(['JOIN.PENDING_EXISTS', 'DATA.CONFLICT']).toContain(loser?.error?.code)
      const stored = await joinsOf(userId)
      expect(stored.filter((j) => j.status === 'pending')).toHaveLength(1)
      expect(stored).toHaveLength(1)
    }
  })

  it('lets the applicant withdraw a pending request, then ask again elsewhere', async () => {
    const applicant = 'openid-withdraw'
    const first = await call(applicant, 'join.submit', form({ room: '901' }))
    expect(await call('openid-someone-else', 'join.cancel', { joinId: first.data.joinId })).toMatchObject({
      ok: false,
      error: { code: 'DATA.NOT_FOUND' },
    })
    const cancelled = await call(applicant, 'join.cancel', { joinId: first.data.joinId })
    expect(cancelled).toMatchObject({ ok: true, data: { status: 'cancelled', moves: [] } })
    expect(await call(applicant, 'join.cancel', { joinId: first.data.joinId })).toMatchObject({
      ok: false,
      error: { code: 'JOIN.NOT_PENDING' },
    })
    expect(
      await call(WORKER_XINHUA_01, 'join.decide', { joinId: first.data.joinId, decision: 'approve' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'JOIN.NOT_PENDING' },
    })
    expect(await call(applicant, 'join.submit', form({ room: '902' }))).toMatchObject({
      ok: true,
      data: { status: 'pending', room: '902' },
    })
  })
})

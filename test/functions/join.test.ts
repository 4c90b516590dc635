import { demoInviteCode } from '../../emulator/seed/demo-data'
import { useApi } from '../support/api-test'
import {
  XINHUA_01_WORKER as WORKER_XINHUA_01,
  XINHUA_02_WORKER as WORKER_XINHUA_02,
} from '../support/demo-people'

const { emu, call, db } = useApi()

// Scan to join, through the built `api` function in the local CloudBase with the real node-sdk.

const joinsOf = async (userId: string) =>
  (await db().collection('join_requests').where({ userId }).get()).data as Record<string, unknown>[]
const userIdOf = async (openid: string) => (await call(openid, 'me.profile')).data.userId as string

const XINHUA_B1 = 'bd-xinhua-01-01'
const XINHUA_B1_U2 = 'bd-xinhua-01-01-u2'
const form = (over: Record<string, unknown> = {}) => ({
  requestId: `req-${Math.random().toString(36).slice(2, 12)}`,
  unitId: XINHUA_B1_U2,
  room: '702',
  name: '吴春梅',
  phone: '13912345678',
  consent: true,
  ...over,
})

describe('code.resolve', () => {
  it('turns a building code into its street, community, grid and building', async () => {
    const res = await call('openid-scan-1', 'code.resolve', { scene: `b=${demoInviteCode(XINHUA_B1)}` })
    expect(res).toEqual({
      ok: true,
      requestId: expect.any(String),
      data: {
        street: { id: 'st-dongjie', name: '东街道' },
        community: { id: 'cm-xinhua', name: '新华社区', joinPolicy: 'grid_worker' },
        grid: { id: 'gr-xinhua-01', name: '新华社区第1网格' },
        building: { id: XINHUA_B1, name: '1号楼' },
      },
    })
  })

  it('accepts the scene URL-encoded, as WeChat passes it', async () => {
    const res = await call('openid-scan-1', 'code.resolve', {
      scene: encodeURIComponent(`g=${demoInviteCode('gr-xinhua-02')}`),
    })
    expect(res.data).toMatchObject({ grid: { id: 'gr-xinhua-02' }, building: null })
  })

  it.each([
    ['an unknown code', 'b=ZZZZZZZZ'],
    ['a grid code presented as a building code', `b=${demoInviteCode('gr-xinhua-02')}`],
    ['garbage', '<script>'],
    ['nothing', ''],
  ])('answers %s with JOIN.CODE_INVALID', async (_name, scene) => {
    const res = await call('openid-scan-1', 'code.resolve', { scene })
    expect(res).toMatchObject({ ok: false, error: { code: 'JOIN.CODE_INVALID' } })
  })

  it('refuses a regenerated (retired) code', async () => {
    const code = demoInviteCode('bd-xinhua-01-12')
    await db().collection('invite_codes').doc(code).update({ active: false })
    const res = await call('openid-scan-1', 'code.resolve', { scene: `b=${code}` })
    expect(res).toMatchObject({ ok: false, error: { code: 'JOIN.CODE_INVALID' } })
  })
})

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

describe('join.submit with a scanned code', () => {
  const viaOf = async (joinId: string) =>
    ((await db().collection('join_requests').doc(joinId).get()).data as { via: string }[])[0]?.via

  it('records via: code when the code points at the chosen unit (building or grid code)', async () => {
    const building = await call(
      'openid-via-1',
      'join.submit',
      form({ room: '1201', scene: `b=${demoInviteCode(XINHUA_B1)}` }),
    )
    expect(building).toMatchObject({ ok: true, data: { status: 'pending' } })
    expect(await viaOf(building.data.joinId)).toBe('code')
    const grid = await call(
      'openid-via-2',
      'join.submit',
      form({ room: '1202', scene: encodeURIComponent(`g=${demoInviteCode('gr-xinhua-01')}`) }),
    )
    expect(await viaOf(grid.data.joinId)).toBe('code')
  })

  it('records via: picker when a live code points elsewhere, or when there is none', async () => {
    const other = await call(
      'openid-via-3',
      'join.submit',
      form({ room: '1203', scene: `b=${demoInviteCode('bd-xinhua-01-02')}` }),
    )
    expect(await viaOf(other.data.joinId)).toBe('picker')
    const otherGrid = await call(
      'openid-via-4',
      'join.submit',
      form({ room: '1204', scene: `g=${demoInviteCode('gr-xinhua-02')}` }),
    )
    expect(await viaOf(otherGrid.data.joinId)).toBe('picker')
    const none = await call('openid-via-5', 'join.submit', form({ room: '1205' }))
    expect(await viaOf(none.data.joinId)).toBe('picker')
  })

  it.each([
    ['an unknown code', 'b=ZZZZZZZZ'],
    ['garbage', 'x=<1>'],
    ['a retired code', 'retired'],
  ])('refuses %s with JOIN.CODE_INVALID and stores nothing', async (_name, scene) => {
    let s = scene
    if (scene === 'retired') {
      const code = demoInviteCode('bd-xinhua-01-10')
      await db().collection('invite_codes').doc(code).update({ active: false })
      s = `b=${code}`
    }
    const applicant = 'openid-via-bad'
    const userId = await userIdOf(applicant)
    const notes = async () => (await db().collection('notifications').count()).total
    const before = await notes()
    const res = await call(
      applicant,
      'join.submit',
      form({ unitId: 'bd-xinhua-01-10-u1', room: '101', scene: s }),
    )
    expect(res).toMatchObject({ ok: false, error: { code: 'JOIN.CODE_INVALID' } })
    expect(await joinsOf(userId)).toHaveLength(0)
    expect(await notes()).toBe(before)
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

describe('notifying the deciders of a new pending request', () => {
  const notesFor = async (joinId: string) =>
    (await db().collection('notifications').where({ sourceId: joinId }).get()).data as Record<string, any>[] // eslint-disable-line @typescript-eslint/no-explicit-any
  const outboxFor = async (openid: string) =>
    (
      (await emu().outbox()) as {
        touser: string
        template_id: string
        page: string
        data: Record<string, { value: string }>
      }[]
    ).filter((m) => m.touser === openid)

  it('sends the grid worker a subscribe message when they hold a subscription, and marks it sent', async () => {
    const worker = 'demo-openid-xinhua-03-worker'
    await emu().grantSubscriptions(worker, 'tmpl-join-pending', 1)
    const res = await call(
      'openid-notify-1',
      'join.submit',
      form({ unitId: 'bd-xinhua-03-01-u1', room: '301', name: '钱多多' }),
    )
    expect(res).toMatchObject({ ok: true, data: { status: 'pending' } })
    const notes = await notesFor(res.data.joinId)
    expect(notes).toEqual([
      expect.objectContaining({
        kind: 'join.pending',
        recipientId: 'user-xinhua-03-worker',
        status: 'sent',
        attempts: 1,
        templateId: 'tmpl-join-pending',
      }),
    ])
    const sent = await outboxFor(worker)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({
      template_id: 'tmpl-join-pending',
      page: `features/grid/pages/joins/index?id=${res.data.joinId}`,
      data: {
        thing1: { value: '钱多多' },
        thing2: { value: '25号楼1单元301室' },
        time3: { value: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/) },
      },
    })
    // The subscription was one-time: the next request finds none, and is marked so, the join unharmed.
    const next = await call(
      'openid-notify-2',
      'join.submit',
      form({ unitId: 'bd-xinhua-03-01-u1', room: '302' }),
    )
    expect(next).toMatchObject({ ok: true, data: { status: 'pending' } })
    expect(await notesFor(next.data.joinId)).toEqual([
      expect.objectContaining({ status: 'no_subscription', lastError: expect.stringContaining('43101') }),
    ])
    expect(await outboxFor(worker)).toHaveLength(1)
  })

  it('tells the building leader where the policy says so, else falls back to the grid worker', async () => {
    // 苏村社区 approves by building leader; its buildings have none, so the grid worker is told.
    const res = await call(
      'openid-notify-3',
      'join.submit',
      form({ unitId: 'bd-sucun-02-01-u1', room: '101' }),
    )
    expect(res).toMatchObject({ ok: true, data: { status: 'pending' } })
    expect((await notesFor(res.data.joinId)).map((n) => n.recipientId)).toEqual(['user-sucun-02-worker'])
    // 新华 1号楼 has a leader, but 新华's policy is the grid worker: the leader is not told.
    const xinhua = await call('openid-notify-4', 'join.submit', form({ room: '1301' }))
    expect((await notesFor(xinhua.data.joinId)).map((n) => n.recipientId)).toEqual(['user-xinhua-01-worker'])
  })

  it('writes nothing to send when the community approves automatically, or on a retried submit', async () => {
    const auto = await call(
      'openid-notify-5',
      'join.submit',
      form({ unitId: 'bd-dongshan-02-01-u1', room: '101' }),
    )
    expect(auto.data.status).toBe('approved')
    expect(await notesFor(auto.data.joinId)).toHaveLength(0)
    const input = form({ unitId: 'bd-xinhua-04-01-u1', room: '101' })
    const first = await call('openid-notify-6', 'join.submit', input)
    await call('openid-notify-6', 'join.submit', input)
    expect(await notesFor(first.data.joinId)).toHaveLength(1)
  })

  it('keeps the request when delivery fails, and the notify timer delivers it later', async () => {
    const res = await call(
      'openid-notify-7',
      'join.submit',
      form({ unitId: 'bd-xinhua-05-01-u1', room: '101' }),
    )
    expect(res).toMatchObject({ ok: true, data: { status: 'pending' } })
    const [note] = await notesFor(res.data.joinId)
    if (!note) throw new Error('no notification stored')
    expect(note).toMatchObject({ status: 'no_subscription' })

    // As if the send had failed (network, WeChat busy) an hour ago: retryable, backoff passed.
    await db()
      .collection('notifications')
      .doc(note._id)
      .update({ status: 'failed', attempts: 1, updatedAt: new Date(Date.now() - 3_600_000) })
    await emu().grantSubscriptions('demo-openid-xinhua-05-worker', 'tmpl-join-pending', 1)
    const fired = (await emu().fireTimer('notify', 'retryUndelivered')) as {
      ok: boolean
      outcomes: Record<string, string>
    }
    expect(fired.outcomes[note._id]).toBe('sent')
    expect((await notesFor(res.data.joinId))[0]).toMatchObject({
      status: 'sent',
      attempts: 2,
      lastError: null,
    })
    // Delivered records are not sent again.
    const again = (await emu().fireTimer('notify', 'retryUndelivered')) as {
      outcomes: Record<string, string>
    }
    expect(again.outcomes[note._id]).toBeUndefined()
  })
})

describe('content security and the phone-number button', () => {
  it('refuses a risky name with CONTENT.RISKY and stores nothing', async () => {
    const applicant = 'openid-risky'
    const userId = await userIdOf(applicant)
    const res = await call(applicant, 'join.submit', form({ name: '赌博王' }))
    expect(res).toMatchObject({ ok: false, error: { code: 'CONTENT.RISKY' } })
    expect(await joinsOf(userId)).toHaveLength(0)
  })

  it('exchanges the button code for the verified number, once', async () => {
    const res = await call('openid-phone', 'phone.fromCode', { code: 'wx-13712345678' })
    expect(res).toMatchObject({ ok: true, data: { phone: '13712345678' } })
    expect(await call('openid-phone', 'phone.fromCode', { code: 'wx-13712345678' })).toMatchObject({
      ok: false,
      error: { code: 'PHONE.CODE_INVALID' },
    })
    expect(await call('openid-phone', 'phone.fromCode', { code: '' })).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID' },
    })
    expect(await call('openid-phone', 'phone.fromCode', { code: 'bad code!' })).toMatchObject({
      ok: false,
      error: { code: 'PHONE.CODE_INVALID' },
    })
  })
})

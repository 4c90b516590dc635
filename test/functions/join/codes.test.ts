// Codes: code.resolve, and join.submit with a scanned code.
import { demoInviteCode } from '../../../emulator/seed/demo-data'
import { joinsOf, userIdOf, XINHUA_B1, form, call, db } from './harness'

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

import { demoInviteCode } from '../../emulator/seed/demo-data'
import { useApi, httpGet as get } from '../support/api-test'
import {
  DONGSHAN_ADMIN,
  STREET_ADMIN,
  WANG as RESIDENT,
  XINHUA_01_WORKER as WORKER_XINHUA_01,
  XINHUA_02_WORKER as WORKER_XINHUA_02,
  XINHUA_ADMIN,
} from '../support/demo-people'
import type { ApiResult } from '../support/seeded-emulator'

const { emu, call, db } = useApi()

// Building and grid codes, through the built `api` function in the local CloudBase with the real
// SDKs (node-sdk for data and storage, wx-server-sdk for wxacode.getUnlimited).

type Card = {
  target: string
  targetId: string
  name: string
  code: string
  scene: string
  imageUrl: string | null
  createdAt: string
}
type Result = ApiResult

type QrRecord = { scene: string; page: string; width: number; fn: string }
const qrcodes = async () =>
  JSON.parse((await get(`${emu().url}/dev/qrcodes.json`)).body.toString()) as QrRecord[]
const codesOf = async (targetId: string) =>
  (await db().collection('invite_codes').where({ targetId }).limit(100).get()).data as {
    _id: string
    active: boolean
    imageFileId?: string | null
  }[]
const rid = () => `req-${Math.random().toString(36).slice(2, 12)}`

describe('codes.list', () => {
  let first: Result

  beforeAll(async () => {
    first = await call(WORKER_XINHUA_01, 'codes.list', { gridId: 'gr-xinhua-01' })
  }, 60_000)

  it("gives the grid worker the grid's code and every building's, in natural order", () => {
    expect(first).toMatchObject({ ok: true })
    const { grid, communityName, gridCode, buildings } = first.data as {
      grid: { id: string; name: string }
      communityName: string
      gridCode: Card
      buildings: Card[]
    }
    expect(grid).toMatchObject({ id: 'gr-xinhua-01', name: '新华社区第1网格' })
    expect(communityName).toBe('新华社区')
    // Seeded codes are adopted, not replaced: what is already printed keeps working.
    expect(gridCode).toMatchObject({
      target: 'grid',
      targetId: 'gr-xinhua-01',
      code: demoInviteCode('gr-xinhua-01'),
      scene: `g=${demoInviteCode('gr-xinhua-01')}`,
    })
    expect(buildings.map((b) => b.name)).toEqual(Array.from({ length: 12 }, (_, i) => `${i + 1}号楼`))
    for (const b of buildings) {
      expect(b).toMatchObject({
        target: 'building',
        code: demoInviteCode(b.targetId),
        scene: `b=${demoInviteCode(b.targetId)}`,
      })
      expect(b.scene.length).toBeLessThanOrEqual(32)
      expect(b.imageUrl).toEqual(expect.any(String))
      expect(new Date(b.createdAt).toString()).not.toBe('Invalid Date')
    }
  })

  it('generates each image through wxacode.getUnlimited for the join page and stores it', async () => {
    const data = first.data as { gridCode: Card; buildings: Card[] }
    const cards = [data.gridCode, ...data.buildings]
    const made = await qrcodes()
    for (const c of cards) {
      expect(made.filter((q) => q.scene === c.scene)).toEqual([
        expect.objectContaining({ page: 'pages/join/index', width: 430, fn: 'api' }),
      ])
      const stored = (await codesOf(c.targetId)).find((r) => r._id === c.code)
      expect(stored?.imageFileId).toMatch(new RegExp(`^cloud://.+/codes/${c.targetId}/${c.code}\\.png$`))
    }
    const image = await get(data.buildings[0]!.imageUrl!)
    expect(image.status).toBe(200)
    expect(image.type).toBe('image/png')
    expect(image.body.subarray(0, 4).toString('hex')).toBe('89504e47')
  })

  it('reuses codes and images on later listings (by anyone in scope)', async () => {
    const before = (await qrcodes()).length
    const again = await call(XINHUA_ADMIN, 'codes.list', { gridId: 'gr-xinhua-01' })
    const street = await call(STREET_ADMIN, 'codes.list', { gridId: 'gr-xinhua-01' })
    const codes = (r: Result) => [r.data.gridCode, ...r.data.buildings].map((c: Card) => c.code)
    expect(codes(again)).toEqual(codes(first))
    expect(codes(street)).toEqual(codes(first))
    expect((await qrcodes()).length).toBe(before)
  })

  it('issues exactly one code per new grid and building even when two admins list at once', async () => {
    // A grid and buildings created after seeding (as an import does): no codes yet.
    const base = { streetId: 'st-dongjie', communityId: 'cm-xinhua' }
    await db()
      .collection('grids')
      .doc('gr-race')
      .set({ ...base, level: 'grid', name: '新华社区第9网格' })
    const names = ['10号楼', '2号楼', '1号楼']
    for (const [i, name] of names.entries()) {
      await db()
        .collection('buildings')
        .doc(`bd-race-${i}`)
        .set({ ...base, gridId: 'gr-race', level: 'building', name })
    }
    // Three warm instances, so the three calls below really run at the same time (a cold start
    // would serialise them).
    await Promise.all([0, 1, 2].map(() => call(STREET_ADMIN, 'codes.grids')))
    const [a, b, c] = await Promise.all([
      call(XINHUA_ADMIN, 'codes.list', { gridId: 'gr-race' }),
      call(STREET_ADMIN, 'codes.list', { gridId: 'gr-race' }),
      call(XINHUA_ADMIN, 'codes.list', { gridId: 'gr-race' }),
    ])
    for (const r of [a, b, c]) expect(r).toMatchObject({ ok: true })
    const codes = (r: Result) => [r.data.gridCode, ...r.data.buildings].map((x: Card) => x.code)
    expect(codes(b)).toEqual(codes(a))
    expect(codes(c)).toEqual(codes(a))
    expect(a.data.buildings.map((x: Card) => x.name)).toEqual(['1号楼', '2号楼', '10号楼'])
    for (const id of ['gr-race', 'bd-race-0', 'bd-race-1', 'bd-race-2']) {
      // The losers' transactions never wrote: one code record per target, and it is active.
      expect(await codesOf(id)).toEqual([expect.objectContaining({ active: true })])
    }
    const resolved = await call(RESIDENT, 'code.resolve', { scene: a.data.buildings[2].scene })
    expect(resolved.data).toMatchObject({
      grid: { id: 'gr-race' },
      building: { id: 'bd-race-0', name: '10号楼' },
    })
  }, 60_000)
})

describe('codes.regenerate', () => {
  const building = 'bd-xinhua-01-05'

  it('retires the old code in the same step as it issues the new one', async () => {
    const old = demoInviteCode(building)
    const res = await call(XINHUA_ADMIN, 'codes.regenerate', {
      target: 'building',
      targetId: building,
      requestId: rid(),
    })
    expect(res).toMatchObject({ ok: true, data: { target: 'building', targetId: building, name: '5号楼' } })
    const card = res.data as Card
    expect(card.code).not.toBe(old)
    expect(card.scene).toBe(`b=${card.code}`)
    expect(card.imageUrl).toEqual(expect.any(String))
    expect(await call(RESIDENT, 'code.resolve', { scene: `b=${old}` })).toMatchObject({
      ok: false,
      error: { code: 'JOIN.CODE_INVALID' },
    })
    expect(await call(RESIDENT, 'code.resolve', { scene: card.scene })).toMatchObject({
      ok: true,
      data: { building: { id: building } },
    })
    const records = await codesOf(building)
    expect(records.filter((r) => r.active).map((r) => r._id)).toEqual([card.code])
    const listed = await call(WORKER_XINHUA_01, 'codes.list', { gridId: 'gr-xinhua-01' })
    expect(listed.data.buildings.find((b: Card) => b.targetId === building).code).toBe(card.code)
  })

  it('rotates once for a retried request id, even when the retries race', async () => {
    const requestId = rid()
    const before = (await codesOf(building)).length
    await Promise.all([0, 1].map(() => call(XINHUA_ADMIN, 'codes.grids'))) // two warm instances
    const [a, b] = await Promise.all([
      call(XINHUA_ADMIN, 'codes.regenerate', { target: 'building', targetId: building, requestId }),
      call(XINHUA_ADMIN, 'codes.regenerate', { target: 'building', targetId: building, requestId }),
    ])
    const c = await call(XINHUA_ADMIN, 'codes.regenerate', {
      target: 'building',
      targetId: building,
      requestId,
    })
    expect(a).toMatchObject({ ok: true })
    expect(b.data.code).toBe(a.data.code)
    expect(c.data.code).toBe(a.data.code)
    const records = await codesOf(building)
    expect(records).toHaveLength(before + 1)
    expect(records.filter((r) => r.active).map((r) => r._id)).toEqual([a.data.code])
    expect((await qrcodes()).filter((q) => q.scene === a.data.scene).length).toBeGreaterThanOrEqual(1)
  })

  it("regenerates a grid's code (street admin)", async () => {
    const old = demoInviteCode('gr-xinhua-02')
    const res = await call(STREET_ADMIN, 'codes.regenerate', {
      target: 'grid',
      targetId: 'gr-xinhua-02',
      requestId: rid(),
    })
    expect(res).toMatchObject({
      ok: true,
      data: { target: 'grid', name: '新华社区第2网格', scene: expect.stringMatching(/^g=/) },
    })
    expect(await call(RESIDENT, 'code.resolve', { scene: `g=${old}` })).toMatchObject({
      ok: false,
      error: { code: 'JOIN.CODE_INVALID' },
    })
    expect(await call(RESIDENT, 'code.resolve', { scene: res.data.scene })).toMatchObject({
      ok: true,
      data: { grid: { id: 'gr-xinhua-02' }, building: null },
    })
  })
})

describe('who may see and regenerate codes', () => {
  it.each([
    ['a grid worker, for another grid', WORKER_XINHUA_02, 'codes.list', { gridId: 'gr-xinhua-01' }],
    ['a community admin, for another community', DONGSHAN_ADMIN, 'codes.list', { gridId: 'gr-xinhua-01' }],
    ['a resident', RESIDENT, 'codes.list', { gridId: 'gr-xinhua-01' }],
    ['someone with no grants', 'openid-stranger', 'codes.list', { gridId: 'gr-xinhua-01' }],
    [
      'a grid worker, even for their own grid',
      WORKER_XINHUA_01,
      'codes.regenerate',
      { target: 'building', targetId: 'bd-xinhua-01-03' },
    ],
    [
      'a community admin, for another community',
      DONGSHAN_ADMIN,
      'codes.regenerate',
      { target: 'building', targetId: 'bd-xinhua-01-03' },
    ],
    [
      'a community admin, for another community’s grid',
      DONGSHAN_ADMIN,
      'codes.regenerate',
      { target: 'grid', targetId: 'gr-xinhua-01' },
    ],
    ['a resident', RESIDENT, 'codes.regenerate', { target: 'building', targetId: 'bd-xinhua-01-03' }],
  ])('refuses %s (%s, %s) with AUTH.FORBIDDEN and changes nothing', async (_who, openid, action, input) => {
    const before = await codesOf('bd-xinhua-01-03')
    const res = await call(
      openid,
      action,
      action === 'codes.regenerate' ? { ...input, requestId: rid() } : input,
    )
    expect(res).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(res.data).toBeUndefined()
    expect(await codesOf('bd-xinhua-01-03')).toEqual(before)
  })

  it('lists the grids in scope for the picker', async () => {
    const worker = await call(WORKER_XINHUA_01, 'codes.grids')
    expect(worker.data).toEqual([
      {
        id: 'gr-xinhua-01',
        name: '新华社区第1网格',
        communityName: '新华社区',
        path: { streetId: 'st-dongjie', communityId: 'cm-xinhua', gridId: 'gr-xinhua-01' },
      },
    ])
    const admin = await call(DONGSHAN_ADMIN, 'codes.grids')
    expect(admin.data.map((g: { id: string }) => g.id)).toEqual([
      'gr-dongshan-01',
      'gr-dongshan-02',
      'gr-dongshan-03',
      'gr-dongshan-04',
      'gr-dongshan-05',
      'gr-dongshan-06',
    ])
    const street = await call(STREET_ADMIN, 'codes.grids')
    expect(street.data.length).toBeGreaterThanOrEqual(36)
    expect(await call(RESIDENT, 'codes.grids')).toMatchObject({
      ok: false,
      error: { code: 'AUTH.FORBIDDEN' },
    })
  })
})

describe('bad input', () => {
  it.each([
    ['codes.list', {}],
    ['codes.list', { gridId: '' }],
    ['codes.list', { gridId: 'gr-xinhua-01', extra: 1 }],
    ['codes.list', { gridId: 'x'.repeat(65) }],
    ['codes.regenerate', { target: 'unit', targetId: 'bd-xinhua-01-03', requestId: 'req-123456' }],
    ['codes.regenerate', { target: 'building', targetId: 'bd-xinhua-01-03' }],
    ['codes.regenerate', { target: 'building', targetId: 'bd-xinhua-01-03', requestId: 'short' }],
    ['codes.regenerate', { target: 'building', targetId: 'bd-xinhua-01-03', requestId: 'req 1234 5678' }],
  ])('%s %j → INPUT.INVALID, nothing changes', async (action, input) => {
    const before = await codesOf('bd-xinhua-01-03')
    expect(await call(XINHUA_ADMIN, action, input)).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID' },
    })
    expect(await codesOf('bd-xinhua-01-03')).toEqual(before)
  })

  it.each([
    ['codes.list', { gridId: 'gr-nowhere' }],
    ['codes.regenerate', { target: 'building', targetId: 'bd-nowhere', requestId: 'req-12345678' }],
    ['codes.regenerate', { target: 'grid', targetId: 'bd-xinhua-01-03', requestId: 'req-12345678' }],
  ])('%s %j → DATA.NOT_FOUND', async (action, input) => {
    expect(await call(STREET_ADMIN, action, input)).toMatchObject({
      ok: false,
      error: { code: 'DATA.NOT_FOUND' },
    })
  })
})

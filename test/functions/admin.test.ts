import { useApi } from '../support/api-test'
import {
  DONGSHAN_ADMIN as DONGSHAN,
  LEADER_ZHOU as LEADER,
  STREET_ADMIN as STREET,
  WANG as RESIDENT,
  XINHUA_01_WORKER as WORKER_01,
  XINHUA_02_WORKER as WORKER_02,
  XINHUA_ADMIN as XINHUA,
} from '../support/demo-people'

const { call, db, count, docOf: getDoc } = useApi()

// The admin side of the org tree, through the built `api` function in the local CloudBase with the
// real node-sdk: tree management, CSV import, role grants, staff lists with access logs.

const rid = () => `req-${Math.random().toString(36).slice(2, 12)}`

const square = [
  [112.54, 37.87],
  [112.55, 37.87],
  [112.55, 37.88],
  [112.54, 37.88],
]

describe('org.children', () => {
  it('shows a street admin every community with its join policy; a community admin only their own', async () => {
    const street = await call(STREET, 'org.children', { level: 'community', parentId: 'st-dongjie' })
    expect(street.data).toHaveLength(6)
    expect(street.data).toContainEqual({
      level: 'community',
      id: 'cm-dongshan',
      name: '东山社区',
      joinPolicy: 'auto',
    })
    const xinhua = await call(XINHUA, 'org.children', { level: 'community', parentId: 'st-dongjie' })
    expect(xinhua.data).toEqual([
      { level: 'community', id: 'cm-xinhua', name: '新华社区', joinPolicy: 'grid_worker' },
    ])
  })

  it('lists grids with workers and contacts, buildings with leaders and unit counts, units', async () => {
    const grids = await call(XINHUA, 'org.children', { level: 'grid', parentId: 'cm-xinhua' })
    expect(grids.data.map((g: { name: string }) => g.name).slice(0, 2)).toEqual([
      '新华社区第1网格',
      '新华社区第2网格',
    ])
    expect(grids.data[0]).toMatchObject({
      id: 'gr-xinhua-01',
      boundary: null,
      workers: [expect.any(String)],
      police: { name: expect.any(String), phone: expect.stringMatching(/^1\d{10}$/) },
      doctor: { name: expect.any(String) },
    })
    const buildings = await call(XINHUA, 'org.children', { level: 'building', parentId: 'gr-xinhua-01' })
    expect(buildings.data).toHaveLength(12)
    expect(buildings.data[0]).toEqual({
      level: 'building',
      id: 'bd-xinhua-01-01',
      name: '1号楼',
      leaders: ['周淑芬'],
      unitCount: 2,
    })
    expect(buildings.data[1]).toMatchObject({ name: '2号楼', leaders: [] })
    const units = await call(XINHUA, 'org.children', { level: 'unit', parentId: 'bd-xinhua-01-01' })
    expect(units.data.map((u: { name: string }) => u.name)).toEqual(['1单元', '2单元'])
  })

  it('refuses another community’s subtree and non-admins; unknown parents are not found', async () => {
    expect(await call(XINHUA, 'org.children', { level: 'grid', parentId: 'cm-dongshan' })).toMatchObject({
      error: { code: 'AUTH.FORBIDDEN' },
    })
    expect(
      await call(XINHUA, 'org.children', { level: 'building', parentId: 'gr-dongshan-01' }),
    ).toMatchObject({ error: { code: 'AUTH.FORBIDDEN' } })
    expect(
      await call(WORKER_01, 'org.children', { level: 'building', parentId: 'gr-xinhua-01' }),
    ).toMatchObject({ error: { code: 'AUTH.FORBIDDEN' } })
    expect(await call(XINHUA, 'org.children', { level: 'grid', parentId: 'cm-nowhere' })).toMatchObject({
      error: { code: 'DATA.NOT_FOUND' },
    })
  })
})

describe('org.create / rename / update', () => {
  it('creates a grid with a boundary once, however often the request is retried', async () => {
    const input = {
      requestId: rid(),
      level: 'grid',
      parentId: 'cm-xinhua',
      name: '新华社区第7网格',
      boundary: [...square, square[0]],
    }
    const first = await call(XINHUA, 'org.create', input)
    expect(first).toMatchObject({
      ok: true,
      data: { level: 'grid', name: '新华社区第7网格', id: expect.stringMatching(/^gr-/) },
    })
    const [a, b] = await Promise.all([call(XINHUA, 'org.create', input), call(XINHUA, 'org.create', input)])
    expect([a.data.id, b.data.id]).toEqual([first.data.id, first.data.id])
    expect(await count('grids', { communityId: 'cm-xinhua', name: '新华社区第7网格' })).toBe(1)
    expect(await getDoc('grids', first.data.id)).toMatchObject({
      level: 'grid',
      streetId: 'st-dongjie',
      communityId: 'cm-xinhua',
      boundary: square, // the closing point is dropped
    })
    // The new grid is a place people can join into (public picker) once it has buildings.
    const options = await call('openid-someone', 'join.options', { level: 'grid', parentId: 'cm-xinhua' })
    expect(options.data.map((o: { id: string }) => o.id)).toContain(first.data.id)
  })

  it('keeps names unique among siblings, also when two creates race', async () => {
    const taken = await call(XINHUA, 'org.create', {
      requestId: rid(),
      level: 'grid',
      parentId: 'cm-xinhua',
      name: '新华社区第1网格',
    })
    expect(taken).toMatchObject({ ok: false, error: { code: 'ORG.NAME_TAKEN' } })
    // Same name under another parent is fine.
    expect(
      await call(XINHUA, 'org.create', {
        requestId: rid(),
        level: 'building',
        parentId: 'gr-xinhua-02',
        name: '1号楼',
      }),
    ).toMatchObject({ ok: true })
    const racing = await Promise.all(
      [1, 2, 3].map(() =>
        call(XINHUA, 'org.create', {
          requestId: rid(),
          level: 'building',
          parentId: 'gr-xinhua-03',
          name: '99号楼',
        }),
      ),
    )
    expect(racing.filter((r) => r.ok)).toHaveLength(1)
    expect(racing.filter((r) => !r.ok).map((r) => r.error?.code)).toEqual([
      'ORG.NAME_TAKEN',
      'ORG.NAME_TAKEN',
    ])
    expect(await count('buildings', { gridId: 'gr-xinhua-03', name: '99号楼' })).toBe(1)
  })

  it('lets each level be created only by the level above, inside its scope', async () => {
    const create = (openid: string, level: string, parentId: string, name: string) =>
      call(openid, 'org.create', { requestId: rid(), level, parentId, name })
    expect(await create(XINHUA, 'community', 'st-dongjie', '新社区')).toMatchObject({
      error: { code: 'AUTH.FORBIDDEN' },
    })
    expect(await create(XINHUA, 'building', 'gr-dongshan-01', '50号楼')).toMatchObject({
      error: { code: 'AUTH.FORBIDDEN' },
    })
    expect(await create(WORKER_01, 'unit', 'bd-xinhua-01-01', '3单元')).toMatchObject({
      error: { code: 'AUTH.FORBIDDEN' },
    })
    expect(await create(XINHUA, 'unit', 'bd-nowhere', '3单元')).toMatchObject({
      error: { code: 'DATA.NOT_FOUND' },
    })
    const community = await call(STREET, 'org.create', {
      requestId: rid(),
      level: 'community',
      parentId: 'st-dongjie',
      name: '幸福里社区',
      joinPolicy: 'auto',
    })
    expect(community).toMatchObject({ ok: true, data: { level: 'community', name: '幸福里社区' } })
    expect(await getDoc('communities', community.data.id)).toMatchObject({
      streetId: 'st-dongjie',
      joinPolicy: 'auto',
    })
    const unit = await create(XINHUA, 'unit', 'bd-xinhua-01-02', '3单元')
    expect(await getDoc('units', unit.data.id)).toMatchObject({
      streetId: 'st-dongjie',
      communityId: 'cm-xinhua',
      gridId: 'gr-xinhua-01',
      buildingId: 'bd-xinhua-01-02',
      name: '3单元',
    })
  })

  it('rejects a bad boundary and writes nothing', async () => {
    const before = await count('grids', { communityId: 'cm-xinhua' })
    const res = await call(XINHUA, 'org.create', {
      requestId: rid(),
      level: 'grid',
      parentId: 'cm-xinhua',
      name: '坏边界网格',
      boundary: square.map(([a, b]) => [b, a]),
    })
    expect(res).toMatchObject({
      ok: false,
      error: {
        code: 'INPUT.INVALID',
        details: [{ path: 'boundary', message: expect.stringContaining('经纬度可能写反了') }],
      },
    })
    expect(await count('grids', { communityId: 'cm-xinhua' })).toBe(before)
  })

  it('renames within scope, unique among siblings', async () => {
    expect(
      await call(XINHUA, 'org.rename', { level: 'building', id: 'bd-xinhua-02-01', name: '14号楼' }),
    ).toMatchObject({
      error: { code: 'ORG.NAME_TAKEN' },
    })
    expect(
      await call(XINHUA, 'org.rename', { level: 'building', id: 'bd-xinhua-02-01', name: '13号楼A座' }),
    ).toMatchObject({
      ok: true,
      data: { name: '13号楼A座' },
    })
    expect((await getDoc('buildings', 'bd-xinhua-02-01')).name).toBe('13号楼A座')
    expect(
      await call(DONGSHAN, 'org.rename', { level: 'building', id: 'bd-xinhua-02-02', name: 'x' }),
    ).toMatchObject({ error: { code: 'AUTH.FORBIDDEN' } })
    expect(
      await call(XINHUA, 'org.rename', { level: 'community', id: 'cm-xinhua', name: '新华' }),
    ).toMatchObject({ error: { code: 'AUTH.FORBIDDEN' } })
    expect(
      await call(STREET, 'org.rename', { level: 'community', id: 'cm-hepingli', name: '和平里社区' }),
    ).toMatchObject({ ok: true })
  })

  it('sets a community’s join policy and a grid’s boundary (and clears it)', async () => {
    expect(
      await call(XINHUA, 'org.update', {
        level: 'community',
        id: 'cm-xinhua',
        joinPolicy: 'building_leader',
      }),
    ).toMatchObject({ ok: true })
    expect((await getDoc('communities', 'cm-xinhua')).joinPolicy).toBe('building_leader')
    expect(
      await call(XINHUA, 'org.update', { level: 'community', id: 'cm-xinhua', joinPolicy: 'grid_worker' }),
    ).toMatchObject({ ok: true })
    expect(
      await call(XINHUA, 'org.update', { level: 'community', id: 'cm-dongshan', joinPolicy: 'grid_worker' }),
    ).toMatchObject({
      error: { code: 'AUTH.FORBIDDEN' },
    })
    expect((await getDoc('communities', 'cm-dongshan')).joinPolicy).toBe('auto')

    expect(
      await call(XINHUA, 'org.update', { level: 'grid', id: 'gr-xinhua-05', boundary: square }),
    ).toMatchObject({ ok: true })
    expect((await getDoc('grids', 'gr-xinhua-05')).boundary).toEqual(square)
    const listed = await call(XINHUA, 'org.children', { level: 'grid', parentId: 'cm-xinhua' })
    expect(listed.data.find((g: { id: string }) => g.id === 'gr-xinhua-05').boundary).toEqual(square)
    expect(
      await call(XINHUA, 'org.update', { level: 'grid', id: 'gr-xinhua-05', boundary: null }),
    ).toMatchObject({ ok: true })
    expect(await getDoc('grids', 'gr-xinhua-05')).not.toHaveProperty('boundary')
  })
})

describe('org.contacts', () => {
  it('sets the area police officer, removes the family doctor, and the grid card shows it masked', async () => {
    const res = await call(XINHUA, 'org.contacts', {
      gridId: 'gr-xinhua-01',
      police: { name: '马警官', phone: '13900001111' },
      doctor: null,
    })
    expect(res).toMatchObject({
      ok: true,
      data: { gridId: 'gr-xinhua-01', police: { name: '马警官', phone: '13900001111' }, doctor: null },
    })
    const grid = await getDoc('grids', 'gr-xinhua-01')
    expect(grid.contacts).toEqual({ police: { name: '马警官', phone: '13900001111' } })
    const card = await call(RESIDENT, 'directory.card')
    const kinds = card.data.contacts.map((c: { kind: string }) => c.kind)
    expect(kinds).toContain('police')
    expect(kinds).not.toContain('doctor')
    expect(card.data.contacts.find((c: { kind: string }) => c.kind === 'police')).toMatchObject({
      name: '马警官',
      maskedPhone: '139****1111',
    })
    // Omitted = unchanged.
    await call(XINHUA, 'org.contacts', {
      gridId: 'gr-xinhua-01',
      doctor: { name: '孙医生', phone: '0351-4041234' },
    })
    expect((await getDoc('grids', 'gr-xinhua-01')).contacts).toEqual({
      police: { name: '马警官', phone: '13900001111' },
      doctor: { name: '孙医生', phone: '0351-4041234' },
    })
  })

  it('refuses grids outside the admin’s community, and grid workers', async () => {
    const input = { gridId: 'gr-dongshan-01', police: null }
    expect(await call(XINHUA, 'org.contacts', input)).toMatchObject({ error: { code: 'AUTH.FORBIDDEN' } })
    expect(await call(WORKER_01, 'org.contacts', { gridId: 'gr-xinhua-01', police: null })).toMatchObject({
      error: { code: 'AUTH.FORBIDDEN' },
    })
    expect((await getDoc('grids', 'gr-dongshan-01')).contacts.police).toBeTruthy()
  })
})

describe('org.import', () => {
  const good = [
    '网格,楼栋,单元数',
    '新华社区第4网格,101号楼,3',
    '新华社区第4网格,"102号楼",1',
    'gr-xinhua-06,103号楼,2',
    '',
  ].join('\r\n')

  it('imports buildings and their units once; the same CSV again is the same import', async () => {
    const res = await call(XINHUA, 'org.import', { communityId: 'cm-xinhua', csv: good })
    expect(res).toMatchObject({ ok: true, data: { buildings: 3, units: 6, importId: expect.any(String) } })
    const listed = await call(XINHUA, 'org.children', { level: 'building', parentId: 'gr-xinhua-04' })
    expect(listed.data.filter((b: { name: string }) => b.name.startsWith('10'))).toEqual([
      expect.objectContaining({ name: '101号楼', unitCount: 3 }),
      expect.objectContaining({ name: '102号楼', unitCount: 1 }),
    ])
    const b101 = listed.data.find((b: { name: string }) => b.name === '101号楼')
    const units = await call('openid-someone', 'join.options', { level: 'unit', parentId: b101.id })
    expect(units.data.map((u: { name: string }) => u.name)).toEqual(['1单元', '2单元', '3单元'])
    expect(await getDoc('buildings', b101.id)).toMatchObject({
      streetId: 'st-dongjie',
      communityId: 'cm-xinhua',
      gridId: 'gr-xinhua-04',
    })

    // Retried (weak network, double tap, LF line ends): no duplicates.
    const again = await call(XINHUA, 'org.import', {
      communityId: 'cm-xinhua',
      csv: good.replace(/\r\n/g, '\n'),
    })
    expect(again).toMatchObject({ ok: true, data: { importId: res.data.importId, buildings: 3, units: 6 } })
    expect(await count('buildings', { gridId: 'gr-xinhua-04', name: '101号楼' })).toBe(1)
    expect(await count('units', { buildingId: b101.id })).toBe(3)
  })

  it('finishes an interrupted import when the same CSV is sent again', async () => {
    const csv = 'grid,building,units\n新华社区第5网格,201号楼,2\n新华社区第5网格,202号楼,2\n'
    const first = await call(XINHUA, 'org.import', { communityId: 'cm-xinhua', csv })
    expect(first.ok).toBe(true)
    // Simulate a crash after the first building: the second building and one unit never got written.
    const written = (
      await db().collection('buildings').where({ gridId: 'gr-xinhua-05', name: '202号楼' }).get()
    ).data as { _id: string }[]
    const lost = written[0]?._id as string
    await db().collection('buildings').doc(lost).remove()
    await db().collection('units').doc(`${lost}-u2`).remove()
    await db().collection('org_imports').doc(first.data.importId).update({ status: 'writing' })

    const resumed = await call(XINHUA, 'org.import', { communityId: 'cm-xinhua', csv })
    expect(resumed).toMatchObject({ ok: true, data: { buildings: 2, units: 4 } })
    expect(await getDoc('buildings', lost)).toMatchObject({ name: '202号楼' })
    expect(await count('units', { buildingId: lost })).toBe(2)
    expect(await count('buildings', { gridId: 'gr-xinhua-05', name: '201号楼' })).toBe(1)
    expect((await getDoc('org_imports', first.data.importId)).status).toBe('done')
  })

  it('rolls its own writes back when another writer takes a name mid-import', async () => {
    const csv = 'grid,building,units\n新华社区第6网格,501号楼,2\n新华社区第6网格,502号楼,3\n'
    const first = await call(XINHUA, 'org.import', { communityId: 'cm-xinhua', csv })
    const planned = ((await getDoc('org_imports', first.data.importId)).rows as { buildingId: string }[]).map(
      (r) => r.buildingId,
    )
    // Rewind to "validated, nothing written yet", then let someone create 502号楼 by hand first.
    for (const id of planned) {
      await db().collection('buildings').doc(id).remove()
      await db().collection('units').where({ buildingId: id }).remove()
    }
    await db().collection('org_imports').doc(first.data.importId).update({ status: 'writing' })
    expect(
      await call(XINHUA, 'org.create', {
        requestId: rid(),
        level: 'building',
        parentId: 'gr-xinhua-06',
        name: '502号楼',
      }),
    ).toMatchObject({ ok: true })

    const res = await call(XINHUA, 'org.import', { communityId: 'cm-xinhua', csv })
    expect(res).toMatchObject({
      ok: false,
      error: {
        code: 'ORG.IMPORT_INVALID',
        details: [{ path: 'line 3', message: expect.stringContaining('已有') }],
      },
    })
    for (const id of planned) {
      expect(await getDoc('buildings', id)).toBeNull()
      expect(await count('units', { buildingId: id })).toBe(0)
    }
    expect(await count('buildings', { gridId: 'gr-xinhua-06', name: '501号楼' })).toBe(0)
    expect((await getDoc('org_imports', first.data.importId)).status).toBe('failed')
  })

  it('reports every bad line (including names already in the grid) and imports nothing', async () => {
    const before = await count('buildings', { communityId: 'cm-xinhua' })
    const unitsBefore = await count('units', { communityId: 'cm-xinhua' })
    const csv = [
      'grid,building,units',
      '新华社区第6网格,301号楼,2', // fine on its own
      '新华社区第9网格,302号楼,2', // no such grid
      '新华社区第6网格,,2', // no name
      '新华社区第6网格,303号楼,0', // units out of range
      '新华社区第1网格,1号楼,2', // already exists in the grid
      '东山社区第1网格,304号楼,2', // another community's grid
    ].join('\n')
    const res = await call(XINHUA, 'org.import', { communityId: 'cm-xinhua', csv })
    expect(res).toMatchObject({ ok: false, error: { code: 'ORG.IMPORT_INVALID' } })
    expect(res.error?.details?.map((d) => d.path)).toEqual(['line 3', 'line 4', 'line 5', 'line 6', 'line 7'])
    expect(res.error?.details?.[3]?.message).toContain('已有“1号楼”')
    expect(await count('buildings', { communityId: 'cm-xinhua' })).toBe(before)
    expect(await count('units', { communityId: 'cm-xinhua' })).toBe(unitsBefore)
    expect(await count('buildings', { name: '301号楼' })).toBe(0)

    const noHeader = await call(XINHUA, 'org.import', {
      communityId: 'cm-xinhua',
      csv: '新华社区第6网格,305号楼,2',
    })
    expect(noHeader).toMatchObject({
      ok: false,
      error: { code: 'ORG.IMPORT_INVALID', details: [{ path: 'line 1' }] },
    })
  })

  it('imports only into the admin’s own community', async () => {
    const csv = 'grid,building,units\n东山社区第1网格,401号楼,2\n'
    expect(await call(XINHUA, 'org.import', { communityId: 'cm-dongshan', csv })).toMatchObject({
      error: { code: 'AUTH.FORBIDDEN' },
    })
    expect(await call(WORKER_01, 'org.import', { communityId: 'cm-xinhua', csv })).toMatchObject({
      error: { code: 'AUTH.FORBIDDEN' },
    })
    expect(await count('buildings', { name: '401号楼' })).toBe(0)
    expect(await call(STREET, 'org.import', { communityId: 'cm-dongshan', csv })).toMatchObject({
      ok: true,
      data: { buildings: 1 },
    })
  })
})

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
    expect(yang.roles.map((r: { role: string }) => r.role).sort()).toEqual(['helper', 'resident'])
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

describe('org.street', () => {
  it('lets the street admin rename their street and set its district; nobody else', async () => {
    const res = await call(STREET, 'org.street', { id: 'st-dongjie', name: '东街街道', district: '迎泽区' })
    expect(res).toMatchObject({ ok: true, data: { id: 'st-dongjie', name: '东街街道', district: '迎泽区' } })
    const [street] = (await db().collection('streets').where({ _id: 'st-dongjie' }).get()).data as {
      name: string
      district: string
    }[]
    expect(street).toMatchObject({ name: '东街街道', district: '迎泽区' })

    // Community admins and residents: not their street's to edit; unknown street: forbidden (no grant over it).
    expect(
      await call('demo-openid-xinhua-admin', 'org.street', { id: 'st-dongjie', name: '西街道' }),
    ).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(await call(STREET, 'org.street', { id: 'st-elsewhere', name: '西街道' })).toMatchObject({
      ok: false,
      error: { code: 'AUTH.FORBIDDEN' },
    })
    expect(await call(STREET, 'org.street', { id: 'st-dongjie', name: '' })).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID' },
    })
    const [unchanged] = (await db().collection('streets').where({ _id: 'st-dongjie' }).get()).data as {
      name: string
    }[]
    expect(unchanged?.name).toBe('东街街道')
    await call(STREET, 'org.street', { id: 'st-dongjie', name: '东街道' })
  })
})

// The org tree: children, create, rename and update, the grid's contacts, and the street.
import {
  DONGSHAN_ADMIN as DONGSHAN,
  STREET_ADMIN as STREET,
  WANG as RESIDENT,
  XINHUA_01_WORKER as WORKER_01,
  XINHUA_ADMIN as XINHUA,
} from '../../support/demo-people'
import { rid, square, call, db, count, getDoc } from './harness'

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

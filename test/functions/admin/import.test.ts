// org.import: buildings and units from a CSV, once, resumable, all or nothing, in the admin's own community.
import {
  STREET_ADMIN as STREET,
  XINHUA_01_WORKER as WORKER_01,
  XINHUA_ADMIN as XINHUA,
} from '../../support/demo-people'
import { rid, call, db, count, getDoc } from './harness'

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

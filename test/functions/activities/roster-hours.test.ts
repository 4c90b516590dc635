// The roster and confirmation (points paid once, hours recorded), and the volunteer hours: mine and the export.
import { execFileSync } from 'node:child_process'
import { inMin, ok, httpGet as get } from '../../support/api-test'
import {
  CHEN,
  DONGSHAN_ADMIN as OTHER_ADMIN,
  LI,
  LIU,
  WANG,
  XINHUA_01_WORKER as WORKER,
  XINHUA_ADMIN as ADMIN,
  ZHAO,
} from '../../support/demo-people'
import { SeedIds } from '../../../emulator/seed/demo-data'
import { mine, FAR, publish, setTimes, codeFor, call, db, count, balance } from './harness'

describe('roster and confirmation', () => {
  it('pays checked-in residents once (even when two staff confirm at once), records hours, skips the rest', async () => {
    const id = await publish({ points: 7, hours: 2, title: '社区植树' })
    for (const r of [WANG, LI, CHEN, LIU]) ok(await call(r, 'activity.signup', { activityId: id }))
    await setTimes(id, 10, 130)
    const { code } = await codeFor(id)
    for (const r of [WANG, CHEN, LIU]) ok(await call(r, 'activity.checkin', { code }))
    const wangBefore = await balance('u:user-resident-wang')
    const issuanceBefore = await balance('issuance:cm-xinhua')

    const roster = ok(await call(WORKER, 'activity.roster', { activityId: id }))
    expect(roster.counts).toEqual({ signed: 1, withdrawn: 0, checked_in: 3, confirmed: 0 })
    expect(roster.lines.find((l: { userId: string }) => l.userId === 'user-resident-wang')).toMatchObject({
      name: '王秀英',
      buildingName: '1号楼',
      status: 'checked_in',
    })
    expect(
      await count('access_logs', {
        action: 'activity.roster',
        subject: id,
        actorId: 'user-xinhua-01-worker',
        allowed: true,
      }),
    ).toBe(1)
    expect((await call(OTHER_ADMIN, 'activity.roster', { activityId: id })).error?.code).toBe(
      'ACTIVITY.NOT_IN_SCOPE',
    )
    expect(await count('access_logs', { action: 'activity.roster', subject: id, allowed: false })).toBe(1)
    expect((await call(WANG, 'activity.roster', { activityId: id })).error?.code).toBe('AUTH.FORBIDDEN')

    const first = ok(
      await call(ADMIN, 'activity.confirm', {
        activityId: id,
        userIds: ['user-resident-wang', 'user-resident-li', 'user-resident-zhao'],
      }),
    )
    expect(first.paid).toEqual(['user-resident-wang'])
    expect(first.alreadyPaid).toEqual([])
    expect(first.skipped).toEqual([
      { userId: 'user-resident-li', reason: '未签到' },
      { userId: 'user-resident-zhao', reason: '未报名' },
    ])
    expect(first.roster.counts).toMatchObject({ confirmed: 1, checked_in: 2, signed: 1 })
    expect(
      first.roster.lines.find((l: { userId: string }) => l.userId === 'user-resident-wang').confirmedByName,
    ).toEqual(expect.any(String))
    const again = ok(
      await call(WORKER, 'activity.confirm', { activityId: id, userIds: ['user-resident-wang'] }),
    )
    expect(again).toMatchObject({ paid: [], alreadyPaid: ['user-resident-wang'] })

    // Two staff confirm the same residents at the same moment.
    const [a, b] = await Promise.all([
      call(ADMIN, 'activity.confirm', { activityId: id, userIds: ['user-resident-chen', 'user-helper-liu'] }),
      call(WORKER, 'activity.confirm', {
        activityId: id,
        userIds: ['user-helper-liu', 'user-resident-chen'],
      }),
    ])
    const paid = [...ok(a).paid, ...ok(b).paid].sort()
    expect(paid).toEqual(['user-helper-liu', 'user-resident-chen'])
    expect([...ok(a).alreadyPaid, ...ok(b).alreadyPaid].sort()).toEqual([
      'user-helper-liu',
      'user-resident-chen',
    ])

    for (const u of ['user-resident-wang', 'user-resident-chen', 'user-helper-liu']) {
      expect(await count('point_transfers', { cause: `activity:${id}:${u}` })).toBe(1)
      expect(await count('point_entries', { cause: `activity:${id}:${u}` })).toBe(2)
      expect(await mine('volunteer_hours', id, u)).toMatchObject({
        hours: 2,
        points: 7,
        title: '社区植树',
        organisation: '新华社区',
        communityId: 'cm-xinhua',
      })
    }
    expect(await count('point_transfers', { cause: `activity:${id}:user-resident-li` })).toBe(0)
    expect(await mine('volunteer_hours', id, 'user-resident-li')).toBeNull()
    expect(await balance('u:user-resident-wang')).toBe(wangBefore + 7)
    expect(await balance('issuance:cm-xinhua')).toBe(issuanceBefore - 21)
    expect(ok(await call(ADMIN, 'points.audit', { communityId: 'cm-xinhua' })).differences).toEqual([])
    expect(ok(await call(WANG, 'points.mine', {})).lines[0]).toMatchObject({
      kind: 'activity',
      delta: 7,
      reason: '社区植树',
    })
    expect((await call(WANG, 'activity.checkin', { code })).error?.code).toBe('ACTIVITY.ALREADY_CHECKED_IN')
  }, 60_000)

  it('an activity paying no points records hours without a transfer', async () => {
    const id = await publish({ points: 0, startAt: inMin(10).toISOString(), endAt: inMin(70).toISOString() })
    const { code } = await codeFor(id)
    ok(await call(ZHAO, 'activity.checkin', { code }))
    expect(
      ok(await call(ADMIN, 'activity.confirm', { activityId: id, userIds: ['user-resident-zhao'] })).paid,
    ).toEqual(['user-resident-zhao'])
    expect(await count('point_transfers', { cause: `activity:${id}:user-resident-zhao` })).toBe(0)
    expect(await mine('volunteer_hours', id, 'user-resident-zhao')).toMatchObject({ hours: 1, points: 0 })
    expect((await mine('activity_signups', id, 'user-resident-zhao'))?.transferId).toBeNull()
  })
})

describe('volunteer hours', () => {
  it('hours.mine lists my lines newest first with the total', async () => {
    const mine = ok(await call(WANG, 'hours.mine', {}))
    expect(mine).toMatchObject({ name: '王秀英', communityName: '新华社区' })
    expect(mine.count).toBe(mine.lines.length)
    expect(mine.lines.map((l: { activityId: string }) => l.activityId)).toContain(SeedIds.activities.clinic)
    expect(mine.totalHours).toBe(mine.lines.reduce((s: number, l: { hours: number }) => s + l.hours, 0))
    expect(mine.totalHours).toBeGreaterThanOrEqual(2.5)
    const dates = mine.lines.map((l: { date: string }) => l.date)
    expect([...dates].sort().reverse()).toEqual(dates)
    expect(ok(await call(FAR, 'hours.mine', {}))).toMatchObject({
      count: 0,
      totalHours: 0,
      lines: [],
      communityName: '东山社区',
    })
  })

  it('hours.export writes a real .xlsx of the community’s lines, logged', async () => {
    // Up to tomorrow: today's confirmed activities started minutes from now (the default range ends now).
    const range = { from: inMin(-360 * 24 * 60), to: inMin(24 * 60) }
    const res = ok(
      await call(ADMIN, 'hours.export', {
        communityId: 'cm-xinhua',
        from: range.from.toISOString(),
        to: range.to.toISOString(),
      }),
    )
    expect(res.fileID).toMatch(/^cloud:\/\/.+\/exports\/hours\/cm-xinhua\/\d+\.xlsx$/)
    expect(res.fileName).toMatch(/^志愿服务记录-新华社区-.+\.xlsx$/)
    const _ = db().command
    const expected = await count('volunteer_hours', {
      communityId: 'cm-xinhua',
      date: _.and(_.gte(range.from), _.lte(range.to)),
    })
    expect(res.rows).toBe(expected)
    const file = await get(res.url)
    expect(file.status).toBe(200)
    const read = `
import io, json, sys, zipfile
z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))
assert z.testzip() is None
print(json.dumps({'names': z.namelist(), 'sheet': z.read('xl/worksheets/sheet1.xml').decode('utf-8'), 'types': z.read('[Content_Types].xml').decode('utf-8')}))
`
    const out = JSON.parse(execFileSync('python3', ['-c', read], { input: file.body }).toString()) as {
      names: string[]
      sheet: string
      types: string
    }
    expect(out.names).toEqual(
      expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']),
    )
    const rows = [...out.sheet.matchAll(/<row r="\d+">(.*?)<\/row>/g)].map((m) =>
      [
        ...(m[1] as string).matchAll(
          /<c r="[A-Z]+\d+"[^>]*>(?:<is><t[^>]*>(.*?)<\/t><\/is>|<v>(.*?)<\/v>)<\/c>/g,
        ),
      ].map((c) => c[1] ?? c[2]),
    )
    expect(rows[0]).toEqual([
      '姓名',
      '所在楼栋',
      '活动名称',
      '志愿服务队伍',
      '服务地点',
      '服务日期',
      '服务时长（小时）',
      '获得积分',
      '确认人',
      '记录单位',
    ])
    expect(rows).toHaveLength(expected + 1)
    expect(rows).toContainEqual([
      '王秀英',
      '1号楼',
      '社区义诊 量血压',
      '彩虹桥·健康服务队',
      '新华社区服务站',
      '2025-12-20',
      '2.5',
      '10',
      expect.any(String),
      '新华社区',
    ])
    expect(
      rows
        .filter((r) => r[2] === '社区植树')
        .map((r) => r[0])
        .sort(),
    ).toEqual(['刘志强', '王秀英', '陈桂兰'].sort())
    expect(
      await count('access_logs', { action: 'hours.export', actorId: 'user-xinhua-admin', allowed: true }),
    ).toBe(1)
  })

  it.each([
    ['from after to', { from: '2026-03-01', to: '2026-02-01' }, 'ACTIVITY.BAD_RANGE'],
    ['more than 366 days', { from: '2024-01-01', to: '2026-01-01' }, 'ACTIVITY.BAD_RANGE'],
    ['another community', { communityId: 'cm-dongshan' }, 'ACTIVITY.NOT_IN_SCOPE'],
  ])('export: %s → %s, no file', async (_n, over, code) => {
    const before = await count('access_logs', { action: 'hours.export', allowed: true })
    expect((await call(ADMIN, 'hours.export', { communityId: 'cm-xinhua', ...over })).error?.code).toBe(code)
    expect(await count('access_logs', { action: 'hours.export', allowed: true })).toBe(before)
  })

  it('export is for community admins only', async () => {
    expect((await call(WORKER, 'hours.export', { communityId: 'cm-xinhua' })).error?.code).toBe(
      'AUTH.FORBIDDEN',
    )
    expect((await call(OTHER_ADMIN, 'hours.export', { communityId: 'cm-xinhua' })).error?.code).toBe(
      'ACTIVITY.NOT_IN_SCOPE',
    )
  })
})

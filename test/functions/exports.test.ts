// Excel exports through the built `api` function on the local CloudBase: records of March 2023 are
// seeded (no demo data falls in that month), each kind is exported, the file fetched from its
// temporary URL and read back with ExcelJS, cell by cell; then scope refusals, bad input and the
// access log. The row cap is test/functions/exports-cap.test.ts.
import { httpGet, ok, useApi } from '../support/api-test'
import {
  DONGSHAN_ADMIN,
  STREET_ADMIN,
  WANG,
  XINHUA_01_WORKER as WORKER,
  XINHUA_ADMIN as ADMIN,
} from '../support/demo-people'
import { readXlsx } from '../support/xlsx-read'

const { call, db, count } = useApi()

const STREET = 'st-dongjie'
const X = { streetId: STREET, communityId: 'cm-xinhua', gridId: 'gr-xinhua-01' }
const D = { streetId: STREET, communityId: 'cm-dongshan', gridId: 'gr-dongshan-01' }
const MARCH = { from: '2023-03-01', to: '2023-03-31' }
const t = (iso: string) => new Date(iso)

const ev = (kind: string, at: string, byRole: string, more: Record<string, unknown> = {}) => ({
  kind,
  at: t(at),
  by: 'u',
  byRole,
  byName: '某人',
  ...more,
})

const order = (id: string, path: typeof X, over: Record<string, unknown>) => ({
  _id: id,
  requestId: `r-${id}`,
  reporterId: 'user-resident-wang',
  reporterName: '王秀英',
  hideName: false,
  categoryId: 'cat-env',
  categoryName: '环境卫生',
  text: '楼道堆放杂物',
  photos: [],
  path: { ...path, buildingId: 'bd-xinhua-01-01', unitId: 'un-x', householdId: 'hh-302' },
  placeName: '1号楼',
  status: 'submitted',
  tier: 'grid',
  department: null,
  submittedAt: t('2023-03-02T01:00:00Z'),
  acceptedAt: null,
  repliedAt: null,
  closedAt: null,
  overdue: false,
  rating: null,
  events: [ev('submit', '2023-03-02T01:00:00Z', 'resident')],
  open: true,
  version: 1,
  ...over,
})

beforeAll(async () => {
  const add = (collection: string, docs: Record<string, unknown>[]) =>
    Promise.all(docs.map((d) => db().collection(collection).add(d)))
  await add('orders', [
    order('od-x1', X, {
      status: 'closed',
      tier: 'community',
      open: false,
      acceptedAt: t('2023-03-02T01:30:00Z'),
      repliedAt: t('2023-03-03T08:00:00Z'),
      closedAt: t('2023-03-04T16:30:00Z'),
      overdue: true,
      rating: { rating: 'satisfied', comment: null, at: t('2023-03-04T16:30:00Z') },
      events: [
        ev('submit', '2023-03-02T01:00:00Z', 'resident'),
        ev('accept', '2023-03-02T01:30:00Z', 'grid_worker'),
        ev('escalate', '2023-03-02T05:00:00Z', 'grid_worker', { toTier: 'community' }),
        ev('reply', '2023-03-03T08:00:00Z', 'community_admin', { outcome: 'handled' }),
        ev('rate', '2023-03-04T16:30:00Z', 'resident', { rating: 'satisfied' }),
        ev('close', '2023-03-04T16:30:00Z', 'resident'),
      ],
    }),
    // The last minute of 31 March in China: inside.
    order('od-x2', X, { reporterId: 'user-resident-li', submittedAt: t('2023-03-31T15:59:00Z') }),
    // 1 April 00:00 in China: outside.
    order('od-x3', X, { submittedAt: t('2023-03-31T16:00:00Z') }),
    // 28 February 23:59 in China: outside.
    order('od-x4', X, { submittedAt: t('2023-02-28T15:59:00Z') }),
    order('od-d1', D, {
      reporterId: 'user-resident-chen',
      placeName: '东山社区第1网格',
      submittedAt: t('2023-03-10T02:00:00Z'),
    }),
  ])
  await add('errands', [
    {
      requestId: 'e1',
      requesterId: 'user-resident-wang',
      requesterName: '王秀英',
      type: 'groceries',
      text: '帮忙买一袋米',
      path: { ...X, buildingId: 'b', unitId: 'u', householdId: 'h' },
      status: 'confirmed',
      open: false,
      helperId: 'user-helper-liu',
      helperName: '刘志强',
      points: 5,
      createdAt: t('2023-03-05T00:00:00Z'),
      acceptedAt: t('2023-03-05T00:10:00Z'),
      confirmedAt: t('2023-03-05T04:00:00Z'),
      events: [],
      version: 3,
    },
  ])
  const activity = await db()
    .collection('activities')
    .add({
      communityId: 'cm-xinhua',
      title: '社区义诊 量血压',
      team: '彩虹桥·健康服务队',
      place: '新华社区服务站',
      startAt: t('2023-03-12T01:00:00Z'),
      endAt: t('2023-03-12T03:30:00Z'),
      hours: 2.5,
      points: 10,
      status: 'published',
    })
  const activityId = (activity as { id: string }).id
  await add('activity_signups', [
    {
      activityId,
      userId: 'user-resident-wang',
      communityId: 'cm-xinhua',
      status: 'confirmed',
      signedAt: t('2023-03-10T12:00:00Z'),
      walkIn: false,
      checkedInAt: t('2023-03-12T01:05:00Z'),
    },
    {
      activityId,
      userId: 'user-resident-li',
      communityId: 'cm-xinhua',
      status: 'withdrawn',
      signedAt: t('2023-03-10T13:00:00Z'),
      walkIn: false,
      checkedInAt: null,
    },
  ])
  await add('market_vouchers', [
    {
      code: 'V1',
      userId: 'user-resident-wang',
      requestId: 'v1',
      communityId: 'cm-xinhua',
      itemId: 'it-rice',
      itemName: '大米 5kg',
      price: 50,
      status: 'used',
      issuedAt: t('2023-03-06T02:00:00Z'),
      expiresAt: t('2023-04-06T02:00:00Z'),
      usedAt: t('2023-03-07T03:00:00Z'),
      verifiedBy: 'user-leader-zhou',
      closedAt: null,
    },
  ])
  await add('point_transfers', [
    {
      cause: 'activity:a:w',
      kind: 'activity',
      from: 'issuance:cm-xinhua',
      to: 'u:user-resident-wang',
      amount: 10,
      reason: '社区义诊 量血压',
      communityId: 'cm-xinhua',
      by: 'system',
      reverses: null,
      at: t('2023-03-12T04:00:00Z'),
    },
    {
      cause: 'redemption:v1',
      kind: 'redemption',
      from: 'u:user-resident-wang',
      to: 'market:cm-xinhua',
      amount: 50,
      reason: '兑换 大米 5kg',
      communityId: 'cm-xinhua',
      by: 'user-resident-wang',
      reverses: null,
      at: t('2023-03-06T02:00:00Z'),
    },
  ])
  // The grid's day buckets (src/core/dashboard/days.ts): two days of March, and one of April the
  // March file must leave out.
  const bucket = (day: string, o: Record<string, number>) => ({
    _id: `gr-xinhua-01:${day}`,
    gridId: 'gr-xinhua-01',
    communityId: 'cm-xinhua',
    streetId: STREET,
    day,
    o,
  })
  await db()
    .collection('day_stats')
    .add([
      bucket('2023-03-05', {
        received: 25,
        accepted: 24,
        acceptedOnTime: 23,
        replied: 20,
        repliedOnTime: 18,
        resolved: 19,
        rated: 12,
        satisfied: 9,
        basically: 2,
        unsatisfied: 1,
        open: 5,
        sumAcceptMs: 24 * 1.25 * 3_600_000,
        sumReplyMs: 20 * 20 * 3_600_000,
      }),
      bucket('2023-03-20', {
        received: 15,
        accepted: 14,
        acceptedOnTime: 13,
        replied: 10,
        repliedOnTime: 9,
        resolved: 9,
        rated: 8,
        satisfied: 6,
        basically: 1,
        unsatisfied: 1,
        open: 3,
        sumAcceptMs: 14 * 1.25 * 3_600_000,
        sumReplyMs: 10 * 20 * 3_600_000,
      }),
      bucket('2023-04-02', { received: 99, accepted: 99, acceptedOnTime: 0, open: 99 }),
    ])
}, 60_000)

/** Makes the file and reads it back from its temporary URL. */
async function exported(openid: string, action: string, input: Record<string, unknown>) {
  const res = ok(await call(openid, action, input))
  const file = await httpGet(res.url as string)
  expect(file.status).toBe(200)
  expect(file.body.length).toBe(res.bytes)
  expect(file.body.subarray(0, 2).toString('latin1')).toBe('PK')
  return { res, sheet: await readXlsx(file.body) }
}

describe('exports read back with ExcelJS', () => {
  it('orders of a community: the period in China days, China times, the building, never the room', async () => {
    const { res, sheet } = await exported(ADMIN, 'export.community', {
      kind: 'orders',
      communityId: 'cm-xinhua',
      ...MARCH,
    })
    expect(res).toMatchObject({
      kind: 'orders',
      rows: 2,
      fileName: '工单明细-新华社区-2023-03-01至2023-03-31.xlsx',
    })
    expect(res.fileID).toMatch(/\/exports\/orders\/cm-xinhua\/\d+\.xlsx$/)
    expect(sheet.rows).toEqual([
      [
        '工单编号',
        '类别',
        '所属社区',
        '所属网格',
        '地点',
        '状态',
        '当前层级',
        '提交时间',
        '接单时间',
        '答复时间',
        '办结时间',
        '是否超时',
        '评价',
        '办理经过',
      ],
      [
        'od-x1',
        '环境卫生',
        '新华社区',
        '新华社区第1网格',
        '1号楼',
        '已办结',
        '社区',
        '2023-03-02 09:00',
        '2023-03-02 09:30',
        '2023-03-03 16:00',
        '2023-03-05 00:30',
        '是',
        '满意',
        '提交 → 网格员接单 → 上报社区 → 答复 → 评价满意 → 办结',
      ],
      [
        'od-x2',
        '环境卫生',
        '新华社区',
        '新华社区第1网格',
        '1号楼',
        '待接单',
        '网格',
        '2023-03-31 23:59',
        '',
        '',
        '',
        '否',
        '',
        '提交',
      ],
    ])
    expect(JSON.stringify(sheet.rows)).not.toMatch(/302|王秀英|hh-/)
  })

  it('orders of the whole street, and of one community of it, for the street admin', async () => {
    const street = await exported(STREET_ADMIN, 'export.street', {
      kind: 'orders',
      streetId: STREET,
      ...MARCH,
    })
    expect(street.res.fileName).toBe('工单明细-东街道-2023-03-01至2023-03-31.xlsx')
    expect(street.sheet.rows.slice(1).map((r) => r[0])).toEqual(['od-x1', 'od-d1', 'od-x2'])
    const one = await exported(STREET_ADMIN, 'export.community', {
      kind: 'orders',
      communityId: 'cm-dongshan',
      ...MARCH,
    })
    expect(one.sheet.rows.slice(1).map((r) => r.slice(0, 5))).toEqual([
      ['od-d1', '环境卫生', '东山社区', '东山社区第1网格', '东山社区第1网格'],
    ])
  })

  it('errands: names masked, the points earned', async () => {
    const { sheet } = await exported(ADMIN, 'export.community', {
      kind: 'errands',
      communityId: 'cm-xinhua',
      ...MARCH,
    })
    expect(sheet.rows).toEqual([
      [
        '类型',
        '所属社区',
        '所属网格',
        '状态',
        '发布人',
        '发布时间',
        '帮办人',
        '接单时间',
        '确认完成时间',
        '积分',
      ],
      [
        '代买米买菜',
        '新华社区',
        '新华社区第1网格',
        '已完成',
        '王**',
        '2023-03-05 08:00',
        '刘**',
        '2023-03-05 08:10',
        '2023-03-05 12:00',
        5,
      ],
    ])
  })

  it('activities and attendance: one row per sign-up, hours only when confirmed', async () => {
    const { sheet } = await exported(ADMIN, 'export.community', {
      kind: 'attendance',
      communityId: 'cm-xinhua',
      ...MARCH,
    })
    expect(sheet.rows[0]).toEqual([
      '活动名称',
      '志愿服务队伍',
      '所属社区',
      '活动开始时间',
      '参与人',
      '报名状态',
      '报名时间',
      '签到时间',
      '服务时长（小时）',
      '获得积分',
    ])
    expect(sheet.rows.slice(1).sort((a, b) => String(a[4]).localeCompare(String(b[4])))).toEqual(
      [
        [
          '社区义诊 量血压',
          '彩虹桥·健康服务队',
          '新华社区',
          '2023-03-12 09:00',
          '王**',
          '已确认',
          '2023-03-10 20:00',
          '2023-03-12 09:05',
          2.5,
          10,
        ],
        [
          '社区义诊 量血压',
          '彩虹桥·健康服务队',
          '新华社区',
          '2023-03-12 09:00',
          '李**',
          '已取消报名',
          '2023-03-10 21:00',
          '',
          0,
          0,
        ],
      ].sort((a, b) => String(a[4]).localeCompare(String(b[4]))),
    )
  })

  it('vouchers: item, points, status, times, who verified (masked)', async () => {
    const { sheet } = await exported(ADMIN, 'export.community', {
      kind: 'vouchers',
      communityId: 'cm-xinhua',
      ...MARCH,
    })
    expect(sheet.rows).toEqual([
      ['兑换物品', '所用积分', '状态', '兑换人', '所属社区', '兑换时间', '领取时间', '核销人'],
      ['大米 5kg', 50, '已领取', '王**', '新华社区', '2023-03-06 10:00', '2023-03-07 11:00', '周**'],
    ])
  })

  it('ledger movements, newest first, a person’s account masked', async () => {
    const { sheet } = await exported(ADMIN, 'export.community', {
      kind: 'ledger',
      communityId: 'cm-xinhua',
      ...MARCH,
    })
    expect(sheet.rows).toEqual([
      ['时间', '转出账户', '转入账户', '事由', '说明', '积分', '所属社区'],
      ['2023-03-12 12:00', '积分发行', '王**', '志愿活动', '社区义诊 量血压', 10, '新华社区'],
      ['2023-03-06 10:00', '王**', '爱心超市', '爱心超市兑换', '兑换 大米 5kg', 50, '新华社区'],
    ])
  })

  it('the grid league table from the day buckets of the period: one row per grid of the community', async () => {
    const { sheet } = await exported(ADMIN, 'export.community', {
      kind: 'league',
      communityId: 'cm-xinhua',
      ...MARCH,
    })
    expect(sheet.rows[0]).toEqual([
      '所属社区',
      '网格',
      '受理工单',
      '响应率（%）',
      '解决率（%）',
      '满意率（%）',
      '按期办结率（%）',
      '平均接单用时（小时）',
      '平均答复用时（小时）',
      '未办结工单',
    ])
    expect(sheet.rows.slice(1)).toEqual([
      ['新华社区', '新华社区第1网格', 40, 90, 70, 90, 90, 1.3, 20, 8],
      ...[2, 3, 4, 5, 6].map((g) => ['新华社区', `新华社区第${g}网格`, 0, '—', '—', '—', '—', '—', '—', 0]),
    ])
    const street = await exported(STREET_ADMIN, 'export.street', {
      kind: 'league',
      streetId: STREET,
      ...MARCH,
    })
    expect(street.sheet.rows).toHaveLength(1 + 36)
  })
})

describe('who may export what', () => {
  it.each([
    ['a community admin, another community', ADMIN, 'export.community', { communityId: 'cm-dongshan' }],
    ['a community admin, the street', ADMIN, 'export.street', { streetId: STREET }],
    ['a grid worker, their community', WORKER, 'export.community', { communityId: 'cm-xinhua' }],
    ['a resident', WANG, 'export.community', { communityId: 'cm-xinhua' }],
    ['another community’s admin', DONGSHAN_ADMIN, 'export.community', { communityId: 'cm-xinhua' }],
  ])('%s → AUTH.FORBIDDEN, the refusal logged, no file', async (_n, who, action, place) => {
    const made = await count('access_logs', { allowed: true })
    const refused = await count('access_logs', { action, allowed: false })
    const r = await call(who, action, { kind: 'orders', ...place, ...MARCH })
    expect(r.error?.code).toBe('AUTH.FORBIDDEN')
    expect(await count('access_logs', { action, allowed: false })).toBe(refused + 1)
    const subject = Object.values(place)[0]
    expect(await count('access_logs', { action, allowed: false, subject })).toBeGreaterThan(0)
    expect(await count('access_logs', { allowed: true })).toBe(made)
  })

  it('an unknown place → DATA.NOT_FOUND', async () => {
    expect(
      (await call(STREET_ADMIN, 'export.community', { kind: 'orders', communityId: 'cm-nowhere', ...MARCH }))
        .error?.code,
    ).toBe('DATA.NOT_FOUND')
  })
})

describe('bad input: a clear code, nothing made', () => {
  it.each([
    ['an unknown kind', { kind: 'hours' }, 'EXPORT.BAD_KIND'],
    ['a bad date', { from: '2023-02-30' }, 'EXPORT.BAD_DATE'],
    ['not a day', { to: '2023-03-31T00:00:00Z' }, 'EXPORT.BAD_DATE'],
    ['from after to', { from: '2023-04-01' }, 'EXPORT.BAD_PERIOD'],
    ['more than a year', { from: '2022-03-01' }, 'EXPORT.PERIOD_TOO_LONG'],
    ['a missing field', { kind: undefined }, 'INPUT.INVALID'],
  ])('%s → the code', async (_n, over, code) => {
    const made = await count('access_logs', { allowed: true })
    const input = { kind: 'orders', communityId: 'cm-xinhua', ...MARCH, ...over }
    expect((await call(ADMIN, 'export.community', input)).error?.code).toBe(code)
    expect(await count('access_logs', { allowed: true })).toBe(made)
  })
})

describe('the access log', () => {
  it('one entry per file, naming every resident it carries; the resident reads it in words', async () => {
    const before = await count('access_logs', { action: 'export.orders', people: 'user-resident-li' })
    ok(await call(ADMIN, 'export.community', { kind: 'orders', communityId: 'cm-xinhua', ...MARCH }))
    const entries = (
      await db()
        .collection('access_logs')
        .where({ action: 'export.orders', actorId: 'user-xinhua-admin', subject: 'cm-xinhua' })
        .get()
    ).data as { people: string[]; allowed: boolean }[]
    const last = entries[entries.length - 1]
    expect(last?.allowed).toBe(true)
    expect([...(last?.people ?? [])].sort()).toEqual(['user-resident-li', 'user-resident-wang'])
    expect(await count('access_logs', { action: 'export.orders', people: 'user-resident-li' })).toBe(
      before + 1,
    )
    // No order of 陈桂兰 (东山社区) in 新华社区's file: not named.
    expect(last?.people).not.toContain('user-resident-chen')

    const mine = ok(await call(WANG, 'me.data', {}))
    const seen = (mine.accessLog as { who: string; action: string }[]).filter((l) =>
      l.action.startsWith('导出了'),
    )
    expect(seen).toContainEqual({
      at: expect.any(String),
      who: expect.stringMatching(/^社区管理员 .\*+$/),
      action: '导出了工单明细（含您上报的工单，不含姓名和电话）',
      allowed: true,
    })
    expect(seen.map((l) => l.action)).toEqual(
      expect.arrayContaining([
        '导出了邻里互助记录（含您的姓氏，不含电话和住址）',
        '导出了志愿活动出勤记录（含您的姓氏和服务时长）',
        '导出了爱心超市兑换记录（含您的姓氏）',
        '导出了积分流水（含您的姓氏和积分变动）',
      ]),
    )
  })
})

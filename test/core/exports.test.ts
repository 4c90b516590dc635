// Excel exports in core: the period rules, the presets, and each kind's rows against hand-written
// expected rows (China time, masked names, no room), and the league table's mapping from counters.
import { DomainError } from '../../src/core/errors'
import {
  hoursCell,
  LEAGUE_COLUMNS,
  leagueCells,
  leagueRowOf,
  percentCell,
  sortLeague,
} from '../../src/core/exports/league'
import { periodOf, presetPeriod } from '../../src/core/exports/period'
import {
  accountText,
  attendanceRow,
  errandRow,
  EXPORT_MAX_ROWS,
  exportFileName,
  isExportKind,
  ledgerRow,
  maskedPerson,
  ORDER_COLUMNS,
  orderRow,
  timelineSummary,
  tooManyRowsMessage,
  voucherRow,
  type OrderForExport,
  type PlaceNames,
} from '../../src/core/exports/rows'
import { ERASED_NAME } from '../../src/core/me/erase'
import type { OrderEvent } from '../../src/core/orders/model'

const codeOf = (f: () => unknown): string | null => {
  try {
    f()
    return null
  } catch (e) {
    return e instanceof DomainError ? e.code : 'not a domain error'
  }
}

describe('export period', () => {
  it.each([
    ['2026-11-01', '2026-11-30', null],
    ['2026-11-30', '2026-11-30', null],
    ['2025-12-01', '2026-11-30', null], // 365 days
    ['2024-01-01', '2024-12-31', null], // 366 days (a leap year)
    ['2025-01-01', '2026-01-01', null], // 366 days: the longest period
    ['2025-01-01', '2026-01-02', 'EXPORT.PERIOD_TOO_LONG'], // 367 days
    ['2026-12-01', '2026-11-30', 'EXPORT.BAD_PERIOD'],
    ['2026-02-30', '2026-03-01', 'EXPORT.BAD_DATE'],
    ['2026-11-1', '2026-11-30', 'EXPORT.BAD_DATE'],
    ['昨天', '2026-11-30', 'EXPORT.BAD_DATE'],
    ['2026-11-01', '', 'EXPORT.BAD_DATE'],
    ['2026-11-01T00:00:00Z', '2026-11-30', 'EXPORT.BAD_DATE'],
  ])('%s … %s → %s', (from, to, code) => {
    expect(codeOf(() => periodOf(from, to))).toBe(code)
  })

  it('is whole China days: from China midnight to the next midnight after the last day', () => {
    const p = periodOf('2026-11-01', '2026-11-30')
    expect(p.from.toISOString()).toBe('2026-10-31T16:00:00.000Z')
    expect(p.until.toISOString()).toBe('2026-11-30T16:00:00.000Z')
  })

  it.each([
    // now (UTC) → China day; week from Monday
    ['2026-12-07T01:00:00Z', 'week', '2026-12-07', '2026-12-07'], // Monday 09:00 in China
    ['2026-12-06T20:00:00Z', 'week', '2026-12-07', '2026-12-07'], // Sunday 20:00 UTC is Monday 04:00 in China
    ['2026-12-06T10:00:00Z', 'week', '2026-11-30', '2026-12-06'], // Sunday in China
    ['2026-12-09T10:00:00Z', 'week', '2026-12-07', '2026-12-09'],
    ['2026-12-09T10:00:00Z', 'month', '2026-12-01', '2026-12-09'],
    ['2026-11-30T17:00:00Z', 'month', '2026-12-01', '2026-12-01'], // already December in China
    ['2026-12-09T10:00:00Z', 'quarter', '2026-10-01', '2026-12-09'],
    ['2026-02-14T10:00:00Z', 'quarter', '2026-01-01', '2026-02-14'],
    ['2026-06-30T10:00:00Z', 'quarter', '2026-04-01', '2026-06-30'],
  ] as const)('at %s, %s is %s … %s', (now, preset, from, to) => {
    expect(presetPeriod(preset, new Date(now))).toEqual({ from, to })
  })
})

const places: PlaceNames = {
  communities: new Map([
    ['cm-xinhua', '新华社区'],
    ['cm-dongshan', '东山社区'],
  ]),
  grids: new Map([['gr-1', '新华一网格']]),
}

const ev = (kind: OrderEvent['kind'], at: string, more: Partial<OrderEvent> = {}): OrderEvent => ({
  kind,
  at: new Date(at),
  by: 'u',
  byRole: 'grid_worker',
  byName: '刘志强',
  ...more,
})

describe('order rows', () => {
  const order: OrderForExport = {
    _id: 'od_8Kq2',
    categoryName: '环境卫生',
    path: {
      streetId: 'st-1',
      communityId: 'cm-xinhua',
      gridId: 'gr-1',
      buildingId: 'bd-3',
      unitId: 'un-1',
      householdId: 'hh-302',
    },
    placeName: '3号楼',
    status: 'closed',
    tier: 'community',
    department: null,
    submittedAt: new Date('2026-11-03T01:05:00Z'),
    acceptedAt: new Date('2026-11-03T01:35:00Z'),
    repliedAt: new Date('2026-11-04T08:00:00Z'),
    closedAt: new Date('2026-11-05T16:30:00Z'),
    overdue: true,
    rating: { rating: 'basically', comment: null, at: new Date('2026-11-05T16:30:00Z') },
    events: [
      // Out of order on purpose: the summary follows time.
      ev('escalate', '2026-11-03T09:00:00Z', { byRole: 'grid_worker', toTier: 'community' }),
      ev('submit', '2026-11-03T01:05:00Z', { byRole: 'resident' }),
      ev('accept', '2026-11-03T01:35:00Z'),
      ev('follow', '2026-11-03T02:00:00Z', { byRole: 'resident' }),
      ev('accept', '2026-11-03T10:00:00Z', { byRole: 'community_admin' }),
      ev('reply', '2026-11-04T08:00:00Z', { byRole: 'community_admin', outcome: 'handled' }),
      ev('rate', '2026-11-05T16:30:00Z', { byRole: 'resident', rating: 'basically' }),
      ev('close', '2026-11-05T16:30:00Z', { byRole: 'system' }),
    ],
  }

  it('has the Chinese header', () => {
    expect(ORDER_COLUMNS).toEqual([
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
    ])
  })

  it('is the order in China time, the building but never the room, with its timeline in words', () => {
    expect(orderRow(order, places)).toEqual([
      'od_8Kq2',
      '环境卫生',
      '新华社区',
      '新华一网格',
      '3号楼',
      '已办结',
      '社区',
      '2026-11-03 09:05',
      '2026-11-03 09:35',
      '2026-11-04 16:00',
      '2026-11-06 00:30',
      '是',
      '基本满意',
      '提交 → 网格员接单 → 上报社区 → 社区接单 → 答复 → 评价基本满意 → 办结',
    ])
    expect(orderRow(order, places).join('|')).not.toMatch(/302|hh-/)
  })

  it('an open order: empty times, no rating, the outside department as its tier', () => {
    const open: OrderForExport = {
      ...order,
      status: 'submitted',
      tier: 'department',
      department: '供电公司',
      acceptedAt: null,
      repliedAt: null,
      closedAt: null,
      overdue: false,
      rating: null,
      events: [
        ev('submit', '2026-11-03T01:05:00Z', { byRole: 'resident' }),
        ev('escalate', '2026-11-04T01:05:00Z', { byRole: 'system', auto: true, toTier: 'community' }),
        ev('escalate', '2026-11-05T01:05:00Z', { byRole: 'street_admin', toTier: 'department' }),
        ev('reply', '2026-11-05T02:00:00Z', { outcome: 'deadline' }),
      ],
    }
    expect(orderRow(open, places).slice(5)).toEqual([
      '待接单',
      '供电公司',
      '2026-11-03 09:05',
      '',
      '',
      '',
      '否',
      '',
      '提交 → 超时上报社区 → 上报职能部门 → 限期办理',
    ])
  })

  it('a repeated step reads once', () => {
    expect(
      timelineSummary([
        ev('submit', '2026-11-03T01:00:00Z'),
        ev('overdue', '2026-11-03T02:00:00Z'),
        ev('overdue', '2026-11-03T03:00:00Z'),
      ]),
    ).toBe('提交 → 超时')
  })
})

describe('errand, attendance, voucher and ledger rows', () => {
  it('errand: masked names, points only once confirmed', () => {
    const base = {
      type: 'parcel' as const,
      path: {
        streetId: 'st-1',
        communityId: 'cm-xinhua',
        gridId: 'gr-1',
        buildingId: 'bd-3',
        unitId: 'un-1',
        householdId: 'hh-302',
      },
      requesterName: '王秀英',
      helperName: '欧阳娜娜',
      createdAt: new Date('2026-11-10T00:00:00Z'),
      acceptedAt: new Date('2026-11-10T00:20:00Z'),
      points: 5,
    }
    expect(
      errandRow({ ...base, status: 'confirmed', confirmedAt: new Date('2026-11-10T03:00:00Z') }, places),
    ).toEqual([
      '代收快递',
      '新华社区',
      '新华一网格',
      '已完成',
      '王**',
      '2026-11-10 08:00',
      '欧***',
      '2026-11-10 08:20',
      '2026-11-10 11:00',
      5,
    ])
    expect(
      errandRow({ ...base, status: 'open', helperName: null, acceptedAt: null, confirmedAt: null }, places),
    ).toEqual(['代收快递', '新华社区', '新华一网格', '待接单', '王**', '2026-11-10 08:00', '', '', '', 0])
  })

  it('attendance: one row per sign-up; hours and points only when confirmed', () => {
    const activity = {
      title: '社区义诊 量血压',
      team: '彩虹桥·健康服务队',
      communityId: 'cm-xinhua',
      startAt: new Date('2026-11-20T01:00:00Z'),
      hours: 2.5,
      points: 10,
    }
    expect(
      attendanceRow(
        activity,
        {
          status: 'confirmed',
          signedAt: new Date('2026-11-18T12:00:00Z'),
          checkedInAt: new Date('2026-11-20T01:02:00Z'),
        },
        '陈桂兰',
        places,
      ),
    ).toEqual([
      '社区义诊 量血压',
      '彩虹桥·健康服务队',
      '新华社区',
      '2026-11-20 09:00',
      '陈**',
      '已确认',
      '2026-11-18 20:00',
      '2026-11-20 09:02',
      2.5,
      10,
    ])
    expect(
      attendanceRow(
        activity,
        { status: 'withdrawn', signedAt: new Date('2026-11-18T12:00:00Z'), checkedInAt: null },
        '李',
        places,
      ).slice(4),
    ).toEqual(['李*', '已取消报名', '2026-11-18 20:00', '', 0, 0])
  })

  it('voucher: holder and verifier masked', () => {
    expect(
      voucherRow(
        {
          itemName: '大米 5kg',
          price: 50,
          status: 'used',
          communityId: 'cm-dongshan',
          issuedAt: new Date('2026-11-01T02:00:00Z'),
          usedAt: new Date('2026-11-02T03:00:00Z'),
        },
        '赵建国',
        '孙丽',
        places,
      ),
    ).toEqual(['大米 5kg', 50, '已领取', '赵**', '东山社区', '2026-11-01 10:00', '2026-11-02 11:00', '孙*'])
  })

  it('ledger: a person masked, the community accounts by their names', () => {
    const names = new Map([['user-wang', '王秀英']])
    expect(
      ledgerRow(
        {
          at: new Date('2026-11-10T16:00:00Z'),
          from: 'issuance:cm-xinhua',
          to: 'u:user-wang',
          kind: 'activity',
          reason: '社区义诊 量血压',
          amount: 10,
          communityId: 'cm-xinhua',
        },
        names,
        places,
      ),
    ).toEqual(['2026-11-11 00:00', '积分发行', '王**', '志愿活动', '社区义诊 量血压', 10, '新华社区'])
    expect(accountText('u:user-nobody', names)).toBe('未知居民')
    expect(accountText('market:cm-xinhua', names)).toBe('爱心超市')
    expect(accountText('fund:cm-xinhua', names)).toBe('社区基金')
  })

  it('an erased person reads as the placeholder, an absent one as nothing', () => {
    expect(maskedPerson(ERASED_NAME)).toBe(ERASED_NAME)
    expect(maskedPerson(null)).toBe('')
    expect(maskedPerson('')).toBe('')
  })
})

describe('league rows', () => {
  const grid = (gridName: string, communityName: string) => ({
    gridId: `id-${gridName}`,
    gridName,
    communityId: `id-${communityName}`,
    communityName,
  })

  it('maps a grid’s counters to its rates, rounded for the sheet', () => {
    const row = leagueRowOf(grid('新华一网格', '新华社区'), {
      received: 40,
      accepted: 38,
      acceptedOnTime: 36,
      replied: 30,
      repliedOnTime: 27,
      resolved: 28,
      rated: 20,
      satisfied: 15,
      basically: 3,
      unsatisfied: 2,
      open: 8,
      sumAcceptMs: 38 * 1.25 * 3_600_000,
      sumReplyMs: 30 * 20 * 3_600_000,
    })
    expect(LEAGUE_COLUMNS).toEqual([
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
    // 36/40, 28/40, 18/20, 27/30
    expect(leagueCells(row)).toEqual(['新华社区', '新华一网格', 40, 90, 70, 90, 90, 1.3, 20, 8])
  })

  it('a grid with no counter document: zeros and dashes, never 0 %', () => {
    expect(leagueCells(leagueRowOf(grid('新华二网格', '新华社区'), null))).toEqual([
      '新华社区',
      '新华二网格',
      0,
      '—',
      '—',
      '—',
      '—',
      '—',
      '—',
      0,
    ])
  })

  it('sorts by community then grid, numbers as numbers', () => {
    const rows = [grid('10网格', '新华社区'), grid('2网格', '新华社区'), grid('1网格', '东山社区')].map((g) =>
      leagueRowOf(g, null),
    )
    expect(sortLeague(rows).map((r) => `${r.communityName}/${r.gridName}`)).toEqual([
      '东山社区/1网格',
      '新华社区/2网格',
      '新华社区/10网格',
    ])
  })

  it.each([
    [null, '—', '—'],
    [0, 0, 0],
    [2 / 3, 66.7, 0.7],
    [0.99949, 99.9, 1],
  ])('rate %p → %p %%, hours → %p', (value, pct, hours) => {
    expect(percentCell(value)).toBe(pct)
    expect(hoursCell(value)).toBe(hours)
  })
})

describe('kinds, names and the cap', () => {
  it.each([
    ['orders', true],
    ['league', true],
    ['hours', false],
    ['', false],
    ['__proto__', false],
  ])('%s is a kind: %p', (k, yes) => {
    expect(isExportKind(k)).toBe(yes)
  })

  it('names the file by what, where and when', () => {
    expect(exportFileName('orders', '新华社区', '2026-11-01', '2026-11-30')).toBe(
      '工单明细-新华社区-2026-11-01至2026-11-30.xlsx',
    )
  })

  it('the cap says how many and what to do', () => {
    expect(EXPORT_MAX_ROWS).toBe(5_000)
    expect(tooManyRowsMessage(5_001, true)).toBe('共 5001 行，超过 5000 行，请缩短时间范围或选择单个社区')
    expect(tooManyRowsMessage(25_000, false)).toBe('共 25000 行，超过 5000 行，请缩短时间范围')
  })
})

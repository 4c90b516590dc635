import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { render, screen } from '@testing-library/react'
import type { MyData } from '../../src/core/me/api'
import type { OrderRates } from '../../src/core/orders/api'
import JoinInboxPage from '../../src/features/grid/pages/joins/index'
import MyDataPage from '../../src/features/mine/pages/data/index'
import { RatesCard } from '../../src/features/reports/components/RatesCard'
import { resetTaroMock } from '../support/taro-mock'
import { api } from '../support/ui-script'

// One clock: every time a person reads is China time, whatever zone the phone, the browser or this
// process is in. The pages below run here in the machine's zone, and again (spawned) in UTC and in
// New York, where 01:41 on 3 December in China is still 2 December.

const CHILD = process.env.CHINA_TIME_ZONE_CHILD === '1'
/** Minutes behind UTC on 2025-12-02 (winter), for the zones the spawned runs use. */
const OFFSET: Record<string, number> = { UTC: 0, 'America/New_York': 300 }

/** 2025-12-03 01:41 China time (a past year, so the pages always show the year). */
const LATE = '2025-12-02T17:41:59.000Z'

const rates: OrderRates = {
  received: 3,
  accepted: 3,
  acceptedOnTime: 3,
  replied: 2,
  repliedOnTime: 2,
  resolved: 2,
  rated: 0,
  satisfied: 0,
  basically: 0,
  unsatisfied: 0,
  open: 1,
  responseRate: 1,
  resolutionRate: 1,
  satisfactionRate: null,
  onTimeRate: 1,
  avgAcceptHours: 1 / 60,
  avgReplyHours: 26.1,
} as OrderRates

const myData = {
  user: { displayName: '王秀英', realName: '王秀英', phone: '13812345678', roles: [], createdAt: LATE },
  household: null,
  joins: [],
  helper: null,
  accessLog: [],
  points: { balance: 0, entries: 0, lines: [] },
  signups: { count: 0, lines: [] },
  hours: { count: 0, lines: [] },
  vouchers: { count: 0, lines: [] },
  reports: {
    count: 1,
    lines: [
      {
        orderId: 'wo1',
        categoryName: '路灯损坏',
        status: 'accepted',
        statusLabel: '已接单',
        role: 'reporter',
        submittedAt: LATE,
      },
    ],
  },
  errands: { count: 0, lines: [] },
  wishes: { count: 0, lines: [] },
  noticeReads: { count: 0, lines: [] },
  lending: { count: 0, lines: [] },
} as unknown as MyData

beforeEach(() => resetTaroMock())

describe('times on the pages are China time', () => {
  if (CHILD) {
    it('runs in the zone it was asked for', () => {
      const zone = process.env.TZ ?? ''
      expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone)
      expect(new Date(LATE).getTimezoneOffset()).toBe(OFFSET[zone])
      // Here the phone's own calendar would say the 2nd: a local formatter would be caught.
      expect(new Date(LATE).getDate()).toBe(2)
    })
  }

  it('我的个人信息: first use and reports', async () => {
    api({ 'me.data': myData })
    render(<MyDataPage />)
    await screen.findByText('基本信息')
    expect(screen.getByText('2025年12月3日 01:41')).toBeTruthy()
    expect(document.body.textContent).toContain('已接单 · 2025年12月3日')
    expect(document.body.textContent).not.toMatch(/2025\/12\/2|12月2日/)
  })

  it('入格申请: when it was submitted', async () => {
    api({
      'join.inbox': [
        {
          joinId: 'j1',
          name: '吴春梅',
          maskedPhone: '139****5678',
          buildingName: '1号楼',
          unitName: '2单元',
          room: '702',
          submittedAt: LATE,
          path: { streetId: 's' },
          move: false,
        },
      ],
    })
    render(<JoinInboxPage />)
    await screen.findByText('吴春梅')
    expect(document.body.textContent).toContain('2025年12月3日 01:41')
  })

  it('办理指标: a one-minute accept reads in minutes', async () => {
    api({ 'stats.rates': { level: 'grid', id: 'g1', name: '第1网格', rates, children: [] } })
    render(<RatesCard level="grid" id="g1" />)
    await screen.findByText(/平均接单/)
    expect(screen.getByText(/平均接单 1 分钟 · 平均答复 26\.1 小时/)).toBeTruthy()
    expect(document.body.textContent).not.toContain('0 小时')
  })
})

if (!CHILD) {
  describe('in other zones', () => {
    const root = path.join(__dirname, '..', '..')
    it.each(Object.keys(OFFSET))(
      '%s shows the same China times',
      (zone) => {
        const run = spawnSync(
          process.execPath,
          [
            path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
            '-c',
            path.join(root, 'config', 'jest.config.js'),
            '--selectProjects',
            'ui',
            '--runInBand',
            '--ci',
            '--runTestsByPath',
            __filename,
          ],
          {
            cwd: root,
            env: { ...process.env, TZ: zone, CHINA_TIME_ZONE_CHILD: '1' },
            encoding: 'utf8',
          },
        )
        const out = `${run.stdout}${run.stderr}`
        expect({ status: run.status, out }).toEqual({ status: 0, out: expect.stringContaining('4 passed') })
      },
      180_000,
    )
  })
}

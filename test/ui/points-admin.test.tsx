import { render, screen, waitFor } from '@testing-library/react'
import type { AuditReport, TransferLine } from '../../src/core/points/api'
import PointsAdminPage from '../../src/features/points/pages/admin/index'
import { errorCopy } from '../../src/services/error-copy'
import { api, button, buttons, fail, inputs, tap, type } from '../support/ui-script'
import { resetTaroMock, router, showToast } from '../support/taro-mock'
import { staffPerson } from '../support/ui-fixtures'

// 积分管理 (community admins) against a scripted `api`: award, the community's transfers with 更正, audit.

const adminProfile = (roles: unknown[] = []) => ({
  userId: 'user-xinhua-admin',
  displayName: '管',
  roles,
  household: null,
  created: false,
})
const person = staffPerson
const staffList = {
  place: {
    level: 'community',
    id: 'cm-xinhua',
    name: '新华社区',
    path: { streetId: 's', communityId: 'cm-xinhua' },
  },
  items: [person('user-resident-wang', '王秀英'), person('user-xinhua-01-worker', '王网格', 'grid_worker')],
  nextCursor: null,
}
const line = (patch: Partial<TransferLine>): TransferLine => ({
  transferId: 'tr.award.a.1',
  at: '2026-11-21T01:05:00.000Z',
  kind: 'award',
  label: '社区奖励',
  amount: 10,
  from: 'issuance:cm-xinhua',
  fromName: '积分发行',
  to: 'u:user-resident-wang',
  toName: '王秀英',
  reason: '社区清洁日',
  reverses: null,
  corrected: false,
  ...patch,
})
const transferred = (amount: unknown, reason: unknown, retried = false) => ({
  transferId: 'tr.award.x.y',
  cause: 'award:x:y',
  from: 'issuance:cm-xinhua',
  to: 'u:user-resident-wang',
  amount,
  reason,
  at: '2026-11-22T02:00:00.000Z',
  retried,
})

beforeEach(() => {
  resetTaroMock()
  router.params = { communityId: 'cm-xinhua' }
})

describe('积分管理 · 奖励积分', () => {
  it('needs a resident, an amount and a reason before sending; sends userId/amount/reason/requestId and reuses the id on retry', async () => {
    let awards = 0
    api({
      'me.profile': adminProfile(),
      'points.transfers': { lines: [], cursor: null },
      'staff.list': staffList,
      'points.award': (i: Record<string, unknown>) =>
        awards++ === 0 ? fail('DATA.CONFLICT') : transferred(i.amount, i.reason),
    })
    render(<PointsAdminPage />)
    await screen.findByText('本社区还没有积分记录。')
    expect(inputs('points.transfers')).toEqual([{ communityId: 'cm-xinhua' }])

    await tap(button('确认奖励'))
    await screen.findByText('请先查找并选择要奖励的居民')
    await type('奖励居民姓名', '王')
    await tap(button('查找居民'))
    expect(inputs('staff.list')).toEqual([{ scopeId: 'cm-xinhua' }])
    // Residents only: the grid worker named 王 is not offered.
    expect(screen.queryByLabelText('选择王网格，1号楼1单元 302室')).toBeNull()
    await tap(screen.getByLabelText('选择王秀英，1号楼1单元 302室'))
    await screen.findByText('奖励居民：王秀英（1号楼1单元 302室）')
    await type('奖励积分', '0')
    await tap(button('确认奖励'))
    await screen.findByText(errorCopy('POINTS.BAD_AMOUNT'))
    await type('奖励积分', '5')
    await type('奖励原因', '   ')
    await tap(button('确认奖励'))
    await screen.findByText(errorCopy('POINTS.REASON_REQUIRED'))
    expect(inputs('points.award')).toEqual([])

    await type('奖励原因', '参加清洁日')
    await tap(button('确认奖励'))
    await screen.findByText(errorCopy('DATA.CONFLICT'))
    await tap(button('确认奖励'))
    await waitFor(() =>
      expect(showToast).toHaveBeenCalledWith({ title: '已奖励 5 分给王秀英', icon: 'none' }),
    )
    const [first, second] = inputs('points.award')
    expect(first).toEqual({
      userId: 'user-resident-wang',
      amount: 5,
      reason: '参加清洁日',
      requestId: expect.stringMatching(/^[0-9a-z]{12,}$/),
    })
    expect(second).toEqual(first)
    // The list is read again (the award shows), and the form starts over with a new request id.
    expect(inputs('points.transfers')).toHaveLength(2)
    await type('奖励居民姓名', '王秀英')
    await tap(button('查找居民'))
    await tap(screen.getByLabelText('选择王秀英，1号楼1单元 302室'))
    await type('奖励积分', '2')
    await type('奖励原因', '扫雪')
    await tap(button('确认奖励'))
    await waitFor(() =>
      expect(showToast).toHaveBeenCalledWith({ title: '已奖励 2 分给王秀英', icon: 'none' }),
    )
    expect(inputs('points.award')[2]?.requestId).not.toBe(first?.requestId)
  })

  it('uses the admin’s own community without a link; others are told the page is for community admins', async () => {
    router.params = {}
    api({
      'me.profile': adminProfile([
        { role: 'community_admin', scope: { streetId: 's', communityId: 'cm-xinhua' } },
      ]),
      'points.transfers': { lines: [], cursor: null },
    })
    const { unmount } = render(<PointsAdminPage />)
    await screen.findByText('本社区还没有积分记录。')
    expect(inputs('points.transfers')).toEqual([{ communityId: 'cm-xinhua' }])
    unmount()
    api({
      'me.profile': adminProfile([{ role: 'resident', scope: { streetId: 's', communityId: 'cm-xinhua' } }]),
    })
    render(<PointsAdminPage />)
    await screen.findByText('只有社区管理员可以管理积分。')
    expect(inputs('points.transfers')).toEqual([])
  })
})

describe('积分管理 · 积分流水', () => {
  const lines = [
    line({
      transferId: 'tr.correction.tr.award.a.0',
      kind: 'correction',
      label: '更正',
      from: 'u:user-resident-li',
      fromName: '李建华',
      to: 'issuance:cm-xinhua',
      toName: '积分发行',
      reason: '发错了人',
      reverses: 'tr.award.a.0',
      amount: 8,
    }),
    line({ transferId: 'tr.award.a.1', amount: 10 }),
    line({
      transferId: 'tr.award.a.0',
      to: 'u:user-resident-li',
      toName: '李建华',
      amount: 8,
      corrected: true,
      reason: '发错的奖励',
    }),
  ]

  it('shows names and what was corrected; 更正 only on uncorrected lines, asks for a reason, sends the transferId, then reloads', async () => {
    let corrected = false
    api({
      'me.profile': adminProfile(),
      'points.transfers': (i: Record<string, unknown>) =>
        i.cursor
          ? {
              lines: [
                line({
                  transferId: 'tr.gift.b.1',
                  kind: 'gift',
                  label: '积分转赠',
                  from: 'u:user-resident-wang',
                  fromName: '王秀英',
                  to: 'fund:cm-xinhua',
                  toName: '社区基金',
                  reason: '',
                  amount: 3,
                }),
              ],
              cursor: null,
            }
          : {
              lines: corrected
                ? [
                    line({
                      transferId: 'tr.correction.tr.award.a.1',
                      kind: 'correction',
                      label: '更正',
                      reverses: 'tr.award.a.1',
                      fromName: '王秀英',
                      toName: '积分发行',
                      reason: '重复发放',
                    }),
                    { ...lines[1], corrected: true } as TransferLine,
                    lines[0],
                    lines[2],
                  ]
                : lines,
              cursor: 'c1',
            },
      'points.correct': (i: Record<string, unknown>) => {
        corrected = true
        return {
          ...transferred(10, i.reason),
          transferId: 'tr.correction.tr.award.a.1',
          from: 'u:user-resident-wang',
          to: 'issuance:cm-xinhua',
        }
      },
    })
    render(<PointsAdminPage />)
    await screen.findByText('社区奖励：社区清洁日')
    expect(screen.getByText('积分发行 转给 王秀英')).toBeTruthy()
    expect(screen.getByText('11月21日 09:05 · 已更正')).toBeTruthy()
    expect(screen.getByText('11月21日 09:05 · 更正记录')).toBeTruthy()
    // Neither the correction nor the corrected award can be corrected again.
    expect(buttons('更正')).toHaveLength(1)

    await tap(button('加载更多'))
    await screen.findByText('社区基金', { exact: false })
    expect(inputs('points.transfers')).toEqual([
      { communityId: 'cm-xinhua' },
      { communityId: 'cm-xinhua', cursor: 'c1' },
    ])
    expect(buttons('更正')).toHaveLength(2)

    await tap(screen.getByLabelText('更正：社区奖励：社区清洁日，积分发行转给王秀英 10 分'))
    await screen.findByText('将从王秀英退回 10 分给积分发行，原记录保留。')
    await tap(button('取消'))
    expect(screen.queryByText('将从王秀英退回 10 分给积分发行，原记录保留。')).toBeNull()
    await tap(screen.getByLabelText('更正：社区奖励：社区清洁日，积分发行转给王秀英 10 分'))
    await tap(button('确认更正'))
    await screen.findByText(errorCopy('POINTS.REASON_REQUIRED'))
    expect(inputs('points.correct')).toEqual([])
    await type('更正原因', '重复发放')
    await tap(button('确认更正'))
    await waitFor(() =>
      expect(showToast).toHaveBeenCalledWith({ title: '已更正：王秀英退回 10 分给积分发行', icon: 'none' }),
    )
    expect(inputs('points.correct')).toEqual([{ transferId: 'tr.award.a.1', reason: '重复发放' }])
    // Read again from the first page: the award now shows corrected and has no 更正 button.
    expect(inputs('points.transfers')).toHaveLength(3)
    await screen.findByText('更正：重复发放')
    expect(buttons('更正')).toHaveLength(0)
  })

  it('a correction the recipient can no longer pay back says so and keeps the form', async () => {
    api({
      'me.profile': adminProfile(),
      'points.transfers': { lines: [lines[1]], cursor: null },
      'points.correct': fail('POINTS.INSUFFICIENT'),
    })
    render(<PointsAdminPage />)
    await tap(await screen.findByLabelText('更正：社区奖励：社区清洁日，积分发行转给王秀英 10 分'))
    await screen.findByText('将从王秀英退回 10 分给积分发行，原记录保留。')
    await type('更正原因', '发错了')
    await tap(button('确认更正'))
    await screen.findByText('王秀英的积分已不足 10 分，无法更正')
    expect(button('确认更正')).toBeTruthy()
  })
})

describe('积分管理 · 核对账目', () => {
  it('shows a consistent ledger, then the differences found (account, cached, computed)', async () => {
    const reports: AuditReport[] = [
      { accounts: 5, entries: 12, differences: [] },
      {
        accounts: 5,
        entries: 12,
        differences: [
          { account: 'u:user-resident-wang', cached: 999, computed: 22 },
          { account: 'fund:cm-xinhua', cached: 3, computed: 5 },
        ],
      },
    ]
    api({
      'me.profile': adminProfile(),
      'points.transfers': { lines: [line({})], cursor: null },
      'points.audit': () => reports.shift(),
    })
    render(<PointsAdminPage />)
    await screen.findByText('社区奖励：社区清洁日')
    await tap(button('核对账目'))
    await screen.findByText('账目一致：5 个账户，12 条分录')
    expect(inputs('points.audit')).toEqual([{ communityId: 'cm-xinhua' }])
    await tap(button('核对账目'))
    await screen.findByText('发现 2 个账户余额不一致（共核对 5 个账户，12 条分录）：')
    expect(screen.queryByText('账目一致：5 个账户，12 条分录')).toBeNull()
    expect(screen.getByText('记录 999 分，按分录应为 22 分')).toBeTruthy()
    expect(screen.getByText('记录 3 分，按分录应为 5 分')).toBeTruthy()
    // People by the name the list showed, the community's own accounts by what they are.
    expect(screen.getAllByText('王秀英').length).toBeGreaterThan(0)
    expect(screen.getByText('社区基金')).toBeTruthy()
  })
})

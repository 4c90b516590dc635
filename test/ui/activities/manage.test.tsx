import { render, screen, waitFor } from '@testing-library/react'
import {
  CONFIRM_BATCH,
  type CheckinCode,
  type ConfirmResult,
  type Roster,
  type RosterLine,
} from '../../../src/core/activities/api'
import ManageActivityPage from '../../../src/features/activities/pages/manage/index'
import { errorCopy } from '../../../src/services/error-copy'
import { router, showToast } from '../../support/taro-mock'
import { api, button, buttons, fail, inputs, tap, type } from '../../support/ui-script'
import { card, detail, ADMIN, WORKER, profile } from './harness'

// The staff manage page: the check-in code, the roster and its confirmation in batches, cancel and export.

describe('manage page (staff)', () => {
  const line = (
    userId: string,
    name: string,
    status: RosterLine['status'],
    patch: Partial<RosterLine> = {},
  ): RosterLine => ({
    userId,
    name,
    buildingName: '3号楼',
    status,
    signedAt: '2026-11-21T02:00:00.000Z',
    checkedInAt: status === 'checked_in' || status === 'confirmed' ? '2026-11-23T00:50:00.000Z' : null,
    confirmedAt: status === 'confirmed' ? '2026-11-23T03:10:00.000Z' : null,
    confirmedByName: status === 'confirmed' ? '张丽' : null,
    ...patch,
  })
  const roster = (lines: RosterLine[]): Roster => ({
    activity: card({ phaseLabel: '进行中' }),
    lines,
    counts: {
      signed: lines.filter((l) => l.status === 'signed').length,
      withdrawn: lines.filter((l) => l.status === 'withdrawn').length,
      checked_in: lines.filter((l) => l.status === 'checked_in').length,
      confirmed: lines.filter((l) => l.status === 'confirmed').length,
    },
  })
  const before = roster([
    line('u_wang', '王秀英', 'checked_in'),
    line('u_li', '李桂兰', 'checked_in'),
    line('u_zhao', '赵建国', 'signed'),
    line('u_liu', '刘志强', 'confirmed'),
  ])
  const code = (session: number, c: string): CheckinCode => ({
    activityId: 'ac_1',
    code: c,
    scene: `c=${c}`,
    session,
    imageUrl: `https://tmp.example/${c}.png`,
    validFrom: '2026-11-23T00:30:00.000Z',
    validTo: '2026-11-23T03:00:00.000Z',
  })

  beforeEach(() => {
    router.params = { activityId: 'ac_1' }
  })

  it('shows the code large and labelled, rotates only after confirming', async () => {
    api({
      'me.profile': profile(WORKER),
      'activity.roster': before,
      'activity.checkinCode': (i: Record<string, unknown>) =>
        i.rotate ? code(2, 'M3N8RT') : code(1, 'K7P2QX'),
    })
    render(<ManageActivityPage />)
    await screen.findByText('K7P2QX')
    const img = document.querySelector('[aria-label="重阳节陪老人包饺子 签到码"]')
    expect(img?.getAttribute('src') ?? img?.querySelector('img')?.getAttribute('src')).toBe(
      'https://tmp.example/K7P2QX.png',
    )
    await tap(button('换一个签到码'))
    expect(screen.getByText(/旧签到码将失效/)).toBeTruthy()
    expect(inputs('activity.checkinCode')).toEqual([{ activityId: 'ac_1' }])
    await tap(button('确认换码'))
    await screen.findByText('M3N8RT')
    expect(screen.getByText('已换成新签到码（第 2 个），旧签到码已失效')).toBeTruthy()
    expect(inputs('activity.checkinCode')).toEqual([
      { activityId: 'ac_1' },
      { activityId: 'ac_1', rotate: true },
    ])
    await tap(button('刷新'))
    expect(inputs('activity.checkinCode').at(-1)).toEqual({ activityId: 'ac_1' })
    // Not the community admin: no cancel, no export.
    expect(buttons('取消活动')).toHaveLength(0)
    expect(buttons('导出志愿时长')).toHaveLength(0)
  })

  it('confirms the ticked residents and shows who was paid, already paid, and skipped', async () => {
    const result: ConfirmResult = {
      roster: roster([
        line('u_wang', '王秀英', 'confirmed'),
        line('u_li', '李桂兰', 'checked_in'),
        line('u_zhao', '赵建国', 'signed'),
        line('u_liu', '刘志强', 'confirmed'),
      ]),
      paid: ['u_wang'],
      alreadyPaid: ['u_liu'],
      skipped: [{ userId: 'u_li', reason: '已取消报名' }],
    }
    api({
      'me.profile': profile(WORKER),
      'activity.roster': before,
      'activity.checkinCode': code(1, 'K7P2QX'),
      'activity.confirm': result,
    })
    render(<ManageActivityPage />)
    await screen.findByText('王秀英 · 3号楼 · 已签到')
    expect(screen.getByText('报名 4 人 · 已签到 3 人 · 已确认 1 人')).toBeTruthy()
    expect(screen.getByText('报名 10:00 · 签到 08:50 · 确认 11:10（张丽）')).toBeTruthy()
    const boxes = () => [...document.querySelectorAll('[aria-role="checkbox"]')]
    expect(boxes().map((b) => b.getAttribute('aria-label'))).toEqual(['确认 王秀英 出勤', '确认 李桂兰 出勤'])
    await tap(button('确认出勤并发放积分'))
    await screen.findByText('请先勾选已签到的居民')
    expect(inputs('activity.confirm')).toHaveLength(0)
    await tap(boxes()[1] as Element)
    expect(boxes()[1]?.getAttribute('aria-checked')).toBe('true')
    await tap(button('全选已签到（2 人）'))
    await tap(button('确认出勤并发放积分（2 人）'))
    await screen.findByText('已确认 1 人出勤，积分已发放：王秀英')
    expect(inputs('activity.confirm')).toEqual([{ activityId: 'ac_1', userIds: ['u_wang', 'u_li'] }])
    expect(screen.getByText('之前已确认（未重复发放）：刘志强')).toBeTruthy()
    expect(screen.getByText('未确认：李桂兰（已取消报名）')).toBeTruthy()
    expect(screen.getByText('王秀英 · 3号楼 · 已确认出勤')).toBeTruthy()
  })

  it('sends a long roster in batches of CONFIRM_BATCH and adds the results up', async () => {
    const many = Array.from({ length: CONFIRM_BATCH + 7 }, (_, i) => line(`u_${i}`, `居民${i}`, 'checked_in'))
    const paidAll = roster(many.map((l) => ({ ...l, status: 'confirmed' as const })))
    api({
      'me.profile': profile(WORKER),
      'activity.roster': roster(many),
      'activity.checkinCode': code(1, 'K7P2QX'),
      'activity.confirm': (input: Record<string, unknown>) => ({
        roster: paidAll,
        paid: input.userIds,
        alreadyPaid: [],
        skipped: [],
      }),
    })
    render(<ManageActivityPage />)
    await screen.findByText('居民0 · 3号楼 · 已签到')
    await tap(button(`全选已签到（${many.length} 人）`))
    await tap(button(`确认出勤并发放积分（${many.length} 人）`))
    await screen.findByText(/^已确认 57 人出勤/)
    const sent = inputs('activity.confirm').map((i) => i.userIds as string[])
    expect(sent.map((ids) => ids.length)).toEqual([CONFIRM_BATCH, 7])
    expect(sent.flat()).toEqual(many.map((l) => l.userId))
  })

  it('the community admin cancels with a reason and exports the hours', async () => {
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
    api({
      'me.profile': profile(ADMIN),
      'activity.roster': before,
      'activity.checkinCode': code(1, 'K7P2QX'),
      'activity.cancel': detail({ status: 'cancelled', phaseLabel: '已取消' }),
      'hours.export': {
        fileID: 'cloud://x/hours.xlsx',
        url: 'https://tmp.example/hours.xlsx',
        fileName: '新华社区志愿服务记录.xlsx',
        rows: 12,
      },
    })
    render(<ManageActivityPage />)
    await screen.findByText('K7P2QX')
    await tap(button('导出志愿时长'))
    await screen.findByText('已生成 新华社区志愿服务记录.xlsx（12 条记录）')
    expect(inputs('hours.export')).toEqual([{ communityId: 'cm-xinhua' }])
    await tap(button('打开文件'))
    expect(click).toHaveBeenCalledTimes(1)
    expect((click.mock.instances[0] as unknown as HTMLAnchorElement).href).toBe(
      'https://tmp.example/hours.xlsx',
    )
    click.mockRestore()

    await tap(button('取消活动'))
    await tap(button('确认取消活动'))
    await screen.findByText('请填写取消原因（至少 2 个字），会写在发给报名居民的取消通知里')
    expect(inputs('activity.cancel')).toHaveLength(0)
    await type('取消原因', '天气原因，改期另行通知')
    await tap(button('确认取消活动'))
    await waitFor(() => expect(showToast).toHaveBeenCalledWith({ title: '活动已取消', icon: 'success' }))
    // What the residents see is said where it lasts, with the activity.
    expect(
      screen.getByText(
        '已报名的居民在“志愿活动”里会看到活动已取消，订阅了活动提醒的还会收到附取消原因的消息',
      ),
    ).toBeTruthy()
    expect(inputs('activity.cancel')).toEqual([{ activityId: 'ac_1', reason: '天气原因，改期另行通知' }])
    expect(screen.getByText('已取消')).toBeTruthy()
    expect(buttons('取消活动')).toHaveLength(0)
    expect(buttons('换一个签到码')).toHaveLength(0)
  })

  it('a refused roster shows the copy', async () => {
    api({ 'me.profile': profile(WORKER), 'activity.roster': fail('ACTIVITY.NOT_IN_SCOPE') })
    render(<ManageActivityPage />)
    await screen.findByText(errorCopy('ACTIVITY.NOT_IN_SCOPE'))
  })
})

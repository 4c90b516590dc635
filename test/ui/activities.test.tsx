import { render, screen } from '@testing-library/react'
import {
  CONFIRM_BATCH,
  type ActivityCard,
  type ActivityDetail,
  type ActivityMove,
  type CheckinCode,
  type ConfirmResult,
  type MyHours,
  type Roster,
  type RosterLine,
} from '../../src/core/activities/api'
import ActivitiesPage from '../../src/features/activities/pages/index/index'
import ActivityDetailPage from '../../src/features/activities/pages/detail/index'
import CheckinPage from '../../src/features/activities/pages/checkin/index'
import PublishActivityPage from '../../src/features/activities/pages/publish/index'
import ManageActivityPage from '../../src/features/activities/pages/manage/index'
import HoursExportPage from '../../src/features/activities/pages/export/index'
import { codeFromScan } from '../../src/features/activities/labels'
import { publishProblems, freshDraft } from '../../src/features/activities/form'
import MyHoursPage from '../../src/features/points/pages/hours/index'
import { recordText } from '../../src/features/points/pages/hours/record'
import { errorCopy } from '../../src/services/error-copy'
import { navigateTo, resetTaroMock, router } from '../support/taro-mock'
import { api, button, buttons, calls, fail, inputs, tap, type } from '../support/ui-script'

// Volunteer activity pages (list, detail buttons from `moves`, check-in by scene or typed code, publish
// form, staff roster/confirm/code/export) and the volunteer-hours record against a scripted `api`.

const card = (patch: Partial<ActivityCard> = {}): ActivityCard => ({
  activityId: 'ac_1',
  communityId: 'cm-xinhua',
  title: '重阳节陪老人包饺子',
  team: '彩虹桥·助老服务队',
  place: '新华社区党群服务中心',
  startAt: '2026-11-23T01:00:00.000Z',
  endAt: '2026-11-23T03:00:00.000Z',
  capacity: 20,
  signedUp: 8,
  points: 5,
  hours: 2,
  status: 'published',
  phaseLabel: '报名中',
  mine: null,
  ...patch,
})
const detail = (patch: Partial<ActivityDetail> = {}): ActivityDetail => ({
  ...card(),
  description: '一起包饺子，陪老人聊聊天',
  moves: [],
  checkinFrom: '2026-11-23T00:30:00.000Z',
  checkinTo: '2026-11-23T03:00:00.000Z',
  checkedInAt: null,
  confirmedAt: null,
  retried: false,
  ...patch,
})
const ADMIN = [{ role: 'community_admin', scope: { streetId: 'st-xinhua', communityId: 'cm-xinhua' } }]
const WORKER = [
  { role: 'grid_worker', scope: { streetId: 'st-xinhua', communityId: 'cm-xinhua', gridId: 'g1' } },
]
const RESIDENT = [
  {
    role: 'resident',
    scope: {
      streetId: 'st-xinhua',
      communityId: 'cm-xinhua',
      gridId: 'g1',
      buildingId: 'b3',
      unitId: 'u1',
      householdId: 'h1',
    },
  },
]
const profile = (roles: unknown[]) => ({
  userId: 'u_me',
  displayName: '测试用户',
  roles,
  household: null,
  created: false,
})

const radio = (text: string) => {
  const r = [...document.querySelectorAll('[aria-role="radio"]')].find((el) => el.textContent === text)
  if (!r) throw new Error(`no radio ${text}`)
  return r
}
/** The texts of the detail page's move buttons, in order. */
const moveButtons = () =>
  [...document.querySelectorAll('[aria-label="可进行的操作"] taro-button-core')].map((b) => b.textContent)
/** The error line under a field (its label's enclosing .field). */
const fieldError = (label: string) => {
  const input = document.querySelector(`taro-input-core[aria-label="${label}"]`)
  return input?.closest('.field')?.querySelector('.field__error')?.textContent ?? null
}

beforeEach(() => resetTaroMock())

describe('activity list', () => {
  it('shows cards with time in China time, seats, reward, phase and my status; tabs page by `when`', async () => {
    api({
      'me.profile': profile(RESIDENT),
      'activity.list': (i: Record<string, unknown>) =>
        i.when === 'mine'
          ? i.cursor
            ? { items: [card({ activityId: 'ac_3', title: '楼道清理', mine: 'confirmed' })], cursor: null }
            : {
                items: [
                  card({
                    activityId: 'ac_2',
                    title: '垃圾分类宣传',
                    team: '彩虹桥·环境守护队',
                    mine: 'checked_in',
                  }),
                ],
                cursor: 'c1',
              }
          : { items: i.when === 'past' ? [] : [card()], cursor: null },
    })
    render(<ActivitiesPage />)
    await screen.findByText('重阳节陪老人包饺子')
    expect(screen.getByText('时间：11月23日 09:00–11:00')).toBeTruthy()
    expect(screen.getByText('地点：新华社区党群服务中心')).toBeTruthy()
    expect(screen.getByText('名额 8/20 · +5 积分 · 2 小时')).toBeTruthy()
    expect(screen.getByText('报名中')).toBeTruthy()
    expect(buttons('发布活动')).toHaveLength(0)
    const list = document.querySelector('[aria-role="list"][aria-label="即将开始"]') as HTMLElement
    expect([...list.children].every((c) => c.getAttribute('aria-role') === 'listitem')).toBe(true)

    await tap(radio('我报名的'))
    await screen.findByText('垃圾分类宣传')
    expect(screen.getByText('我：已签到')).toBeTruthy()
    await tap(button('加载更多'))
    await screen.findByText('我：已确认出勤')
    expect(buttons('加载更多')).toHaveLength(0)
    expect(inputs('activity.list')).toEqual([
      { when: 'upcoming' },
      { when: 'mine' },
      { when: 'mine', cursor: 'c1' },
    ])
    await tap(radio('往期'))
    await screen.findByText('还没有往期活动。')

    await tap(radio('即将开始'))
    await tap(await screen.findByText('重阳节陪老人包饺子'))
    expect(navigateTo).toHaveBeenLastCalledWith({
      url: '/features/activities/pages/detail/index?activityId=ac_1',
    })
  })

  it('a community admin also gets 发布活动 for their community', async () => {
    api({ 'me.profile': profile(ADMIN), 'activity.list': { items: [], cursor: null } })
    render(<ActivitiesPage />)
    await tap(await screen.findByText('发布活动'))
    expect(navigateTo).toHaveBeenLastCalledWith({
      url: '/features/activities/pages/publish/index?communityId=cm-xinhua',
    })
    expect(screen.getByText('近期还没有志愿活动，社区发布后会显示在这里。')).toBeTruthy()
  })

  it('a grid worker (not an admin) gets no 发布活动; a failed load shows the copy', async () => {
    api({ 'me.profile': profile(WORKER), 'activity.list': fail('ACTIVITY.NOT_IN_SCOPE') })
    render(<ActivitiesPage />)
    await screen.findByText(errorCopy('ACTIVITY.NOT_IN_SCOPE'))
    expect(buttons('发布活动')).toHaveLength(0)
  })
})

describe('activity detail', () => {
  beforeEach(() => {
    router.params = { activityId: 'ac_1' }
  })

  it.each<[string, readonly ActivityMove[], string[]]>([
    ['a resident before signing up', ['signup'], ['我要报名']],
    ['a signed-up resident before the window', ['withdraw'], ['取消报名']],
    ['a signed-up resident in the window', ['withdraw', 'checkin'], ['取消报名', '扫码签到']],
    ['staff', ['manage'], ['管理']],
    ['anyone with no moves', [], []],
  ])('%s gets exactly its buttons', async (_who, moves, expected) => {
    api({ 'activity.get': detail({ moves }) })
    render(<ActivityDetailPage />)
    await screen.findByText('一起包饺子，陪老人聊聊天')
    expect(moveButtons()).toEqual(expected)
    // The typed-code form comes with the check-in move only.
    expect(buttons('提交签到码')).toHaveLength(moves.includes('checkin') ? 1 : 0)
  })

  it('signs up, then withdraws only after confirming', async () => {
    api({
      'activity.get': detail({ moves: ['signup'] }),
      'activity.signup': detail({ mine: 'signed', signedUp: 9, moves: ['withdraw'] }),
      'activity.withdraw': detail({ mine: 'withdrawn', moves: ['signup'] }),
    })
    render(<ActivityDetailPage />)
    await tap(await screen.findByText('我要报名'))
    await screen.findByText('报名成功')
    // What to do next is said once, in the status card.
    expect(screen.getByText('已报名，请按时到场签到')).toBeTruthy()
    expect(screen.queryByText(/报名成功，/)).toBeNull()
    expect(screen.getByText('名额 9/20 · +5 积分 · 2 小时')).toBeTruthy()
    expect(inputs('activity.signup')).toEqual([{ activityId: 'ac_1' }])
    await tap(button('取消报名'))
    expect(inputs('activity.withdraw')).toHaveLength(0)
    await tap(button('不取消'))
    expect(moveButtons()).toEqual(['取消报名'])
    await tap(button('取消报名'))
    await tap(button('确认取消报名'))
    await screen.findByText('已取消报名', { selector: '.activity__status' })
    expect(screen.getAllByText('已取消报名')).toHaveLength(1)
    expect(screen.getByText('名额已让给其他邻居')).toBeTruthy()
    expect(inputs('activity.withdraw')).toEqual([{ activityId: 'ac_1' }])
    expect(moveButtons()).toEqual(['我要报名'])
  })

  it('shows the check-in window once and says what comes next once after a typed check-in', async () => {
    api({
      'activity.get': detail({ mine: 'signed', moves: ['checkin'] }),
      'activity.checkin': detail({ mine: 'checked_in', checkedInAt: '2026-11-23T00:52:00.000Z', moves: [] }),
    })
    render(<ActivityDetailPage />)
    await screen.findByText('一起包饺子，陪老人聊聊天')
    expect(screen.getAllByText(/签到时间/)).toHaveLength(1)
    await type('签到码', 'K7P2QX')
    await tap(button('提交签到码'))
    await screen.findByText('签到成功')
    expect(screen.getByText('已签到 08:52，活动结束后由社区确认')).toBeTruthy()
    expect(screen.queryByText(/签到成功（/)).toBeNull()
  })

  it('a full activity says so and reloads', async () => {
    let gets = 0
    api({
      'activity.get': () =>
        detail(gets++ === 0 ? { moves: ['signup'] } : { signedUp: 20, phaseLabel: '已满员' }),
      'activity.signup': fail('ACTIVITY.FULL'),
    })
    render(<ActivityDetailPage />)
    await tap(await screen.findByText('我要报名'))
    await screen.findByText(errorCopy('ACTIVITY.FULL'))
    await screen.findByText('已满员')
    expect(moveButtons()).toEqual([])
  })

  it('check-in: the browser cannot scan, so the typed code is sent; the answer shows the time', async () => {
    api({
      'activity.get': detail({ mine: 'signed', moves: ['withdraw', 'checkin'] }),
      'activity.checkin': (i: Record<string, unknown>) =>
        i.code === 'K7P2QX'
          ? detail({ mine: 'checked_in', checkedInAt: '2026-11-23T00:52:00.000Z', moves: [] })
          : fail('ACTIVITY.BAD_CODE'),
    })
    render(<ActivityDetailPage />)
    await tap(await screen.findByText('扫码签到'))
    await screen.findByText('这里不能扫码，请在下方输入现场签到码')
    await type('签到码', 'K7')
    await tap(button('提交签到码'))
    await screen.findByText('请输入现场签到码（6 位字母或数字）')
    expect(inputs('activity.checkin')).toHaveLength(0)
    await type('签到码', 'AAAAAA')
    await tap(button('提交签到码'))
    await screen.findByText(errorCopy('ACTIVITY.BAD_CODE'))
    await type('签到码', 'K7P 2QX')
    await tap(button('提交签到码'))
    await screen.findByText('已签到 08:52，活动结束后由社区确认')
    expect(inputs('activity.checkin').at(-1)).toEqual({ code: 'K7P2QX' })
    expect(moveButtons()).toEqual([])
  })

  it('confirmed attendance shows the points; 管理 opens the staff page', async () => {
    api({
      'activity.get': detail({
        mine: 'confirmed',
        checkedInAt: '2026-11-23T00:52:00.000Z',
        confirmedAt: '2026-11-23T04:00:00.000Z',
        moves: ['manage'],
      }),
    })
    render(<ActivityDetailPage />)
    await screen.findByText('已确认，获得 5 积分、2 小时志愿时长')
    await tap(button('管理'))
    expect(navigateTo).toHaveBeenLastCalledWith({
      url: '/features/activities/pages/manage/index?activityId=ac_1',
    })
  })

  it('reads the scene out of a scanned wxacode', () => {
    expect(
      codeFromScan({ path: 'features/activities/pages/checkin/index?scene=c%3DK7P2QX', result: '' }),
    ).toBe('c=K7P2QX')
    expect(codeFromScan({ result: 'K7P2QX' })).toBe('K7P2QX')
    expect(codeFromScan({ result: 'https://x.example/a?scene=c%3DAB12CD&x=1' })).toBe('c=AB12CD')
  })
})

describe('check-in page (opened by the on-site code)', () => {
  it('checks in with the scene WeChat delivers and says what happens next', async () => {
    router.params = { scene: 'c%3DK7P2QX' }
    api({ 'activity.checkin': detail({ mine: 'checked_in', checkedInAt: '2026-11-23T00:52:00.000Z' }) })
    render(<CheckinPage />)
    await screen.findByText('签到成功')
    expect(inputs('activity.checkin')).toEqual([{ code: 'c=K7P2QX' }])
    expect(screen.getByText('活动：重阳节陪老人包饺子')).toBeTruthy()
    expect(screen.getByText('签到时间：11月23日 08:52')).toBeTruthy()
    expect(screen.getByText(/^活动结束后由社区确认，确认后积分到账/)).toBeTruthy()
    await tap(button('查看活动详情'))
    expect(navigateTo).toHaveBeenLastCalledWith({
      url: '/features/activities/pages/detail/index?activityId=ac_1',
    })
  })

  it.each(['ACTIVITY.ALREADY_CHECKED_IN', 'ACTIVITY.OUTSIDE_WINDOW'] as const)(
    '%s shows its copy and offers the typed code',
    async (code) => {
      router.params = { scene: 'c%3DK7P2QX' }
      api({ 'activity.checkin': fail(code) })
      render(<CheckinPage />)
      await screen.findByText(errorCopy(code))
      expect(buttons('提交签到码')).toHaveLength(1)
      await tap(button('查看我报名的活动'))
      expect(navigateTo).toHaveBeenLastCalledWith({ url: '/features/activities/pages/index/index?when=mine' })
    },
  )

  it('without a scene waits for a typed code', async () => {
    api({ 'activity.checkin': detail({ mine: 'checked_in', checkedInAt: '2026-11-23T00:52:00.000Z' }) })
    render(<CheckinPage />)
    await screen.findByText('提交签到码')
    expect(calls).toHaveLength(0)
    await type('签到码', 'K7P2QX')
    await tap(button('提交签到码'))
    await screen.findByText('签到成功')
    expect(inputs('activity.checkin')).toEqual([{ code: 'K7P2QX' }])
  })
})

describe('publish form', () => {
  beforeEach(() => {
    router.params = { communityId: 'cm-xinhua' }
  })

  it('shows field errors on the phone, places the function’s code under its field, and publishes once per request id', async () => {
    let publishes = 0
    api({
      'me.profile': profile(ADMIN),
      'activity.publish': (i: Record<string, unknown>) =>
        publishes++ === 0
          ? fail('ACTIVITY.BAD_CAPACITY')
          : publishes === 2
            ? fail('DATA.CONFLICT')
            : detail({ activityId: 'ac_9', title: String(i.title) }),
    })
    render(<PublishActivityPage />)
    await tap(button('发布'))
    expect(fieldError('活动名称')).toBe('请填写活动名称')
    expect(fieldError('服务队')).toBe('请填写或选择服务队')
    expect(fieldError('活动地点')).toBe('请填写活动地点')
    expect(fieldError('名额（人）')).toBeNull()
    expect(inputs('activity.publish')).toHaveLength(0)
    // The message names the fields, and each goes once it is edited.
    expect(screen.getByText('请修改活动名称、服务队、活动地点后再发布')).toBeTruthy()
    expect(screen.queryByText(/请按提示修改/)).toBeNull()
    await type('活动地点', '社区党群服务中心')
    expect(fieldError('活动地点')).toBeNull()
    expect(screen.getByText('请修改活动名称、服务队后再发布')).toBeTruthy()

    await type('活动名称', '重阳节陪老人包饺子')
    await tap(radio('彩虹桥·助老服务队'))
    await type('活动介绍', '一起包饺子', 'taro-textarea-core')
    await type('活动地点', '社区党群服务中心')
    await type('名额（人）', '0')
    await tap(button('发布'))
    expect(fieldError('名额（人）')).toBe(errorCopy('ACTIVITY.BAD_CAPACITY'))
    expect(fieldError('活动名称')).toBeNull()
    await type('志愿时长（小时，选填）', '0.7')
    await type('名额（人）', '30')
    await tap(button('发布'))
    expect(fieldError('志愿时长（小时，选填）')).toBe('时长为 0.5–12 小时，按半小时计')
    expect(inputs('activity.publish')).toHaveLength(0)

    await type('志愿时长（小时，选填）', '1.5')
    await tap(button('发布'))
    await screen.findByText(errorCopy('ACTIVITY.BAD_CAPACITY'))
    expect(fieldError('名额（人）')).toBe(errorCopy('ACTIVITY.BAD_CAPACITY'))
    await tap(button('发布'))
    await screen.findByText(errorCopy('DATA.CONFLICT'))
    await tap(button('发布'))
    expect(navigateTo).toHaveBeenLastCalledWith({
      url: '/features/activities/pages/detail/index?activityId=ac_9',
    })

    const sent = inputs('activity.publish')
    expect(sent).toHaveLength(3)
    expect(sent[1]?.requestId).toBe(sent[0]?.requestId)
    expect(sent[2]).toEqual(sent[1])
    expect(sent[0]).toEqual({
      requestId: expect.stringMatching(/^[0-9a-z]{12,}$/),
      communityId: 'cm-xinhua',
      title: '重阳节陪老人包饺子',
      team: '彩虹桥·助老服务队',
      description: '一起包饺子',
      place: '社区党群服务中心',
      startAt: expect.stringMatching(/T01:00:00\.000Z$/),
      endAt: expect.stringMatching(/T03:00:00\.000Z$/),
      capacity: 30,
      points: 5,
      hours: 1.5,
    })
  })

  it('form rules: time order and the future, whole numbers in range, hours optional', () => {
    const now = new Date('2026-11-21T01:10:00.000Z')
    const d = { ...freshDraft(now), title: '包饺子', team: '彩虹桥·助老服务队', place: '活动室' }
    expect(d.date).toBe('2026-11-22')
    expect(publishProblems(d, now)).toEqual({})
    expect(publishProblems({ ...d, end: '08:00' }, now)).toEqual({ time: '结束时间应晚于开始时间' })
    expect(publishProblems({ ...d, date: '2026-11-21', start: '08:00', end: '10:00' }, now)).toEqual({
      time: '开始时间已经过去了，请重新选择',
    })
    expect(publishProblems({ ...d, capacity: '2.5', points: '101' }, now)).toEqual({
      capacity: errorCopy('ACTIVITY.BAD_CAPACITY'),
      points: '积分应为 0–100 的整数',
    })
    expect(publishProblems({ ...d, points: '0', hours: '12' }, now)).toEqual({})
    expect(publishProblems({ ...d, hours: '12.5' }, now)).toEqual({ hours: '时长为 0.5–12 小时，按半小时计' })
    expect(publishProblems({ ...d, title: 'x'.repeat(61) }, now)).toEqual({ title: '活动名称不超过 60 个字' })
  })
})

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
    await screen.findByText(
      '活动已取消。已报名的居民在“志愿活动”里会看到活动已取消，订阅了活动提醒的还会收到附取消原因的消息',
    )
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

describe('my volunteer-hours record', () => {
  const hours: MyHours = {
    name: '王秀英',
    communityName: '新华社区',
    totalHours: 3.5,
    count: 2,
    lines: [
      {
        activityId: 'ac_1',
        title: '重阳节陪老人包饺子',
        team: '彩虹桥·助老服务队',
        place: '活动室',
        date: '2026-11-23T01:00:00.000Z',
        hours: 2,
        points: 5,
        confirmedByName: '张丽',
        organisation: '新华社区居民委员会',
        confirmedAt: '2026-11-23T04:00:00.000Z',
      },
      {
        activityId: 'ac_2',
        title: '垃圾分类宣传',
        team: '彩虹桥·环境守护队',
        place: '东门',
        date: '2026-11-01T16:30:00.000Z',
        hours: 1.5,
        points: 3,
        confirmedByName: '张丽',
        organisation: '新华社区居民委员会',
        confirmedAt: '2026-11-02T04:00:00.000Z',
      },
    ],
    issuedAt: '2026-11-24T02:00:00.000Z',
  }

  it('renders totals and each service, and prints', async () => {
    const print = jest.spyOn(window, 'print').mockImplementation(() => undefined)
    api({ 'hours.mine': hours })
    render(<MyHoursPage />)
    await screen.findByText('3.5 小时')
    expect(screen.getByText('（共 2 次）')).toBeTruthy()
    expect(screen.getByText('王秀英 · 新华社区')).toBeTruthy()
    expect(screen.getByText('2026年11月2日')).toBeTruthy() // 16:30 UTC is the next day in China
    expect(screen.getByText('垃圾分类宣传（彩虹桥·环境守护队）')).toBeTruthy()
    expect(screen.getAllByText('确认人：张丽 · 组织单位：新华社区居民委员会')).toHaveLength(2)
    expect(screen.getByText('出具时间：2026年11月24日')).toBeTruthy()
    expect(screen.getByText('本记录依据《志愿服务记录与证明出具办法》由社区据实记录。')).toBeTruthy()
    await tap(button('打印/保存'))
    expect(print).toHaveBeenCalledTimes(1)
    print.mockRestore()
    expect(recordText(hours)).toContain('累计志愿服务时长：3.5 小时（2 次）')
  })

  it('without records says how to get them', async () => {
    api({ 'hours.mine': { ...hours, totalHours: 0, count: 0, lines: [] } })
    render(<MyHoursPage />)
    await screen.findByText(/还没有志愿服务记录/)
    expect(buttons('打印/保存')).toHaveLength(0)
    await tap(button('去看看志愿活动'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/features/activities/pages/index/index' })
  })
})

describe('志愿时长导出 from the admin menu', () => {
  it('exports the admin community’s hours without opening an activity first', async () => {
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
    api({
      'me.profile': profile(ADMIN),
      'hours.export': {
        fileID: 'cloud://x/hours.xlsx',
        url: 'https://tmp.example/hours.xlsx',
        fileName: '志愿服务记录-新华社区.xlsx',
        rows: 3,
      },
    })
    render(<HoursExportPage />)
    await screen.findByText('本社区已确认的志愿服务记录（Excel 表格），可用于出具志愿服务证明。')
    await tap(button('导出志愿时长'))
    await screen.findByText('已生成 志愿服务记录-新华社区.xlsx（3 条记录）')
    expect(inputs('hours.export')).toEqual([{ communityId: 'cm-xinhua' }])
    await tap(button('打开文件'))
    expect(click).toHaveBeenCalledTimes(1)
    click.mockRestore()
  })

  it('tells anyone else plainly that it is for community admins', async () => {
    api({ 'me.profile': profile(WORKER) })
    render(<HoursExportPage />)
    await screen.findByText('此页面仅供社区管理员使用')
    expect(buttons('导出志愿时长')).toHaveLength(0)
    expect(calls.filter((c) => c.action === 'hours.export')).toHaveLength(0)
  })
})

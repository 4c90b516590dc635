import { render, screen, waitFor } from '@testing-library/react'
import { type ActivityMove } from '../../../src/core/activities/api'
import ActivitiesPage from '../../../src/features/activities/pages/index/index'
import ActivityDetailPage from '../../../src/features/activities/pages/detail/index'
import CheckinPage from '../../../src/features/activities/pages/checkin/index'
import { codeFromScan } from '../../../src/features/activities/labels'
import { errorCopy } from '../../../src/services/error-copy'
import { navigateTo, router, showToast } from '../../support/taro-mock'
import { api, button, buttons, calls, fail, inputs, tap, type } from '../../support/ui-script'
import { card, detail, ADMIN, WORKER, RESIDENT, profile, radio, moveButtons } from './harness'

// The resident's side: the activity list, the detail page's buttons (from `moves`) and the check-in page
// (by the scene WeChat delivers or a typed code).

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
    await waitFor(() => expect(showToast).toHaveBeenCalledWith({ title: '报名成功', icon: 'success' }))
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
    expect(showToast).toHaveBeenCalledWith({ title: '名额已让给其他邻居', icon: 'none' })
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
    await waitFor(() => expect(showToast).toHaveBeenCalledWith({ title: '签到成功', icon: 'success' }))
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

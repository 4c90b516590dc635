// Publishing, the lists and detail, and cancelling.
import { inMin, ok } from '../../support/api-test'
import {
  CHEN,
  DONGSHAN_ADMIN as OTHER_ADMIN,
  LI,
  WANG,
  XINHUA_01_WORKER as WORKER,
  XINHUA_ADMIN as ADMIN,
  ZHAO,
} from '../../support/demo-people'
import { SeedIds } from '../../../emulator/seed/demo-data'
import { FAR, form, publish, setTimes, call, db, count, docOf } from './harness'

describe('activity.publish', () => {
  it('publishes once per requestId with the default hours, for the admin of the community only', async () => {
    const input = form({ startAt: inMin(60).toISOString(), endAt: inMin(60 + 100).toISOString() })
    const first = ok(await call(ADMIN, 'activity.publish', input))
    expect(first).toMatchObject({
      status: 'published',
      hours: 1.5,
      points: 10,
      signedUp: 0,
      phaseLabel: '报名中',
      retried: false,
      mine: null,
      moves: ['manage'],
    })
    expect(first.activityId).toMatch(/^ac_[a-z2-7]{20}$/)
    const again = ok(await call(ADMIN, 'activity.publish', input))
    expect(again).toMatchObject({ activityId: first.activityId, retried: true })
    expect(await count('activities', { requestId: input.requestId })).toBe(1)
    // Another community's admin, and a grid worker (no publish permission at all).
    const far = form()
    expect(
      (await call(OTHER_ADMIN, 'activity.publish', { ...far, communityId: 'cm-xinhua' })).error?.code,
    ).toBe('ACTIVITY.NOT_IN_SCOPE')
    expect((await call(WORKER, 'activity.publish', far)).error?.code).toBe('AUTH.FORBIDDEN')
    expect(await count('activities', { requestId: far.requestId })).toBe(0)
  })

  it.each([
    ['empty title', { title: '  ' }, 'ACTIVITY.BAD_TEXT'],
    ['empty place', { place: '' }, 'ACTIVITY.BAD_TEXT'],
    ['end before start', { endAt: inMin(60).toISOString() }, 'ACTIVITY.BAD_TIME'],
    ['longer than a day', { endAt: inMin(120 + 25 * 60).toISOString() }, 'ACTIVITY.BAD_TIME'],
    [
      'start in the past',
      { startAt: inMin(-60).toISOString(), endAt: inMin(60).toISOString() },
      'ACTIVITY.BAD_TIME',
    ],
    ['capacity 0', { capacity: 0 }, 'ACTIVITY.BAD_CAPACITY'],
    ['capacity 501', { capacity: 501 }, 'ACTIVITY.BAD_CAPACITY'],
    ['points 101', { points: 101 }, 'ACTIVITY.BAD_REWARD'],
    ['points 2.5', { points: 2.5 }, 'ACTIVITY.BAD_REWARD'],
    ['hours 0.7', { hours: 0.7 }, 'ACTIVITY.BAD_REWARD'],
    ['hours 13', { hours: 13 }, 'ACTIVITY.BAD_REWARD'],
    ['risky text', { description: '欢迎访问赌博网站' }, 'CONTENT.RISKY'],
    ['unknown field', { openid: 'forged' }, 'INPUT.INVALID'],
  ])('%s → %s, nothing stored', async (_n, over, code) => {
    const input = form(over)
    expect((await call(ADMIN, 'activity.publish', input)).error?.code).toBe(code)
    expect(await count('activities', { requestId: input.requestId })).toBe(0)
  })
})

describe('lists and detail', () => {
  it('residents see their community’s activities: upcoming soonest first, past newest first, mine', async () => {
    const id = await publish({ title: '列表测试' })
    const upcoming = ok(await call(WANG, 'activity.list', { when: 'upcoming' }))
    const ids = upcoming.items.map((i: { activityId: string }) => i.activityId)
    expect(ids).toEqual(
      expect.arrayContaining([id, SeedIds.activities.cleanup, SeedIds.activities.chongyang]),
    )
    const starts = upcoming.items.map((i: { startAt: string }) => i.startAt)
    expect([...starts].sort()).toEqual(starts)
    expect(
      upcoming.items.find((i: { activityId: string }) => i.activityId === SeedIds.activities.chongyang),
    ).toMatchObject({ mine: 'signed', team: '彩虹桥·助老服务队', phaseLabel: '报名中' })
    const past = ok(await call(WANG, 'activity.list', { when: 'past' }))
    expect(past.items.map((i: { activityId: string }) => i.activityId)).toContain(SeedIds.activities.clinic)
    expect(
      past.items.find((i: { activityId: string }) => i.activityId === SeedIds.activities.clinic),
    ).toMatchObject({
      mine: 'confirmed',
      phaseLabel: '已结束',
    })
    const mine = ok(await call(WANG, 'activity.list', { when: 'mine' }))
    expect(mine.items.map((i: { activityId: string }) => i.activityId)).toEqual(
      expect.arrayContaining([SeedIds.activities.chongyang, SeedIds.activities.clinic]),
    )
    // Staff see it too; another community's resident and admin do not.
    expect(
      ok(await call(WORKER, 'activity.list', { when: 'upcoming' })).items.map(
        (i: { activityId: string }) => i.activityId,
      ),
    ).toContain(id)
    expect(
      ok(await call(FAR, 'activity.list', { when: 'upcoming' })).items.map(
        (i: { activityId: string }) => i.activityId,
      ),
    ).not.toContain(id)
    expect(
      ok(await call(OTHER_ADMIN, 'activity.list', { when: 'upcoming' })).items.map(
        (i: { activityId: string }) => i.activityId,
      ),
    ).not.toContain(id)
    expect((await call(FAR, 'activity.get', { activityId: id })).error?.code).toBe('ACTIVITY.NOT_FOUND')
    expect((await call(WANG, 'activity.get', { activityId: 'ac_nope' })).error?.code).toBe(
      'ACTIVITY.NOT_FOUND',
    )
    const detail = ok(await call(LI, 'activity.get', { activityId: id }))
    expect(detail).toMatchObject({
      activityId: id,
      moves: ['signup'],
      description: '陪老人聊天、读报',
      checkedInAt: null,
    })
    expect(new Date(detail.checkinTo).getTime() - new Date(detail.checkinFrom).getTime()).toBe(
      (150 + 30) * 60_000,
    )
  })

  it('pages by 20 with a cursor, no item twice', async () => {
    const made: string[] = []
    for (let i = 0; i < 21; i += 1)
      made.push(
        await publish({
          title: `分页${i}`,
          startAt: inMin(300 + i).toISOString(),
          endAt: inMin(400 + i).toISOString(),
        }),
      )
    const seen: string[] = []
    let cursor: string | undefined
    for (let page = 0; page < 10; page += 1) {
      const res = ok(
        await call(ZHAO, 'activity.list', cursor ? { when: 'upcoming', cursor } : { when: 'upcoming' }),
      )
      expect(res.items.length).toBeLessThanOrEqual(20)
      seen.push(...res.items.map((i: { activityId: string }) => i.activityId))
      if (!res.cursor) break
      cursor = res.cursor
    }
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen).toEqual(expect.arrayContaining(made))
  }, 60_000)
})

describe('cancel', () => {
  it('needs a reason; cancels once; residents holding a seat are told; nothing more may happen', async () => {
    const id = await publish({ title: '取消测试' })
    ok(await call(LI, 'activity.signup', { activityId: id }))
    ok(await call(CHEN, 'activity.signup', { activityId: id }))
    ok(await call(CHEN, 'activity.withdraw', { activityId: id }))
    expect((await call(ADMIN, 'activity.cancel', { activityId: id, reason: '  ' })).error?.code).toBe(
      'ACTIVITY.BAD_TEXT',
    )
    expect((await call(OTHER_ADMIN, 'activity.cancel', { activityId: id, reason: '下雨' })).error?.code).toBe(
      'ACTIVITY.NOT_IN_SCOPE',
    )
    expect((await call(WORKER, 'activity.cancel', { activityId: id, reason: '下雨' })).error?.code).toBe(
      'AUTH.FORBIDDEN',
    )
    expect((await docOf('activities', id))?.status).toBe('published')
    const cancelled = ok(await call(ADMIN, 'activity.cancel', { activityId: id, reason: '天气原因' }))
    expect(cancelled).toMatchObject({ status: 'cancelled', phaseLabel: '已取消', retried: false })
    expect(ok(await call(ADMIN, 'activity.cancel', { activityId: id, reason: '天气原因' })).retried).toBe(
      true,
    )
    const told = (
      await db()
        .collection('notifications')
        .where({ sourceId: id, kind: 'activity.cancelled' })
        .limit(10)
        .get()
    ).data as { recipientId: string }[]
    expect(told.map((n) => n.recipientId)).toEqual(['user-resident-li'])
    expect((await call(ZHAO, 'activity.signup', { activityId: id })).error?.code).toBe('ACTIVITY.CANCELLED')
    expect((await call(WORKER, 'activity.checkinCode', { activityId: id })).error?.code).toBe(
      'ACTIVITY.CANCELLED',
    )
    expect(ok(await call(LI, 'activity.get', { activityId: id }))).toMatchObject({
      status: 'cancelled',
      moves: [],
    })
  })

  it('cannot cancel once started', async () => {
    const id = await publish()
    await setTimes(id, -1, 60)
    expect((await call(ADMIN, 'activity.cancel', { activityId: id, reason: '来不及了' })).error?.code).toBe(
      'ACTIVITY.STARTED',
    )
    expect((await docOf('activities', id))?.status).toBe('published')
  })
})

import { execFileSync } from 'node:child_process'
import { activityInput, inMin, ok, requestIds, useApi, httpGet as get } from '../support/api-test'
import {
  CHEN,
  DONGSHAN_01_WORKER as OTHER_WORKER,
  DONGSHAN_ADMIN as OTHER_ADMIN,
  LI,
  LIU,
  WANG,
  XINHUA_01_WORKER as WORKER,
  XINHUA_ADMIN as ADMIN,
  ZHAO,
  dongshanResident,
} from '../support/demo-people'
import { SeedIds } from '../../emulator/seed/demo-data'

const { call, db, count, docOf, balance } = useApi({ secCheckKeywords: { risky: ['赌博网站'], review: [] } })

// Volunteer activities and the hours record through the built `api` function, real node-sdk.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDoc = Record<string, any>
/** A person's sign-up (or hours line) of an activity: found by (activityId, userId), the ids are opaque. */
const mine = async (collection: 'activity_signups' | 'volunteer_hours', activityId: string, userId: string) =>
  ((await db().collection(collection).where({ activityId, userId }).get()).data as AnyDoc[])[0] ?? null
const FAR = 'openid-dongshan-resident'
const RACERS = Array.from({ length: 30 }, (_, i) => `openid-act-racer-${i}`)

const rid = requestIds('req')
const form = (over: Record<string, unknown> = {}) => activityInput(rid(), over)
const publish = async (over: Record<string, unknown> = {}) =>
  ok(await call(ADMIN, 'activity.publish', form(over))).activityId as string
/** Moves an activity in time directly in the database (the clock of the tests is the real one). */
const setTimes = async (activityId: string, startMin: number, endMin: number) => {
  await db()
    .collection('activities')
    .doc(activityId)
    .update({ startAt: inMin(startMin), endAt: inMin(endMin) })
}
const codeFor = async (activityId: string, rotate = false) =>
  ok(await call(WORKER, 'activity.checkinCode', rotate ? { activityId, rotate } : { activityId }))

beforeAll(async () => {
  const home = (n: number) => ({
    streetId: 'st-dongjie',
    communityId: 'cm-xinhua',
    gridId: 'gr-xinhua-01',
    buildingId: 'bd-xinhua-01-06',
    unitId: 'bd-xinhua-01-06-u1',
    householdId: `hh-act-${n}`,
  })
  await db()
    .collection('users')
    .add([
      ...RACERS.map((openid, i) => ({
        _id: `user-act-racer-${i}`,
        openid,
        displayName: `居民${i}`,
        realName: `报名${i}`,
        grants: [{ role: 'resident', scope: home(i) }],
        createdAt: new Date(),
      })),
      dongshanResident('user-dongshan-resident', FAR, 'hh-far'),
    ])
}, 60_000)

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

describe('sign-up and withdrawal', () => {
  it('30 concurrent sign-ups on 5 seats → exactly 5 signed, the rest ACTIVITY.FULL', async () => {
    const id = await publish({ capacity: 5, title: '抢名额' })
    const results = await Promise.all(RACERS.map((r) => call(r, 'activity.signup', { activityId: id })))
    expect(results.filter((r) => r.ok)).toHaveLength(5)
    expect(results.filter((r) => !r.ok).map((r) => r.error?.code)).toEqual(Array(25).fill('ACTIVITY.FULL'))
    expect((await docOf('activities', id))?.signedUp).toBe(5)
    expect(await count('activity_signups', { activityId: id, status: 'signed' })).toBe(5)
    expect(await count('activity_signups', { activityId: id })).toBe(5)
    // A withdrawal frees a seat for someone else; signing up twice changes nothing.
    const winner = RACERS[results.findIndex((r) => r.ok)] as string
    const loser = RACERS[results.findIndex((r) => !r.ok)] as string
    expect(ok(await call(winner, 'activity.signup', { activityId: id }))).toMatchObject({
      retried: true,
      signedUp: 5,
    })
    expect(ok(await call(winner, 'activity.withdraw', { activityId: id }))).toMatchObject({
      mine: 'withdrawn',
      signedUp: 4,
      moves: ['signup'],
    })
    expect((await call(winner, 'activity.withdraw', { activityId: id })).error?.code).toBe(
      'ACTIVITY.NOT_SIGNED_UP',
    )
    expect(ok(await call(loser, 'activity.signup', { activityId: id }))).toMatchObject({
      mine: 'signed',
      signedUp: 5,
      phaseLabel: '已满员',
    })
    expect((await call(winner, 'activity.signup', { activityId: id })).error?.code).toBe('ACTIVITY.FULL')
    expect((await docOf('activities', id))?.signedUp).toBe(5)
  }, 60_000)

  it('refuses other communities, staff, and moves after the start, changing nothing', async () => {
    const id = await publish()
    expect((await call(FAR, 'activity.signup', { activityId: id })).error?.code).toBe('ACTIVITY.NOT_IN_SCOPE')
    expect((await call(WORKER, 'activity.signup', { activityId: id })).error?.code).toBe('AUTH.FORBIDDEN')
    ok(await call(LI, 'activity.signup', { activityId: id }))
    await setTimes(id, -5, 60)
    expect((await call(LI, 'activity.withdraw', { activityId: id })).error?.code).toBe('ACTIVITY.STARTED')
    expect((await call(CHEN, 'activity.signup', { activityId: id })).error?.code).toBe('ACTIVITY.STARTED')
    expect((await docOf('activities', id))?.signedUp).toBe(1)
    expect((await mine('activity_signups', id, 'user-resident-li'))?.status).toBe('signed')
    expect(await mine('activity_signups', id, 'user-resident-chen')).toBeNull()
  })
})

describe('check-in codes and check-in', () => {
  it('makes the code on first ask, keeps it, rotation retires the old one', async () => {
    const id = await publish({ startAt: inMin(10).toISOString(), endAt: inMin(130).toISOString() })
    const first = await codeFor(id)
    expect(first).toMatchObject({ activityId: id, session: 1, scene: `c=${first.code}` })
    expect(first.code).toMatch(/^[2-9A-HJ-NP-Z]{6}$/)
    expect(first.imageUrl).toEqual(expect.any(String))
    const image = await get(first.imageUrl)
    expect(image.body.subarray(0, 4).toString('hex')).toBe('89504e47')
    expect(ok(await call(ADMIN, 'activity.checkinCode', { activityId: id }))).toMatchObject({
      code: first.code,
      session: 1,
    })
    const second = await codeFor(id, true)
    expect(second).toMatchObject({ session: 2 })
    expect(second.code).not.toBe(first.code)
    expect((await call(WANG, 'activity.checkin', { code: first.code })).error?.code).toBe('ACTIVITY.BAD_CODE')
    expect(
      ok(
        await call(WANG, 'activity.checkin', {
          code: `features/activities/pages/checkin/index?scene=c%3D${second.code.toLowerCase()}`,
        }),
      ),
    ).toMatchObject({ mine: 'checked_in' })
    // Staff of another community, and residents, get no code.
    expect((await call(OTHER_WORKER, 'activity.checkinCode', { activityId: id })).error?.code).toBe(
      'ACTIVITY.NOT_IN_SCOPE',
    )
    expect((await call(WANG, 'activity.checkinCode', { activityId: id })).error?.code).toBe('AUTH.FORBIDDEN')
    expect((await docOf('activities', id))?.checkinSession).toBe(2)
  })

  it('two staff asking for the first code at once get the same one', async () => {
    const id = await publish()
    const [a, b] = await Promise.all([
      call(WORKER, 'activity.checkinCode', { activityId: id }),
      call(ADMIN, 'activity.checkinCode', { activityId: id }),
    ])
    expect(ok(a).code).toBe(ok(b).code)
    expect(ok(a).session).toBe(1)
    expect(await count('activity_codes', { activityId: id })).toBe(1)
  })

  it('checks in inside the window only, once; walks in while seats remain', async () => {
    const id = await publish({ capacity: 2 })
    ok(await call(LI, 'activity.signup', { activityId: id }))
    const { code } = await codeFor(id)
    // Starts in 2 hours: the window (30 minutes before the start) is not open yet.
    expect((await call(LI, 'activity.checkin', { code })).error?.code).toBe('ACTIVITY.OUTSIDE_WINDOW')
    expect((await mine('activity_signups', id, 'user-resident-li'))?.status).toBe('signed')
    await setTimes(id, 20, 120)
    const li = ok(await call(LI, 'activity.checkin', { code: ` c=${code} ` }))
    expect(li).toMatchObject({ mine: 'checked_in', signedUp: 1, moves: [] })
    expect(li.checkedInAt).toEqual(expect.any(String))
    expect((await call(LI, 'activity.checkin', { code })).error?.code).toBe('ACTIVITY.ALREADY_CHECKED_IN')
    // Walk-in: not signed up, a seat left → signed up and checked in at once.
    expect(ok(await call(CHEN, 'activity.checkin', { code: `c%3D${code}` }))).toMatchObject({
      mine: 'checked_in',
      signedUp: 2,
    })
    expect(await mine('activity_signups', id, 'user-resident-chen')).toMatchObject({
      walkIn: true,
      status: 'checked_in',
    })
    expect((await call(ZHAO, 'activity.checkin', { code })).error?.code).toBe('ACTIVITY.FULL')
    expect(await mine('activity_signups', id, 'user-resident-zhao')).toBeNull()
    expect((await call(FAR, 'activity.checkin', { code })).error?.code).toBe('ACTIVITY.NOT_IN_SCOPE')
    expect((await call(ZHAO, 'activity.checkin', { code: 'ZZZZZZ' })).error?.code).toBe('ACTIVITY.BAD_CODE')
    expect((await call(ZHAO, 'activity.checkin', { code: 'hello' })).error?.code).toBe('ACTIVITY.BAD_CODE')
    // After the end: closed.
    await setTimes(id, -120, -1)
    await db()
      .collection('activity_signups')
      .where({ activityId: id, userId: 'user-resident-li' })
      .update({ status: 'signed', checkedInAt: null })
    expect((await call(LI, 'activity.checkin', { code })).error?.code).toBe('ACTIVITY.OUTSIDE_WINDOW')
    expect((await mine('activity_signups', id, 'user-resident-li'))?.status).toBe('signed')
    expect((await docOf('activities', id))?.signedUp).toBe(2)
  })
})

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

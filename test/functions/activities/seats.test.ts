// Seats: sign-up and withdrawal (30 racers on 5 seats), the check-in codes and checking in.
import { inMin, ok, httpGet as get } from '../../support/api-test'
import {
  CHEN,
  DONGSHAN_01_WORKER as OTHER_WORKER,
  LI,
  WANG,
  XINHUA_01_WORKER as WORKER,
  XINHUA_ADMIN as ADMIN,
  ZHAO,
} from '../../support/demo-people'
import { mine, FAR, RACERS, publish, setTimes, codeFor, call, db, count, docOf } from './harness'

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

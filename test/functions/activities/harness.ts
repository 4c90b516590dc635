// The activities tests' shared world: one seeded local CloudBase per test file (with a 东山社区
// resident and thirty racers), publishing, moving an activity's times and asking for its code.
import { activityInput, inMin, ok, requestIds, useApi } from '../../support/api-test'
import {
  XINHUA_01_WORKER as WORKER,
  XINHUA_ADMIN as ADMIN,
  dongshanResident,
} from '../../support/demo-people'

export const { call, db, count, docOf, balance } = useApi({
  secCheckKeywords: { risky: ['赌博网站'], review: [] },
})

// Volunteer activities and the hours record through the built `api` function, real node-sdk.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDoc = Record<string, any>
/** A person's sign-up (or hours line) of an activity: found by (activityId, userId), the ids are opaque. */
export const mine = async (
  collection: 'activity_signups' | 'volunteer_hours',
  activityId: string,
  userId: string,
) => ((await db().collection(collection).where({ activityId, userId }).get()).data as AnyDoc[])[0] ?? null
export const FAR = 'openid-dongshan-resident'
export const RACERS = Array.from({ length: 30 }, (_, i) => `openid-act-racer-${i}`)

export const rid = requestIds('req')
export const form = (over: Record<string, unknown> = {}) => activityInput(rid(), over)
export const publish = async (over: Record<string, unknown> = {}) =>
  ok(await call(ADMIN, 'activity.publish', form(over))).activityId as string
/** Moves an activity in time directly in the database (the clock of the tests is the real one). */
export const setTimes = async (activityId: string, startMin: number, endMin: number) => {
  await db()
    .collection('activities')
    .doc(activityId)
    .update({ startAt: inMin(startMin), endAt: inMin(endMin) })
}
export const codeFor = async (activityId: string, rotate = false) =>
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

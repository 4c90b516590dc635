// The me tests' shared world: one seeded local CloudBase per test file, the join form, and the
// love-card stores' helpers (a published activity, a person's sign-up, an account's entries).
import { activityInput, inMin, ok, requestIds, useApi } from '../../support/api-test'
import { XINHUA_ADMIN as ADMIN } from '../../support/demo-people'

export const { emu, call, db, docOf, userDoc } = useApi()

// PIPL (查看与删除我的个人信息) and the helper profile (党员亮身份), through the built `api` function.

export const form = (over: Record<string, unknown> = {}) => ({
  requestId: `req-me-${Math.random().toString(36).slice(2, 10)}`,
  unitId: 'bd-xinhua-01-09-u1',
  room: '401',
  name: '孙晓东',
  phone: '13700001111',
  consent: true,
  ...over,
})

// Love-card stores (issue #7): activities, points, vouchers.
export const rid = requestIds('req-me')
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDoc = Record<string, any>
/** A person's sign-up (or hours line) of an activity: found by (activityId, userId), the ids are opaque. */
export const mine = async (collection: string, activityId: string, userId: string): Promise<AnyDoc | null> =>
  ((await db().collection(collection).where({ activityId, userId }).get()).data as AnyDoc[])[0] ?? null
export const entriesOf = async (account: string) =>
  (
    (await db().collection('point_entries').where({ account }).limit(1000).get()).data as { _id: string }[]
  ).sort((a, b) => a._id.localeCompare(b._id))
export const publish = async (startMin: number, endMin: number, title: string) =>
  ok(
    await call(
      ADMIN,
      'activity.publish',
      activityInput(rid(), {
        title,
        startAt: inMin(startMin).toISOString(),
        endAt: inMin(endMin).toISOString(),
      }),
    ),
  ).activityId as string

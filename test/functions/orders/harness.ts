// The orders tests' shared world: one seeded local CloudBase per test file (with a second grid
// worker of 新华社区第1网格), the app's call with its dispatch nudge, and direct reads of the store.
import { requestIds, useApi } from '../../support/api-test'
import { WANG, XINHUA_01 as GRID } from '../../support/demo-people'
import type { ApiResult } from '../../support/seeded-emulator'

export const {
  emu,
  call: direct,
  db,
} = useApi({ secCheckKeywords: { risky: ['赌博网站'], review: ['需要人工看看'] } })

// Work orders through the built `api` and `sweep` functions in the local CloudBase, real node-sdk.

export type Result = ApiResult
/** As the app does (services/drafts-report, features/reports/api): right after a submit or an accept is answered, it nudges `order.dispatch`. */
export const call = async (openid: string, action: string, input: unknown = {}): Promise<Result> => {
  const res = await direct(openid, action, input)
  if (res.ok && (action === 'report.submit' || action === 'order.accept')) {
    const nudged = await direct(openid, 'order.dispatch', { orderId: res.data.orderId })
    if (!nudged.ok) throw new Error(`order.dispatch: ${JSON.stringify(nudged.error)}`)
  }
  return res
}
export const orderDoc = async (id: string) =>
  ((await db().collection('orders').doc(id).get()).data as Record<string, any>[])[0] ?? {} // eslint-disable-line @typescript-eslint/no-explicit-any
export const ordersBy = async (reporterId: string) =>
  (await db().collection('orders').where({ reporterId }).get()).data as Record<string, unknown>[]
export const stats = async (id: string) =>
  ((await db().collection('order_stats').doc(id).get()).data as Record<string, any>[])[0] ?? {} // eslint-disable-line @typescript-eslint/no-explicit-any
export const sweep = async (now: Date, openid?: string) =>
  (await emu().invoke('sweep', { now: now.toISOString() }, openid ? { openid } : undefined)) as any // eslint-disable-line @typescript-eslint/no-explicit-any

export const WORKER_B = 'openid-second-worker-xinhua-01'

/** Every order id of a list, page by page (earlier tests leave many orders behind). */
export const allPages = async (openid: string, action: string, input: Record<string, unknown>) => {
  const ids: string[] = []
  for (let cursor: string | null = null, n = 0; n < 20; n += 1) {
    const res: Result = await call(openid, action, cursor ? { ...input, cursor } : input)
    ids.push(...res.data.items.map((i: { orderId: string }) => i.orderId))
    cursor = res.data.cursor
    if (!cursor) break
  }
  return ids
}

export const rid = requestIds('req')
export const report = (over: Record<string, unknown> = {}) => ({
  requestId: rid(),
  category: 'street_light',
  text: '3号楼前的路灯一直不亮，晚上很黑',
  ...over,
})
export const submit = async (openid = WANG, over: Record<string, unknown> = {}) => {
  const res = await call(openid, 'report.submit', report(over))
  if (!res.ok) throw new Error(JSON.stringify(res.error))
  return res.data.orderId as string
}

beforeAll(async () => {
  // A second grid worker of 新华社区第1网格, for the accept race.
  await db()
    .collection('users')
    .add({
      _id: 'user-second-worker',
      openid: WORKER_B,
      displayName: '第二网格员',
      realName: '郑第二',
      grants: [{ role: 'grid_worker', scope: GRID }],
      createdAt: new Date(),
    })
})

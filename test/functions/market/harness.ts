// The love-supermarket tests' shared world: one seeded local CloudBase per test file and its helpers.
import { ok, requestIds, useApi, httpGet as get, awardPoints } from '../../support/api-test'
import { XINHUA_ADMIN as ADMIN, dongshanResident } from '../../support/demo-people'

// The love supermarket, voucher verify/expiry and the community fund, through the built `api` and
// `sweep` functions with the real SDKs (node-sdk for data and storage, wx-server-sdk for wxacodes).

export const { emu, call, db, count, docOf: doc, balance } = useApi()

export const DONGSHAN_RESIDENT = 'openid-market-dongshan-resident'
export const RACERS = Array.from({ length: 100 }, (_, i) => `openid-market-racer-${i}`)

export const rid = requestIds('mk')

export const award = (userId: string, amount: number) => awardPoints(call, userId, amount, '测试发放', rid())
export const addItem = async (over: Record<string, unknown> = {}, openid = ADMIN) =>
  ok(
    await call(openid, 'market.save', {
      requestId: rid(),
      communityId: 'cm-xinhua',
      name: '洗衣液',
      kind: 'goods',
      description: '2 升装',
      price: 30,
      stock: 10,
      active: true,
      ...over,
    }),
  )
export const redeem = (openid: string, itemId: string, requestId = rid()) =>
  call(openid, 'market.redeem', { itemId, requestId })

export const qrcodes = async () =>
  JSON.parse((await get(`${emu().url}/dev/qrcodes.json`)).body.toString()) as {
    scene: string
    page: string
    fn: string
  }[]

/** Runs `fn` over `list`, `n` at a time. */
export async function inBatches<T, R>(list: readonly T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = []
  for (let i = 0; i < list.length; i += n) out.push(...(await Promise.all(list.slice(i, i + n).map(fn))))
  return out
}

beforeAll(async () => {
  const wang = await doc('users', 'user-resident-wang')
  const home = wang.grants.find((g: { role: string }) => g.role === 'resident').scope
  await db()
    .collection('users')
    .add([
      ...RACERS.map((openid, i) => ({
        _id: `user-market-racer-${i}`,
        openid,
        displayName: `兑换者${i}`,
        grants: [{ role: 'resident', scope: home }],
        createdAt: new Date(),
      })),
      dongshanResident('user-market-dongshan', DONGSHAN_RESIDENT, 'hh-market-test'),
    ])
  await award('user-resident-wang', 500)
}, 60_000)

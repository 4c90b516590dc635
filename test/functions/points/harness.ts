// The points tests' shared world: one seeded local CloudBase per test file (with a resident of
// 东山社区), a real errand served, and the balances a test touches.
import { isoInMin as inMin, ok, requestIds, useApi } from '../../support/api-test'
import { dongshanResident } from '../../support/demo-people'

// The points ledger's own actions (award, give, correct, audit, mine) through the built `api`
// function with the real node-sdk: bad input answers a code and changes nothing; corrections
// reverse once; balances always equal their entries.

export const { call, db, count, balance } = useApi()

export const rid = requestIds('pt')

/** A real errand of `requester`: posted, and unless `until` says otherwise taken, done and confirmed by `helper`. */
export const serve = async (
  requester: string,
  helper: string | null,
  { type = 'groceries', until = 'confirm' }: { type?: string; until?: 'post' | 'done' | 'confirm' } = {},
) => {
  const id = ok(
    await call(requester, 'errand.post', {
      requestId: rid(),
      type,
      text: '帮忙买一袋大米',
      windowStart: inMin(10),
      windowEnd: inMin(130),
    }),
  ).errandId as string
  if (until === 'post' || !helper) return id
  ok(await call(helper, 'errand.accept', { errandId: id }))
  ok(await call(helper, 'errand.done', { errandId: id }))
  if (until === 'confirm') ok(await call(requester, 'errand.confirm', { errandId: id }))
  return id
}

/** Balances of the accounts a test touches, and the number of transfers: "nothing changed" is all of them equal. */
export const snapshot = async () => ({
  li: await balance('u:user-resident-li'),
  liu: await balance('u:user-helper-liu'),
  wang: await balance('u:user-resident-wang'),
  fund: await balance('fund:cm-xinhua'),
  issuance: await balance('issuance:cm-xinhua'),
  transfers: await count('point_transfers', {}),
})

beforeAll(async () => {
  await db()
    .collection('users')
    .add(dongshanResident('user-points-dongshan', 'openid-points-dongshan', 'hh-points-test'))
}, 60_000)

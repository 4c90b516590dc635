/**
 * 民办 "to the right tier" through the built `api` function in the local CloudBase (real SDKs): a
 * community admin files a topic's work order at the community — it lies in the community's queue,
 * the community's admins are told, it is handled there and the topic counts it; a street admin files
 * at the street; a grid worker asking above the grid is refused and nothing is stored.
 */
import { codeOf, ok, requestIds, useApi } from '../support/api-test'
import {
  STREET_ADMIN as STREET,
  WANG,
  XINHUA_01,
  XINHUA_01_WORKER as WORKER,
  XINHUA_ADMIN as ADMIN,
} from '../support/demo-people'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any

const { call, db, docOf, count } = useApi()
const rid = requestIds('tier')
const H = 3_600_000

/** A topic of 新华第1网格 decided by the council (a committee decision to act). */
async function decidedTopic(title: string): Promise<string> {
  const t = ok(await call(WANG, 'topic.propose', { requestId: rid(), title, text: '居民提出，希望尽快解决' }))
  if (t.status === 'proposed') ok(await call(WORKER, 'topic.move', { topicId: t.id, move: 'confirm' }))
  ok(await call(WORKER, 'topic.move', { topicId: t.id, move: 'decide', reason: '议事会同意实施' }))
  return t.id as string
}

const carry = (openid: string, topicId: string, orders: Record<string, unknown>[]) =>
  call(openid, 'topic.carry', {
    topicId,
    requestId: rid(),
    plan: '街道出资，在3号楼东侧安装 10 个充电口',
    responsible: '社区张主任',
    orders,
  })

const notesOf = async (orderId: string): Promise<Any[]> =>
  (await db().collection('notifications').where({ sourceId: orderId }).limit(100).get()).data as Any[]
const gridStats = async () =>
  ((await docOf('order_stats', `grid_${XINHUA_01.gridId}`)) as Any) ?? { received: 0 }

describe('民办: work orders to the right tier', () => {
  it('the form offers each caller their own tier and those below', async () => {
    const topicId = await decidedTopic('楼道照明改造')
    const tiers = async (who: string) => ok(await call(who, 'topic.workOptions', { topicId })).tiers
    expect(await tiers(WORKER)).toEqual(['grid'])
    expect(await tiers(ADMIN)).toEqual(['grid', 'community'])
    expect(await tiers(STREET)).toEqual(['grid', 'community', 'street'])
  })

  it('a community admin files at the community: its queue, its admins told, handled there, counted by the topic', async () => {
    const topicId = await decidedTopic('安装电动车充电桩')
    const before = await gridStats()
    const detail = ok(
      await carry(ADMIN, topicId, [
        { category: 'suggestion', text: '协调供电，安装充电桩', tier: 'community' },
      ]),
    )
    expect(detail).toMatchObject({ status: 'doing', work: { done: 0, total: 1 } })
    const orderId = detail.work.items[0].id as string
    const o = await docOf('orders', orderId)
    expect(o).toMatchObject({ tier: 'community', status: 'submitted', topicId, path: XINHUA_01 })
    expect(o.events).toEqual([expect.objectContaining({ kind: 'submit', tier: 'community' })])
    // The community's 8 hours to accept, from now.
    expect(new Date(o.dueAt).getTime() - new Date(o.submittedAt).getTime()).toBe(8 * H)
    expect(new Date(o.tierSince).getTime()).toBe(new Date(o.submittedAt).getTime())
    // In the community's queue, not the grid worker's inbox of new grid orders.
    const queue = ok(await call(ADMIN, 'order.queue', { level: 'community', box: 'open' }))
    expect(queue.items.map((i: Any) => i.orderId)).toContain(orderId)
    // Its handlers were told (the community's admins), nobody of the grid.
    const notes = await notesOf(orderId)
    expect(notes.map((n) => n.kind)).toEqual(notes.map(() => 'order.new.community.submit'))
    const to = notes.map((n) => n.recipientId)
    expect(to).toContain('user-xinhua-admin')
    expect(to).not.toContain('user-xinhua-01-worker')
    // Counted in its grid, as received and open.
    const counted = await gridStats()
    expect(counted.received).toBe((before.received ?? 0) + 1)
    // Handled at the community; the topic counts it done.
    ok(await call(ADMIN, 'order.accept', { orderId }))
    ok(await call(ADMIN, 'order.reply', { orderId, outcome: 'handled', text: '充电桩已安装' }))
    expect((await docOf('topics', topicId)).work.ordersLeft).toBe(0)
    expect(ok(await call(WANG, 'topic.get', { topicId })).work).toMatchObject({
      done: 1,
      total: 1,
      percent: 100,
    })
    // The community's 8 hours: accepted at once is on time.
    expect((await gridStats()).acceptedOnTime).toBe((before.acceptedOnTime ?? 0) + 1)
  })

  it('a street admin files at the street: the street’s queue and its admins', async () => {
    const topicId = await decidedTopic('改造无物业老旧小区排水')
    const detail = ok(
      await carry(STREET, topicId, [{ category: 'drain', text: '街道统一招标改造', tier: 'street' }]),
    )
    const orderId = detail.work.items[0].id as string
    expect(await docOf('orders', orderId)).toMatchObject({ tier: 'street', status: 'submitted' })
    const queue = ok(await call(STREET, 'order.queue', { level: 'street', box: 'open' }))
    expect(queue.items.map((i: Any) => i.orderId)).toContain(orderId)
    const to = (await notesOf(orderId)).map((n) => n.recipientId)
    expect(to).toContain('user-street-admin')
    expect(to).not.toContain('user-xinhua-admin')
  })

  it('a grid worker asking for the community or street is refused, and nothing is stored', async () => {
    const topicId = await decidedTopic('修缮车棚')
    const before = await docOf('topics', topicId)
    for (const [tier, code] of [
      ['street', 'DELIBERATION.BAD_TIER'],
      ['community', 'DELIBERATION.BAD_TIER'],
      ['department', 'INPUT.INVALID'],
    ] as const)
      expect(
        codeOf(
          await carry(WORKER, topicId, [
            { category: 'safety', text: '车棚重建', tier: 'grid' },
            { category: 'safety', text: '车棚重建', tier },
          ]),
        ),
      ).toBe(code)
    expect(
      codeOf(await carry(ADMIN, topicId, [{ category: 'safety', text: '车棚重建', tier: 'street' }])),
    ).toBe('DELIBERATION.BAD_TIER')
    expect(await count('orders', { topicId })).toBe(0)
    const after = await docOf('topics', topicId)
    expect(after.version).toBe(before.version)
    expect(after.status).toBe('decided')
    // At the grid it goes (no tier: the grid).
    const d = ok(await carry(WORKER, topicId, [{ category: 'safety', text: '车棚重建' }]))
    expect(await docOf('orders', d.work.items[0].id)).toMatchObject({ tier: 'grid' })
  })
})

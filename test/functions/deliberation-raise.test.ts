/**
 * 民事民提 from reports, and photos on a proposed topic, through the built `api` function in the
 * local CloudBase (real SDKs): staff raise a topic from two reports of their grid; both orders link
 * back (and keep the link through their own moves); their reporters are told and then hear the
 * topic's next announcement once each; a second raise from the same order, an order of another grid
 * and a resident are refused with nothing stored; a retry lands once. A resident's photos: more than
 * 9 refused, hidden from a neighbour until staff confirmed the topic.
 */
import { codeOf, ok, requestIds, useApi } from '../support/api-test'
import { CHEN, XINHUA_01, XINHUA_01_WORKER as WORKER, XINHUA_ADMIN as ADMIN } from '../support/demo-people'
import { addHouseholds, type TestHousehold } from '../support/households'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any

const { emu, call, db, docOf, count } = useApi()
const rid = requestIds('raise')
const WORKER_ID = 'user-xinhua-01-worker'
const GRID = XINHUA_01.gridId

let people: TestHousehold[] = []
beforeAll(async () => {
  // Enough households that one support does not put a topic on the agenda by itself.
  people = await addHouseholds(db, 30, 'R')
})

const report = async (who: TestHousehold, text: string, category = 'safety'): Promise<string> =>
  ok(await call(who.openid, 'report.submit', { requestId: rid(), category, text })).orderId
const raise = (openid: string, orderIds: string[], over: Record<string, unknown> = {}) =>
  call(openid, 'topic.raise', {
    requestId: rid(),
    gridId: GRID,
    orderIds,
    title: '集中解决飞线充电',
    text: '多位居民反映楼道飞线充电，建议议一议在小区内集中安装充电桩',
    ...over,
  })
const notesOf = async (sourceId: string): Promise<Any[]> =>
  (await db().collection('notifications').where({ sourceId }).limit(1000).get()).data as Any[]

describe('民事民提 from reports', () => {
  let topicId = ''
  let orders: string[] = []

  it('staff raise a topic from two reports: proposed, both orders link back, the reporters are told', async () => {
    orders = [
      await report(people[0]!, '3号楼2单元楼道有电动车飞线充电'),
      await report(people[1]!, '5号楼一楼窗户拉线给电动车充电'),
    ]
    const t = ok(await raise(WORKER, orders))
    topicId = t.id
    expect(t).toMatchObject({
      status: 'proposed',
      supports: 0,
      title: '集中解决飞线充电',
      sources: { count: 2, categories: ['安全隐患'] },
      can: { moves: expect.arrayContaining(['confirm', 'reject']) },
    })
    expect(t.proposerShown).toMatch(/^网格员 /)
    // Staff see each source as a cell that opens its order.
    expect(t.sources.cells.map((c: Any) => c.orderId)).toEqual(orders)
    expect(t.sources.cells[0].summary).toContain('飞线充电')
    for (const orderId of orders) {
      expect((await docOf('orders', orderId)).raisedTopicId).toBe(topicId)
      expect(ok(await call(WORKER, 'order.get', { orderId }))).toMatchObject({
        raisedTopicId: topicId,
        topicId: null,
        can: { raiseTopic: false },
      })
    }
    const stored = await docOf('topics', topicId)
    expect(stored).toMatchObject({
      proposerId: WORKER_ID,
      followerIds: [people[0]!.userId, people[1]!.userId],
      sources: [
        { kind: 'order', id: orders[0], categoryId: 'safety', categoryName: '安全隐患' },
        { kind: 'order', id: orders[1], categoryId: 'safety', categoryName: '安全隐患' },
      ],
    })
    expect(stored.events.map((e: Any) => e.move)).toEqual(['raise'])
    const told = (await notesOf(topicId)).filter((n) => n.kind === 'topic.raise')
    expect(told.map((n) => n.recipientId).sort()).toEqual([people[0]!.userId, people[1]!.userId].sort())
  })

  it('a reporter sees their own source and the count; a neighbour the count and categories only', async () => {
    const mine = ok(await call(people[0]!.openid, 'topic.get', { topicId }))
    expect(mine.sources).toEqual({
      count: 2,
      categories: ['安全隐患'],
      cells: [expect.objectContaining({ orderId: orders[0], mine: true })],
    })
    const neighbour = ok(await call(CHEN, 'topic.get', { topicId }))
    expect(neighbour.sources).toEqual({ count: 2, categories: ['安全隐患'], cells: [] })
    expect(JSON.stringify(neighbour)).not.toContain('窗户拉线')
  })

  it('the reporters hear the next announcement, each once, though they are households of the grid too', async () => {
    ok(await call(WORKER, 'topic.move', { topicId, move: 'confirm' }))
    const confirm = (await notesOf(topicId)).filter((n) => n.kind.startsWith('topic.confirm'))
    for (const p of people.slice(0, 2))
      expect(confirm.filter((n) => n.recipientId === p.userId)).toHaveLength(1)
    expect(confirm.some((n) => n.recipientId === people[5]!.userId)).toBe(true)
    expect(confirm.some((n) => n.recipientId === WORKER_ID)).toBe(false)
    // An order's own move leaves the link alone.
    ok(await call(WORKER, 'order.accept', { orderId: orders[0] }))
    expect((await docOf('orders', orders[0]!)).raisedTopicId).toBe(topicId)
  })

  it('a follower beyond the grid’s households hears the announcements too', async () => {
    const far = await report(people[2]!, '7号楼门口飞线充电')
    const t = ok(await raise(WORKER, [far], { title: '7号楼飞线充电' }))
    // As if the reporter moved away: no longer a household of the grid, still following.
    await db().collection('users').doc(people[2]!.userId).update({ grants: [], householdId: null })
    ok(await call(WORKER, 'topic.move', { topicId: t.id, move: 'confirm' }))
    const confirm = (await notesOf(t.id)).filter((n) => n.kind.startsWith('topic.confirm'))
    expect(confirm.filter((n) => n.recipientId === people[2]!.userId)).toHaveLength(1)
  })

  it('an order raises one topic only; another grid’s order and a resident are refused; nothing is stored', async () => {
    const before = await count('topics', { proposerId: WORKER_ID })
    expect(codeOf(await raise(WORKER, [orders[1]!]))).toBe('DELIBERATION.SOURCE_TAKEN')
    // An order of 新华第2网格 (a copy of a real one, moved there).
    const { _id: _drop, ...body } = await docOf('orders', orders[1]!)
    const other = 'wo-raise-other-grid'
    await db()
      .collection('orders')
      .add({
        ...body,
        _id: other,
        requestId: rid(),
        raisedTopicId: null,
        path: { ...body.path, gridId: 'gr-xinhua-02' },
      })
    const fresh = await report(people[3]!, '楼道堆放电动车电池')
    expect(codeOf(await call(ADMIN, 'topic.raise', raiseInput([fresh, other])))).toBe(
      'DELIBERATION.SOURCE_OTHER_GRID',
    )
    expect(codeOf(await raise(people[3]!.openid, [fresh]))).toBe('AUTH.FORBIDDEN')
    expect(codeOf(await raise(WORKER, []))).toBe('DELIBERATION.BAD_SOURCES')
    expect(codeOf(await raise(WORKER, [fresh, fresh]))).toBe('DELIBERATION.BAD_SOURCES')
    expect(codeOf(await raise(WORKER, [fresh], { text: '欢迎访问赌博网站' }))).toBe('CONTENT.RISKY')
    expect(await count('topics', { proposerId: WORKER_ID })).toBe(before)
    expect((await docOf('orders', fresh)).raisedTopicId ?? null).toBeNull()
    expect((await docOf('orders', other)).raisedTopicId).toBeNull()
  })

  it('a retry lands once; racing raises of one order link it to one topic', async () => {
    const a = await report(people[4]!, '地下车库私拉电线')
    const input = raiseInput([a])
    const first = ok(await call(WORKER, 'topic.raise', input))
    expect(ok(await call(WORKER, 'topic.raise', input))).toMatchObject({ id: first.id, retried: true })
    expect(await count('topics', { proposerId: WORKER_ID, requestId: input.requestId })).toBe(1)
    const b = await report(people[6]!, '6号楼楼道飞线')
    const raced = await Promise.all([raise(WORKER, [b]), raise(ADMIN, [b])])
    expect(raced.filter((r) => r.ok)).toHaveLength(1)
    expect(raced.find((r) => !r.ok)?.error?.code).toBe('DELIBERATION.SOURCE_TAKEN')
    const winner = raced.find((r) => r.ok)?.data.id
    expect((await docOf('orders', b)).raisedTopicId).toBe(winner)
    expect(await count('topics', { 'sources.id': b })).toBe(1)
  })

  it('staff pick from the grid’s open orders, raised ones marked', async () => {
    const page = ok(await call(WORKER, 'topic.sources', { gridId: GRID }))
    const linked = page.items.find((i: Any) => i.orderId === orders[1])
    expect(linked).toMatchObject({ raisable: false, raisedTopicId: topicId })
    expect(page.items.some((i: Any) => i.raisable)).toBe(true)
    expect(codeOf(await call(people[0]!.openid, 'topic.sources', { gridId: GRID }))).toBe('AUTH.FORBIDDEN')
  })
})

const raiseInput = (orderIds: string[]) => ({
  requestId: rid(),
  gridId: GRID,
  orderIds,
  title: '电动车充电安全',
  text: '居民反映的充电安全问题，请大家议一议',
})

describe('photos on a proposed topic', () => {
  const upload = async (userId: string, requestId: string, n: number): Promise<string> =>
    (
      await emu().app.uploadFile({
        cloudPath: `topics/${userId}/${requestId}/${n}.jpg`,
        fileContent: Buffer.from([0xff, 0xd8, 0xff, 0xe0, n, 0xff, 0xd9]),
      })
    ).fileID as string

  it('refuses more than 9, and photos not uploaded, storing nothing', async () => {
    const p = people[10]!
    const requestId = rid()
    const ten = Array.from(
      { length: 10 },
      (_x, i) => `cloud://x.y/topics/${p.userId}/${requestId}/${(i % 9) + 1}.jpg`,
    )
    const input = { requestId, title: '楼下加装雨棚', text: '下雨天取快递淋雨' }
    expect(codeOf(await call(p.openid, 'topic.propose', { ...input, photos: ten }))).toBe(
      'DELIBERATION.TOO_MANY_PHOTOS',
    )
    expect(
      codeOf(
        await call(p.openid, 'topic.propose', {
          ...input,
          photos: [`cloud://x.y/topics/${p.userId}/${requestId}/1.jpg`],
        }),
      ),
    ).toBe('DELIBERATION.PHOTO_INVALID')
    expect(await count('topics', { proposerId: p.userId })).toBe(0)
  })

  it('the proposer and staff see the photos; a neighbour once staff confirmed the topic', async () => {
    const p = people[11]!
    const requestId = rid()
    const photos = [await upload(p.userId, requestId, 1), await upload(p.userId, requestId, 2)]
    const t = ok(
      await call(p.openid, 'topic.propose', {
        requestId,
        title: '小区健身器材更新',
        text: '器材老旧',
        photos,
      }),
    )
    expect(t).toMatchObject({ status: 'proposed', photos, photoCount: 2 })
    expect(ok(await call(WORKER, 'topic.get', { topicId: t.id })).photos).toEqual(photos)
    const before = ok(await call(people[12]!.openid, 'topic.get', { topicId: t.id }))
    expect(before).toMatchObject({ photos: [], photoCount: 2 })
    ok(await call(WORKER, 'topic.move', { topicId: t.id, move: 'confirm' }))
    expect(ok(await call(people[12]!.openid, 'topic.get', { topicId: t.id })).photos).toEqual(photos)
    expect((await docOf('topics', t.id)).photosChecked).toBe(true)
  })
})

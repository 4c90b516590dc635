import { beijingTime } from '../../src/core/notify/templates'
import { requestIds, useApi } from '../support/api-test'
import {
  CHEN,
  LI,
  STREET_ADMIN as STREET,
  WANG,
  XINHUA_01 as GRID,
  XINHUA_01_WORKER as WORKER,
  XINHUA_02_WORKER as WORKER2,
  XINHUA_ADMIN as ADMIN,
  ZHAO,
} from '../support/demo-people'
import type { ApiResult } from '../support/seeded-emulator'

const {
  emu,
  call: direct,
  db,
} = useApi({ secCheckKeywords: { risky: ['赌博网站'], review: ['需要人工看看'] } })

// Work orders through the built `api` and `sweep` functions in the local CloudBase, real node-sdk.

type Result = ApiResult
/** As the app does (services/drafts-report, features/reports/api): right after a submit or an accept is answered, it nudges `order.dispatch`. */
const call = async (openid: string, action: string, input: unknown = {}): Promise<Result> => {
  const res = await direct(openid, action, input)
  if (res.ok && (action === 'report.submit' || action === 'order.accept')) {
    const nudged = await direct(openid, 'order.dispatch', { orderId: res.data.orderId })
    if (!nudged.ok) throw new Error(`order.dispatch: ${JSON.stringify(nudged.error)}`)
  }
  return res
}
const orderDoc = async (id: string) =>
  ((await db().collection('orders').doc(id).get()).data as Record<string, any>[])[0] ?? {} // eslint-disable-line @typescript-eslint/no-explicit-any
const ordersBy = async (reporterId: string) =>
  (await db().collection('orders').where({ reporterId }).get()).data as Record<string, unknown>[]
const stats = async (id: string) =>
  ((await db().collection('order_stats').doc(id).get()).data as Record<string, any>[])[0] ?? {} // eslint-disable-line @typescript-eslint/no-explicit-any
const sweep = async (now: Date, openid?: string) =>
  (await emu().invoke('sweep', { now: now.toISOString() }, openid ? { openid } : undefined)) as any // eslint-disable-line @typescript-eslint/no-explicit-any

const WORKER_B = 'openid-second-worker-xinhua-01'

/** Every order id of a list, page by page (earlier tests leave many orders behind). */
const allPages = async (openid: string, action: string, input: Record<string, unknown>) => {
  const ids: string[] = []
  for (let cursor: string | null = null, n = 0; n < 20; n += 1) {
    const res: Result = await call(openid, action, cursor ? { ...input, cursor } : input)
    ids.push(...res.data.items.map((i: { orderId: string }) => i.orderId))
    cursor = res.data.cursor
    if (!cursor) break
  }
  return ids
}

const rid = requestIds('req')
const report = (over: Record<string, unknown> = {}) => ({
  requestId: rid(),
  category: 'street_light',
  text: '3号楼前的路灯一直不亮，晚上很黑',
  ...over,
})
const submit = async (openid = WANG, over: Record<string, unknown> = {}) => {
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

describe('report.categories', () => {
  it('offers the seeded categories with 其他 last, and a community override', async () => {
    const res = await call(WANG, 'report.categories')
    expect(res.data.communityId).toBe('cm-xinhua')
    const names = res.data.categories.map((c: { name: string }) => c.name)
    expect(names).toEqual(
      expect.arrayContaining([
        '安全隐患',
        '违章搭建',
        '路灯不亮',
        '下水道堵塞',
        '楼道堆物',
        '停车问题',
        '邻里纠纷',
        '意见建议',
      ]),
    )
    expect(names[names.length - 1]).toBe('其他')
    expect(res.data.categories.find((c: { id: string }) => c.id === 'safety')).toMatchObject({ hazard: true })

    await db()
      .collection('order_config')
      .add({ _id: 'cm-taoyuan', categories: [{ id: 'pets', name: '文明养犬', hint: '', hazard: false }] })
    const own = await call(WANG, 'report.categories', { communityId: 'cm-taoyuan' })
    expect(own.data.categories.map((c: { id: string }) => c.id)).toEqual(['pets', 'other'])
  })
})

describe('report.submit', () => {
  it('stores the order at the reporter household grid, notifies the grid worker, and a retry lands once', async () => {
    const before = await stats('grid_gr-xinhua-01')
    const input = report()
    const first = await call(WANG, 'report.submit', input)
    expect(first).toMatchObject({ ok: true, data: { status: 'submitted', held: false, retried: false } })
    const again = await call(WANG, 'report.submit', input)
    expect(again.data).toMatchObject({ orderId: first.data.orderId, retried: true })
    const o = await orderDoc(first.data.orderId)
    expect(o).toMatchObject({
      path: { gridId: 'gr-xinhua-01', buildingId: 'bd-xinhua-01-01' },
      tier: 'grid',
      placeName: '1号楼',
      open: true,
    })
    expect(
      (await ordersBy('user-resident-wang')).filter((x) => x.requestId === input.requestId),
    ).toHaveLength(1)
    // The worker holds no subscription: the order is flagged, never silently dropped.
    expect(o.unnotified).toBe(true)
    const inbox = await call(WORKER, 'order.inbox', { box: 'new' })
    expect(inbox.data.items.map((i: { orderId: string }) => i.orderId)).toContain(first.data.orderId)
    const overdue = await call(WORKER, 'order.inbox', { box: 'overdue' })
    expect(overdue.data.items.map((i: { orderId: string }) => i.orderId)).toContain(first.data.orderId)
    expect((await stats('grid_gr-xinhua-01')).received).toBe((before.received ?? 0) + 1)
  })

  it('sends the subscribe message when the worker holds a subscription', async () => {
    await emu().grantSubscriptions(WORKER, 'tmpl-order-new', 1)
    const id = await submit(LI, { category: 'drain', text: '下水道堵了，污水冒出来' })
    const sent = (
      (await emu().outbox()) as {
        touser: string
        template_id: string
        data: Record<string, { value: string }>
      }[]
    ).filter((m) => m.touser === WORKER && m.template_id === 'tmpl-order-new')
    expect(sent.at(-1)?.data.thing1?.value).toBe('下水道堵塞')
    expect((await orderDoc(id)).unnotified).toBe(false)
  })

  it('refuses risky text with CONTENT.RISKY and stores nothing', async () => {
    const n = (await ordersBy('user-resident-chen')).length
    const res = await call(CHEN, 'report.submit', report({ text: '有人在楼道发赌博网站广告' }))
    expect(res).toMatchObject({ ok: false, error: { code: 'CONTENT.RISKY' } })
    expect(await ordersBy('user-resident-chen')).toHaveLength(n)
  })

  it('holds text under review: staff see it, neighbours only after a grid worker releases it', async () => {
    const id = (await call(CHEN, 'report.submit', report({ text: '这件事需要人工看看' }))).data
      .orderId as string
    expect((await orderDoc(id)).held).toBe(true)
    expect(await call(ZHAO, 'order.get', { orderId: id })).toMatchObject({
      ok: false,
      error: { code: 'DATA.NOT_FOUND' },
    })
    const own = await call(CHEN, 'order.get', { orderId: id })
    expect(own.data).toMatchObject({ held: true, mine: true })
    const staff = await call(WORKER, 'order.get', { orderId: id })
    expect(staff.data).toMatchObject({ held: true, can: { release: true } })
    expect(await call(ZHAO, 'order.release', { orderId: id })).toMatchObject({
      ok: false,
      error: { code: 'AUTH.FORBIDDEN' },
    })
    expect((await call(WORKER, 'order.release', { orderId: id })).data.held).toBe(false)
    expect((await call(ZHAO, 'order.get', { orderId: id })).data).toMatchObject({
      held: false,
      mine: false,
      reporterName: '陈桂兰',
    })
    expect(await call(WORKER, 'order.release', { orderId: id })).toMatchObject({
      ok: false,
      error: { code: 'ORDER.NOT_HELD' },
    })
  })

  it('takes photos uploaded under the caller own path, staff-only until checked', async () => {
    const requestId = rid()
    const up = await emu().app.uploadFile({
      cloudPath: `reports/user-resident-zhao/${requestId}/1.jpg`,
      fileContent: Buffer.from('jpegbytes'),
    })
    const res = await call(ZHAO, 'report.submit', report({ requestId, photos: [up.fileID], hideName: true }))
    expect(res.ok).toBe(true)
    const id = res.data.orderId as string
    expect((await call(ZHAO, 'order.get', { orderId: id })).data.photos).toEqual([up.fileID])
    expect((await call(WANG, 'order.get', { orderId: id })).data).toMatchObject({
      photos: [],
      photosChecked: false,
      reporterName: null,
    })
    expect((await call(WORKER, 'order.get', { orderId: id })).data).toMatchObject({
      photos: [up.fileID],
      reporterName: '赵海燕',
    })
    await call(WORKER, 'order.release', { orderId: id })
    expect((await call(WANG, 'order.get', { orderId: id })).data).toMatchObject({
      photos: [up.fileID],
      reporterName: null,
    })
  })

  it('routes a map pin to the grid whose boundary contains it; outside every grid is ORDER.OUTSIDE_GRID', async () => {
    await db()
      .collection('grids')
      .doc('gr-xinhua-02')
      .update({
        boundary: [
          [118.3, 32.3],
          [118.31, 32.3],
          [118.31, 32.31],
          [118.3, 32.31],
        ],
      })
    const id = await submit(WANG, {
      location: { kind: 'point', lng: 118.305, lat: 32.305, label: '小区东门' },
    })
    expect(await orderDoc(id)).toMatchObject({ path: { gridId: 'gr-xinhua-02' }, placeName: '小区东门' })
    expect(
      (await call(WORKER2, 'order.inbox', { box: 'new' })).data.items.map(
        (i: { orderId: string }) => i.orderId,
      ),
    ).toContain(id)
  })

  const photo = (user: string, r: string, n: number) => `cloud://x.y/reports/${user}/${r}/${n}.jpg`
  it.each([
    ['empty text', { text: '   ' }, 'REPORT.TEXT_EMPTY'],
    ['over-long text', { text: '灯'.repeat(501) }, 'REPORT.TEXT_TOO_LONG'],
    [
      'too many photos',
      {
        requestId: 'req-many-photos',
        photos: Array.from({ length: 10 }, (_, i) =>
          photo('user-resident-li', 'req-many-photos', (i % 9) + 1),
        ),
      },
      'REPORT.TOO_MANY_PHOTOS',
    ],
    [
      'someone else’s photo',
      { requestId: 'req-foreign-photo', photos: [photo('user-resident-wang', 'req-foreign-photo', 1)] },
      'REPORT.PHOTO_INVALID',
    ],
    [
      'a photo never uploaded',
      { requestId: 'req-missing-photo', photos: [photo('user-resident-li', 'req-missing-photo', 1)] },
      'REPORT.PHOTO_INVALID',
    ],
    ['an unknown category', { category: 'ufo' }, 'REPORT.UNKNOWN_CATEGORY'],
    ['a pin outside every grid', { location: { kind: 'point', lng: 100, lat: 30 } }, 'ORDER.OUTSIDE_GRID'],
    [
      'a building of another community',
      { location: { kind: 'building', buildingId: 'bd-taoyuan-01-01' } },
      'ORDER.OUTSIDE_GRID',
    ],
    [
      'an unknown building (not found, #18 item 7)',
      { location: { kind: 'building', buildingId: 'bd-nowhere' } },
      'DATA.NOT_FOUND',
    ],
    [
      'intake on behalf by a resident',
      {
        onBehalfOf: { name: '张大爷', channel: 'phone' },
        location: { kind: 'building', buildingId: 'bd-xinhua-01-02' },
      },
      'REPORT.NOT_STAFF',
    ],
    ['a malformed request id', { requestId: 'x' }, 'INPUT.INVALID'],
  ])('refuses %s with its code and stores nothing', async (_name, over, code) => {
    const n = (await ordersBy('user-resident-li')).length
    const res = await call(LI, 'report.submit', report(over))
    expect(res).toMatchObject({ ok: false, error: { code } })
    expect(await ordersBy('user-resident-li')).toHaveLength(n)
  })

  it('refuses someone who has not joined a grid', async () => {
    expect(await call('demo-openid-newcomer', 'report.submit', report())).toMatchObject({
      ok: false,
      error: { code: 'AUTH.FORBIDDEN' },
    })
  })

  it('lets staff take a report on behalf of a resident, marked as such', async () => {
    const res = await call(
      WORKER,
      'report.submit',
      report({
        onBehalfOf: { name: '张大爷', phone: '13800001111', channel: 'phone' },
        location: { kind: 'building', buildingId: 'bd-xinhua-01-03' },
      }),
    )
    expect(res.ok).toBe(true)
    const d = (await call(WORKER, 'order.get', { orderId: res.data.orderId })).data
    expect(d).toMatchObject({
      onBehalf: true,
      onBehalfOf: { name: '张大爷', channel: 'phone' },
      reporterName: '张大爷',
      placeName: '3号楼',
    })
    // Not in another grid worker's area.
    const other = await call(
      WORKER2,
      'report.submit',
      report({
        onBehalfOf: { name: '李奶奶', channel: 'walk_in' },
        location: { kind: 'building', buildingId: 'bd-xinhua-01-03' },
      }),
    )
    expect(other).toMatchObject({ ok: false, error: { code: 'ORDER.OUTSIDE_GRID' } })
  })
})

describe('round trips, retries and the notified flag (docs/adr/0008-order-hot-path.md)', () => {
  const detailed = async (openid: string, action: string, input: unknown) => {
    const r = await emu().invokeDetailed('api', { action, input }, { openid })
    return { res: r.result as Result, db: r.dbCalls }
  }

  it('keeps submit, its retry, accept and the dispatch within their database round-trip budgets', async () => {
    const input = report({ category: 'drain', text: '楼下雨水井堵了' })
    await submit(WANG) // warms the building-name cache of this grid
    const first = await detailed(WANG, 'report.submit', input)
    expect(first.res.ok).toBe(true)
    // identify, the insert (with its outbox entry)
    expect(first.db).toBeLessThanOrEqual(2)
    const retry = await detailed(WANG, 'report.submit', input)
    expect(retry.res.data).toMatchObject({ orderId: first.res.data.orderId, retried: true })
    // identify, the insert refused as a duplicate, the stored order
    expect(retry.db).toBeLessThanOrEqual(3)
    const orderId = first.res.data.orderId as string
    // The app's nudge: identify, read, claim, the transaction (start, order, counters, two writes,
    // commit), grid workers, notification records (nobody holds a subscription: no flag to clear).
    const nudge = await detailed(WANG, 'order.dispatch', { orderId })
    expect(nudge.res.data).toEqual({ dispatched: 1 })
    expect(nudge.db).toBeLessThanOrEqual(11)
    const accept = await detailed(WORKER, 'order.accept', { orderId })
    expect(accept.res.data).toMatchObject({ status: 'accepted', dueAt: expect.any(String) })
    // identify, the one conditional write that returns the order
    expect(accept.db).toBeLessThanOrEqual(2)
    // Nothing left to tell: identify, claim, the transaction.
    const second = await detailed(WORKER, 'order.dispatch', { orderId })
    expect(second.res.data).toEqual({ dispatched: 1 })
    expect(second.db).toBeLessThanOrEqual(9)
    const idle = await detailed(WORKER, 'order.dispatch', { orderId })
    expect(idle).toMatchObject({ res: { data: { dispatched: 0 } }, db: 2 })
  })

  it('two concurrent submits of one request store one order, count it once and announce it once', async () => {
    const input = report({ category: 'clutter', text: '3单元楼道堆了很多杂物' })
    const before = await stats('grid_gr-xinhua-01')
    const answers = await Promise.all([
      call(WANG, 'report.submit', input),
      call(WANG, 'report.submit', input),
      call(WANG, 'report.submit', input),
    ])
    expect(answers.every((a) => a.ok)).toBe(true)
    const ids = new Set(answers.map((a) => a.data.orderId))
    expect(ids.size).toBe(1)
    expect(answers.filter((a) => !a.data.retried)).toHaveLength(1)
    const id = [...ids][0] as string
    expect(
      (await ordersBy('user-resident-wang')).filter((x) => x.requestId === input.requestId),
    ).toHaveLength(1)
    expect((await stats('grid_gr-xinhua-01')).received).toBe((before.received ?? 0) + 1)
    const notes = (await db().collection('notifications').where({ sourceId: id }).get()).data as {
      recipientId: string
    }[]
    expect(notes.map((n) => n.recipientId).sort()).toEqual(['user-second-worker', 'user-xinhua-01-worker'])
  })

  it('answers a retry with the stored order even when a check now fails, and changes nothing', async () => {
    const input = report({ category: 'noise', text: '楼上晚上很吵' })
    const first = await call(WANG, 'report.submit', input)
    const stored = await orderDoc(first.data.orderId)
    const again = await call(WANG, 'report.submit', { ...input, text: '楼上有人发赌博网站广告' })
    expect(again).toMatchObject({ ok: true, data: { orderId: first.data.orderId, retried: true } })
    expect(await orderDoc(first.data.orderId)).toEqual(stored)
    // A new request with that text is still refused.
    expect(
      await call(WANG, 'report.submit', { ...input, requestId: rid(), text: '楼上有人发赌博网站广告' }),
    ).toMatchObject({ ok: false, error: { code: 'CONTENT.RISKY' } })
  })

  it('raises the flag on escalation in the move itself, clears it when a message got through or on accept', async () => {
    const id = await submit(WANG, { category: 'parking', text: '消防通道被占' })
    expect((await orderDoc(id)).unnotified).toBe(true) // nobody holds a subscription
    await call(WORKER, 'order.accept', { orderId: id })
    expect((await orderDoc(id)).unnotified).toBe(false) // whoever accepted knows
    await call(WORKER, 'order.escalate', { orderId: id, reason: '需要社区协调' })
    const up = await orderDoc(id)
    expect(up).toMatchObject({ tier: 'community', unnotified: true })
    expect(
      (await call(ADMIN, 'order.queue', { level: 'community', box: 'overdue' })).data.items.map(
        (i: { orderId: string }) => i.orderId,
      ),
    ).toContain(id)
    await call(ADMIN, 'order.accept', { orderId: id })
    expect((await orderDoc(id)).unnotified).toBe(false)

    await emu().grantSubscriptions(ADMIN, 'tmpl-order-new', 1)
    const id2 = await submit(WANG, { category: 'parking', text: '电动车堵在楼道口' })
    await call(WORKER, 'order.escalate', { orderId: id2, reason: '需要社区协调' })
    expect(await orderDoc(id2)).toMatchObject({ tier: 'community', unnotified: false })
    const note = (
      (
        await db()
          .collection('notifications')
          .where({ sourceId: id2, recipientId: 'user-xinhua-admin' })
          .get()
      ).data as Record<string, unknown>[]
    )[0]
    expect(note).toMatchObject({
      status: 'sent',
      attempts: 1,
      kind: expect.stringMatching(/^order\.new\.community\./),
    })
  })

  it('records each outcome in one insert without OPENIDs; a failed send is left to the notify timer', async () => {
    // A grid worker of 第6网格 whose OPENID is gone: the send fails (not 43101), so it is retried.
    await db()
      .collection('users')
      .add({
        _id: 'user-ghost-worker',
        openid: '',
        displayName: '离职网格员',
        grants: [{ role: 'grid_worker', scope: { ...GRID, gridId: 'gr-xinhua-06' } }],
        createdAt: new Date(),
      })
    const id = await submit(WANG, {
      category: 'street_light',
      text: '6号网格路灯闪烁',
      location: { kind: 'building', buildingId: 'bd-xinhua-06-01' },
    })
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    type Loose = Record<string, any>
    const notes = (await db().collection('notifications').where({ sourceId: id }).get()).data as Loose[]
    expect(Object.fromEntries(notes.map((n) => [n.recipientId, [n.status, n.attempts]]))).toEqual({
      'user-xinhua-06-worker': ['no_subscription', 1],
      'user-ghost-worker': ['failed', 1],
    })
    for (const n of notes) expect(JSON.stringify(n)).not.toContain('demo-openid')
    expect((await orderDoc(id)).unnotified).toBe(true)
    const ghost = String(notes.find((n) => n.recipientId === 'user-ghost-worker')?._id)
    await db()
      .collection('notifications')
      .doc(ghost)
      .update({ updatedAt: new Date(Date.now() - 3_600_000) })
    await emu().fireTimer('notify')
    const retried = (
      (await db().collection('notifications').doc(ghost).get()).data as Record<string, unknown>[]
    )[0]
    expect(retried).toMatchObject({ status: 'failed', attempts: 2 })
  })
})

describe('the outbox of the one-write submit and accept (docs/adr/0011-order-outbox.md)', () => {
  const owed = async (id: string) => ((await orderDoc(id)).outbox ?? []).map((e: { id: string }) => e.id)
  const notesFor = async (id: string) =>
    (await db().collection('notifications').where({ sourceId: id }).get()).data as Record<string, any>[] // eslint-disable-line @typescript-eslint/no-explicit-any
  const later = (s: number) => new Date(Date.now() + s * 1000)

  it('without the nudge, the sweep timer counts and announces once; a second run and a late nudge change nothing', async () => {
    const before = await stats('grid_gr-xinhua-01')
    const res = await direct(WANG, 'report.submit', report({ category: 'parking', text: '车位被长期占用' }))
    const id = res.data.orderId as string
    expect(await owed(id)).toEqual(['submit'])
    expect((await stats('grid_gr-xinhua-01')).received ?? 0).toBe(before.received ?? 0)
    expect(await notesFor(id)).toHaveLength(0)
    // Younger than the grace the timer leaves to the app's nudge: not yet.
    expect((await sweep(later(5))).dispatched).toBe(0)
    expect((await sweep(later(30))).dispatched).toBeGreaterThanOrEqual(1)
    expect(await owed(id)).toEqual([])
    expect((await orderDoc(id)).outboxAt).toBeNull()
    expect((await stats('grid_gr-xinhua-01')).received).toBe((before.received ?? 0) + 1)
    expect((await stats('grid_gr-xinhua-01')).open).toBe((before.open ?? 0) + 1)
    const notes = await notesFor(id)
    expect(notes.map((n) => n.recipientId).sort()).toEqual(['user-second-worker', 'user-xinhua-01-worker'])
    await sweep(later(60))
    expect(await direct(WANG, 'order.dispatch', { orderId: id })).toMatchObject({
      ok: true,
      data: { dispatched: 0 },
    })
    expect((await stats('grid_gr-xinhua-01')).received).toBe((before.received ?? 0) + 1)
    expect(await notesFor(id)).toHaveLength(2)
  })

  it('three nudges at once carry an entry out once', async () => {
    const before = await stats('grid_gr-xinhua-01')
    const id = (await direct(WANG, 'report.submit', report({ category: 'noise', text: '广场舞音响太大' })))
      .data.orderId as string
    const runs = await Promise.all([1, 2, 3].map(() => direct(WANG, 'order.dispatch', { orderId: id })))
    expect(runs.every((r) => r.ok)).toBe(true)
    expect(runs.map((r) => r.data.dispatched).sort()).toEqual([0, 0, 1])
    expect((await stats('grid_gr-xinhua-01')).received).toBe((before.received ?? 0) + 1)
    expect(await notesFor(id)).toHaveLength(2)
    expect(await owed(id)).toEqual([])
  })

  it('a dispatcher that died holding the order is taken over once its lease ran out, and counts once', async () => {
    const before = await stats('grid_gr-xinhua-01')
    const id = (
      await direct(WANG, 'report.submit', report({ category: 'sanitation', text: '垃圾桶满了没人清' }))
    ).data.orderId as string
    // As if a dispatcher claimed it and crashed before its transaction.
    await db()
      .collection('orders')
      .doc(id)
      .update({ outboxLease: later(60) })
    expect(await direct(WANG, 'order.dispatch', { orderId: id })).toMatchObject({
      ok: true,
      data: { dispatched: 0 },
    })
    expect((await sweep(later(30))).dispatched).toBe(0)
    expect((await sweep(later(90))).dispatched).toBeGreaterThanOrEqual(1)
    expect(await owed(id)).toEqual([])
    expect((await stats('grid_gr-xinhua-01')).received).toBe((before.received ?? 0) + 1)
  })

  it('accept in one write: the deadline shows at once and is stored by the dispatch; the worker is counted once, on time', async () => {
    const id = await submit(WANG, { category: 'drain', text: '雨水口堵塞积水' })
    const before = await stats('grid_gr-xinhua-01')
    const accepted = await direct(WORKER, 'order.accept', { orderId: id })
    const stored = await orderDoc(id)
    expect(stored).toMatchObject({
      status: 'accepted',
      handlerId: 'user-xinhua-01-worker',
      firstReceiverId: 'user-xinhua-01-worker',
      dueAt: null,
      unnotified: false,
    })
    expect(await owed(id)).toEqual(['accept'])
    const replyDue = new Date(new Date(stored.tierSince).getTime() + 3 * 24 * 3_600_000).toISOString()
    expect(accepted.data).toMatchObject({ status: 'accepted', dueAt: replyDue })
    expect(accepted.data.timeline.map((e: { kind: string }) => e.kind)).toEqual(['submit', 'accept'])
    expect((await stats('grid_gr-xinhua-01')).accepted ?? 0).toBe(before.accepted ?? 0)
    await direct(WORKER, 'order.dispatch', { orderId: id })
    expect(new Date((await orderDoc(id)).dueAt).toISOString()).toBe(replyDue)
    expect((await orderDoc(id)).dueAction).toBe('escalate')
    const after = await stats('grid_gr-xinhua-01')
    for (const f of ['accepted', 'acceptedOnTime']) expect([f, after[f]]).toEqual([f, (before[f] ?? 0) + 1])
    expect(after.workers['user-xinhua-01-worker'].received).toBe(
      (before.workers?.['user-xinhua-01-worker']?.received ?? 0) + 1,
    )
    // The sweep escalates it only when that reply deadline passes.
    await sweep(later(2 * 24 * 3600))
    expect((await orderDoc(id)).tier).toBe('grid')
    await sweep(later(3 * 24 * 3600 + 60))
    expect((await orderDoc(id)).tier).toBe('community')
  })

  it('a move before the dispatch keeps its own deadline and counts; the accept is still counted once', async () => {
    const id = await submit(WANG, { category: 'street_light', text: '楼道灯坏了' })
    const before = await stats('grid_gr-xinhua-01')
    await direct(WORKER, 'order.accept', { orderId: id })
    const replied = await direct(WORKER, 'order.reply', {
      orderId: id,
      outcome: 'deadline',
      text: '需要换灯具',
      promisedDate: new Date(Date.now() + 5 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10),
    })
    expect(replied.data.status).toBe('promised')
    const promisedDue = (await orderDoc(id)).dueAt
    expect(promisedDue).not.toBeNull()
    await direct(WORKER, 'order.dispatch', { orderId: id })
    expect((await orderDoc(id)).dueAt).toEqual(promisedDue)
    expect((await stats('grid_gr-xinhua-01')).accepted).toBe((before.accepted ?? 0) + 1)
    expect(await owed(id)).toEqual([])
  })

  it('takes the checked path when the one write does not apply: late, by a supervisor of another kind, held', async () => {
    // Late: the accept deadline passed (the order is marked overdue, not counted on time).
    const late = await submit(CHEN, { category: 'street_light', text: '路灯坏了好几天' })
    const h5 = new Date(Date.now() - 5 * 3_600_000)
    await db()
      .collection('orders')
      .doc(late)
      .update({ submittedAt: h5, tierSince: h5, dueAt: new Date(Date.now() - 3_600_000) })
    const before = await stats('grid_gr-xinhua-01')
    const r = await direct(WORKER, 'order.accept', { orderId: late })
    expect(r.data).toMatchObject({ status: 'accepted', overdue: true })
    expect(await owed(late)).toEqual([])
    expect((await stats('grid_gr-xinhua-01')).acceptedOnTime ?? 0).toBe(before.acceptedOnTime ?? 0)
    expect((await stats('grid_gr-xinhua-01')).accepted).toBe((before.accepted ?? 0) + 1)
    // The community admin supervises the grid tier: one write too, shown as 社区.
    const id = await submit(WANG, { category: 'clutter', text: '消防通道堆放杂物' })
    const byAdmin = await direct(ADMIN, 'order.accept', { orderId: id })
    expect(byAdmin.data.timeline.at(-1)).toMatchObject({
      kind: 'accept',
      who: expect.stringMatching(/^社区/),
    })
    expect(await owed(id)).toEqual(['accept'])
    // Held for review: accepting also releases it, which the checked path decides (and counts itself).
    const held = await submit(WANG, { category: 'noise', text: '需要人工看看这条' })
    expect((await orderDoc(held)).held).toBe(true)
    expect((await direct(WORKER, 'order.accept', { orderId: held })).data).toMatchObject({
      status: 'accepted',
    })
    expect(await owed(held)).toEqual([])
    // Out of scope: nothing written, the precise code.
    const other = await submit(WANG, { category: 'noise', text: '夜里装修' })
    const v = (await orderDoc(other)).version
    expect(await direct(WORKER2, 'order.accept', { orderId: other })).toMatchObject({
      ok: false,
      error: { code: 'DATA.NOT_FOUND' },
    })
    expect((await orderDoc(other)).version).toBe(v)
  })

  it('order.dispatch is for those who may see the order, with clear codes', async () => {
    const id = await submit(WANG, { category: 'noise', text: '楼上拖动家具' })
    expect(await direct(WORKER2, 'order.dispatch', { orderId: id })).toMatchObject({
      ok: false,
      error: { code: 'DATA.NOT_FOUND' },
    })
    expect(await direct(WANG, 'order.dispatch', { orderId: '' })).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID' },
    })
    expect(await direct(WANG, 'order.dispatch', { orderId: 'wo_nobody_req-x' })).toMatchObject({
      ok: false,
      error: { code: 'DATA.NOT_FOUND' },
    })
  })
})

describe('paging', () => {
  const tied = (n: number, over: (i: number) => Record<string, unknown>) =>
    Array.from({ length: n }, (_, i) => ({
      _id: `wo_tie_${String(i).padStart(2, '0')}_${Math.random().toString(36).slice(2, 8)}`,
      requestId: `tie-${i}`,
      reporterId: 'user-tie',
      reporterName: '并列',
      hideName: false,
      onBehalfOf: null,
      categoryId: 'other',
      categoryName: '其他',
      text: `同一毫秒的第${i}件`,
      photos: [],
      photosChecked: true,
      held: false,
      location: { kind: 'household' },
      path: { streetId: 'st-dongjie', communityId: 'cm-xinhua', gridId: 'gr-xinhua-05' },
      placeName: '5号楼',
      status: 'submitted',
      tier: 'grid',
      handlerId: null,
      submittedAt: new Date('2026-03-01T08:00:00.123Z'),
      dueAt: null,
      overdue: false,
      unnotified: false,
      reopenCount: 0,
      followerIds: [],
      events: [],
      version: 0,
      open: true,
      ...over(i),
    }))

  it('pages through orders submitted in the same millisecond without skipping or repeating (asc and desc)', async () => {
    const inGrid = tied(45, () => ({}))
    await db().collection('orders').add(inGrid)
    const seen = await allPages('demo-openid-xinhua-05-worker', 'order.inbox', { box: 'new' })
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen).toEqual(expect.arrayContaining(inGrid.map((o) => o._id)))

    const mine = tied(25, (i) => ({ reporterId: 'user-resident-zhao', requestId: `tie-zhao-${i}` }))
    await db().collection('orders').add(mine)
    const zhao = await allPages(ZHAO, 'report.mine', {})
    expect(new Set(zhao).size).toBe(zhao.length)
    expect(zhao).toEqual(expect.arrayContaining(mine.map((o) => o._id)))
  })
})

describe('duplicates and following', () => {
  it('offers open orders of the same category at the same building, and following adds updates', async () => {
    const id = await submit(WANG, { category: 'clutter', text: '1号楼楼道堆满纸箱' })
    // 李德明 lives in 1号楼 2单元: same building.
    const similar = await call(LI, 'report.similar', { category: 'clutter', location: { kind: 'household' } })
    expect(similar.data.map((s: { orderId: string }) => s.orderId)).toContain(id)
    expect(
      (await call(WANG, 'report.similar', { category: 'clutter', location: { kind: 'household' } })).data.map(
        (s: { orderId: string }) => s.orderId,
      ),
    ).not.toContain(id)
    const followed = await call(LI, 'report.follow', { orderId: id })
    expect(followed.data).toMatchObject({ following: true })
    await call(LI, 'report.follow', { orderId: id })
    expect((await orderDoc(id)).followerIds).toEqual(['user-resident-li'])
    expect(await call(WANG, 'report.follow', { orderId: id })).toMatchObject({
      ok: false,
      error: { code: 'ORDER.OWN_ORDER' },
    })
    expect((await call(LI, 'report.mine')).data.items.map((i: { orderId: string }) => i.orderId)).toContain(
      id,
    )
    // Followers (like the reporter) are pushed the reply — the one message their subscription buys
    // (ProgressPushKinds) — not every step.
    await call(WORKER, 'order.accept', { orderId: id })
    const notesOf = async () =>
      (await db().collection('notifications').where({ sourceId: id, recipientId: 'user-resident-li' }).get())
        .data
    expect(await notesOf()).toHaveLength(0)
    expect(
      await call(WORKER, 'order.reply', { orderId: id, outcome: 'handled', text: '已清理楼道纸箱' }),
    ).toMatchObject({ ok: true })
    expect((await notesOf()).length).toBeGreaterThan(0)
  })
})

describe('moves', () => {
  it('accept race between two grid workers: exactly one wins', async () => {
    const id = await submit(ZHAO, { category: 'parking' })
    const [a, b] = await Promise.all([
      call(WORKER, 'order.accept', { orderId: id }),
      call(WORKER_B, 'order.accept', { orderId: id }),
    ])
    const wins = [a, b].filter((r) => r.ok)
    expect(wins).toHaveLength(1)
    expect([a, b].find((r) => !r.ok)).toMatchObject({ error: { code: 'ORDER.ALREADY_ACCEPTED' } })
    const o = await orderDoc(id)
    expect(o.events.filter((e: { kind: string }) => e.kind === 'accept')).toHaveLength(1)
    expect(o.firstReceiverId).toBe(o.handlerId)
  })

  it('runs the whole life: accept, start, reply 当场办, rate 满意 — and the rates change', async () => {
    const before = await stats('grid_gr-xinhua-01')
    const id = await submit(WANG, { category: 'safety', text: '有人飞线充电' })
    expect((await call(WANG, 'order.get', { orderId: id })).data.can).toMatchObject({
      rate: false,
      reopen: false,
    })
    expect(await call(WORKER2, 'order.accept', { orderId: id })).toMatchObject({
      ok: false,
      error: { code: 'DATA.NOT_FOUND' },
    })
    expect(await call(WANG, 'order.accept', { orderId: id })).toMatchObject({
      ok: false,
      error: { code: 'AUTH.FORBIDDEN' },
    })
    expect((await call(WORKER, 'order.accept', { orderId: id })).data).toMatchObject({
      status: 'accepted',
      firstReceiver: expect.any(String),
    })
    expect((await call(WORKER, 'order.start', { orderId: id })).data.status).toBe('in_progress')
    const v = (await orderDoc(id)).version
    expect(await call(WORKER, 'order.reply', { orderId: id, text: '已处理' })).toMatchObject({
      ok: false,
      error: { code: 'ORDER.OUTCOME_REQUIRED' },
    })
    expect(
      await call(WORKER, 'order.reply', { orderId: id, outcome: 'deadline', text: '周五前处理' }),
    ).toMatchObject({ ok: false, error: { code: 'ORDER.PROMISED_DATE_REQUIRED' } })
    expect(
      await call(WORKER, 'order.reply', { orderId: id, outcome: 'explained', text: '说明' }),
    ).toMatchObject({ ok: false, error: { code: 'ORDER.REASON_REQUIRED' } })
    expect(
      await call(WORKER, 'order.reply', { orderId: id, outcome: 'transferred', text: '转办' }),
    ).toMatchObject({ ok: false, error: { code: 'ORDER.TRANSFER_TARGET_REQUIRED' } })
    expect(await call(WANG, 'order.rate', { orderId: id, rating: 'satisfied' })).toMatchObject({
      ok: false,
      error: { code: 'ORDER.NOT_REPLIED' },
    })
    expect((await orderDoc(id)).version).toBe(v)
    const replied = await call(WORKER, 'order.reply', {
      orderId: id,
      outcome: 'handled',
      text: '已现场拆除飞线并宣传',
    })
    expect(replied.data).toMatchObject({ status: 'replied', open: false, reply: { outcome: 'handled' } })
    expect(await call(LI, 'order.rate', { orderId: id, rating: 'satisfied' })).toMatchObject({
      ok: false,
      error: { code: 'ORDER.NOT_REPORTER' },
    })
    const rated = await call(WANG, 'order.rate', { orderId: id, rating: 'satisfied', comment: '很及时' })
    expect(rated.data).toMatchObject({ status: 'closed', rating: { rating: 'satisfied' } })
    expect(rated.data.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'submit',
      'accept',
      'start',
      'reply',
      'rate',
    ])
    expect(await call(WANG, 'order.rate', { orderId: id, rating: 'unsatisfied' })).toMatchObject({
      ok: false,
      error: { code: 'ORDER.ALREADY_RATED' },
    })
    const after = await stats('grid_gr-xinhua-01')
    for (const f of [
      'received',
      'accepted',
      'acceptedOnTime',
      'replied',
      'repliedOnTime',
      'resolved',
      'rated',
      'satisfied',
    ]) {
      expect([f, after[f]]).toEqual([f, (before[f] ?? 0) + 1])
    }
    const view = await call(ADMIN, 'stats.rates', { level: 'community', id: 'cm-xinhua' })
    expect(view.data.rates.satisfactionRate).toBeGreaterThan(0)
    expect(view.data.children.find((c: { id: string }) => c.id === 'gr-xinhua-01')).toMatchObject({
      name: '新华社区第1网格',
    })
    const worker = await call(WORKER, 'stats.rates', { level: 'worker', id: 'user-xinhua-01-worker' })
    expect(worker.data.rates.accepted).toBeGreaterThan(0)
    // The same figures seen from above; a street sums its communities' grids.
    expect(
      (await call(ADMIN, 'stats.rates', { level: 'worker', id: 'user-xinhua-01-worker' })).data.rates,
    ).toEqual(worker.data.rates)
    const street = await call(STREET, 'stats.rates', { level: 'street', id: 'st-dongjie' })
    expect(street.data.children.find((c: { id: string }) => c.id === 'cm-xinhua')).toMatchObject({
      name: '新华社区',
      rates: {
        received: view.data.rates.received,
        satisfied: view.data.rates.satisfied,
        resolved: view.data.rates.resolved,
      },
    })
    expect(street.data.rates.received).toBeGreaterThanOrEqual(view.data.rates.received)
    expect(
      await call(WORKER2, 'stats.rates', { level: 'worker', id: 'user-xinhua-01-worker' }),
    ).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })

    // Reopen within the window: back to the same tier, flagged; no longer counted as resolved.
    const reopened = await call(WANG, 'order.reopen', { orderId: id, reason: '又有人飞线了' })
    expect(reopened.data).toMatchObject({ status: 'in_progress', tier: 'grid', reopened: true })
    expect((await stats('grid_gr-xinhua-01')).resolved).toBe(after.resolved - 1)
  })

  it('refuses reopening after the window', async () => {
    const id = await submit(WANG, { category: 'noise' })
    await call(WORKER, 'order.accept', { orderId: id })
    await call(WORKER, 'order.reply', {
      orderId: id,
      outcome: 'explained',
      text: '已调解',
      reason: '属正常生活噪音',
    })
    await db()
      .collection('orders')
      .doc(id)
      .update({ lastReplyAt: new Date(Date.now() - 8 * 86_400_000) })
    const v = (await orderDoc(id)).version
    expect(await call(WANG, 'order.reopen', { orderId: id, reason: '还是很吵' })).toMatchObject({
      ok: false,
      error: { code: 'ORDER.REOPEN_EXPIRED' },
    })
    expect((await orderDoc(id)).version).toBe(v)
  })

  it('不满意 goes to the supervisor queue, not resolved', async () => {
    const communityRates = async () =>
      (await call(ADMIN, 'stats.rates', { level: 'community', id: 'cm-xinhua' })).data.rates
    const before = await communityRates()
    const id = await submit(WANG, { category: 'sanitation' })
    await call(WORKER, 'order.accept', { orderId: id })
    await call(WORKER, 'order.reply', { orderId: id, outcome: 'handled', text: '已清理' })
    expect(
      (await call(WANG, 'order.rate', { orderId: id, rating: 'unsatisfied', comment: '没清干净' })).data
        .status,
    ).toBe('unsatisfied')
    const q = await call(ADMIN, 'order.queue', { level: 'community', box: 'unsatisfied' })
    expect(q.data.items.map((i: { orderId: string }) => i.orderId)).toContain(id)
    const after = await communityRates()
    expect(after.unsatisfied).toBe(before.unsatisfied + 1)
    expect(after.resolved).toBe(before.resolved)
    // The grid worker may not answer it again; the supervisor does.
    expect(
      await call(WORKER, 'order.reply', { orderId: id, outcome: 'handled', text: '再次清理' }),
    ).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(
      (await call(ADMIN, 'order.reply', { orderId: id, outcome: 'handled', text: '社区督办，已彻底清理' }))
        .data.status,
    ).toBe('replied')
  })

  it('escalates by hand with a reason; the first receiver stays on the timeline', async () => {
    const id = await submit(WANG, { category: 'illegal_build', text: '楼顶私搭乱建' })
    await call(WORKER, 'order.accept', { orderId: id })
    const up = await call(WORKER, 'order.escalate', { orderId: id, reason: '需要城管执法' })
    expect(up.data).toMatchObject({
      tier: 'community',
      status: 'submitted',
      handler: null,
      firstReceiver: expect.any(String),
    })
    expect(await call(WORKER, 'order.accept', { orderId: id })).toMatchObject({
      ok: false,
      error: { code: 'AUTH.FORBIDDEN' },
    })
    expect(
      (await call(ADMIN, 'order.queue', { level: 'community', box: 'open' })).data.items.map(
        (i: { orderId: string }) => i.orderId,
      ),
    ).toContain(id)
    await call(ADMIN, 'order.accept', { orderId: id })
    const first = (await orderDoc(id)).firstReceiverId
    expect(first).toBe('user-xinhua-01-worker')
    await call(ADMIN, 'order.escalate', { orderId: id, reason: '跨部门' })
    expect(await call(STREET, 'order.escalate', { orderId: id, reason: '需职能部门' })).toMatchObject({
      ok: false,
      error: { code: 'ORDER.TRANSFER_TARGET_REQUIRED' },
    })
    expect(
      (await call(STREET, 'order.escalate', { orderId: id, reason: '需职能部门', to: '区城管局' })).data,
    ).toMatchObject({ tier: 'department', department: '区城管局' })
    expect(await call(STREET, 'order.escalate', { orderId: id, reason: '再上' })).toMatchObject({
      ok: false,
      error: { code: 'ORDER.TOP_TIER' },
    })
    expect(
      (await call(WANG, 'order.get', { orderId: id })).data.timeline.filter(
        (e: { kind: string }) => e.kind === 'escalate',
      ),
    ).toHaveLength(3)
  })
})

describe('sweep', () => {
  it('escalates an order not accepted in time, once even when two sweeps race, with the clock injected', async () => {
    const id = await submit(CHEN, { category: 'street_light' })
    const o = await orderDoc(id)
    const late = new Date(new Date(o.dueAt).getTime() + 60_000)
    const [a, b] = await Promise.all([sweep(late), sweep(late)])
    expect(a.ok && b.ok).toBe(true)
    const after = await orderDoc(id)
    expect(after).toMatchObject({
      tier: 'community',
      status: 'submitted',
      overdue: true,
      version: o.version + 1,
    })
    expect(
      after.events.filter((e: { kind: string; auto?: boolean }) => e.kind === 'escalate' && e.auto),
    ).toHaveLength(1)
    expect(await allPages(ADMIN, 'order.queue', { level: 'community', box: 'overdue' })).toContain(id)
    // At the street the ladder stops: marked overdue, never sent to a department by itself.
    await sweep(new Date(new Date(after.dueAt).getTime() + 60_000))
    const atStreet = await orderDoc(id)
    expect(atStreet.tier).toBe('street')
    await sweep(new Date(new Date(atStreet.dueAt).getTime() + 60_000))
    expect(await orderDoc(id)).toMatchObject({ tier: 'street', overdue: true, dueAt: null })
  })

  type Sent = { touser: string; template_id: string; page: string; data: Record<string, { value: string }> }
  const sentAbout = async (id: string, touser: string, template: string) =>
    ((await emu().outbox()) as Sent[]).filter(
      (m) =>
        m.touser === touser &&
        m.template_id === template &&
        m.page === `features/reports/pages/detail/index?id=${id}`,
    )

  it('tells the grid worker holding a late order what is late and since when, once, and the resident where it went', async () => {
    const id = await submit(ZHAO, { category: 'drain', text: '小区东门下水道返味' })
    await call(WORKER, 'order.accept', { orderId: id })
    const o = await orderDoc(id)
    expect(o).toMatchObject({ status: 'accepted', handlerId: 'user-xinhua-01-worker' })
    for (const openid of [WORKER, WORKER_B]) await emu().grantSubscriptions(openid, 'tmpl-order-overdue', 5)
    await emu().grantSubscriptions(ZHAO, 'tmpl-order-progress', 5)
    // The reply deadline passes; two sweeps race, a third runs a minute later.
    const late = new Date(new Date(o.dueAt).getTime() + 60_000)
    await Promise.all([sweep(late), sweep(late)])
    await sweep(new Date(late.getTime() + 60_000))
    expect(await orderDoc(id)).toMatchObject({ tier: 'community', status: 'submitted', handlerId: null })
    const told = await sentAbout(id, WORKER, 'tmpl-order-overdue')
    expect(told).toHaveLength(1)
    expect(told[0]?.data).toEqual({
      thing1: { value: '下水道堵塞' },
      thing2: { value: o.placeName },
      thing3: { value: '超时未答复，已转至社区处理' },
      time4: { value: beijingTime(new Date(o.dueAt)) },
    })
    // Only the one who held it: the other grid worker of the grid hears nothing.
    expect(await sentAbout(id, WORKER_B, 'tmpl-order-overdue')).toHaveLength(0)
    const resident = await sentAbout(id, ZHAO, 'tmpl-order-progress')
    expect(resident).toHaveLength(1)
    expect(resident[0]?.data).toMatchObject({
      phrase2: { value: '待接单' },
      thing3: { value: '超时未答复，已转至社区处理' },
    })
    const notes = (await db().collection('notifications').where({ sourceId: id }).limit(50).get()).data as {
      kind: string
      recipientId: string
      status: string
    }[]
    expect(notes.filter((n) => n.kind.startsWith('order.late.'))).toEqual([
      expect.objectContaining({ recipientId: 'user-xinhua-01-worker', status: 'sent' }),
    ])
  })

  it('tells every grid worker of the grid when a new order was not accepted in time', async () => {
    const id = await submit(ZHAO, { category: 'parking', text: '消防通道被私家车堵住' })
    const o = await orderDoc(id)
    for (const openid of [WORKER, WORKER_B]) await emu().grantSubscriptions(openid, 'tmpl-order-overdue', 5)
    await sweep(new Date(new Date(o.dueAt).getTime() + 60_000))
    for (const openid of [WORKER, WORKER_B]) {
      const told = await sentAbout(id, openid, 'tmpl-order-overdue')
      expect(told).toHaveLength(1)
      expect(told[0]?.data.thing3).toEqual({ value: '超时未接单，已转至社区处理' })
    }
  })

  it('closes a replied order once the reopen window ended', async () => {
    const id = await submit(CHEN, { category: 'suggestion', text: '建议增加健身器材' })
    await call(WORKER, 'order.accept', { orderId: id })
    await call(WORKER, 'order.reply', {
      orderId: id,
      outcome: 'transferred',
      text: '已转物业',
      to: '物业公司',
    })
    const o = await orderDoc(id)
    await sweep(new Date(new Date(o.dueAt).getTime() - 60_000))
    expect((await orderDoc(id)).status).toBe('replied')
    await sweep(new Date(new Date(o.dueAt).getTime() + 60_000))
    expect(await orderDoc(id)).toMatchObject({ status: 'closed', open: false })
  })

  it('ignores a client clock: a mini-program user cannot run the sweep', async () => {
    expect(await sweep(new Date('2099-01-01'), WANG)).toEqual({ ok: false, error: 'AUTH.FORBIDDEN' })
  })

  it('runs from its timer trigger with the platform clock', async () => {
    expect(await emu().fireTimer('sweep')).toMatchObject({ ok: true })
  })
})

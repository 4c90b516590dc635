// Reporting: the categories, submit (its checks, photos, routing, intake on behalf) and similar orders to follow.
import {
  CHEN,
  LI,
  WANG,
  XINHUA_01_WORKER as WORKER,
  XINHUA_02_WORKER as WORKER2,
  ZHAO,
} from '../../support/demo-people'
import { call, orderDoc, ordersBy, stats, rid, report, submit, emu, db } from './harness'

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

// The hot path: round trips, retries and the notified flag (ADR 0008), and the outbox of the one-write submit and accept (ADR 0011).
import {
  CHEN,
  WANG,
  XINHUA_01 as GRID,
  XINHUA_01_WORKER as WORKER,
  XINHUA_02_WORKER as WORKER2,
  XINHUA_ADMIN as ADMIN,
} from '../../support/demo-people'
import {
  type Result,
  call,
  orderDoc,
  ordersBy,
  stats,
  sweep,
  rid,
  report,
  submit,
  emu,
  direct,
  db,
} from './harness'

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
    // The app's nudge: identify, read, grid workers, the transaction (start, order, counters, the
    // counter write, the two workers' message records, the order write, commit), the records'
    // outcome (one update: nobody holds a subscription, so there is no flag to clear). One more than
    // ADR 0011's dispatch (11): the message records are now written in the transaction that removes
    // the entry, so each is recorded exactly once and none is lost (ADR 0019), instead of in one
    // insert after sending; the lease's claim is gone. Two more for the dashboards' day bucket (its
    // read and its increment, in the same transaction as the grid's counters): 14. The nudge runs
    // after the resident has the answer; the submit itself stays at 2.
    const nudge = await detailed(WANG, 'order.dispatch', { orderId })
    expect(nudge.res.data).toEqual({ dispatched: 1 })
    expect(nudge.db).toBeLessThanOrEqual(14)
    const accept = await detailed(WORKER, 'order.accept', { orderId })
    expect(accept.res.data).toMatchObject({ status: 'accepted', dueAt: expect.any(String) })
    // identify, the one conditional write that returns the order
    expect(accept.db).toBeLessThanOrEqual(2)
    // Nothing left to tell: identify, claim, the transaction (now with the day bucket's increment: 10).
    const second = await detailed(WORKER, 'order.dispatch', { orderId })
    expect(second.res.data).toEqual({ dispatched: 1 })
    expect(second.db).toBeLessThanOrEqual(10)
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

  it('a dispatcher that died before its transaction leaves the entry to the next one, which counts once', async () => {
    const before = await stats('grid_gr-xinhua-01')
    const id = (
      await direct(WANG, 'report.submit', report({ category: 'sanitation', text: '垃圾桶满了没人清' }))
    ).data.orderId as string
    // As if a dispatcher read the order, resolved its audience and crashed: nothing of it is stored.
    expect(await owed(id)).toEqual(['submit'])
    expect((await sweep(later(30))).dispatched).toBeGreaterThanOrEqual(1)
    expect(await owed(id)).toEqual([])
    expect(await notesFor(id)).toHaveLength(2)
    expect((await stats('grid_gr-xinhua-01')).received).toBe((before.received ?? 0) + 1)
    expect(await direct(WANG, 'order.dispatch', { orderId: id })).toMatchObject({
      ok: true,
      data: { dispatched: 0 },
    })
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

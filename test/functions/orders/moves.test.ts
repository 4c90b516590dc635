// Paging, and the moves of an order's life: the accept race, reply, rating, reopening, escalation and the rates.
import {
  LI,
  STREET_ADMIN as STREET,
  WANG,
  XINHUA_01_WORKER as WORKER,
  XINHUA_02_WORKER as WORKER2,
  XINHUA_ADMIN as ADMIN,
  ZHAO,
} from '../../support/demo-people'
import { call, orderDoc, stats, WORKER_B, allPages, submit, db } from './harness'

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

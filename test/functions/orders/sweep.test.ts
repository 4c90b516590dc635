// The sweep timer: escalation, late messages and closing, with the clock injected and refused from a client.
import { beijingTime } from '../../../src/core/notify/templates'
import {
  CHEN,
  WANG,
  XINHUA_01_WORKER as WORKER,
  XINHUA_ADMIN as ADMIN,
  ZHAO,
} from '../../support/demo-people'
import { call, orderDoc, sweep, WORKER_B, allPages, submit, emu, db } from './harness'

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

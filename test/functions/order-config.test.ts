import { requestIds, useApi } from '../support/api-test'
import {
  DONGSHAN_ADMIN as OTHER_ADMIN,
  STREET_ADMIN as STREET,
  WANG,
  XINHUA_01_WORKER as WORKER,
  XINHUA_ADMIN as ADMIN,
} from '../support/demo-people'

const { emu, call, db } = useApi()

// A community's categories and SLA table (order.config / order.configure) through the built `api`
// function in the local CloudBase, and their effect on report.categories / report.submit.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const configDoc = async (id: string): Promise<any> =>
  ((await db().collection('order_config').doc(id).get()).data as Record<string, unknown>[])[0] ?? null
const orderDoc = async (id: string) =>
  ((await db().collection('orders').doc(id).get()).data as Record<string, any>[])[0] ?? {} // eslint-disable-line @typescript-eslint/no-explicit-any
/**
 * repos/orders.ts keeps a read copy of a community's config per warm instance (up to a minute);
 * a cold start stands for "another instance / a minute later".
 */
const freshInstance = () => emu().coldStart('api')

const XINHUA = 'cm-xinhua'

const rid = requestIds('cfg')
const configure = (openid: string, input: Record<string, unknown>) =>
  call(openid, 'order.configure', { communityId: XINHUA, ...input })
const submit = (category: string) =>
  call(WANG, 'report.submit', { requestId: rid(), category, text: '小区里有个问题需要处理一下' })

describe('order.config', () => {
  it('shows the defaults to the community admin (editable) and to its grid worker (read only)', async () => {
    const admin = await call(ADMIN, 'order.config', { communityId: XINHUA })
    expect(admin.ok).toBe(true)
    expect(admin.data).toMatchObject({
      communityId: XINHUA,
      communityName: '新华社区',
      editable: true,
      overridden: [],
      updatedAt: null,
    })
    expect(admin.data.sla.tiers.grid).toEqual({ acceptHours: 4, replyDays: 3 })
    expect(admin.data.categories.at(-1)).toMatchObject({ id: 'other', fixed: true, hidden: false })
    const worker = await call(WORKER, 'order.config', { communityId: XINHUA })
    expect(worker.data).toMatchObject({ communityId: XINHUA, editable: false })
  })

  it.each([
    ['another community’s admin reading', OTHER_ADMIN, 'order.config', 'AUTH.FORBIDDEN'],
    ['another community’s admin writing', OTHER_ADMIN, 'order.configure', 'AUTH.FORBIDDEN'],
    ['a grid worker writing', WORKER, 'order.configure', 'AUTH.FORBIDDEN'],
    ['a resident reading', WANG, 'order.config', 'AUTH.FORBIDDEN'],
  ])('refuses %s', async (_name, openid, action, code) => {
    const res = await call(
      openid,
      action,
      action === 'order.configure'
        ? { communityId: XINHUA, sla: { reopenDays: 20 } }
        : { communityId: XINHUA },
    )
    expect(res).toMatchObject({ ok: false, error: { code } })
    expect(await configDoc(XINHUA)).toBeNull()
  })

  it('answers DATA.NOT_FOUND for an unknown community', async () => {
    expect(await call(STREET, 'order.config', { communityId: 'cm-nowhere' })).toMatchObject({
      ok: false,
      error: { code: 'DATA.NOT_FOUND' },
    })
  })
})

describe('order.configure', () => {
  let customId = ''

  it('hides a category and adds a custom one: report.categories and report.submit follow', async () => {
    // An order filed under 噪音扰民 before it is hidden.
    const old = await submit('noise')
    expect(old.ok).toBe(true)
    const res = await configure(ADMIN, {
      requestId: rid(),
      categories: {
        hidden: ['noise'],
        custom: [{ name: '文明养犬', hint: '遛狗不牵绳、犬只扰民', hazard: false }],
      },
    })
    expect(res.ok).toBe(true)
    customId = res.data.categories.find((c: { name: string }) => c.name === '文明养犬').id
    expect(customId).toMatch(/^c_[0-9a-f]{8}$/)
    expect(res.data.categories.find((c: { id: string }) => c.id === 'noise')).toMatchObject({ hidden: true })
    expect(res.data.categories.slice(-2).map((c: { id: string }) => c.id)).toEqual([customId, 'other'])

    // Exactly the shape repos/orders.ts reads.
    const doc = await configDoc(XINHUA)
    expect(doc).toMatchObject({ hidden: ['noise'], sla: {}, updatedBy: 'user-xinhua-admin' })
    expect(doc.categories.at(-2)).toEqual({
      id: customId,
      name: '文明养犬',
      hint: '遛狗不牵绳、犬只扰民',
      hazard: false,
    })

    await freshInstance()
    const offered = await call(WANG, 'report.categories')
    const ids = offered.data.categories.map((c: { id: string }) => c.id)
    expect(ids).not.toContain('noise')
    expect(ids.slice(-2)).toEqual([customId, 'other'])

    expect(await submit('noise')).toMatchObject({ ok: false, error: { code: 'REPORT.UNKNOWN_CATEGORY' } })
    const dog = await submit(customId)
    expect(dog.ok).toBe(true)
    expect(await orderDoc(dog.data.orderId)).toMatchObject({ categoryId: customId, categoryName: '文明养犬' })
    // Hiding is not deleting: the old order still names its category.
    expect((await call(WANG, 'order.get', { orderId: old.data.orderId })).data).toMatchObject({
      categoryName: '噪音扰民',
    })
  })

  it('an SLA change moves the accept deadline of the next new order', async () => {
    const before = await orderDoc((await submit('street_light')).data.orderId)
    const hours = (o: Record<string, unknown>) =>
      (new Date(o.dueAt as string).getTime() - new Date(o.submittedAt as string).getTime()) / 3_600_000
    expect(hours(before)).toBe(4)
    const res = await configure(STREET, { requestId: rid(), sla: { tiers: { grid: { acceptHours: 2 } } } })
    expect(res.data).toMatchObject({
      overridden: ['tiers.grid.acceptHours'],
      sla: { tiers: { grid: { acceptHours: 2, replyDays: 3 } } },
    })
    expect((await configDoc(XINHUA)).sla).toEqual({ tiers: { grid: { acceptHours: 2 } } })
    await freshInstance()
    const after = await orderDoc((await submit('street_light')).data.orderId)
    expect(hours(after)).toBe(2)
    // The categories part was left as it was.
    expect((await configDoc(XINHUA)).hidden).toEqual(['noise'])
  })

  it.each([
    [
      'accept hours out of bounds',
      { sla: { tiers: { grid: { acceptHours: 0 } } } },
      'sla.tiers.grid.acceptHours',
    ],
    [
      'reply days out of bounds',
      { sla: { tiers: { street: { replyDays: 45 } } } },
      'sla.tiers.street.replyDays',
    ],
    ['reopen window out of bounds', { sla: { reopenDays: 31 } }, 'sla.reopenDays'],
    ['hazard slower than normal', { sla: { hazardAcceptHours: 5 } }, 'sla.hazardAcceptHours'],
    ['hiding 其他', { categories: { hidden: ['other'] } }, 'categories.hidden'],
    [
      'a 9-character name',
      { categories: { custom: [{ name: '一二三四五六七八九' }] } },
      'categories.custom.0.name',
    ],
    ['a duplicate name', { categories: { custom: [{ name: '停车问题' }] } }, 'categories.custom.0.name'],
  ])('refuses %s with ORDER.CONFIG_INVALID and stores nothing', async (_name, input, path) => {
    const before = await configDoc(XINHUA)
    const res = await configure(ADMIN, { requestId: rid(), ...input })
    expect(res).toMatchObject({ ok: false, error: { code: 'ORDER.CONFIG_INVALID' } })
    expect(res.error?.details?.map((d) => d.path)).toContain(path)
    expect(await configDoc(XINHUA)).toEqual(before)
  })

  it('a retried request lands once and does not undo a later change', async () => {
    const first = { requestId: rid(), sla: { reopenDays: 10 }, categories: { custom: [{ name: '快递柜' }] } }
    expect((await configure(ADMIN, first)).data.sla.reopenDays).toBe(10)
    const again = await configure(ADMIN, first)
    expect(again.data.categories.filter((c: { name: string }) => c.name === '快递柜')).toHaveLength(1)
    const stored = await configDoc(XINHUA)
    expect(stored.requestIds).toContain(first.requestId)

    expect((await configure(ADMIN, { requestId: rid(), sla: { reopenDays: 12 } })).data.sla.reopenDays).toBe(
      12,
    )
    const late = await configure(ADMIN, first)
    expect(late.ok).toBe(true)
    expect(late.data.sla.reopenDays).toBe(12)
    expect((await configDoc(XINHUA)).sla.reopenDays).toBe(12)
  })

  it('two saves at once: each lands whole (or is told DATA.CONFLICT), neither is lost silently', async () => {
    const [a, b] = await Promise.all([
      configure(ADMIN, { requestId: rid(), categories: { custom: [{ name: '电梯故障' }] } }),
      configure(STREET, { requestId: rid(), categories: { custom: [{ name: '井盖缺失' }] } }),
    ])
    for (const r of [a, b]) expect(r.ok || r.error?.code === 'DATA.CONFLICT').toBe(true)
    const names = ((await configDoc(XINHUA)).categories as { name: string }[]).map((c) => c.name)
    if (a.ok) expect(names).toContain('电梯故障')
    if (b.ok) expect(names).toContain('井盖缺失')
  })

  it('shows a hidden category again and resets a value to its default with null', async () => {
    const res = await configure(ADMIN, {
      requestId: rid(),
      categories: { hidden: [] },
      sla: { tiers: { grid: { acceptHours: null } }, reopenDays: null },
    })
    expect(res.data.overridden).toEqual([])
    expect(res.data.categories.find((c: { id: string }) => c.id === 'noise')).toMatchObject({ hidden: false })
    // Custom categories are never deleted.
    expect(res.data.categories.map((c: { id: string }) => c.id)).toContain(customId)
    expect(await configDoc(XINHUA)).toMatchObject({ hidden: [], sla: {} })
  })
})

describe('the gas-repair line (燃气抢修) offered with a hazard', () => {
  it('is saved by the community admin and reaches its residents with the hazard advice; cleared with null', async () => {
    const saved = await configure(ADMIN, { requestId: rid(), gasRepairPhone: '0571-87654321' })
    expect(saved).toMatchObject({ ok: true, data: { gasRepairPhone: '0571-87654321' } })
    expect((await configDoc(XINHUA)).gasRepairPhone).toBe('0571-87654321')
    await freshInstance()
    const seen = await call(WANG, 'report.categories', {})
    expect(seen).toMatchObject({
      ok: true,
      data: { hazardAdvice: { gasRepairPhone: '0571-87654321', acceptHours: expect.any(Number) } },
    })
    expect(await configure(ADMIN, { requestId: rid(), gasRepairPhone: null })).toMatchObject({
      ok: true,
      data: { gasRepairPhone: null },
    })
    await freshInstance()
    expect((await call(WANG, 'report.categories', {})).data.hazardAdvice.gasRepairPhone).toBeNull()
  })

  it('refuses a number that is not one, naming the field, and stores nothing', async () => {
    const before = (await configDoc(XINHUA))?.gasRepairPhone ?? null
    const res = await configure(ADMIN, { requestId: rid(), gasRepairPhone: '12345' })
    expect(res).toMatchObject({ ok: false, error: { code: 'ORDER.CONFIG_INVALID' } })
    expect(JSON.stringify(res.error)).toContain('gasRepairPhone')
    expect((await configDoc(XINHUA))?.gasRepairPhone ?? null).toBe(before)
  })
})

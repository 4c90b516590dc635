/// <reference lib="dom" />
import path from 'node:path'
import { useSeededEmulator } from '../support/seeded-emulator'
import { expectAxeClean, pageAs as openPageAs, screenshot, useBrowser, toastSays } from './support/browser'

const emu = useSeededEmulator({ staticDir: path.join(__dirname, '..', '..', 'dist', 'h5') })
const browser = useBrowser()

// One journey per staff role, from their own home (issue #14 §1): the grid worker is led to the
// hazard first, sees its clock and accepts it from inside its card; the community admin reaches the
// join approvals from the workbench and decides one.

const pageAs = (userId: string) => openPageAs(browser(), emu().url, userId)
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any
const call = async (openid: string, action: string, input: object): Promise<Any> => {
  const res = (await emu().invoke('api', { action, input }, { openid })) as {
    ok: boolean
    data: Any
    error?: Any
  }
  if (!res.ok) throw new Error(JSON.stringify(res.error))
  return res.data
}
const orderStatus = async (id: string): Promise<string | undefined> =>
  ((await emu().app.database().collection('orders').doc(id).get()).data as { status?: string }[])[0]?.status

describe('staff, from their home', () => {
  it('the grid worker: the hazard first, with its clock, accepted from inside its card', async () => {
    const submit = (category: string, text: string) =>
      call('demo-openid-resident-li', 'report.submit', {
        requestId: `staff-journey-${category}`,
        category,
        text,
        photos: [],
        location: { kind: 'household' },
        hideName: false,
      })
    await submit('street_light', '1号楼门口路灯不亮，晚上看不清台阶')
    const hazard = await submit('safety', '1号楼楼道有电动车飞线充电，电线垂到二楼')

    const worker = await pageAs('user-xinhua-01-worker')
    await worker.goto('/#/pages/home/index')
    const card = worker.getByRole('button', { name: /^工作台，安全隐患在办 \d+ 件/ })
    await card.waitFor()
    await card.tap()
    await worker.getByRole('button', { name: /^安全隐患在办 \d+ 件，查看/ }).tap()
    const first = worker.locator('.order-card:visible').first()
    await first.waitFor()
    expect(await first.getAttribute('class')).toContain('order-card--hazard')
    expect(await first.textContent()).toContain('安全隐患')
    expect(await first.textContent()).toMatch(/还剩|已超时/)
    await expectAxeClean(worker)
    await screenshot(worker, 'staff-worker-inbox')
    await first.getByRole('button', { name: /^接单：安全隐患/ }).tap()
    for (let i = 0; i < 100 && (await orderStatus(hazard.orderId)) !== 'accepted'; i += 1)
      await new Promise((r) => setTimeout(r, 100))
    expect(await orderStatus(hazard.orderId)).toBe('accepted')
  })

  it('the community admin: the join approvals from the workbench, one approved', async () => {
    await call('openid-staff-journey-applicant', 'join.submit', {
      requestId: 'staff-journey-join-1',
      unitId: 'bd-xinhua-01-02-u1',
      room: '702',
      name: '孙晓东',
      phone: '13912340000',
      consent: true,
    })
    const admin = await pageAs('user-xinhua-admin')
    await admin.goto('/#/pages/home/index')
    await admin.getByRole('button', { name: /^工作台，/ }).tap()
    await admin.getByRole('button', { name: /^入格申请待审核 \d+ 件，查看/ }).tap()
    await admin.getByText('孙晓东').first().waitFor()
    await expectAxeClean(admin)
    await screenshot(admin, 'staff-admin-joins')
    await admin.locator('taro-button-core:visible', { hasText: '通过' }).first().tap()
    await toastSays(admin, '已通过 孙晓东 的入格申请')
  })
})

/// <reference lib="dom" />
import path from 'node:path'
import type { Page } from 'playwright-core'
import { NotifyTemplates } from '../../src/core/notify/templates'
import { useSeededEmulator } from '../support/seeded-emulator'
import {
  cameraPhoto,
  expectAxeClean,
  pageAs as openPageAs,
  screenshot,
  tapButton,
  useBrowser,
  toastSays,
} from './support/browser'

const emu = useSeededEmulator({ staticDir: path.join(__dirname, '..', '..', 'dist', 'h5') })
const browser = useBrowser()

// 一键上报 → 接诉即办, end to end: a resident reports a hazard with a photo; the grid worker gets the
// subscribe message, accepts, replies 当场办; the resident sees the timeline and rates 满意; the
// grid's rates change.

const WANG = { userId: 'user-resident-wang', openid: 'demo-openid-resident-wang' } // 新华社区第1网格, 1号楼
const WORKER = { userId: 'user-xinhua-01-worker', openid: 'demo-openid-xinhua-01-worker' }

const pageAs = (userId: string): Promise<Page> => openPageAs(browser(), emu().url, userId)

type Rates = {
  received: number
  accepted: number
  rated: number
  satisfied: number
  replied: number
  satisfactionRate: number | null
}
async function gridRates(): Promise<Rates> {
  const res = (await emu().invoke(
    'api',
    { action: 'stats.rates', input: { level: 'grid', id: 'gr-xinhua-01' } },
    { openid: WORKER.openid },
  )) as {
    ok: boolean
    data: { rates: Rates }
  }
  expect(res.ok).toBe(true)
  return res.data.rates
}

describe('one-tap report → work order', () => {
  it('report with a photo → worker notified, accepts, replies 当场办 → resident rates 满意 → rates change', async () => {
    await emu().grantSubscriptions(WORKER.openid, NotifyTemplates.orderNew.id, 3)
    const before = await gridRates()

    const resident = await pageAs(WANG.userId)
    await resident.goto('/#/pages/home/index')
    await resident.getByRole('button', { name: /一键上报/ }).tap()
    const categories = resident.getByRole('radiogroup', { name: '问题类别' })
    await categories.waitFor()
    await categories.getByRole('radio', { name: /安全隐患/ }).tap()
    // A hazard opens with the emergency advice (119, one tap) before the form; axe-clean.
    await resident.getByRole('region', { name: '紧急情况先求助' }).waitFor()
    await expectAxeClean(resident)
    await screenshot(resident, 'report-hazard-prompt')
    await tapButton(resident, '没有紧急危险，继续上报')
    await resident
      .locator('taro-textarea-core[aria-label="问题描述"] textarea')
      .fill('1号楼楼道里有电动车飞线充电，电线从三楼窗户垂下来，很危险。')
    const [chooser] = await Promise.all([
      resident.waitForEvent('filechooser'),
      tapButton(resident, '添加照片'),
    ])
    await chooser.setFiles({
      name: 'hazard.jpg',
      mimeType: 'image/jpeg',
      buffer: await cameraPhoto(resident),
    })
    await resident.locator('[aria-label="第 1 张照片"]').first().waitFor()
    await expectAxeClean(resident)
    await screenshot(resident, 'report-form')
    await tapButton(resident, '提交上报')
    const similar = resident.getByText('是同一个问题吗？')
    const done = resident.getByText('已提交', { exact: true })
    await similar.or(done).first().waitFor()
    if (await similar.isVisible()) await tapButton(resident, '不是，继续提交我的上报')
    await done.waitFor()

    // Stored with the photo under the resident's own upload prefix, routed to 新华社区第1网格.
    const [order] = (await emu().app.database().collection('orders').where({ reporterId: WANG.userId }).get())
      .data as {
      _id: string
      photos: string[]
      path: { gridId: string }
    }[]
    expect(order?.path.gridId).toBe('gr-xinhua-01')
    expect(order?.photos).toHaveLength(1)
    expect(order?.photos[0]).toContain(`reports/${WANG.userId}/`)

    // The grid worker got the subscribe message: sent by the dispatch the app nudges right after
    // the receipt (docs/adr/0011-order-outbox.md), so it may land a moment after 已提交.
    const told = async () =>
      ((await emu().outbox()) as { touser?: string; template_id?: string; templateId?: string }[]).some(
        (m) => m.touser === WORKER.openid && (m.template_id ?? m.templateId) === NotifyTemplates.orderNew.id,
      )
    for (let i = 0; i < 50 && !(await told()); i += 1) await new Promise((r) => setTimeout(r, 100))
    expect(await told()).toBe(true)

    const worker = await pageAs(WORKER.userId)
    await worker.goto('/#/features/reports/pages/inbox/index')
    await worker
      .getByRole('button', { name: /^接单：安全隐患/ })
      .first()
      .waitFor()
    await expectAxeClean(worker)
    await screenshot(worker, 'order-inbox')
    await worker
      .getByRole('button', { name: /^接单：安全隐患/ })
      .first()
      .tap()
    // The accept must land before the page is left (navigating away can drop its request).
    const accepted = async () =>
      (
        (
          await emu()
            .app.database()
            .collection('orders')
            .doc(order?._id ?? '')
            .get()
        ).data as { status?: string }[]
      )[0]?.status === 'accepted'
    for (let i = 0; i < 100 && !(await accepted()); i += 1) await new Promise((r) => setTimeout(r, 100))
    expect(await accepted()).toBe(true)
    await worker.goto(`/#/features/reports/pages/detail/index?id=${encodeURIComponent(order?._id ?? '')}`)
    await tapButton(worker, '答复')
    const form = worker.getByRole('form', { name: '答复居民' })
    await form.waitFor()
    await form.getByRole('radio', { name: /当场办/ }).tap()
    await form
      .locator('taro-input-core[aria-label="答复内容"] input')
      .fill('已到现场拆除飞线，并提醒住户到集中充电桩充电。')
    await expectAxeClean(worker)
    await tapButton(form, '提交答复')
    await toastSays(worker, '已答复，居民打开小程序即可看到答复')

    await resident.goto(`/#/features/reports/pages/detail/index?id=${encodeURIComponent(order?._id ?? '')}`)
    const timeline = resident.getByRole('list', { name: '办理进度' })
    await timeline.waitFor()
    await timeline.getByText(/接单/).first().waitFor()
    await timeline
      .getByText(/当场办/)
      .first()
      .waitFor()
    await resident
      .getByText(/首接负责/)
      .first()
      .waitFor()
    await expectAxeClean(resident)
    await screenshot(resident, 'order-timeline')
    await tapButton(resident, '评价')
    await resident.getByRole('radio', { name: '满意', exact: true }).tap()
    await tapButton(resident, '提交评价')
    await toastSays(resident, '感谢您的评价')

    const after = await gridRates()
    expect(after.received).toBe(before.received + 1)
    expect(after.accepted).toBe(before.accepted + 1)
    expect(after.rated).toBe(before.rated + 1)
    expect(after.satisfied).toBe(before.satisfied + 1)
    expect(after.replied).toBe(before.replied + 1)
    expect(after.satisfactionRate).not.toBeNull()

    // …and the worker sees the grid's rates on the inbox.
    await worker.goto('/#/features/reports/pages/inbox/index')
    await worker.reload()
    const card = worker.getByRole('region', { name: '新华社区第1网格办理指标' })
    await card.getByText(/满意率 \d/).waitFor()
  })
})

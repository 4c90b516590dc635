/// <reference lib="dom" />
import path from 'node:path'
import type { Page } from 'playwright-core'
import { demoInviteCode } from '../../emulator/seed/demo-data'
import { useSeededEmulator } from '../support/seeded-emulator'
import {
  expectAxeClean,
  pageAs as openPageAs,
  screenshot,
  tapButton,
  useBrowser,
  toastSays,
} from './support/browser'

const emu = useSeededEmulator({ staticDir: path.join(__dirname, '..', '..', 'dist', 'h5') })

// 扫码入格 end to end: a newcomer opens the app from building 1's code, consents, fills the form;
// the grid worker approves in the inbox; the newcomer's home shows the grid card, numbers masked.
const browser = useBrowser()

const pageAs = (userId: string): Promise<Page> => openPageAs(browser(), emu().url, userId)

describe('scan to join', () => {
  it('newcomer scans, consents, joins; grid worker approves; home shows the masked grid card', async () => {
    const resident = await pageAs('user-newcomer')
    const scene = encodeURIComponent(`b=${demoInviteCode('bd-xinhua-01-01')}`)
    await resident.goto(`/#/pages/join/index?scene=${scene}`)
    await resident.getByText('隐私保护指引').waitFor()
    await expectAxeClean(resident)
    await tapButton(resident, '同意并继续')

    await resident.getByText('新华社区 · 新华社区第1网格 · 1号楼').waitFor()
    await resident.getByRole('radio', { name: '2单元' }).tap()
    await resident.locator('input[aria-label="房号"]').fill('902')
    await resident.locator('input[aria-label="姓名"]').fill('孙晓东')
    await resident.locator('input[aria-label="手机号（选填）"]').fill('13700001111')
    await expectAxeClean(resident)
    await screenshot(resident, 'join-form')
    await tapButton(resident, '提交申请')
    await resident.getByText('已提交，等待网格员审核').waitFor()
    await resident.getByText(/1号楼2单元 902室/).waitFor()

    const worker = await pageAs('user-xinhua-01-worker')
    await worker.goto('/#/pages/me/index')
    await worker.getByText('入格审核').tap()
    const request = worker.getByRole('region', { name: '孙晓东的入格申请' })
    await request.waitFor()
    await request.getByText('手机 137****1111', { exact: false }).waitFor()
    await expect(request.textContent()).resolves.not.toContain('13700001111')
    await expectAxeClean(worker)
    await screenshot(worker, 'join-inbox')
    await tapButton(request, '通过')
    await toastSays(worker, '已通过 孙晓东 的入格申请')

    await resident.goto('/#/pages/home/index')
    await resident.reload()
    const home = resident.getByRole('main', { name: '首页' })
    await home.getByText('孙晓东，您好').waitFor()
    await home.getByText('新华社区第1网格').waitFor()
    const card = home.getByRole('region', { name: '网格服务卡' })
    await card.getByText(/网格员 · /).waitFor()
    await card.getByText(/片区民警 · /).waitFor()
    const text = (await card.textContent()) ?? ''
    expect(text).toMatch(/1\d{2}\*{4}\d{4}/)
    expect(text).not.toMatch(/1[3-9]\d{9}/)
    await expectAxeClean(resident)
    await screenshot(resident, 'home-joined')
  })

  it('shows a clear page for a regenerated code, and stores nothing', async () => {
    const code = demoInviteCode('bd-xinhua-01-11')
    await emu().app.database().collection('invite_codes').doc(code).update({ active: false })
    const before = (await emu().app.database().collection('join_requests').count()).total
    const page = await pageAs('user-resident-li')
    await page.goto(`/#/pages/join/index?scene=${encodeURIComponent(`b=${code}`)}`)
    await page.getByText('该二维码已失效').waitFor()
    await expectAxeClean(page)
    expect((await emu().app.database().collection('join_requests').count()).total).toBe(before)
  })
})

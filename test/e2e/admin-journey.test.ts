/// <reference lib="dom" />
import path from 'node:path'
import type { Page } from 'playwright-core'
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
const browser = useBrowser()

// The whole of 扫码入格 from the admin's side: a community admin imports two buildings from a CSV
// (a bad CSV first: per-line errors, nothing imported), opens the grid's codes and the printable
// sheet; a newcomer opens the app with the printed building's scene, consents and joins; the grid
// worker approves; the newcomer's home shows the grid card with masked numbers.

const pageAs = (userId: string): Promise<Page> => openPageAs(browser(), emu().url, userId)

const buildingsNamed = async (name: string) =>
  (await emu().app.database().collection('buildings').where({ gridId: 'gr-xinhua-01', name }).get()).data as {
    _id: string
  }[]

describe('admin imports, prints, a resident scans and joins', () => {
  it('from the CSV import to the resident’s grid card', async () => {
    const admin = await pageAs('user-xinhua-admin')
    await admin.goto('/#/pages/me/index')
    await admin.getByRole('button', { name: '网格管理' }).tap()
    const community = admin.getByRole('region', { name: '社区：新华社区' })
    await community.waitFor()
    await expectAxeClean(admin)
    await community.getByRole('button', { name: '向新华社区批量导入楼栋' }).tap()

    // A CSV with two bad lines: every error is listed with its line, and nothing is imported.
    const csv = admin.locator('textarea[aria-label="粘贴 CSV 内容"]')
    await csv.waitFor()
    await csv.fill(
      '网格,楼栋,单元数\n新华社区第1网格,13号楼,2\n新华社区第9网格,14号楼,2\n新华社区第1网格,1号楼,0\n',
    )
    await tapButton(admin, '开始导入')
    const errors = admin.getByRole('list', { name: '错误列表' })
    await errors.waitFor()
    await expect(errors.getByRole('listitem').count()).resolves.toBeGreaterThanOrEqual(2)
    await errors.getByText(/第 3 行/).waitFor()
    await errors.getByText(/第 4 行/).waitFor()
    await expectAxeClean(admin)
    await screenshot(admin, 'admin-import-errors')
    expect(await buildingsNamed('13号楼')).toHaveLength(0)

    await csv.fill('网格,楼栋,单元数\n新华社区第1网格,13号楼,2\n新华社区第1网格,14号楼,3\n')
    await tapButton(admin, '开始导入')
    await admin.getByText('已导入 2 栋楼、5 个单元。').waitFor()
    expect(await buildingsNamed('13号楼')).toHaveLength(1)

    // Back to the tree: into the community, the grid's codes, the printable sheet.
    await tapButton(admin, '返回网格管理')
    await admin
      .getByRole('region', { name: '社区：新华社区' })
      .getByRole('button', { name: '进入新华社区' })
      .tap()
    const grid = admin.getByRole('region', { name: '网格：新华社区第1网格' })
    await grid.waitFor()
    await grid.getByRole('button', { name: '新华社区第1网格的入格二维码' }).tap()
    const codeCard = admin.getByRole('region', { name: '13号楼的入格二维码' })
    await codeCard.waitFor()
    await expectAxeClean(admin)
    await tapButton(admin, '打印本网格二维码')
    const cell = admin.locator('.print-cell', { hasText: '13号楼' })
    await cell.waitFor()
    // The code image really loads (from storage, through a temporary URL).
    const img = cell.locator('img[alt="13号楼 入格二维码"]')
    await img.waitFor()
    await admin.waitForFunction(
      (el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0,
      await img.elementHandle(),
    )
    const scene = await cell.getAttribute('data-scene')
    expect(scene).toMatch(/^b=[A-Z0-9]{8}$/)
    const printed = (await cell.locator('.print-cell__code').textContent())?.trim()
    expect(scene).toBe(`b=${printed}`)
    await expectAxeClean(admin)
    await admin.waitForTimeout(500) // let the page's slide-in transition finish before the picture
    await screenshot(admin, 'admin-print-sheet')

    // The printed code is a real wxacode for the join page with that scene.
    const qrcodes = (await (await admin.request.get('/dev/qrcodes.json')).json()) as {
      scene: string
      page: string
    }[]
    expect(qrcodes).toContainEqual(expect.objectContaining({ scene, page: 'pages/join/index' }))

    // The newcomer "scans": the app opens on the join page with the scene.
    const resident = await pageAs('user-newcomer')
    await resident.goto(`/#/pages/join/index?scene=${encodeURIComponent(scene ?? '')}`)
    await resident.getByText('隐私保护指引').waitFor()
    await tapButton(resident, '同意并继续')
    await resident.getByText('新华社区 · 新华社区第1网格 · 13号楼').waitFor()
    await resident.getByRole('radio', { name: '2单元' }).tap()
    await resident.locator('input[aria-label="房号"]').fill('301')
    await resident.locator('input[aria-label="姓名"]').fill('郑美华')
    await resident.locator('input[aria-label="手机号（选填）"]').fill('13600002222')
    await tapButton(resident, '提交申请')
    await resident.getByText('已提交，等待网格员审核').waitFor()
    const [join] = (await emu().app.database().collection('join_requests').where({ name: '郑美华' }).get())
      .data as { via: string }[]
    expect(join?.via).toBe('code')

    const worker = await pageAs('user-xinhua-01-worker')
    await worker.goto('/#/pages/me/index')
    await worker.getByText('入格审核').tap()
    const request = worker.getByRole('region', { name: '郑美华的入格申请' })
    await request.waitFor()
    await request.getByText('13号楼', { exact: false }).waitFor()
    await tapButton(request, '通过')
    await toastSays(worker, '已通过 郑美华 的入格申请')

    await resident.goto('/#/pages/home/index')
    await resident.reload()
    const home = resident.getByRole('main', { name: '首页' })
    await home.getByText('郑美华，您好').waitFor()
    const card = home.getByRole('region', { name: '网格服务卡' })
    await card.getByText(/网格员 · /).waitFor()
    const text = (await card.textContent()) ?? ''
    expect(text).toMatch(/1\d{2}\*{4}\d{4}/)
    expect(text).not.toMatch(/1[3-9]\d{9}/)
    await expectAxeClean(resident)
  })
})

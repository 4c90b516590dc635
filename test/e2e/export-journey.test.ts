/// <reference lib="dom" />
import path from 'node:path'
import { httpGet } from '../support/api-test'
import { useSeededEmulator } from '../support/seeded-emulator'
import { readXlsx } from '../support/xlsx-read'
import { expectAxeClean, pageAs, screenshot, tapButton, useBrowser } from './support/browser'

const emu = useSeededEmulator({ staticDir: path.join(__dirname, '..', '..', 'dist', 'h5') })
const browser = useBrowser()

// 数据导出, end to end: 新华社区's admin opens 我的 → 数据导出, exports this month's work orders, and
// the file the page hands over is served and is a valid .xlsx, read back with ExcelJS.

it('admin: 我的 → 数据导出 → 导出 Excel → the file is served and reads back', async () => {
  const db = emu().app.database()
  const now = Date.now()
  for (const [i, category] of ['环境卫生', '设施报修'].entries())
    await db.collection('orders').add({
      _id: `od-journey-${i}`,
      requestId: `journey-${i}`,
      reporterId: 'user-resident-wang',
      reporterName: '王秀英',
      categoryName: category,
      path: {
        streetId: 'st-dongjie',
        communityId: 'cm-xinhua',
        gridId: 'gr-xinhua-01',
        buildingId: 'bd-xinhua-01-01',
        householdId: 'hh-secret',
      },
      placeName: '1号楼',
      status: 'submitted',
      tier: 'grid',
      department: null,
      submittedAt: new Date(now - (i + 1) * 60_000),
      acceptedAt: null,
      repliedAt: null,
      closedAt: null,
      overdue: false,
      rating: null,
      events: [
        {
          kind: 'submit',
          at: new Date(now - (i + 1) * 60_000),
          by: 'u',
          byRole: 'resident',
          byName: '王秀英',
        },
      ],
      open: true,
      version: 1,
    })

  const page = await pageAs(browser(), emu().url, 'user-xinhua-admin')
  await page.goto('/#/pages/me/index')
  await page.getByRole('button', { name: '数据导出' }).first().tap()
  await page.getByText('导出范围：新华社区').waitFor()
  await expectAxeClean(page)
  const answer = page.waitForResponse(
    (r) => r.url().includes('/api/') && (r.request().postData() ?? '').includes('export.community'),
  )
  await tapButton(page, '导出 Excel')
  const made = (await (await answer).json()) as {
    ok: boolean
    data: { url: string; rows: number; fileName: string }
  }
  expect(made.ok).toBe(true)
  await page.getByText(`已生成 ${made.data.fileName}（${made.data.rows} 行）`).waitFor()
  expect(made.data.rows).toBeGreaterThanOrEqual(2)
  await screenshot(page, 'export-made')

  // The page hands the file to the browser: a download or a new tab, either way from the tap.
  const handed = Promise.race([
    page.waitForEvent('download').then((d) => d.url()),
    page
      .context()
      .waitForEvent('page')
      .then((p) => p.url()),
  ])
  await tapButton(page, '打开文件')
  expect(await handed).toBe(made.data.url)

  const file = await httpGet(made.data.url)
  expect(file.status).toBe(200)
  const sheet = await readXlsx(file.body)
  expect(sheet.rows[0]?.slice(0, 5)).toEqual(['工单编号', '类别', '所属社区', '所属网格', '地点'])
  expect(sheet.rows.map((r) => r[0])).toEqual(expect.arrayContaining(['od-journey-0', 'od-journey-1']))
  expect(JSON.stringify(sheet.rows)).not.toMatch(/hh-secret|王秀英/)
})

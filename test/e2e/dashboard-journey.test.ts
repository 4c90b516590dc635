/// <reference lib="dom" />
import path from 'node:path'
import { apiCaller, useSeededEmulator } from '../support/seeded-emulator'
import { expectAxeClean, pageAs, screenshot, useBrowser } from './support/browser'

const emu = useSeededEmulator({ staticDir: path.join(__dirname, '..', '..', 'dist', 'h5') })
const browser = useBrowser()
const call = apiCaller(emu)

// 数据看板, end to end: the street admin opens 我的 → 数据看板 and sees the street (every grid in the
// league, the trend behind its 表格 switch), goes into 新华社区, and a report filed meanwhile is on
// the community's dashboard once the app's nudge has carried out its counts; at desktop width; and
// one grid's own dashboard from its league row.

/** 新华社区's headline (the street's page stays in the page stack): the figure after `收到 `. */
const headline = (page: import('playwright-core').Page) =>
  page.getByRole('region', { name: '办理指标' }).filter({ hasText: '新华社区 · ' })
const received = async (page: import('playwright-core').Page) => {
  const line = await headline(page)
    .getByText(/^收到 \d+ 件 · 已答复/)
    .textContent()
  return Number(/^收到 (\d+) 件/.exec(line ?? '')?.[1] ?? NaN)
}

it('street admin: 我的 → 数据看板 → the street, its league and trend → 新华社区, with a new report counted', async () => {
  const page = await pageAs(browser(), emu().url, 'user-street-admin')
  await page.goto('/#/pages/me/index')
  await page.getByRole('button', { name: '数据看板' }).first().tap()
  await page.getByText(/^东街道 · 本月$/).waitFor()
  const league = page.getByRole('region', { name: '网格排名' })
  await league.waitFor()
  expect(await league.getByRole('listitem').count()).toBe(36)
  // The trend as a table: a header and eight weeks.
  const trend = page.getByRole('region', { name: '近八周收到与答复' })
  await trend.getByRole('button', { name: '近八周收到与答复：看表格' }).tap()
  expect(await trend.getByRole('row').count()).toBe(9)
  await expectAxeClean(page)
  await screenshot(page, 'dashboard-street')

  // Into 新华社区, this week.
  await page.getByRole('region', { name: '各社区看板' }).getByText('新华社区', { exact: true }).tap()
  await page.getByText(/^新华社区 · 本月$/).waitFor()
  await page.getByRole('radio', { name: '本周' }).tap()
  await page.getByText(/^新华社区 · 本周$/).waitFor()
  const before = await received(page)

  // 王秀英 reports; the app nudges the dispatch right after the answer, as the report page does.
  const filed = await call('demo-openid-resident-wang', 'report.submit', {
    requestId: 'dashboard-journey-1',
    category: 'street_light',
    text: '3号楼前的路灯一直不亮，晚上很黑',
  })
  expect(filed.ok).toBe(true)
  expect(
    (await call('demo-openid-resident-wang', 'order.dispatch', { orderId: filed.data.orderId })).ok,
  ).toBe(true)
  await page.getByRole('radio', { name: '本月' }).tap()
  await page.getByText(/^新华社区 · 本月$/).waitFor()
  await page.getByRole('radio', { name: '本周' }).tap()
  await page.getByText(/^新华社区 · 本周$/).waitFor()
  await headline(page)
    .getByText(new RegExp(`^收到 ${before + 1} 件 · 已答复`))
    .waitFor()
  expect(await received(page)).toBe(before + 1)
  await expectAxeClean(page)

  // A street officer's PC: the same page at 1280 px, two columns.
  await page.setViewportSize({ width: 1280, height: 900 })
  const columns = await page
    .locator('.dash-grid')
    .first()
    .evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(' ').length)
  expect(columns).toBe(2)
  await screenshot(page, 'dashboard-desktop')

  // A grid's own dashboard, from its league row.
  await page.getByRole('link', { name: /^\d+\. 新华社区第1网格，查看这个网格的看板$/ }).tap()
  await page.getByRole('region', { name: '办理指标' }).filter({ hasText: '新华社区第1网格 · 本月' }).waitFor()
})

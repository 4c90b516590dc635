/// <reference lib="dom" />
import path from 'node:path'
import type { Page } from 'playwright-core'
import { useSeededEmulator } from '../support/seeded-emulator'
import {
  axeViolations,
  describeViolations,
  useBrowser,
  phoneContext,
  screenshot,
  signInAs,
} from './support/browser'

const emu = useSeededEmulator({ staticDir: path.join(__dirname, '..', '..', 'dist', 'h5') })

// The H5 build served by the local CloudBase, clicked through in Debian's Chromium.
const browser = useBrowser()

async function openAs(userId: string | null): Promise<Page> {
  const context = await phoneContext(browser(), emu().url)
  const page = await context.newPage()
  if (userId) await signInAs(page, userId)
  await page.goto('/')
  return page
}

describe('home page journey', () => {
  it('shows a resident their grid, passes axe, and opens a feature subpackage', async () => {
    const page = await openAs('user-resident-wang')
    await page.getByText('王秀英，您好').waitFor()
    await page.getByText('新华社区第1网格').waitFor()
    await page.getByText(/新华社区 · 1号楼1单元 302室/).waitFor()
    // Each page names itself to screen readers with a level-one heading (components/Page.tsx).
    await page
      .getByRole('main', { name: '首页' })
      .getByRole('heading', { level: 1, name: '首页' })
      .waitFor({ state: 'attached' })

    const violations = await axeViolations(page)
    await screenshot(page, 'home-resident')
    expect(describeViolations(violations)).toBe('')

    await page.getByRole('button', { name: /一键上报/ }).tap()
    await page.getByRole('radiogroup', { name: '问题类别' }).waitFor()
    expect(page.url()).toContain('/features/reports/pages/index/index')
    await screenshot(page, 'reports-entry')
    await page.context().close()
  })

  it('shows a newcomer the way to join their grid', async () => {
    const page = await openAs('user-newcomer')
    await page.getByText(/您还没有加入网格/).waitFor()
    await page.getByText('加入我的网格').waitFor()
    await page.context().close()
  })

  it('sends a signed-out browser to the demo login', async () => {
    const page = await openAs(null)
    await page.getByText('选择演示身份').waitFor()
    await page.context().close()
  })

  it('turns on elder mode: body text ≥ 24px (18pt), targets ≥ 60px, still axe clean', async () => {
    const page = await openAs('user-resident-wang')
    await page.getByText('王秀英，您好').waitFor()
    await page.goto('/#/pages/me/index')
    // The label is part of the control: the whole row is the switch.
    await page.getByText('长辈模式（大字体、大按钮）').tap()
    await page.getByRole('switch', { name: '长辈模式', checked: true }).waitFor()
    await page.getByRole('main', { name: '我的' }).and(page.locator('.elder')).waitFor()
    const violations = await axeViolations(page)
    await screenshot(page, 'me-elder')
    expect(describeViolations(violations)).toBe('')

    await page.goto('/#/pages/home/index')
    const home = page.getByRole('main', { name: '首页' })
    await home.and(page.locator('.elder')).waitFor()
    await home.getByText('新华社区第1网格').waitFor()
    await home.getByRole('region', { name: '网格服务卡' }).waitFor()
    const metrics = await home.evaluate((main) => {
      const body = main.querySelector('.t-body') as HTMLElement
      const tiles = Array.from(main.querySelectorAll<HTMLElement>('.quick-action'))
      const card = main.querySelector('[aria-label="网格服务卡"]') as HTMLElement
      return {
        // Calling the grid worker needs no scrolling: the card starts on the first screen, before the tiles.
        cardTop: card.getBoundingClientRect().top,
        cardBeforeTiles: tiles.every(
          (t) => card.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING,
        ),
        viewport: window.innerHeight,
        bodyFont: parseFloat(getComputedStyle(body).fontSize),
        tiles: tiles.map((t) => ({
          w: t.getBoundingClientRect().width,
          h: t.getBoundingClientRect().height,
        })),
        // Taro's H5 tab bar lives outside the page: elder mode must reach it too.
        tabs: Array.from(document.querySelectorAll<HTMLElement>('.weui-tabbar__item')).map((t) => ({
          h: t.getBoundingClientRect().height,
          font: parseFloat(getComputedStyle(t.querySelector('.weui-tabbar__label') as HTMLElement).fontSize),
        })),
      }
    })
    await screenshot(page, 'home-elder')
    expect(metrics.bodyFont).toBeGreaterThanOrEqual(24)
    expect(metrics.cardBeforeTiles).toBe(true)
    expect(metrics.cardTop).toBeLessThan(metrics.viewport)
    // 一键上报, 邻里互助, 爱心积分, 志愿活动, 办事指南.
    expect(metrics.tiles).toHaveLength(5)
    for (const t of metrics.tiles) {
      expect(t.w).toBeGreaterThanOrEqual(60)
      expect(t.h).toBeGreaterThanOrEqual(60)
    }
    expect(metrics.tabs).toHaveLength(2)
    for (const t of metrics.tabs) {
      expect(t.h).toBeGreaterThanOrEqual(60)
      expect(t.font).toBeGreaterThanOrEqual(24)
    }
    await page.context().close()
  })
})

/// <reference lib="dom" />
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'

/**
 * Screenshots of every page as its real user sees it (375×812), in elder mode and in the normal
 * mode, saved by the e2e run as artifacts: `test-results/screens/<set>/<page>.elder.png` and
 * `<page>.png`. The set is `SCREENS=<name>` (e.g. `before`, `after`), `latest` by default.
 */
export const SCREENS = path.join(
  __dirname,
  '..',
  '..',
  '..',
  'test-results',
  'screens',
  process.env.SCREENS || 'latest',
)

const ELDER_KEY = 'emulin.elderMode'
/** Set (for this tab) when the page was switched to the normal mode: a reload stays normal. */
const NORMAL_FLAG = 'emulin.test.normalMode'

/** Before the page loads: elder mode on, as `Taro.setStorageSync('emulin.elderMode', true)` stores it. */
export async function startInElderMode(page: Page): Promise<void> {
  await page.addInitScript(
    ([key, flag]) => {
      if (window.sessionStorage.getItem(flag) !== '1')
        window.localStorage.setItem(key, JSON.stringify({ data: true }))
    },
    [ELDER_KEY, NORMAL_FLAG] as const,
  )
}

async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      Array.from(document.querySelectorAll('.taro_page')).filter(
        (p) => getComputedStyle(p).display !== 'none',
      ).length === 1,
  )
  await page.waitForTimeout(300) // page transition, images
}

/**
 * The whole page, not only its first screen: Taro's H5 page scrolls inside its own box (`fullPage`
 * sees one screen), so the phone is made as tall as the page for the shot, then put back.
 */
async function shoot(page: Page, file: string): Promise<void> {
  mkdirSync(SCREENS, { recursive: true })
  const phone = page.viewportSize() ?? { width: 375, height: 812 }
  const tall = await page.evaluate(() => {
    const el = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).find(
      (p) => getComputedStyle(p).display !== 'none',
    )
    return el ? el.scrollHeight - el.clientHeight : 0
  })
  const height = Math.min(phone.height + Math.max(0, tall), 6000)
  if (height > phone.height) await page.setViewportSize({ width: phone.width, height })
  await page.screenshot({ path: path.join(SCREENS, file) })
  if (height > phone.height) await page.setViewportSize(phone)
}

/**
 * The page (already showing in elder mode) shot in elder mode, then switched to the normal mode in
 * place (the app follows a change of the stored choice made in another tab, src/hooks/elder-mode.ts)
 * and shot again: one page load for both.
 */
export async function screensOf(page: Page, name: string): Promise<void> {
  await settle(page)
  await shoot(page, `${name}.elder.png`)
  await page.evaluate(
    ([key, flag]) => {
      window.sessionStorage.setItem(flag, '1')
      window.localStorage.setItem(key, JSON.stringify({ data: false }))
      window.dispatchEvent(new StorageEvent('storage', { key }))
    },
    [ELDER_KEY, NORMAL_FLAG] as const,
  )
  const normal = () => page.locator('.taro_page:visible .page:not(.elder)').first()
  try {
    await normal().waitFor({ timeout: 2000 })
  } catch {
    // A build without that listener: load the page again, now in the normal mode.
    await page.reload()
    await normal().waitFor()
  }
  await settle(page)
  await shoot(page, `${name}.png`)
}

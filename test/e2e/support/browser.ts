/// <reference lib="dom" />
import { mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

export const ARTIFACTS = path.join(__dirname, '..', '..', '..', 'test-results', 'e2e')
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

/**
 * Debian's Chromium, with the flags this sandbox needs (no network beyond loopback); `extraArgs`
 * for a test that needs more (a fake camera).
 */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  })
}

/** One Chromium per test file: launched before its tests, closed after. */
export function useBrowser(extraArgs: readonly string[] = []): () => Browser {
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await launchChromium(extraArgs)
  }, 90_000)
  afterAll(async () => {
    await browser?.close()
  })
  return () => {
    if (!browser) throw new Error('browser not launched')
    return browser
  }
}

/** A phone: 375×812, touch (Taro's H5 buttons act on touch events), Chinese locale. */
export function phoneContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  })
}

/** Signs the page in as a seeded demo user through the local CloudBase's dev login. */
export async function signInAs(page: Page, userId: string): Promise<void> {
  const res = await page.request.post('/dev/login', { data: { userId } })
  if (!res.ok()) throw new Error(`dev login as ${userId} failed: ${res.status()} ${await res.text()}`)
  const { token } = (await res.json()) as { token: string }
  await page.addInitScript((t) => window.localStorage.setItem('emulin.devToken', t), token)
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true })
  const file = path.join(ARTIFACTS, `${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  return file
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[]; failureSummary?: string }[]
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA, best practices) on the page once Taro's page transition
 * has settled (exactly one visible page, so one main landmark).
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.waitForFunction(
    () =>
      Array.from(document.querySelectorAll('.taro_page')).filter(
        (p) => getComputedStyle(p).display !== 'none',
      ).length === 1,
  )
  // A toast is transient news (it leaves by itself): axe looks at the settled page, after it.
  await page.waitForFunction(
    () =>
      Array.from(document.querySelectorAll('.taro__toast')).every(
        (t) => getComputedStyle(t).display === 'none' || (t as HTMLElement).offsetParent === null,
      ),
    undefined,
    { timeout: 5000 },
  )
  await page.addScriptTag({ content: AXE_SOURCE })
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> }
      }
    ).axe
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    })
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }))
  })
}

/** Readable summary for assertion messages. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `   ${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('\n')}`,
    )
    .join('\n')
}

/**
 * Taps a Taro/NutUI button by its visible text (the text node itself sits under the button's hit
 * area). Only visible buttons count: pages left in Taro's stack stay in the DOM, hidden.
 */
export async function tapButton(
  scope: Page | import('playwright-core').Locator,
  text: string,
): Promise<void> {
  await scope.locator('taro-button-core:visible', { hasText: text }).first().tap()
}

/** A fresh phone signed in as a seeded demo user. */
export async function pageAs(browser: Browser, baseURL: string, userId: string): Promise<Page> {
  const context = await phoneContext(browser, baseURL)
  const page = await context.newPage()
  await signInAs(page, userId)
  return page
}

/** Axe finds nothing on the settled page (the violations are the assertion message). */
export async function expectAxeClean(page: Page): Promise<void> {
  expect(describeViolations(await axeViolations(page))).toBe('')
}

/** A real photo (a JPEG drawn on a canvas), as a phone camera would hand it to the page. */
export async function cameraPhoto(page: Page, width = 1200, height = 900): Promise<Buffer> {
  const dataUrl = await page.evaluate(
    ([w, h]) => {
      const canvas = document.createElement('canvas')
      canvas.width = w
      canvas.height = h
      const g = canvas.getContext('2d') as CanvasRenderingContext2D
      g.fillStyle = '#3a6'
      g.fillRect(0, 0, w, h)
      g.fillStyle = '#c33'
      g.fillRect(w / 4, h / 4, w / 2, h / 2)
      return canvas.toDataURL('image/jpeg', 0.9)
    },
    [width, height] as const,
  )
  return Buffer.from(dataUrl.split(',')[1] ?? '', 'base64')
}

/**
 * Waits for a toast (WeUI's transient confirmation) that says exactly `text`. (Taro's `.taro__toast`
 * box itself has no size: its fixed-position toast inside holds the title.)
 */
export async function toastSays(page: Page, text: string): Promise<void> {
  await page.locator('.taro__toast').getByText(text, { exact: true }).first().waitFor()
}

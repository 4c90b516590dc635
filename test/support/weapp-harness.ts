/**
 * Renders the REAL compiled WeChat pages (dist/weapp, from `npm run build:weapp`) in jest with
 * miniprogram-simulate and WeChat's own WXML compiler (`compiler: 'official'`).
 *
 * What stands in for the WeChat client (see /work/shared/docs/taro-notes.md):
 * - `App`, `getApp`, `getCurrentPages`, and `Page` (j-component only knows `Component`; a Taro page
 *   config is turned into a Component whose `attached` runs onLoad → onShow → onReady);
 * - the `wx` APIs the app calls at its platform boundary, recorded as jest mocks: navigation,
 *   storage (backed by a Map) and `wx.cloud` (callFunction answers with a canned response; the
 *   functions themselves are tested against the local CloudBase elsewhere).
 *
 * Test files using this must run in jsdom: start them with the docblock `@jest-environment jsdom`.
 * Each render starts from a fresh module registry (`jest.resetModules()`, `wx.webpackJsonp`
 * deleted), loads dist/weapp/app.js (which pulls in runtime/taro/vendors/common), then the page.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import type { Component, RootComponent } from './weapp-simulate'

/** The build under test; WEAPP_DIST=/some/dir renders another build (e.g. an experiment in /tmp). */
export const WEAPP_DIST = path.resolve(
  process.env.WEAPP_DIST ?? path.join(__dirname, '..', '..', 'dist', 'weapp'),
)
const SRC_DIR = path.resolve(__dirname, '..', '..', 'src')

/** Fails with the fix when there is no build; warns (once) when src/ changed after it. */
export function requireWeappBuild(): string {
  for (const f of ['app.json', 'app.js', 'base.wxml']) {
    if (!fs.existsSync(path.join(WEAPP_DIST, f))) {
      throw new Error(
        `${path.join(WEAPP_DIST, f)} is missing: run npm run build:weapp (the weapp tests render the compiled build)`,
      )
    }
  }
  if (!warnedStale) {
    warnedStale = true
    const built = fs.statSync(path.join(WEAPP_DIST, 'app.js')).mtimeMs
    const newer = newestFile(SRC_DIR)
    if (newer && newer.mtimeMs > built) {
      console.warn(
        `dist/weapp is older than ${path.relative(process.cwd(), newer.file)}: the weapp tests render the old build; run npm run build:weapp`,
      )
    }
  }
  return WEAPP_DIST
}
let warnedStale = false

function newestFile(dir: string): { file: string; mtimeMs: number } | undefined {
  let best: { file: string; mtimeMs: number } | undefined
  if (!fs.existsSync(dir)) return undefined
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name)
    const cand = e.isDirectory() ? newestFile(full) : { file: full, mtimeMs: fs.statSync(full).mtimeMs }
    if (cand && (!best || cand.mtimeMs > best.mtimeMs)) best = cand
  }
  return best
}

// ---- canned backend answers (object mothers) -------------------------------------------------

export interface HouseholdFixture {
  streetName: string
  communityName: string
  gridName: string
  buildingName: string
  unitName: string
  room: string
  path: Record<string, string>
}

export function household(overrides: Partial<HouseholdFixture> = {}): HouseholdFixture {
  return {
    streetName: '东湖街道',
    communityName: '幸福里社区',
    gridName: '第三网格',
    buildingName: '5号楼',
    unitName: '2单元',
    room: '301',
    path: { streetId: 'st-1', communityId: 'cm-1', gridId: 'gr-3' },
    ...overrides,
  }
}

/** The `api` function's answer to `me.profile`: `{ ok: true, data: Profile }`. */
export function profileResult(
  overrides: { household?: HouseholdFixture | null; displayName?: string; roles?: unknown[] } = {},
) {
  return {
    ok: true,
    data: {
      userId: 'user-1',
      displayName: overrides.displayName ?? '王阿姨',
      roles: overrides.roles ?? [],
      household: overrides.household === undefined ? null : overrides.household,
      created: false,
    },
  }
}

// ---- wx stand-ins ------------------------------------------------------------------------------

type Callbacks = {
  success?: (res: unknown) => void
  fail?: (err: unknown) => void
  complete?: (res: unknown) => void
}
export interface CallFunctionArgs {
  name: string
  data?: { action?: string; input?: unknown }
}
export type CloudAnswer = (args: CallFunctionArgs) => unknown | Promise<unknown>

export interface WxStubs {
  readonly navigateTo: jest.Mock
  readonly redirectTo: jest.Mock
  readonly switchTab: jest.Mock
  readonly setStorageSync: jest.Mock
  readonly getStorageSync: jest.Mock
  readonly callFunction: jest.Mock
  readonly cloudInit: jest.Mock
  readonly storage: Map<string, unknown>
}

/** A wx async API: calls success/complete like the client and returns a promise without them. */
function asyncApi(name: string, result: Record<string, unknown> = {}) {
  return jest.fn((opts: Callbacks = {}) => {
    const res = { errMsg: `${name}:ok`, ...result }
    if (opts.success || opts.fail || opts.complete) {
      Promise.resolve().then(() => {
        opts.success?.(res)
        opts.complete?.(res)
      })
      return undefined
    }
    return Promise.resolve(res)
  })
}

function makeWxStubs(answer: CloudAnswer, initialStorage: Record<string, unknown>): WxStubs {
  const storage = new Map<string, unknown>(Object.entries(initialStorage))
  return {
    navigateTo: asyncApi('navigateTo'),
    redirectTo: asyncApi('redirectTo'),
    switchTab: asyncApi('switchTab'),
    setStorageSync: jest.fn((key: string, value: unknown) => void storage.set(key, value)),
    getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
    cloudInit: jest.fn(),
    callFunction: jest.fn(async (args: CallFunctionArgs & Callbacks) => {
      const res = { errMsg: 'cloud.callFunction:ok', requestID: 'req-test', result: await answer(args) }
      args.success?.(res)
      args.complete?.(res)
      return res
    }),
    storage,
  }
}

// ---- rendering ------------------------------------------------------------------------------------

export interface RenderOptions {
  /** Page query (onLoad options). */
  readonly query?: Record<string, string>
  /** What wx.cloud.callFunction answers; default: me.profile of a resident who has not joined. */
  readonly cloud?: CloudAnswer
  /** wx storage before the app starts. */
  readonly storage?: Record<string, unknown>
}

export interface RenderedPage {
  readonly page: RootComponent
  readonly wx: WxStubs
  /**
   * Templates WeChat's WXML runtime could not find while rendering (e.g. `tmpl_0_i` when a
   * component library renders an HTML tag such as <i> that Taro's base.wxml has no template for).
   * On a phone those nodes silently render nothing; j-component aborts the whole update.
   */
  readonly missingTemplates: string[]
  /** Throws, naming the node types, when a rendered node had no WXML template (see missingTemplates). */
  expectAllTemplatesFound(): void
  /** All text of the rendered page, whitespace collapsed. */
  text(): string
  /** Polls until `check` passes (returns truthy / does not throw) or fails after `timeoutMs`. */
  waitFor<T>(check: () => T, timeoutMs?: number): Promise<T>
  /** Every rendered node with this class (class as written in the source, e.g. 'quick-action'). */
  all(className: string): Component[]
  /** Classes of a node as written in the source (j-component prefixes them with the tag name). */
  classesOf(node: Component): string[]
  /** Taps a node like a finger would (touchstart + touchend; j-component derives the tap) and lets React settle. */
  tap(node: Component): Promise<void>
  unmount(): void
}

interface TaroPageConfig {
  data?: Record<string, unknown>
  [key: string]: unknown
}
type AnyFn = (this: unknown, ...args: unknown[]) => unknown

const g = globalThis as unknown as Record<string, unknown> & { wx?: Record<string, unknown> }

const defaultCloud: CloudAnswer = ({ data }) =>
  data?.action === 'me.profile'
    ? profileResult()
    : { ok: false, error: { code: 'NOT_FOUND', message: `no canned answer for ${data?.action}` } }

/** Renders `route` (e.g. 'pages/home/index') of the compiled app and waits for Taro's first setData. */
export async function renderPage(route: string, options: RenderOptions = {}): Promise<RenderedPage> {
  const dist = requireWeappBuild()
  const pageBase = path.join(dist, route)
  if (!fs.existsSync(`${pageBase}.js`))
    throw new Error(`${pageBase}.js is missing: is "${route}" a page in app.json?`)
  // jsdom's document (the test file's @jest-environment); typed locally, see weapp-simulate.d.ts.
  const { document } = globalThis as unknown as {
    document?: { createElement(tag: string): { remove(): void }; body: { appendChild(node: unknown): void } }
  }
  if (!document)
    throw new Error('weapp tests need jsdom: start the test file with the docblock @jest-environment jsdom')

  jest.resetModules()
  delete g.wx
  // miniprogram-simulate defines Component/Behavior and a default `wx` when it is first required.
  const simulate = require('miniprogram-simulate') as typeof import('./weapp-simulate')
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx
  const stubs = makeWxStubs(options.cloud ?? defaultCloud, options.storage ?? {})
  Object.assign(wx, {
    navigateTo: stubs.navigateTo,
    redirectTo: stubs.redirectTo,
    switchTab: stubs.switchTab,
    setStorageSync: stubs.setStorageSync,
    getStorageSync: stubs.getStorageSync,
    cloud: { init: stubs.cloudInit, callFunction: stubs.callFunction },
  })
  delete wx.webpackJsonp

  let app: Record<string, AnyFn | unknown> | undefined
  let pages: unknown[] = []
  g.App = (cfg: Record<string, unknown>) => {
    app = cfg
  }
  g.getApp = () => app
  g.getCurrentPages = () => pages
  const query = options.query ?? {}
  const register = g.Component as (def: Record<string, unknown>) => void
  g.Page = (cfg: TaroPageConfig) => {
    const methods: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(cfg)) if (typeof v === 'function') methods[k] = v
    register({
      data: cfg.data ?? {},
      methods,
      lifetimes: {
        attached(this: Record<string, unknown>) {
          this.route = route
          this.__route__ = route
          pages = [this]
          for (const hook of ['onLoad', 'onShow', 'onReady']) {
            const fn = this[hook] as AnyFn | undefined
            fn?.call(this, hook === 'onLoad' ? { ...query } : undefined)
          }
        },
        detached(this: Record<string, unknown>) {
          ;(this.onUnload as AnyFn | undefined)?.call(this)
          pages = []
        },
      },
    })
  }

  // app.js requires runtime/taro/vendors/common and calls App(); then the app launches.
  require(path.join(dist, 'app.js'))
  if (!app) throw new Error('dist/weapp/app.js did not call App()')
  const launch = { path: route, query, scene: 1001 }
  ;(app.onLaunch as AnyFn | undefined)?.call(app, launch)
  ;(app.onShow as AnyFn | undefined)?.call(app, launch)

  // WeChat's WXML runtime reports a missing template with console.warn; record it, keep it visible.
  const missingTemplates: string[] = []
  const current: unknown = console.warn
  if (jest.isMockFunction(current)) current.mockRestore() // a previous page was not unmounted
  const warn = console.warn
  jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    const m = /Template `([^`]+)` not found/.exec(String(args[0]))
    if (m?.[1]) missingTemplates.push(m[1])
    warn(...args.map((a) => (typeof a === 'string' && a.length > 2000 ? `${a.slice(0, 2000)}…` : a)))
  })

  const id = simulate.load(pageBase, { compiler: 'official', rootPath: dist })
  const page = simulate.render(id) as RootComponent
  const parent = document.createElement('parent-wrapper')
  document.body.appendChild(parent)
  page.attach(parent)

  const waitFor = async <T>(check: () => T, timeoutMs = 3000): Promise<T> => {
    const start = Date.now()
    let last: unknown
    for (;;) {
      try {
        const v = check()
        if (v) return v
        last = new Error('condition returned a falsy value')
      } catch (err) {
        last = err
      }
      if (Date.now() - start > timeoutMs) {
        const why = last instanceof Error ? last.message : String(last)
        throw new Error(`waitFor timed out after ${timeoutMs} ms: ${why}\npage text: ${text()}`)
      }
      await simulate.sleep(10)
    }
  }
  const text = () => (page.dom?.textContent ?? '').replace(/\s+/g, ' ').trim()
  // j-component prefixes every class with the tag name of the loaded component ('main' by default).
  const prefix = 'main--'
  const rendered: RenderedPage = {
    page,
    wx: stubs,
    missingTemplates,
    expectAllTemplatesFound: () => {
      if (missingTemplates.length === 0) return
      const names = [...new Set(missingTemplates)]
      throw new Error(
        `Taro's base.wxml has no template for ${names.join(', ')} (tmpl_<depth>_<node name>): a component rendered ` +
          `a tag Taro does not know (e.g. an HTML <i> icon from a component library); on a phone that node renders nothing`,
      )
    },
    text,
    waitFor,
    all: (className) => page.querySelectorAll(`.${className}`),
    classesOf: (node) =>
      (node.dom?.getAttribute('class') ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((c: string) => (c.startsWith(prefix) ? c.slice(prefix.length) : c)),
    tap: async (node) => {
      node.dispatchEvent('touchstart')
      node.dispatchEvent('touchend')
      await simulate.sleep(20)
    },
    unmount: () => {
      page.detach()
      parent.remove()
      ;(console.warn as unknown as jest.Mock).mockRestore?.()
    },
  }
  // Taro renders with React, then schedules setData: wait until the page tree has arrived.
  await waitFor(() => {
    const root = (page.data as { root?: { cn?: unknown[] } }).root
    return Array.isArray(root?.cn) && root.cn.length > 0
  })
  return rendered
}

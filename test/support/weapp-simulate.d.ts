/**
 * The part of miniprogram-simulate 1.6.2 (and j-component) the weapp tests use. The package's own
 * index.d.ts needs the global `WechatMiniprogram` namespace (miniprogram-api-typings), which would
 * also declare `wx`/`Page`/`App` for the whole program; this keeps those out of src's types.
 */
/**
 * The jsdom element behind a rendered node: only what the tests read. Declared here (not as the DOM
 * lib's HTMLElement) so this file also type-checks in tsconfig.node.json, which has no DOM lib.
 */
export interface SimElement {
  readonly textContent: string | null
  readonly innerHTML: string
  getAttribute(name: string): string | null
}

export interface ComponentJSON {
  tagName: string
  attrs: { name: string; value: unknown }[]
  children: (ComponentJSON | string)[]
}

export interface Component {
  readonly dom: SimElement | undefined
  readonly data: Readonly<Record<string, unknown>>
  readonly instance: Record<string, unknown>
  dispatchEvent(
    eventName: string,
    options?: { detail?: unknown; touches?: unknown; changedTouches?: unknown },
  ): void
  querySelector(selector: string): Component | undefined
  querySelectorAll(selector: string): Component[]
  setData(data: Record<string, unknown>, callback?: () => void): void
  toJSON(): ComponentJSON
}

export interface RootComponent extends Component {
  attach(parent: unknown): void
  detach(): void
}

export interface LoadOptions {
  compiler?: 'official' | 'simulate'
  rootPath?: string
  compilerOptions?: { maxBuffer?: number; wxmlList?: string[]; wxsList?: string[] }
  usingComponents?: Record<string, string>
}

export function load(componentPath: string, options?: LoadOptions): string
export function load(componentPath: string, tagName: string, options?: LoadOptions): string
export function render(id: string, properties?: Record<string, unknown>): RootComponent
export function sleep(ms?: number): Promise<void>
export function match(dom: unknown, html: string): boolean

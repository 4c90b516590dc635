/**
 * The pages of src/app.config.ts (main package and subpackages) as routes without a leading slash,
 * and a message's page path split into route and query — for tests that follow a push to its page.
 */
import fs from 'node:fs'
import path from 'node:path'

interface AppConfig {
  readonly pages: readonly string[]
  readonly subPackages?: readonly { readonly root: string; readonly pages: readonly string[] }[]
}

export function appPages(): Set<string> {
  const g = globalThis as { defineAppConfig?: (c: AppConfig) => AppConfig }
  // Taro's build provides defineAppConfig; here the config is plain data.
  g.defineAppConfig ??= (c) => c
  const config = (require('../../src/app.config') as { default: AppConfig }).default
  return new Set([
    ...config.pages,
    ...(config.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`)),
  ])
}

/** `features/x/pages/detail/index?id=a%2Fb` → route and decoded params (as useRouter().params has them). */
export function parsePagePath(page: string): { route: string; params: Record<string, string> } {
  const [route = '', query = ''] = page.split('?', 2)
  return { route, params: Object.fromEntries(new URLSearchParams(query)) }
}

/** The source of a page (`src/<route>.tsx`), to check which router params it reads. */
export function pageSource(route: string): string {
  return fs.readFileSync(path.join(__dirname, '..', '..', 'src', `${route}.tsx`), 'utf8')
}

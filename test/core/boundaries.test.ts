import { execFileSync } from 'node:child_process'
import path from 'node:path'

const root = path.join(__dirname, '..', '..')

/**
 * Lints snippets as if they stood at the given paths, with the project's real eslint.config.mjs.
 * ESLint loads its config with a dynamic import, which jest's VM does not allow: run it in a child.
 */
const LINTER = `
const { ESLint } = require('eslint')
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'))
const eslint = new ESLint({ cwd: process.cwd() })
Promise.all(cases.map(async ([file, code]) => {
  const [r] = await eslint.lintText(code, { filePath: require('path').join(process.cwd(), file) })
  return r.messages.map((m) => (m.ruleId || '') + ': ' + m.message)
})).then((out) => process.stdout.write(JSON.stringify(out)))
`
function lintAll(cases: readonly (readonly [string, string])[]): string[][] {
  const out = execFileSync(process.execPath, ['-e', LINTER], { cwd: root, input: JSON.stringify(cases) })
  return JSON.parse(out.toString()) as string[][]
}

// The architecture's import boundaries are enforced by lint, and `npm test` runs lint: prove the
// rules really fire on each forbidden import.
const forbidden: [string, string][] = [
  ['src/core/x.ts', "import Taro from '@tarojs/taro'\nexport const a = Taro"],
  ['src/core/x.ts', "import { useState } from 'react'\nexport const a = useState"],
  ['src/core/x.ts', "import tcb from '@cloudbase/node-sdk'\nexport const a = tcb"],
  ['src/core/x.ts', "import cloud from 'wx-server-sdk'\nexport const a = cloud"],
  ['src/core/x.ts', "import { callApi } from '../services/cloud'\nexport const a = callApi"],
  ['src/core/x.ts', 'export const a = wx.getStorageSync("k")'],
  ['src/pages/x.tsx', "import { db } from '../../cloudfunctions/shared/sdk'\nexport const a = db"],
  ['cloudfunctions/api/src/x.ts', "import Taro from '@tarojs/taro'\nexport const a = Taro"],
  [
    'cloudfunctions/api/src/x.ts',
    "import { callApi } from '../../../src/services/cloud'\nexport const a = callApi",
  ],
  // docs/adr/0002: the whole registry's schemas would ship with the importing package.
  ['src/services/x.ts', "import { apiActions } from '@core/api'\nexport const a = apiActions"],
  ['src/features/reports/x.ts', "import { apiActions } from '../../core/api'\nexport const a = apiActions"],
]
const allowed: [string, string][] = [
  ['src/core/x.ts', "import { can } from './permissions'\nexport const a = can"],
  [
    'cloudfunctions/api/src/x.ts',
    "import { can } from '../../../src/core/permissions'\nexport const a = can",
  ],
  [
    'src/features/reports/x.ts',
    "import type { ApiInput } from '@core/api'\nexport type A = ApiInput<'me.profile'>",
  ],
  [
    'src/features/reports/x.ts',
    "import { orderActions } from '@core/orders/api'\nexport const a = orderActions",
  ],
  [
    'cloudfunctions/api/src/x.ts',
    "import { apiActions } from '../../../src/core/api'\nexport const a = apiActions",
  ],
]
const results = lintAll([...forbidden, ...allowed])

describe('import boundaries', () => {
  it.each(forbidden.map((c, i) => [...c, i] as const))('%s may not: %s', (_file, _code, i) => {
    expect(results[i]?.some((m) => /^(@typescript-eslint\/)?no-restricted-/.test(m))).toBe(true)
  })

  it.each(allowed.map((c, i) => [...c, forbidden.length + i] as const))('%s may: %s', (_file, _code, i) => {
    expect(results[i]).toEqual([])
  })
})

// Guard for src/services/polyfills.h5.ts (docs/adr/0027). The H5 build adds no polyfills on its own;
// it imports by name what its browsers lack. This reads every app source file the way babel's usage
// mode does (babel-plugin-polyfill-corejs3, `usage-global`, for package.json's browserslist) and
// sorts each core-js module it would add into: imported by polyfills.h5.ts, or ignored for a reason
// written below. A module in neither fails with its name (code now calls something a supported
// browser lacks: import it, or say why not); a polyfill no code needs any more fails too.
import { transformSync } from '@babel/core'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'

const root = path.join(__dirname, '..', '..')
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  browserslist: string[]
  dependencies: Record<string, string>
}

/**
 * What usage mode adds that our code does not need, with why. Usage mode sees names, not types: any
 * `.map(…)` may be an iterator's, any `.size` a URLSearchParams'. TypeScript (lib es2020 + dom)
 * decides what our code can call, and none of these is reachable through it.
 */
const IGNORED: readonly (readonly [RegExp, string])[] = [
  [/^es\.iterator\./, 'iterator helpers (ES2025): not in lib es2020; added for every array .map/.filter/…'],
  [/^es\.set\.[a-z-]+\.v2$/, 'Set methods (ES2025): not in lib es2020; added for every Set'],
  [/^esnext\./, 'proposals: not in any TypeScript lib we use'],
  [/^es\.array\.unscopables\./, 'only affects `with`, which modules (strict mode) forbid'],
  [/^es\.symbol\.description$/, 'Symbol#description: added for our own `.description` fields'],
  [
    /^web\.url(-search-params)?(\.[a-z-]+)?$/,
    'URL is native in Chrome 32; the rest for `.size`/`.has`/`.delete` on Maps and Sets',
  ],
  [/^web\.dom-collections\.iterator$/, 'NodeList iteration: native in Chrome 51, iOS 10'],
  [/^es\.error\.cause$/, 'Error `cause` option: no code passes one (a dropped cause would not throw)'],
  // Native in Chrome 61 and iOS 11; core-js swaps them to fix corners our code does not meet.
  [
    /^es\.array\.(includes|iterator|push|reduce)$/,
    'native; core-js fixes corners (length ≥ 2^53, old V8 bugs)',
  ],
  [/^es\.promise$/, 'native; core-js swaps it for unhandled-rejection tracking'],
  [/^es\.json\.stringify$/, 'native; core-js fixes lone surrogates in output'],
  [/^es\.regexp\.(exec|constructor|dot-all)$/, 'native; regex literal syntax is compiled by preset-env'],
  [/^es\.string\.(replace|trim)$/, 'native; core-js fixes `$<name>` (unused) and whitespace corners'],
]

const modulesIn = (code: string): string[] =>
  [...code.matchAll(/core-js\/modules\/([\w.-]+)\.js/g)].map((m) => m[1] ?? '')

function sourceFiles(): string[] {
  const out = execFileSync('git', ['ls-files', 'src'], { cwd: root, encoding: 'utf8' })
  return out
    .split('\n')
    .filter((f) => /\.(ts|tsx)$/.test(f) && !/\.(weapp|d)\.ts$/.test(f) && !f.endsWith('polyfills.h5.ts'))
}

/** core-js module name → the files usage mode would add it to. */
function neededModules(): Map<string, string[]> {
  const needed = new Map<string, string[]>()
  for (const file of sourceFiles()) {
    const code = readFileSync(path.join(root, file), 'utf8')
    const out = transformSync(code, {
      filename: path.join(root, file),
      babelrc: false,
      configFile: false,
      targets: pkg.browserslist,
      presets: [
        require.resolve('@babel/preset-typescript'),
        [require.resolve('@babel/preset-react'), { runtime: 'automatic' }],
      ],
      plugins: [
        [
          require.resolve('babel-plugin-polyfill-corejs3'),
          { method: 'usage-global', version: pkg.dependencies['core-js'] },
        ],
      ],
    })
    for (const name of modulesIn(out?.code ?? '')) needed.set(name, [...(needed.get(name) ?? []), file])
  }
  return needed
}

const imported = new Set(modulesIn(readFileSync(path.join(root, 'src/services/polyfills.h5.ts'), 'utf8')))

describe('H5 polyfills (src/services/polyfills.h5.ts)', () => {
  const needed = neededModules()

  it('covers every core-js module usage mode would add, or says why not', () => {
    const unexplained = [...needed]
      .filter(([name]) => !imported.has(name) && !IGNORED.some(([re]) => re.test(name)))
      .map(([name, files]) => `${name} (${files.slice(0, 3).join(', ')})`)
    expect(unexplained).toEqual([])
  })

  it('imports nothing that no code needs', () => {
    expect([...imported].filter((name) => !needed.has(name))).toEqual([])
  })

  it('imports nothing it also calls ignorable, and imports real polyfills only', () => {
    expect([...imported].filter((name) => IGNORED.some(([re]) => re.test(name)))).toEqual([])
    expect(imported.size).toBeGreaterThan(0)
  })

  it('is loaded before any of our modules: first by the platform module, which app.ts imports first', () => {
    const firstLocal = (file: string) =>
      readFileSync(path.join(root, file), 'utf8').match(/^import (?:.* from )?'(\.[^']*)'$/m)?.[1]
    expect(firstLocal('src/app.ts')).toBe('./services/platform')
    expect(firstLocal('src/services/platform.h5.ts')).toBe('./polyfills.h5')
  })
})

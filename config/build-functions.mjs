#!/usr/bin/env node
// Builds every cloud function: cloudfunctions/<fn>/src/index.ts → cloudfunctions/<fn>/index.js
// (one CommonJS bundle, server code shared by bundling) plus a generated package.json listing only
// the runtime SDKs the bundle requires, pinned to the exact versions of the root package.json.
// Usage: node config/build-functions.mjs [fn ...]
import { build } from 'esbuild'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { createRequire, isBuiltin } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
// cloudfunctions/<fn>/config.json is the one source of truth for runtime, memory, timeout, triggers
// and open-API permissions (docs/adr/0013-function-runtime.md): bundles target the runtime it names.
const { esbuildTarget, readFunctionConfig } = createRequire(import.meta.url)('./function-config.cjs')
const fnRoot = join(root, 'cloudfunctions')
/**
 * Installed by CloudBase from each function's package.json, never bundled: none today. The SDKs are
 * bundled (docs/adr/0027). node-sdk's entry loads AI, data-model, analytics and HTTP-client modules
 * these functions never call, which cost more than half its load time; bundled, they load on first
 * use. wx-server-sdk is bundled with it so the two share one copy of what they have in common (the
 * database client, axios…): installed apart, the first wxacode call loaded a second one (+18 MB).
 */
const EXTERNAL = []
/** node-sdk's own requires that wait for first use: file (under dist/) → the modules it requires. */
const LAZY_SDK_PARTS = {
  'cloudbase.js': ['axios', '@cloudbase/wx-cloud-client-sdk', './ai', './analytics', './cloudrun'],
  'auth/index.js': ['jsonwebtoken'],
}
const SDK_FILE = /^(.*[\\/]@cloudbase[\\/]node-sdk)[\\/]dist[\\/](.*\.js)$/

/**
 * Bundles node-sdk (ours, and the copy wx-server-sdk brings) as CloudBase would install it, with two
 * changes at build time:
 * - each require named in LAZY_SDK_PARTS becomes a module proxy that requires it on first property
 *   access (`app.ai()`, `app.models`…), so a function that never asks never loads it;
 * - `utils/version.js` reads `../../package.json` beside itself, which a bundle does not have: that
 *   copy's version (sent with each request) is written in instead.
 * Each rewrite must find exactly what it expects, or the build fails (a changed SDK is looked at).
 */
const sdkAtBuildTime = {
  name: 'node-sdk-at-build-time',
  setup(b) {
    b.onLoad({ filter: /[\\/]@cloudbase[\\/]node-sdk[\\/]dist[\\/].*\.js$/ }, (args) => {
      const [, pkgDir, rel] = SDK_FILE.exec(args.path) ?? []
      const file = rel.replace(/\\/g, '/')
      const source = readFileSync(args.path, 'utf8')
      if (file === 'utils/version.js') {
        const line = 'exports.version = loadPackage().version;'
        if (!source.includes(line)) throw new Error(`node-sdk ${file}: "${line}" not found`)
        const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'))
        return {
          contents: source.replace(line, `exports.version = ${JSON.stringify(version)};`),
          loader: 'js',
        }
      }
      const lazy = LAZY_SDK_PARTS[file]
      if (!lazy) return undefined
      const found = []
      const contents = source.replace(
        /^const (\w+) = (.*require\("([^"]+)"\).*);$/gm,
        (line, name, expr, mod) => {
          if (!lazy.includes(mod)) return line
          found.push(mod)
          return `const ${name} = __lazyModule(() => ${expr});`
        },
      )
      if (found.length !== lazy.length)
        throw new Error(
          `node-sdk ${file}: lazy requires ${lazy.join(', ')}; found ${found.join(', ') || 'none'}`,
        )
      const helper =
        'function __lazyModule(load) { let m; const get = () => (m ??= load()); ' +
        'return new Proxy({}, { get: (_, k) => get()[k], has: (_, k) => k in get() }) }'
      return { contents: `${contents}\n${helper}\n`, loader: 'js' }
    })
  },
}
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const rootDeps = { ...rootPkg.dependencies, ...rootPkg.devDependencies }

function die(message) {
  console.error(`build:functions: ${message}`)
  process.exit(1)
}

const all = readdirSync(fnRoot, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(fnRoot, d.name, 'src', 'index.ts')))
  .map((d) => d.name)
const wanted = process.argv.slice(2)
for (const w of wanted)
  if (!all.includes(w)) die(`no function "${w}" (cloudfunctions/${w}/src/index.ts missing)`)
const names = wanted.length > 0 ? wanted : all
if (names.length === 0) die('no functions found under cloudfunctions/*/src/index.ts')

for (const name of names) {
  const dir = join(fnRoot, name)
  if (!existsSync(join(dir, 'config.json'))) die(`cloudfunctions/${name}/config.json is missing`)
  let config
  try {
    config = readFunctionConfig(name)
  } catch (err) {
    die(err.message)
  }
  let result
  try {
    result = await build({
      entryPoints: [join(dir, 'src', 'index.ts')],
      outfile: join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: esbuildTarget(config.runtime),
      format: 'cjs',
      external: EXTERNAL,
      sourcemap: 'linked',
      metafile: true,
      legalComments: 'none',
      logLevel: 'silent',
      tsconfig: join(root, 'tsconfig.node.json'),
      plugins: [sdkAtBuildTime],
      // Less source for V8 to hold and pre-parse; names are kept, so logged stack traces still read.
      minifyWhitespace: true,
      minifySyntax: true,
    })
  } catch (err) {
    const lines = (err.errors ?? []).map(
      (e) => `  ${e.location ? `${e.location.file}:${e.location.line}:${e.location.column}` : ''} ${e.text}`,
    )
    die(`cloudfunctions/${name} failed to build:\n${lines.join('\n') || err.message}`)
  }
  const used = new Set()
  for (const input of Object.values(result.metafile.inputs)) {
    for (const imp of input.imports) if (imp.external) used.add(imp.path)
  }
  const dependencies = {}
  for (const dep of [...used].sort()) {
    if (isBuiltin(dep)) continue // node:crypto etc. come with the runtime
    if (!EXTERNAL.includes(dep))
      die(`cloudfunctions/${name} requires "${dep}", which is neither bundled nor a known SDK`)
    const version = rootDeps[dep]
    if (!version || !/^\d+\.\d+\.\d+$/.test(version))
      die(`"${dep}" must be pinned to an exact version in package.json`)
    dependencies[dep] = version
  }
  const pkg = { name, version: rootPkg.version, private: true, main: 'index.js', dependencies }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`)
  const bytes = result.metafile.outputs[relative(root, join(dir, 'index.js'))]?.bytes ?? 0
  console.log(
    `build:functions: ${name} → cloudfunctions/${name}/index.js (${(bytes / 1024).toFixed(1)} KiB), deps ${JSON.stringify(dependencies)}`,
  )
}

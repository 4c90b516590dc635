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
/** Installed by CloudBase from each function's package.json, never bundled. */
const EXTERNAL = ['@cloudbase/node-sdk', 'wx-server-sdk']
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

// Builds the runnable emulator into emulator/dist (CommonJS, node20, packages external).
// `--if-stale` skips the build when dist is newer than every source (used by the test harness).
import { build } from 'esbuild'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.join(here, '..')
const out = path.join(here, 'dist')
const entries = {
  cli: 'src/cli.ts',
  start: 'src/start.ts',
  worker: 'src/functions/worker.ts',
  bench: 'src/bench.ts',
}

function newest(dir) {
  let t = 0
  if (!fs.existsSync(dir)) return t
  for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, ent.name)
    if (ent.isDirectory()) t = Math.max(t, newest(p))
    else if (/\.(ts|json)$/.test(ent.name)) t = Math.max(t, fs.statSync(p).mtimeMs)
  }
  return t
}

function stale() {
  const outputs = Object.keys(entries).map((e) => path.join(out, `${e}.js`))
  if (!outputs.every((f) => fs.existsSync(f))) return true
  const built = Math.min(...outputs.map((f) => fs.statSync(f).mtimeMs))
  const sources = Math.max(
    newest(path.join(here, 'src')),
    newest(path.join(here, 'seed')),
    newest(path.join(root, 'src', 'core')),
    fs.statSync(fileURLToPath(import.meta.url)).mtimeMs,
  )
  return sources > built
}

if (process.argv.includes('--if-stale') && !stale()) process.exit(0)

// Build into a private directory, then move each file into place atomically, so concurrent test
// workers never see a half-written bundle.
const tmp = path.join(here, `.dist-${process.pid}`)
await build({
  entryPoints: Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, path.join(here, v)])),
  outdir: tmp,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: 'linked',
  tsconfig: path.join(root, 'tsconfig.node.json'),
  logLevel: 'warning',
})
fs.mkdirSync(out, { recursive: true })
for (const f of fs.readdirSync(tmp)) fs.renameSync(path.join(tmp, f), path.join(out, f))
fs.rmSync(tmp, { recursive: true, force: true })

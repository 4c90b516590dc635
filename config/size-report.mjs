#!/usr/bin/env node
// Size report for the WeChat build (and, informationally, the H5 build).
//
// WeChat package = the files DevTools uploads from dist/weapp: the main package is every uploaded
// file NOT under a subpackage root of app.json (subPackages/subpackages); each subpackage is the
// files under its root. Sizes are raw bytes of the files on disk (WeChat compiles wxml/wxss on
// upload, so its own number differs a little; raw bytes are the reproducible proxy).
//
// What counts as uploaded: WeChat uploads .js/.json/.wxml/.wxss plus a fixed whitelist of suffixes
// (developers.weixin.qq.com/miniprogram/dev/framework/structure.html, "允许上传的文件": wxs png jpg
// jpeg gif svg json cer mp3 aac m4a mp4 wav ogg silk wasm br cert). Anything else — terser's
// *.js.LICENSE.txt, *.map — stays on disk but is never uploaded, so it is listed, not counted.
// A non-whitelisted file that is not a .map/.LICENSE.txt (a font, say) is warned about, since the
// app would then miss it on a phone.
//
// Usage: node config/size-report.mjs [--weapp dist/weapp] [--h5 dist/h5] [--budget config/size-budget.json]
// Exit: 0 within budget, 1 over budget, 2 no build / bad input.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

const UPLOADED = new Set(
  'js json wxml wxss wxs png jpg jpeg gif svg cer mp3 aac m4a mp4 wav ogg silk wasm br cert'.split(' '),
)
/** Build by-products known to be harmless when left behind. */
const EXPECTED_SKIPS = [/\.map$/, /\.LICENSE\.txt$/]
/** DevTools project settings, read by the tool, not part of the code package. */
const PROJECT_FILES = new Set(['project.config.json', 'project.private.config.json'])

function die(message, code = 2) {
  console.error(`size: ${message}`)
  process.exit(code)
}

function parseArgs(argv) {
  const opts = {
    weapp: join(root, 'dist', 'weapp'),
    h5: join(root, 'dist', 'h5'),
    budget: join(root, 'config', 'size-budget.json'),
  }
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '')
    if (!(key in opts) || argv[i + 1] === undefined)
      die(`usage: size-report.mjs [--weapp DIR] [--h5 DIR] [--budget FILE]`)
    opts[key] = resolve(argv[++i])
  }
  return opts
}

function walk(dir) {
  const out = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...walk(full))
    else if (entry.isFile()) out.push(full)
  }
  return out
}

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`
const pad = (s, n) => String(s).padEnd(n)
const lpad = (s, n) => String(s).padStart(n)

const opts = parseArgs(process.argv.slice(2))
const shown = (p) => {
  const r = relative(process.cwd(), p)
  return r === '' ? '.' : r.startsWith('..') ? p : r
}

const appJsonPath = join(opts.weapp, 'app.json')
if (!existsSync(appJsonPath)) {
  die(`no WeChat build at ${shown(opts.weapp)} (app.json missing): run npm run build:weapp first`)
}
let budget
try {
  budget = JSON.parse(readFileSync(opts.budget, 'utf8'))
} catch (err) {
  die(`cannot read budget ${shown(opts.budget)}: ${err.message}`)
}
const mainBudget = budget?.weapp?.mainPackageBytes
const totalBudget = budget?.weapp?.totalBytes
if (!Number.isFinite(mainBudget) || !Number.isFinite(totalBudget)) {
  die(`${shown(opts.budget)} needs weapp.mainPackageBytes and weapp.totalBytes (numbers)`)
}
const topN = budget?.report?.largestFiles ?? 10

const appJson = JSON.parse(readFileSync(appJsonPath, 'utf8'))
const subRoots = [...(appJson.subPackages ?? []), ...(appJson.subpackages ?? [])].map((p) =>
  String(p.root).replace(/^\/+|\/+$/g, ''),
)

/** package name → { files: [{ path, bytes }], bytes } */
const packages = new Map([['main', { files: [], bytes: 0 }]])
for (const r of subRoots) packages.set(r, { files: [], bytes: 0 })
const skipped = []
const warnings = []

for (const full of walk(opts.weapp)) {
  const rel = relative(opts.weapp, full).split(sep).join('/')
  const bytes = statSync(full).size
  const ext = rel.includes('.') ? rel.slice(rel.lastIndexOf('.') + 1).toLowerCase() : ''
  if (PROJECT_FILES.has(rel)) continue
  if (!UPLOADED.has(ext)) {
    skipped.push({ path: rel, bytes })
    if (!EXPECTED_SKIPS.some((re) => re.test(rel))) {
      warnings.push(`${rel} is not on WeChat's upload whitelist: it will be missing on the phone`)
    }
    continue
  }
  const owner = subRoots.find((r) => rel.startsWith(`${r}/`)) ?? 'main'
  const pkg = packages.get(owner)
  pkg.files.push({ path: rel, bytes })
  pkg.bytes += bytes
}

const total = [...packages.values()].reduce((n, p) => n + p.bytes, 0)
const main = packages.get('main')
const failures = []
if (main.bytes > mainBudget)
  failures.push({ what: 'main package', bytes: main.bytes, limit: mainBudget, files: main.files })
if (total > totalBudget) {
  failures.push({
    what: 'total',
    bytes: total,
    limit: totalBudget,
    files: [...packages.values()].flatMap((p) => p.files),
  })
}

console.log(`WeChat packages (${shown(opts.weapp)}, raw bytes of uploaded files)`)
console.log(`${pad('package', 24)}${lpad('files', 6)}${lpad('size', 13)}${lpad('budget', 13)}  status`)
const row = (name, files, bytes, limit) =>
  console.log(
    `${pad(name, 24)}${lpad(files, 6)}${lpad(kib(bytes), 13)}${lpad(limit ? kib(limit) : '-', 13)}  ${
      limit ? (bytes > limit ? 'OVER' : `ok (${((bytes / limit) * 100).toFixed(0)}%)`) : ''
    }`,
  )
for (const [name, p] of packages) row(name, p.files.length, p.bytes, name === 'main' ? mainBudget : undefined)
row(
  'total',
  [...packages.values()].reduce((n, p) => n + p.files.length, 0),
  total,
  totalBudget,
)
if (skipped.length > 0) {
  const sum = skipped.reduce((n, f) => n + f.bytes, 0)
  const names =
    skipped
      .slice(0, 5)
      .map((f) => f.path)
      .join(', ') + (skipped.length > 5 ? ', …' : '')
  console.log(
    `not uploaded (not on WeChat's whitelist), not counted: ${skipped.length} files, ${kib(sum)} (${names})`,
  )
}
for (const w of warnings) console.log(`warning: ${w}`)

// H5 initial load: the JS and CSS index.html references (gzip, as a static server sends them).
// Route chunks loaded right after (the first page) are not included. Informational only.
const indexHtml = join(opts.h5, 'index.html')
if (existsSync(indexHtml)) {
  const html = readFileSync(indexHtml, 'utf8')
  const refs = [
    ...[...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/<link\b[^>]*\bhref="([^"]+\.css)"/g)].map((m) => m[1]),
  ].filter((u) => !/^([a-z]+:)?\/\//i.test(u))
  let raw = 0
  let gz = 0
  const missing = []
  for (const ref of refs) {
    const file = join(opts.h5, ref.replace(/^\//, '').split(/[?#]/)[0])
    if (!existsSync(file)) {
      missing.push(ref)
      continue
    }
    const buf = readFileSync(file)
    raw += buf.length
    gz += gzipSync(buf, { level: 6 }).length
  }
  console.log('')
  console.log(
    `H5 initial load (${shown(opts.h5)}/index.html: ${refs.length} JS/CSS files): ${kib(gz)} gzip, ${kib(raw)} raw (informational)`,
  )
  if (missing.length > 0) console.log(`warning: index.html references missing files: ${missing.join(', ')}`)
}

if (failures.length > 0) {
  console.error('')
  for (const f of failures) {
    console.error(
      `size: FAIL ${f.what} is ${kib(f.bytes)} (${f.bytes} B), budget ${kib(f.limit)} (${f.limit} B)`,
    )
    console.error(`largest files in the ${f.what}:`)
    for (const file of [...f.files].sort((a, b) => b.bytes - a.bytes).slice(0, topN)) {
      console.error(`  ${lpad(kib(file.bytes), 12)}  ${file.path}`)
    }
  }
  console.error('Move features into subpackages or drop dependencies (docs/adr/0002-ui-library-and-size.md).')
  process.exit(1)
}

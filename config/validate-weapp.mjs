#!/usr/bin/env node
// Offline validation of the WeChat build (dist/weapp) with WeChat's own compilers.
//
//  1. config: app.json and every *.json parse.
//  2. page graph: every page of app.json (main package and subpackages) has .js/.json/.wxml (.wxss
//     is optional: Taro only emits it when the page imports styles); every usingComponents entry
//     (app.json, pages, components, recursively) resolves to a component with .js/.json/.wxml;
//     tabBar pages are main-package pages and their icons exist (png/jpg/jpeg, ≤ 40 KB);
//     preloadRule names existing pages and subpackages.
//  3. WXML/WXS: every <import>/<include>/<wxs src> target exists, then `wcc` (WeChat's WXML
//     compiler, Linux/macOS/Windows binaries shipped by the miniprogram-compiler package) compiles
//     all .wxml + .wxs exactly as DevTools feeds them.
//  4. WXSS: `wcsc` compiles all .wxss (also resolves @import).
//  5. JS syntax level: when project.config.json has setting.es6 === false, WeChat uploads the JS
//     as is, so every .js must parse at the ECMAScript level the app targets (--ecma, default
//     below; see docs/adr/0002-ui-library-and-size.md).
//
// Every problem is printed as `path:line[:col]: message` (paths relative to the cwd).
// Usage: node config/validate-weapp.mjs [--dir dist/weapp] [--project project.config.json] [--ecma 2017]
// Exit: 0 valid, 1 problems found, 2 no build / tool missing.
import { spawnSync } from 'node:child_process'
import {
  accessSync,
  chmodSync,
  constants,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, posix, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)

/** ECMAScript level the shipped JS must parse at when WeChat does not transpile (es6: false). */
const DEFAULT_ECMA = 2017
const TAB_ICON_MAX_BYTES = 40 * 1024

function die(message, code = 2) {
  console.error(`validate:weapp: ${message}`)
  process.exit(code)
}

const opts = {
  dir: join(root, 'dist', 'weapp'),
  project: join(root, 'project.config.json'),
  ecma: String(DEFAULT_ECMA),
}
{
  const argv = process.argv.slice(2)
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '')
    if (!(key in opts) || argv[i + 1] === undefined) {
      die('usage: validate-weapp.mjs [--dir DIR] [--project project.config.json] [--ecma 5|2015|…]')
    }
    opts[key] = key === 'ecma' ? argv[++i] : resolve(argv[++i])
  }
}
const dir = opts.dir
const shownDir = (() => {
  const r = relative(process.cwd(), dir)
  return r && !r.startsWith('..') ? r : dir
})()
/** A path inside the build as the user should see it (clickable from the repo root). */
const at = (rel, line, col) => `${shownDir}/${rel}${line ? `:${line}` : ''}${line && col ? `:${col}` : ''}`

if (!existsSync(join(dir, 'app.json')))
  die(`no WeChat build at ${shownDir} (app.json missing): run npm run build:weapp first`)

const problems = []
const problem = (where, message) => problems.push(`${where}: ${message}`)

function walk(d) {
  const out = []
  for (const e of readdirSync(d, { withFileTypes: true })) {
    if (e.name === 'node_modules') continue
    const full = join(d, e.name)
    if (e.isDirectory()) out.push(...walk(full))
    else if (e.isFile()) out.push(relative(dir, full).split(sep).join('/'))
  }
  return out.sort()
}
const files = walk(dir)
const fileSet = new Set(files)
const has = (rel) => fileSet.has(rel)
const read = (rel) => readFileSync(join(dir, rel), 'utf8')

// ---- 1. JSON -------------------------------------------------------------------------------
const json = new Map()
for (const f of files.filter((f) => f.endsWith('.json'))) {
  try {
    json.set(f, JSON.parse(read(f)))
  } catch (err) {
    const m = /position (\d+)/.exec(err.message)
    let line
    if (m) line = read(f).slice(0, Number(m[1])).split('\n').length
    problem(at(f, line), `invalid JSON: ${err.message}`)
  }
}
const app = json.get('app.json')
if (!app) {
  console.error(problems.join('\n'))
  die('app.json is not valid JSON', 1)
}

// ---- 2. page graph ---------------------------------------------------------------------------
const mainPages = Array.isArray(app.pages) ? app.pages : []
if (mainPages.length === 0) problem(at('app.json'), 'no "pages"')
const subs = [...(app.subPackages ?? []), ...(app.subpackages ?? [])]
const allPages = [
  ...mainPages.map((p) => ({ page: p, from: 'pages' })),
  ...subs.flatMap((s) =>
    (s.pages ?? []).map((p) => ({
      page: posix.join(String(s.root).replace(/^\/+/, ''), p),
      from: `subpackage ${s.name ?? s.root}`,
    })),
  ),
]
if (!has('app.js')) problem(at('app.js'), 'missing')

/** Checks one page or component and, recursively, its usingComponents. */
const seen = new Set()
function checkNode(base, kind, referrer) {
  if (seen.has(base)) return
  seen.add(base)
  for (const ext of ['js', 'json', 'wxml']) {
    if (!has(`${base}.${ext}`)) problem(at(`${base}.${ext}`), `missing (${kind} ${base}, ${referrer})`)
  }
  const cfg = json.get(`${base}.json`)
  if (kind === 'component' && cfg && cfg.component !== true)
    problem(at(`${base}.json`), 'used as a component but has no "component": true')
  checkUsing(cfg?.usingComponents, base, `${base}.json`)
}
function checkUsing(using, base, jsonFile) {
  if (!using || typeof using !== 'object') return
  for (const [tag, target] of Object.entries(using)) {
    if (typeof target !== 'string' || target.startsWith('plugin://')) continue
    const resolved = target.startsWith('/') ? target.slice(1) : posix.join(posix.dirname(base), target)
    if (!has(`${resolved}.json`) && !has(`${resolved}.js`)) {
      problem(at(jsonFile), `usingComponents "${tag}": "${target}" not found (${resolved}.{js,json,wxml})`)
      continue
    }
    checkNode(resolved, 'component', `used as <${tag}> by ${jsonFile}`)
  }
}
checkUsing(app.usingComponents, 'app', 'app.json')
for (const { page, from } of allPages) checkNode(page, 'page', `listed in app.json ${from}`)

const tabBar = app.tabBar
if (tabBar) {
  for (const [i, item] of (tabBar.list ?? []).entries()) {
    if (!mainPages.includes(item.pagePath))
      problem(at('app.json'), `tabBar.list[${i}].pagePath "${item.pagePath}" is not a main-package page`)
    for (const key of ['iconPath', 'selectedIconPath']) {
      const icon = item[key]
      if (!icon) continue
      const rel = icon.replace(/^\/+/, '')
      if (!has(rel)) problem(at('app.json'), `tabBar.list[${i}].${key} "${icon}" not found in the build`)
      else if (!/\.(png|jpe?g)$/i.test(rel))
        problem(at('app.json'), `tabBar.list[${i}].${key} "${icon}" must be png/jpg/jpeg`)
      else if (statSync(join(dir, rel)).size > TAB_ICON_MAX_BYTES)
        problem(at(rel), `tab bar icon larger than 40 KB`)
    }
  }
}
const subNames = new Set(subs.flatMap((s) => [s.name, s.root].filter(Boolean)))
for (const [page, rule] of Object.entries(app.preloadRule ?? {})) {
  if (!allPages.some((p) => p.page === page)) problem(at('app.json'), `preloadRule "${page}" is not a page`)
  for (const pkg of rule.packages ?? []) {
    if (pkg !== '__APP__' && !subNames.has(pkg))
      problem(at('app.json'), `preloadRule "${page}" preloads unknown subpackage "${pkg}"`)
  }
}

// ---- 3 + 4. WeChat's compilers ---------------------------------------------------------------
function compilerPath(name) {
  let pkgDir
  try {
    pkgDir = dirname(require.resolve('miniprogram-compiler/package.json'))
  } catch {
    die('the miniprogram-compiler package is not installed (devDependency)')
  }
  const sub =
    process.platform === 'darwin'
      ? `mac/${name}`
      : process.platform === 'win32'
        ? `windows/${name}.exe`
        : `linux/${name}`
  const bin = join(pkgDir, 'bin', sub)
  if (!existsSync(bin)) die(`${bin} is missing`)
  if (process.platform === 'win32') return bin
  try {
    accessSync(bin, constants.X_OK)
    return bin
  } catch {
    // npm does not keep the executable bit on these files; miniprogram-compiler itself chmods them.
  }
  try {
    chmodSync(bin, 0o755)
    return bin
  } catch {
    const copy = join(mkdtempSync(join(tmpdir(), 'wx-compiler-')), name)
    copyFileSync(bin, copy)
    chmodSync(copy, 0o755)
    return copy
  }
}

function run(name, args) {
  const res = spawnSync(compilerPath(name), args, {
    cwd: dir,
    maxBuffer: 256 * 1024 * 1024,
    encoding: 'utf8',
  })
  if (res.error) die(`cannot run ${name}: ${res.error.message}`)
  return res
}

/** Compiler output lines → `path:line:col: message` (wcc: `f:l:c: msg`; wcsc: `ERR: f(l:c): msg`). */
function reportCompilerOutput(tool, res) {
  const text = `${res.stderr ?? ''}\n${res.status === 0 ? '' : ''}`.trim()
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^error file count/.test(l))
  let found = 0
  for (const line of lines) {
    let m = /^(?:ERR:\s*)?([^\s:()]+\.(?:wxml|wxs|wxss)):(\d+):(\d+):\s*(.*)$/.exec(line)
    if (m) {
      problem(at(m[1], m[2], m[3]), `${tool}: ${m[4]}`)
      found++
      continue
    }
    m = /^(?:ERR:\s*)?([^\s:()]+\.(?:wxml|wxs|wxss))\((\d+):(\d+)\):\s*(.*)$/.exec(line)
    if (m) {
      problem(at(m[1], m[2], m[3]), `${tool}: ${m[4]}`)
      found++
      continue
    }
    m = /path `([^`]+)` not found from `([^`]+)`/.exec(line)
    if (m) {
      problem(at(m[2], lineOf(m[2], m[1])), `${tool}: @import "${m[1]}" not found`)
      found++
      continue
    }
    if (res.status !== 0) {
      problem(shownDir, `${tool}: ${line}`)
      found++
    }
  }
  if (res.status !== 0 && found === 0) {
    problem(shownDir, `${tool} failed (exit ${res.status ?? res.signal}) without a message`)
  }
}
function lineOf(rel, needle) {
  try {
    const idx = read(rel).indexOf(needle)
    return idx < 0 ? undefined : read(rel).slice(0, idx).split('\n').length
  } catch {
    return undefined
  }
}

const wxml = files.filter((f) => f.endsWith('.wxml'))
const wxs = files.filter((f) => f.endsWith('.wxs'))
const wxss = files.filter((f) => f.endsWith('.wxss'))

// <import src>, <include src>, <wxs src>: wcc does not check that the targets exist.
for (const f of wxml) {
  const text = read(f)
  for (const m of text.matchAll(/<(import|include|wxs)\b[^>]*?\bsrc\s*=\s*["']([^"'{}]+)["']/g)) {
    const src = m[2]
    const target = src.startsWith('/') ? src.slice(1) : posix.join(posix.dirname(f), src)
    const line = text.slice(0, m.index).split('\n').length
    if (!has(target)) problem(at(f, line), `<${m[1]} src="${src}"> not found (${target})`)
  }
}

if (wxml.length > 0) {
  // Same arguments DevTools / miniprogram-compiler pass: the component table, then every file.
  const comps = []
  for (const f of wxml) {
    const using = json.get(f.replace(/\.wxml$/, '.json'))?.usingComponents
    if (using && typeof using === 'object') comps.push(f, Object.keys(using).length, ...Object.keys(using))
  }
  const componentArg = [
    wxml.filter((f) => json.get(f.replace(/\.wxml$/, '.json'))?.usingComponents).length,
    ...comps,
  ].join(' ')
  const res = run('wcc', ['-d', '-cc', componentArg, ...wxml, ...wxs, '-gn', '$gwx'])
  reportCompilerOutput('wcc', res)
}
if (wxss.length > 0) {
  // Component/page stylesheets (those with a .json next to them) first, as miniprogram-compiler does.
  const withJson = wxss.filter((f) => json.has(f.replace(/\.wxss$/, '.json')))
  const others = wxss.filter((f) => !json.has(f.replace(/\.wxss$/, '.json')))
  const res = run('wcsc', ['-db', '-pc', String(withJson.length), ...withJson, ...others])
  reportCompilerOutput('wcsc', res)
}

// ---- 5. JS syntax level ------------------------------------------------------------------------
let es6Transpile = null
if (existsSync(opts.project)) {
  try {
    es6Transpile = JSON.parse(readFileSync(opts.project, 'utf8'))?.setting?.es6
  } catch (err) {
    problem(opts.project, `invalid JSON: ${err.message}`)
  }
}
let jsNote = ''
if (es6Transpile === false) {
  // acorn is a pinned devDependency: the ES level check always runs.
  const acorn = require('acorn')
  const ecmaVersion = opts.ecma === 'latest' ? 'latest' : Number(opts.ecma)
  if (acorn) {
    for (const f of files.filter((f) => f.endsWith('.js'))) {
      try {
        acorn.parse(read(f), { ecmaVersion, sourceType: 'script', allowHashBang: false })
      } catch (err) {
        const loc = err.loc ?? {}
        const src = read(f).split('\n')[(loc.line ?? 1) - 1] ?? ''
        const near = src.slice(Math.max(0, (loc.column ?? 0) - 60), (loc.column ?? 0) + 40)
        problem(
          at(f, loc.line, loc.column !== undefined ? loc.column + 1 : undefined),
          `not ES${ecmaVersion} (${err.message.replace(/ \(\d+:\d+\)$/, '')}); project.config.json has es6:false so ` +
            `WeChat ships it untranspiled. Near: …${near}… — transpile that dependency (Taro mini.compile.include).`,
        )
      }
    }
    jsNote = `, JS parses as ES${ecmaVersion}`
  }
} else {
  jsNote =
    ' (JS level not checked: project.config.json setting.es6 is not false, WeChat transpiles on upload)'
}

if (problems.length > 0) {
  console.error(`validate:weapp: ${problems.length} problem(s) in ${shownDir}`)
  for (const p of problems) console.error(`  ${p}`)
  process.exit(1)
}
console.log(
  `validate:weapp: ok — ${allPages.length} pages, ${seen.size - allPages.length} components, ` +
    `${wxml.length} wxml + ${wxs.length} wxs compiled by wcc, ${wxss.length} wxss by wcsc${jsNote}`,
)

#!/usr/bin/env node
// `npm run deploy` — makes a CloudBase environment hold exactly what the repo says, idempotently
// (docs/adr/0015-deploy-and-smoke.md):
//   functions + their timer triggers   from cloudfunctions/<fn>/config.json (→ cloudbaserc.json)
//   collections, indexes, rules         from cloudfunctions/collections.json (generated from
//                                       cloudfunctions/collections/<owner>.json; checked first)
// It observes the environment, prints the plan (create / update / recreate / delete / unchanged per
// function, trigger, collection, index and rule), applies it, then observes again and fails unless
// the second plan is empty.
//
//   npm run deploy -- --env <envId>                          deploy (ENV_ID works too)
//   npm run deploy -- --env <envId> --dry-run                print the plan for the live environment
//   npm run deploy -- --dry-run --state <observed.json>      print the plan offline from a described state
//   npm run deploy -- --env <envId> --dry-run --save-state observed.json   …and keep what was observed
//   add --verbose to list unchanged steps too
//
// Credentials: @cloudbase/manager-node reads TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY (and
// TENCENTCLOUD_SESSIONTOKEN for temporary keys) from the environment; the pinned tcb CLI
// (node_modules/.bin/tcb) uses its own login (`npx tcb login`). Never from files in the repo.
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..')
const { plan, changes, formatPlan, validateState } = require('./deploy/plan.cjs')
const { desiredState } = require('./deploy/desired.cjs')

function die(message, code = 1) {
  console.error(`deploy: ${message}`)
  process.exit(code)
}

function parseArgs(argv) {
  const opts = {
    dryRun: false,
    verbose: false,
    state: null,
    saveState: null,
    env: process.env.ENV_ID ?? null,
    build: true,
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--dry-run') opts.dryRun = true
    else if (a === '--verbose') opts.verbose = true
    else if (a === '--no-build') opts.build = false
    else if (a === '--state' || a === '--env' || a === '--save-state') {
      const v = argv[++i]
      if (!v || v.startsWith('--')) die(`${a} needs a value`, 2)
      opts[a === '--save-state' ? 'saveState' : a.slice(2)] = v
    } else die(`unknown argument "${a}" (see the header of config/deploy.mjs)`, 2)
  }
  if (opts.state && !opts.dryRun) die('--state describes an environment for --dry-run only', 2)
  if (opts.saveState && opts.state) die('--save-state keeps what was observed live: not with --state', 2)
  if (!opts.dryRun && !opts.env) die('set --env <envId> (or ENV_ID) to deploy', 2)
  if (opts.dryRun && !opts.state && !opts.env)
    die('--dry-run needs --state <observed.json> or --env <envId>', 2)
  return opts
}

function readState(file) {
  let text
  try {
    text = readFileSync(path.resolve(file), 'utf8')
  } catch (e) {
    die(`cannot read --state ${file}: ${e.message}`, 2)
  }
  try {
    return validateState(JSON.parse(text), 'observed')
  } catch (e) {
    die(`--state ${file}: ${e.message}`, 2)
  }
}

function manager(envId) {
  const secretId = process.env.TENCENTCLOUD_SECRETID
  const secretKey = process.env.TENCENTCLOUD_SECRETKEY
  if (!secretId || !secretKey)
    die(
      'set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (an API key of the account that owns the ' +
        'environment; TENCENTCLOUD_SESSIONTOKEN too for temporary keys). Offline, use --dry-run --state <file>.',
    )
  const CloudBase = require('@cloudbase/manager-node')
  return new CloudBase({ secretId, secretKey, token: process.env.TENCENTCLOUD_SESSIONTOKEN, envId })
}

const opts = parseArgs(process.argv.slice(2))
const node = (script, args = []) =>
  execFileSync(process.execPath, [path.join(root, 'config', script), ...args], {
    cwd: root,
    stdio: 'inherit',
  })
node('function-config.cjs', ['--check'])
node('collections.cjs', ['--check'])
if (opts.build) node('build-functions.mjs')
const desired = desiredState()

if (opts.state) {
  const steps = plan(desired, readState(opts.state))
  console.log(formatPlan(steps, { verbose: opts.verbose }))
  process.exit(0)
}

const { observe } = require('./deploy/observe.cjs')
const { applyPlan } = require('./deploy/apply.cjs')
const mgr = manager(opts.env)
const observed = await observe(mgr, desired)
if (opts.saveState) writeFileSync(path.resolve(opts.saveState), `${JSON.stringify(observed, null, 2)}\n`)
const steps = plan(desired, observed)
console.log(`Environment ${opts.env}`)
console.log(formatPlan(steps, { verbose: opts.verbose }))
if (opts.dryRun) process.exit(0)
if (changes(steps).length === 0) process.exit(0)

const tcbBin = path.join(root, 'node_modules', '.bin', 'tcb')
const tcb = (args) => execFileSync(tcbBin, [...args, '-e', opts.env], { cwd: root, stdio: 'inherit' })
await applyPlan(steps, { manager: mgr, tcb, log: (l) => console.log(`→ ${l}`) })

const again = changes(plan(desired, await observe(mgr, desired)))
if (again.length) {
  console.error(formatPlan(again))
  die('the environment still differs after deploy (above); running deploy again is safe')
}
console.log(`\nDeployed: ${opts.env} now matches the repo (a second plan is empty).`)

#!/usr/bin/env node
// `npm run smoke` — the behaviours the design relies on that only a real CloudBase can confirm
// (docs/adr/0015-deploy-and-smoke.md), run with the real @cloudbase/node-sdk in throwaway collections
// named `smoke_<run>_…`, removed afterwards. Prints a markdown table (paste it into an ADR).
//
//   npm run smoke -- --env <envId>     against a real environment (TENCENTCLOUD_SECRETID / SECRETKEY)
//   npm run smoke -- --local           the same kit against the local emulator (platform checks skipped)
//   --out <file.md>                    also write the table to a file
//
// Optional, live only:
//   SMOKE_OPENID          an openid that used the mini-program in the last 2 hours (msgSecCheck v2, send)
//   SMOKE_TEMPLATE_ID     a subscribe-message template that openid accepted; SMOKE_TEMPLATE_DATA its
//                         data as JSON (default {"thing1":{"value":"冒烟测试"}}); SMOKE_PAGE the page
//   SMOKE_RISKY_TEXT      a text WeChat judges risky (the "risky" outcome of msgSecCheck)
//   SMOKE_TIMER_WAIT_S    how long to wait for the timer trigger (default 90)
//
// It also settles the undocumented behaviours where the emulator takes the stricter reading
// (emulator/README.md): each "settles: …" row says what the environment did, "differs from the
// emulator" when it is not what the emulator does (information, not a failure).
//
// Live, the kit also creates one throwaway function `smoke_<run>_probe` (timer every 10 s, open-API
// permissions for msgSecCheck and subscribeMessage.send), and deletes it at the end. Not part of
// `npm test`; test/emulator/smoke-kit.test.ts runs `--local`.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { die, errText } from './smoke/kit.mjs'
import { liveTarget, localTarget } from './smoke/targets.mjs'
import { databaseChecks } from './smoke/database-checks.mjs'
import { platformChecks } from './smoke/platform-checks.mjs'

function parseArgs(argv) {
  const opts = { env: null, local: false, out: null }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--local') opts.local = true
    else if (a === '--env' || a === '--out') {
      const v = argv[++i]
      if (!v || v.startsWith('--')) die(`${a} needs a value`)
      opts[a.slice(2)] = v
    } else die(`unknown argument "${a}" (see the header of config/deploy/smoke.mjs)`)
  }
  if (opts.local === Boolean(opts.env)) die('give exactly one of --env <envId> or --local')
  return opts
}

// the parts: where it runs (smoke/targets.mjs), what it checks (smoke/database-checks.mjs, and
// smoke/platform-checks.mjs live only), in this order
const checks = [...databaseChecks, ...platformChecks]

// ── run ──

const cell = (s) =>
  String(s ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ')

export async function runKit(opts) {
  const prefix = `smoke_${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}_`
  const target = opts.local ? await localTarget(prefix) : await liveTarget(opts.env, prefix)
  const rows = []
  let cleanup = ''
  try {
    for (const c of checks) {
      const started = Date.now()
      let out
      try {
        out = await c.run(target)
      } catch (e) {
        out = { result: 'fail', detail: `threw: ${errText(e)}` }
      }
      rows.push({ name: c.name, ...out, ms: Date.now() - started })
    }
  } finally {
    cleanup = await target.cleanup().catch((e) => `CLEANUP FAILED: ${errText(e)} (collections ${prefix}*)`)
  }
  const table = [
    `Smoke kit — ${target.label}, ${new Date().toISOString()}, prefix \`${prefix}\``,
    '',
    '| check | result | detail | ms |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${cell(r.name)} | ${cell(r.result)} | ${cell(r.detail ?? '')} | ${r.ms} |`),
    '',
    `Cleanup: ${cleanup}`,
  ].join('\n')
  return { table, failed: rows.filter((r) => r.result === 'fail').length + (/FAILED/.test(cleanup) ? 1 : 0) }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opts = parseArgs(process.argv.slice(2))
  const { table, failed } = await runKit(opts)
  console.log(table)
  if (opts.out) fs.writeFileSync(opts.out, `${table}\n`)
  process.exit(failed ? 1 : 0)
}

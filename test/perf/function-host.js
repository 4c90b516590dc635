/**
 * One function instance in its own Node process, as SCF runs it: loads the built bundle
 * (cold start), then runs the given events one at a time with the platform environment of each
 * event (caller OPENID, request id) — the same variables the local CloudBase's runner sets.
 * Prints one JSON line: { initMs, calls: [{ name, ms, ok, code }], peakRssMb }.
 * Usage (by function-bench.js): node function-host.js <bundle> <sdkUrl> <envId> <events.json>
 */
'use strict'
const fs = require('node:fs')
const { performance } = require('node:perf_hooks')

const [bundle, sdkUrl, envId, eventsFile] = process.argv.slice(2)
const events = JSON.parse(fs.readFileSync(eventsFile, 'utf8'))

Object.assign(process.env, {
  TENCENTCLOUD: 'true',
  TCB_CONTEXT_CNFG: JSON.stringify({ URL: sdkUrl }),
  TCB_ENV: envId,
  SCF_NAMESPACE: envId,
  SCF_FUNCTIONVERSION: '$LATEST',
  TCB_CONTEXT_KEYS: 'TCB_ENV,TCB_SEQID,TCB_SOURCE,TRIGGER_SRC',
  WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_CLIENTIPV6',
  TENCENTCLOUD_SECRETID: 'bench',
  TENCENTCLOUD_SECRETKEY: 'bench',
  SILENCE: 'true',
})

/**
 * The process's own peak RSS in MB: the whole process, SDK and bundle included.
 * On Linux this is VmHWM, the high-water mark of this process's own memory map. getrusage's maxRSS
 * is NOT used there: Linux carries it across fork and exec, so it starts at the RSS of the parent
 * that spawned us (a jest worker of 140 MB made every function "peak" at exactly that figure).
 */
function peakRss() {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))
    if (m) return Number(m[1]) / 1024
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS / 1024
}

const mb = (bytes) => bytes / 1048576

async function main() {
  const baseRssMb = mb(process.memoryUsage().rss)
  const t0 = performance.now()
  const { main: handler } = require(bundle)
  const initMs = performance.now() - t0
  const initRssMb = mb(process.memoryUsage().rss)
  const calls = []
  let seq = 0
  const quiet = console.log
  for (const e of events) {
    seq += 1
    const user = Boolean(e.openid) // timer events have no caller
    Object.assign(process.env, {
      TCB_SEQID: `bench-${seq}`,
      TCB_SOURCE: user ? 'wx_client' : 'timer',
      WX_OPENID: e.openid || '',
      WX_APPID: user ? 'wx-bench' : '',
      WX_CLIENTIP: user ? '127.0.0.1' : '',
    })
    console.log = () => {} // the function's JSON log lines are not part of the measurement
    const s = performance.now()
    let res
    let thrown = null
    try {
      res = await handler(e.event, { request_id: `bench-${seq}` })
    } catch (err) {
      thrown = String((err && err.message) || err)
    } finally {
      console.log = quiet
    }
    // `api` answers { ok, data | error }; other functions (timers) succeed unless they throw or say
    // ok: false; an HTTP-triggered one (open311) unless its status is an error.
    const ok =
      thrown === null &&
      !(res && (res.ok === false || (typeof res.statusCode === 'number' && res.statusCode >= 400)))
    calls.push({
      name: e.name,
      ms: performance.now() - s,
      ok,
      code:
        thrown ?? (res && res.error ? res.error.code : res && res.statusCode >= 400 ? res.statusCode : null),
    })
  }
  const peakRssMb = peakRss()
  // What the work keeps (after a full collection; the host runs with --expose-gc) vs what it peaked
  // at: the difference is garbage V8 had not yet needed to collect.
  const beforeGc = process.memoryUsage()
  if (global.gc) global.gc()
  const after = process.memoryUsage()
  const memory = {
    baseRssMb, // node itself, before the bundle
    initRssMb, // after requiring the bundle (and the SDK it requires)
    endRssMb: mb(beforeGc.rss),
    heapUsedMb: mb(beforeGc.heapUsed),
    retainedRssMb: mb(after.rss),
    retainedHeapMb: mb(after.heapUsed),
  }
  process.stdout.write(`${JSON.stringify({ initMs, calls, peakRssMb, memory })}\n`)
}

main().catch((e) => {
  process.stderr.write(`${(e && e.stack) || e}\n`)
  process.exit(1)
})

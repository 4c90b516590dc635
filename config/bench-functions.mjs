#!/usr/bin/env node
// `npm run bench:functions` — not a test. Each cloud function runs its scenario (test/perf/scenarios.js)
// in a fresh Node process against a local CloudBase with the demo street, as SCF would run it, and
// the run prints, measured in this one run: cold init, per-action p50/p95 and their ratio, and the
// peak RSS against the 128 MB each function is deployed with. Exits 1 when a function exceeds it.
import { createRequire } from 'node:module'
import os from 'node:os'
import { startDemoEmulator } from './emulator-process.mjs'

const require = createRequire(import.meta.url)
const {
  measureFunction,
  measureBareSdk,
  functionsWithScenarios,
  MEMORY_GOAL_MB,
} = require('../test/perf/function-bench.js')
const ROUNDS = Number(process.env.BENCH_ROUNDS || 200)

const fmt = (n) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2))
const emu = await startDemoEmulator('emulin-fnbench-')
let over = false
try {
  console.log(
    `\ncloud function benchmark — node ${process.version}, ${os.cpus().length} CPU(s); ${ROUNDS} rounds of each scenario, one process per function\n`,
  )
  // The SDK alone, in this run, three times (the median), as the yardstick for every cold init.
  const bare = [await measureBareSdk(), await measureBareSdk(), await measureBareSdk()].sort(
    (a, b) => a.ms - b.ms,
  )[1]
  console.log(`bare require('@cloudbase/node-sdk'): ${fmt(bare.ms)} ms, +${fmt(bare.mb)} MB RSS\n`)
  for (const fn of functionsWithScenarios()) {
    const r = await measureFunction({ fn, sdkUrl: emu.ready.sdkUrl, envId: emu.ready.envId, rounds: ROUNDS })
    const warm = Math.min(...r.actions.map((a) => a.p50))
    const m = r.memory
    console.log(
      `${fn}: cold init (require bundle + SDK) ${fmt(r.initMs)} ms = ${fmt(r.initMs / bare.ms)}× a bare SDK require = ${fmt(r.initMs / warm)}× the fastest warm call`,
    )
    console.log(
      `${fn}: peak RSS ${fmt(r.peakRssMb)} MB = ${fmt((100 * r.peakRssMb) / r.limitMb)} % of ${r.limitMb} MB (goal ${MEMORY_GOAL_MB} MB: ${r.peakRssMb <= MEMORY_GOAL_MB ? 'met' : `${fmt(r.peakRssMb - MEMORY_GOAL_MB)} MB over`})`,
    )
    console.log(
      `${fn}: memory: node ${fmt(m.baseRssMb)} MB + bundle and SDK ${fmt(m.initRssMb - m.baseRssMb)} MB = ${fmt(m.initRssMb)} MB at init; the work peaked ${fmt(r.peakRssMb - m.initRssMb)} MB above it (heap in use at the end ${fmt(m.heapUsedMb)} MB); after a full GC ${fmt(m.retainedRssMb)} MB RSS, ${fmt(m.retainedHeapMb)} MB heap`,
    )
    if (r.failed.length)
      console.log(`${fn}: ${r.failed.length} calls failed, first: ${JSON.stringify(r.failed[0])}`)
    const rows = r.actions.map((a) => [
      a.name,
      String(a.n),
      fmt(a.p50),
      fmt(a.p95),
      `${fmt(a.p95 / a.p50)}×`,
      `${fmt(a.p50 / warm)}×`,
    ])
    const head = ['action', 'n', 'p50 ms', 'p95 ms', 'p95 ÷ p50', 'p50 ÷ fastest']
    const w = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)))
    for (const row of [head, ...rows]) console.log('  ' + row.map((c, i) => c.padEnd(w[i])).join('  '))
    console.log('')
    if (r.peakRssMb > r.limitMb || r.failed.length) over = true
  }
} finally {
  await emu.stop()
}
process.exit(over ? 1 : 0)

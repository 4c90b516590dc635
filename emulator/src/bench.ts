/**
 * `npm run bench:emulator` — not a timed test. Measures, in one run on this machine:
 *  - a raw store operation (the emulator's database layer called in-process: EJSON in/out, durable commit)
 *  - the same operations through the real node-sdk over HTTP, sequential and 200 in flight
 *  - the same operations through a cloud function (worker instance + node-sdk inside it), sequential and 200 in flight
 *  - cold vs warm function invocation next to a bare require('@cloudbase/node-sdk') in a fresh process
 */
import { execFileSync } from 'node:child_process'
import { EventEmitter } from 'node:events'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import tcb from '@cloudbase/node-sdk'
import { startEmulator } from './emulator'
import { defaultMaxInstances } from './functions/runner'
import { toEJSON } from './ejson'
import { setQuiet } from './log'
import { repoRoot, workerFile } from './paths'

process.env.TZ = 'UTC'
setQuiet(true)
// 200 requests in flight through the SDK's keep-alive agent attach more listeners than node's default warning level
EventEmitter.defaultMaxListeners = 1000

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN
}
const fmt = (n: number): string => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2))

async function timeEach(
  n: number,
  inFlight: number,
  op: (i: number) => Promise<unknown>,
): Promise<{ lat: number[]; wallMs: number }> {
  const lat: number[] = []
  let next = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      for (let i = next++; i < n; i = next++) {
        const s = performance.now()
        await op(i)
        lat.push(performance.now() - s)
      }
    }),
  )
  return { lat, wallMs: performance.now() - t0 }
}

const rows: string[][] = []
/** ops/s and p99 ÷ p50 of each row, for the concurrency ratios printed at the end */
const measured = new Map<string, { opsPerS: number; tail: number }>()
function row(name: string, r: { lat: number[]; wallMs: number }, base?: number): number {
  const p50 = pct(r.lat, 50)
  measured.set(name, { opsPerS: (r.lat.length / r.wallMs) * 1000, tail: pct(r.lat, 99) / p50 })
  rows.push([
    name,
    String(r.lat.length),
    fmt(p50),
    fmt(pct(r.lat, 99)),
    fmt((r.lat.length / r.wallMs) * 1000),
    base ? `${fmt(p50 / base)}×` : '',
  ])
  return p50
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emulin-bench-'))
  const functionsDir = path.join(repoRoot, 'emulator', 'bench', 'functions')
  const emu = await startEmulator({
    port: 0,
    dataDir,
    functionsDir,
    collectionsFile: path.join(functionsDir, 'collections.json'),
    workerFile,
    timers: false,
    functionTimeoutMs: 60_000,
    maxInstancesPerFunction: Number(process.env.EMULATOR_MAX_INSTANCES) || undefined,
  })
  process.env.TENCENTCLOUD = 'true'
  process.env.SILENCE = 'true'
  const app = tcb.init({
    env: emu.envId,
    serviceUrl: emu.sdkUrl,
    secretId: 'bench',
    secretKey: 'bench',
  } as Parameters<typeof tcb.init>[0])
  const col = app.database().collection('bench')
  const SEQ = 300
  const CONC_N = 1000
  const INFLIGHT = 200
  const ids: string[] = []

  // warm up every path once
  await emu.db.handle('database.insertDocument', { collectionName: 'bench', data: [toEJSON({ n: -1 })] })
  await col.add({ n: -1 })
  await emu.runner.invoke('bench', { op: 'ping' }, { source: 'admin' })

  const rawAdd = row(
    'raw store add (in-process)',
    await timeEach(SEQ, 1, async (i) => {
      const r = await emu.db.handle('database.insertDocument', {
        collectionName: 'bench',
        data: [toEJSON({ n: i, at: new Date() })],
      })
      ids.push((r.data as { insertedIds: string[] }).insertedIds[0] as string)
    }),
  )
  const rawGet = row(
    'raw store get (in-process)',
    await timeEach(SEQ, 1, (i) =>
      emu.db.handle('database.getDocument', {
        collectionName: 'bench',
        queryType: 'DOC',
        query: toEJSON({ _id: ids[i] }),
      }),
    ),
  )
  row('node-sdk add, sequential', await timeEach(SEQ, 1, (i) => col.add({ n: i, at: new Date() })), rawAdd)
  row('node-sdk get, sequential', await timeEach(SEQ, 1, (i) => col.doc(ids[i] as string).get()), rawGet)
  row(
    `node-sdk add, ${INFLIGHT} in flight`,
    await timeEach(CONC_N, INFLIGHT, (i) => col.add({ n: i })),
    rawAdd,
  )
  row(
    `node-sdk get, ${INFLIGHT} in flight`,
    await timeEach(CONC_N, INFLIGHT, (i) => col.doc(ids[i % ids.length] as string).get()),
    rawGet,
  )
  const fnCall = (event: unknown) =>
    emu.runner.invoke('bench', event, { source: 'user', openid: 'bench-user' })
  row('function → sdk add, sequential', await timeEach(SEQ, 1, (i) => fnCall({ op: 'add', n: i })), rawAdd)
  row(
    'function → sdk get, sequential',
    await timeEach(SEQ, 1, (i) => fnCall({ op: 'get', id: ids[i] })),
    rawGet,
  )
  // Start every instance the runner will use before timing the concurrent rows: the sequential rows
  // ran on one warm instance, so cold starts (about half a second of CPU each) would otherwise be
  // timed as throughput (the cold start is measured on its own below).
  await Promise.all(Array.from({ length: INFLIGHT }, () => fnCall({ op: 'ping' })))
  row(
    `function → sdk add, ${INFLIGHT} in flight`,
    await timeEach(CONC_N, INFLIGHT, (i) => fnCall({ op: 'add', n: i })),
    rawAdd,
  )
  row(
    `function → sdk get, ${INFLIGHT} in flight`,
    await timeEach(CONC_N, INFLIGHT, (i) => fnCall({ op: 'get', id: ids[i % ids.length] })),
    rawGet,
  )

  // cold vs warm
  const cold: number[] = []
  const coldInit: number[] = []
  for (let i = 0; i < 5; i++) {
    emu.runner.coldStart('bench')
    const s = performance.now()
    const r = await fnCall({ op: 'ping' })
    cold.push(performance.now() - s)
    coldInit.push(r.initMs)
  }
  const warm: number[] = []
  for (let i = 0; i < 50; i++) {
    const s = performance.now()
    await fnCall({ op: 'ping' })
    warm.push(performance.now() - s)
  }
  const bare: number[] = []
  for (let i = 0; i < 5; i++) {
    const out = execFileSync(
      process.execPath,
      [
        '-e',
        "const t=process.hrtime.bigint();require('@cloudbase/node-sdk');console.log(Number(process.hrtime.bigint()-t)/1e6)",
      ],
      { cwd: repoRoot },
    )
    bare.push(Number(out.toString().trim()))
  }
  await emu.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })

  const head = ['operation', 'n', 'p50 ms', 'p99 ms', 'ops/s', 'p50 ÷ raw store']
  const widths = head.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? '')].length)))
  const line = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')
  process.stdout.write(
    `\nlocal CloudBase benchmark — node ${process.version}, ${os.cpus().length} CPU(s), ${os.cpus()[0]?.model ?? ''}\n`,
  )
  process.stdout.write(
    `(functions: up to ${Number(process.env.EMULATOR_MAX_INSTANCES) || defaultMaxInstances()} instances per function locally, so ${INFLIGHT} in flight queue for an instance; EMULATOR_MAX_INSTANCES changes it)\n\n`,
  )
  process.stdout.write(line(head) + '\n' + rows.map(line).join('\n') + '\n\n')
  process.stdout.write(
    `cold invocation (new worker, require + init + 1 call): p50 ${fmt(pct(cold, 50))} ms (module init p50 ${fmt(pct(coldInit, 50))} ms), n=5\n`,
  )
  process.stdout.write(
    `warm invocation (ping):                               p50 ${fmt(pct(warm, 50))} ms, p99 ${fmt(pct(warm, 99))} ms, n=50\n`,
  )
  process.stdout.write(
    `bare require('@cloudbase/node-sdk') in a fresh node:  p50 ${fmt(pct(bare, 50))} ms, n=5\n`,
  )
  // Issue #19: concurrent throughput should be at least sequential (ratio ≥ 1), p99 within 10× p50.
  process.stdout.write(`\n${INFLIGHT} in flight vs one at a time (same run):\n`)
  for (const [via, op] of [
    ['node-sdk', 'add'],
    ['node-sdk', 'get'],
    ['function → sdk', 'add'],
    ['function → sdk', 'get'],
  ] as const) {
    const seq = measured.get(`${via} ${op}, sequential`)
    const conc = measured.get(`${via} ${op}, ${INFLIGHT} in flight`)
    if (!seq || !conc) continue
    process.stdout.write(
      `  ${`${via} ${op}`.padEnd(20)} throughput ${fmt(conc.opsPerS / seq.opsPerS)}× sequential, p99 = ${fmt(conc.tail)}× p50\n`,
    )
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`)
  process.exit(1)
})

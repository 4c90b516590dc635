#!/usr/bin/env node
// `npm run bench:orders` — not a test. Work orders under load through the local CloudBase (the built
// `api` function, real node-sdk): 200 residents of 新华社区 submit at once, then retry (idempotent
// path), then the grid workers list their inboxes 200 times at once, then accept. Prints, measured in
// this one run, per action: p50/p99 of the call as the client sees it, and the SDK round trips the
// invocation made (database requests, and all requests incl. content check / subscribe message),
// counted by the emulator per invocation (`dbCalls` / `sdkCalls` of /__admin/invoke).
import os from 'node:os'
import { startDemoEmulator } from './emulator-process.mjs'

const RESIDENTS = Number(process.env.BENCH_RESIDENTS || 200)
const GRIDS = 6

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN
}
const fmt = (n) => (Number.isNaN(n) ? '-' : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2))
const pad = (n) => String(n).padStart(2, '0')

const emu = await startDemoEmulator('emulin-orderbench-')
const { url, adminToken } = emu.ready
const headers = { 'content-type': 'application/json', 'x-emulator-admin': adminToken }

async function invoke(openid, action, input) {
  const t0 = performance.now()
  const res = await fetch(`${url}/__admin/invoke`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ fn: 'api', openid, event: { action, input } }),
  })
  const body = await res.json()
  return {
    ms: performance.now() - t0,
    ok: body.ok && body.result?.ok,
    body,
    db: body.dbCalls ?? NaN,
    sdk: body.sdkCalls ?? NaN,
  }
}

/** Residents for the run, through the SDK endpoint (one insert each, before measuring). */
async function seedResidents() {
  const tcb = (await import('@cloudbase/node-sdk')).default
  process.env.TENCENTCLOUD = 'true'
  const app = tcb.init({ env: emu.ready.envId, serviceUrl: emu.ready.sdkUrl, secretId: 'x', secretKey: 'x' })
  const db = app.database()
  const ids = []
  for (let i = 0; i < RESIDENTS; i += 1) {
    const g = (i % GRIDS) + 1
    const b = (Math.floor(i / GRIDS) % 12) + 1
    const scope = {
      streetId: 'st-dongjie',
      communityId: 'cm-xinhua',
      gridId: `gr-xinhua-${pad(g)}`,
      buildingId: `bd-xinhua-${pad(g)}-${pad(b)}`,
      unitId: `bd-xinhua-${pad(g)}-${pad(b)}-u1`,
      householdId: `hh-bench-${i}`,
    }
    await db.collection('users').add({
      _id: `user-bench-${i}`,
      openid: `bench-resident-${i}`,
      displayName: `居民${i}`,
      grants: [{ role: 'resident', scope }],
      householdId: scope.householdId,
      createdAt: new Date(),
    })
    ids.push(`bench-resident-${i}`)
  }
  return ids
}

function report(name, runs) {
  const ok = runs.filter((r) => r.ok)
  const row = [
    name,
    String(runs.length),
    String(runs.length - ok.length),
    fmt(
      pct(
        ok.map((r) => r.ms),
        50,
      ),
    ),
    fmt(
      pct(
        ok.map((r) => r.ms),
        99,
      ),
    ),
    fmt(
      pct(
        ok.map((r) => r.db),
        50,
      ),
    ),
    fmt(Math.max(...ok.map((r) => r.db))),
    fmt(
      pct(
        ok.map((r) => r.sdk),
        50,
      ),
    ),
  ]
  return row
}

const rows = []
try {
  const residents = await seedResidents()
  console.log(
    `\nwork-order benchmark — node ${process.version}, ${os.cpus().length} CPU(s); ${RESIDENTS} residents at once in ${GRIDS} grids\n`,
  )
  // Warm the function instances first (cold starts are bench:functions' subject).
  await Promise.all(Array.from({ length: 10 }, () => invoke(residents[0], 'me.profile', {})))

  const requestIds = residents.map((_, i) => `bench-${i}-${Date.now().toString(36)}`)
  const submitInput = (i) => ({
    requestId: requestIds[i],
    category: 'street_light',
    text: `${i}号反映：楼前路灯不亮`,
    location: { kind: 'household' },
  })
  const submits = await Promise.all(residents.map((o, i) => invoke(o, 'report.submit', submitInput(i))))
  rows.push(report('report.submit (new)', submits))
  const retries = await Promise.all(residents.map((o, i) => invoke(o, 'report.submit', submitInput(i))))
  rows.push(report('report.submit (retry)', retries))
  if (retries.some((r) => r.ok && !r.body.result.data.retried)) console.log('!! a retry was stored twice')
  // The app's nudge right after each receipt (counters, the grid workers' messages): not on the answer's path.
  const submitted = submits
    .map((r, i) => [residents[i], r])
    .filter(([, r]) => r.ok)
    .map(([o, r]) => [o, r.body.result.data.orderId])
  const nudges = await Promise.all(submitted.map(([o, id]) => invoke(o, 'order.dispatch', { orderId: id })))
  rows.push(report('order.dispatch (after submit)', nudges))

  const workers = Array.from({ length: GRIDS }, (_, g) => `demo-openid-xinhua-${pad(g + 1)}-worker`)
  const inboxes = await Promise.all(
    Array.from({ length: RESIDENTS }, (_, i) => invoke(workers[i % GRIDS], 'order.inbox', { box: 'new' })),
  )
  rows.push(report('order.inbox (new)', inboxes))

  const orderIds = submits.filter((r) => r.ok).map((r) => r.body.result.data.orderId)
  const accepts = await Promise.all(
    orderIds.map((id, i) => invoke(workers[i % GRIDS], 'order.accept', { orderId: id })),
  )
  rows.push(report('order.accept', accepts))
  const acceptNudges = await Promise.all(
    orderIds.map((id, i) => invoke(workers[i % GRIDS], 'order.dispatch', { orderId: id })),
  )
  rows.push(report('order.dispatch (after accept)', acceptNudges))
  const firstFail = [...submits, ...retries, ...nudges, ...inboxes, ...accepts, ...acceptNudges].find(
    (r) => !r.ok,
  )
  if (firstFail) console.log('first failure:', JSON.stringify(firstFail.body).slice(0, 300))

  const head = [
    'action',
    'n',
    'failed',
    'p50 ms',
    'p99 ms',
    'db trips p50',
    'db trips max',
    'all SDK trips p50',
  ]
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  for (const r of [head, ...rows]) console.log('  ' + r.map((c, i) => c.padEnd(w[i])).join('  '))
  console.log(
    '\n  db trips: database requests one invocation made (identify = 1). SDK trips add content check, storage, subscribe messages.',
  )
  console.log(
    "  report.submit and order.accept answer after ONE write; order.dispatch is the app's nudge after the answer (docs/adr/0011-order-outbox.md).\n",
  )
} finally {
  await emu.stop()
}

// Where the smoke kit runs (config/deploy/smoke.mjs): the local emulator in a child process, or a
// real environment with a throwaway probe function. Each target is { label, app, names, platform,
// cleanup }: `platform` is null locally (the platform checks are then skipped).
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { die, errText, sleep } from './kit.mjs'

const require = createRequire(import.meta.url)
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..')

// ── the throwaway collections ──

function collectionsOf(prefix) {
  return {
    orders: `${prefix}orders`,
    counters: `${prefix}counters`,
    requests: `${prefix}requests`,
    timer: `${prefix}timer`,
  }
}
/** the unique index the kit checks (collections.json shape) */
const UNIQUE = { name: 'request_unique', keys: [{ field: 'requestId', direction: 1 }], unique: true }

/** the local emulator in a child process, with its own data directory and the kit's collections declared */
export async function localTarget(prefix) {
  const cli = path.join(root, 'emulator', 'dist', 'cli.js')
  if (!fs.existsSync(cli)) die('emulator/dist is missing: run node emulator/build.mjs first')
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'emulin-smoke-'))
  const names = collectionsOf(prefix)
  const collectionsFile = path.join(scratch, 'collections.json')
  fs.writeFileSync(
    collectionsFile,
    JSON.stringify({
      collections: Object.entries(names).map(([k, name]) => ({
        name,
        rule: { read: false, write: false },
        indexes: k === 'requests' ? [UNIQUE] : [],
      })),
    }),
  )
  fs.mkdirSync(path.join(scratch, 'functions'))
  const child = spawn(
    process.execPath,
    [
      ...[cli, '--port', '0', '--ready-json', '--seed', 'none', '--no-timers'],
      ...['--data-dir', path.join(scratch, 'data'), '--functions-dir', path.join(scratch, 'functions')],
      ...['--collections', collectionsFile],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, EMULATOR_QUIET: '1' } },
  )
  // the emulator logs every refused request (the kit provokes some): kept, shown only if it dies
  let log = ''
  child.stderr.on('data', (c) => (log = (log + c).slice(-20_000)))
  const ready = await new Promise((resolve, reject) => {
    let buf = ''
    child.stdout.on('data', (c) => {
      buf += c
      const nl = buf.indexOf('\n')
      if (nl >= 0) resolve(JSON.parse(buf.slice(0, nl)))
    })
    child.once('exit', (code) => reject(new Error(`emulator exited (${code}) before it was ready:\n${log}`)))
  })
  process.env.TENCENTCLOUD = 'true' // with serviceUrl, skips the metadata.tencentyun.com probe
  const tcb = require('@cloudbase/node-sdk')
  const app = tcb.init({ env: ready.envId, serviceUrl: ready.sdkUrl, secretId: 'local', secretKey: 'local' })
  return {
    label: `local emulator (${ready.envId})`,
    app,
    names,
    platform: null,
    async cleanup() {
      await new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', resolve)
        child.kill()
      })
      fs.rmSync(scratch, { recursive: true, force: true })
      return `emulator stopped, ${scratch} removed`
    },
  }
}

/** the code of the throwaway probe function (live only) */
const PROBE_CODE = `'use strict'
const tcb = require('@cloudbase/node-sdk')
const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
exports.main = async (event) => {
  if (event && event.Type === 'Timer') {
    await app.database().collection(process.env.SMOKE_TIMER_COLLECTION).add({ at: new Date(), trigger: event.TriggerName })
    return { ok: true }
  }
  if (event && event.check === 'msgSecCheck')
    return app.callWxOpenApi({ apiName: 'security.msgSecCheck', requestData: { content: event.content, version: 2, scene: 2, openid: event.openid } })
  if (event && event.check === 'subscribe')
    return app.callWxOpenApi({ apiName: 'subscribeMessage.send', requestData: { touser: event.openid, template_id: event.templateId, page: event.page, data: event.data } })
  return { ok: true, rssMb: Math.round(process.memoryUsage().rss / 1048576) }
}
`

/** a real environment: node-sdk for data, manager-node for collections, indexes and the probe function */
export async function liveTarget(envId, prefix) {
  const secretId = process.env.TENCENTCLOUD_SECRETID
  const secretKey = process.env.TENCENTCLOUD_SECRETKEY
  const token = process.env.TENCENTCLOUD_SESSIONTOKEN
  if (!secretId || !secretKey)
    die('set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (never in a file)', 1)
  const tcb = require('@cloudbase/node-sdk')
  const CloudBase = require('@cloudbase/manager-node')
  const app = tcb.init({ env: envId, secretId, secretKey, ...(token ? { sessionToken: token } : {}) })
  const manager = new CloudBase({ secretId, secretKey, token, envId })
  const names = collectionsOf(prefix)
  const probe = `${prefix}probe`
  const { desiredState } = require('../desired.cjs')
  const products = Object.keys(desiredState().functions)
  const created = { collections: [], probe: false }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'emulin-smoke-'))
  // removes whatever was created so far: after the checks, or when the setup itself fails
  async function cleanup() {
    const done = []
    if (created.probe) {
      await manager.functions.deleteFunction(probe).catch((e) => {
        if (!/ResourceNotFound|不存在/.test(errText(e))) throw e
      })
      done.push(`function ${probe} deleted`)
    }
    for (const c of created.collections) await manager.database.deleteCollection(c)
    done.push(`${created.collections.length} collections deleted`)
    fs.rmSync(scratch, { recursive: true, force: true })
    return done.join(', ')
  }
  try {
    await setUp()
  } catch (e) {
    const cleaned = await cleanup().catch((c) => `CLEANUP FAILED: ${errText(c)} (collections ${prefix}*)`)
    die(`setting up in ${envId} failed: ${errText(e)}; ${cleaned}`, 1)
  }

  async function setUp() {
    for (const name of Object.values(names)) {
      created.collections.push(name)
      await manager.database.createCollectionIfNotExists(name)
    }
    const { createIndex } = require('../apply.cjs')
    await manager.database.updateCollection(names.requests, {
      CreateIndexes: [createIndex(UNIQUE.name, UNIQUE)],
    })
    for (
      let i = 0;
      i < 30 && !(await manager.database.checkIndexExists(names.requests, UNIQUE.name)).Exists;
      i++
    )
      await sleep(1000)

    const sdkVersion = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).dependencies[
      '@cloudbase/node-sdk'
    ]
    const dir = path.join(scratch, probe)
    fs.mkdirSync(dir)
    fs.writeFileSync(path.join(dir, 'index.js'), PROBE_CODE)
    fs.writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify({ name: probe, private: true, dependencies: { '@cloudbase/node-sdk': sdkVersion } }),
    )
    fs.writeFileSync(
      path.join(dir, 'config.json'),
      JSON.stringify({ permissions: { openapi: ['security.msgSecCheck', 'subscribeMessage.send'] } }),
    )
    const { readFunctionConfig } = require('../../function-config.cjs')
    created.probe = true
    await manager.functions.createFunction({
      func: {
        name: probe,
        runtime: readFunctionConfig('api').runtime,
        handler: 'index.main',
        timeout: 20,
        installDependency: true,
        envVariables: { SMOKE_TIMER_COLLECTION: names.timer },
        triggers: [{ name: 'smokeTimer', type: 'timer', config: '*/10 * * * * * *' }],
      },
      functionRootPath: scratch,
      force: true,
    })
    await manager.functions.waitFunctionActive(probe)
  }

  const invoke = async (fn, event) => {
    const res = await manager.functions.invokeFunction(fn, event)
    let result = null
    try {
      result = JSON.parse(res.RetMsg)
    } catch {
      result = res.RetMsg
    }
    return { result, durationMs: res.Duration, memMb: res.MemUsage / 1048576, error: res.ErrMsg || null }
  }
  return {
    label: `CloudBase environment ${envId}`,
    app,
    names,
    platform: { invoke, probe, products, manager },
    cleanup,
  }
}

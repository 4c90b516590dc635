/**
 * Test harness: a real local CloudBase (emulator/dist/cli.js) in a child process on an ephemeral port
 * with a temporary data directory, plus a real @cloudbase/node-sdk app pointed at it.
 * Functions run exactly as they deploy (cloudfunctions/<fn>/index.js) with the platform environment.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { EJSON } from 'bson'
import tcb from '@cloudbase/node-sdk'

export interface TestEmulator {
  url: string // http://127.0.0.1:<port>
  sdkUrl: string // url + '/admin'
  envId: string
  /** invoke a function as the platform would, as the user with this openid (omit for timer/no user) */
  invoke(fn: string, event: unknown, caller?: { openid?: string }): Promise<unknown>
  /** fire a function's timer trigger */
  fireTimer(fn: string, triggerName?: string): Promise<unknown>
  /** a real node-sdk app pointed at the emulator (for arranging and asserting stored state) */
  app: ReturnType<typeof import('@cloudbase/node-sdk').init>
  outbox(): Promise<unknown[]> // subscribe messages sent
  grantSubscriptions(openid: string, templateId: string, count: number): Promise<void>
  stop(): Promise<void>
  /** extras: the child's pid (crash tests), its admin token, forcing cold starts, last log lines */
  pid: number
  adminToken: string
  dataDir: string
  coldStart(fn?: string): Promise<void>
  /** invoke and also return how it ran (cold start, durations, database round trips) */
  invokeDetailed(
    fn: string,
    event: unknown,
    caller?: { openid?: string },
  ): Promise<{ result: unknown; cold: boolean; initMs: number; durationMs: number; dbCalls: number }>
  logs(): string
}

export interface TestEmulatorOptions {
  functionsDir?: string
  dataDir?: string
  seed?: Record<string, Array<Record<string, unknown>>>
  secCheckKeywords?: { risky?: string[]; review?: string[] }
  /** defaults to <functionsDir>/collections.json if present, else the repo's cloudfunctions/collections.json */
  collectionsFile?: string
  /** run timer triggers on their schedule (default false in tests: fire them with fireTimer) */
  timers?: boolean
  /** override every function's timeout */
  functionTimeoutMs?: number
  /** serve an H5 build at / (same origin as /api and /dev) */
  staticDir?: string
}

export const repoRoot = path.resolve(__dirname, '..', '..')
const cli = path.join(repoRoot, 'emulator', 'dist', 'cli.js')

export class InvokeError extends Error {
  constructor(
    readonly errCode: number | string,
    readonly errMsg: string,
  ) {
    super(errMsg)
    this.name = 'InvokeError'
  }
}

let built = false
/** builds emulator/dist once per test process (skipped when up to date; safe under parallel workers) */
export function ensureEmulatorBuilt(): void {
  if (built) return
  execFileSync(process.execPath, [path.join(repoRoot, 'emulator', 'build.mjs'), '--if-stale'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  built = true
}

function request(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body))
    const req = http.request(
      url,
      {
        method,
        headers: {
          ...(data ? { 'content-type': 'application/json', 'content-length': String(data.length) } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          try {
            resolve({ status: res.statusCode ?? 0, json: text ? (JSON.parse(text) as unknown) : undefined })
          } catch {
            resolve({ status: res.statusCode ?? 0, json: text })
          }
        })
      },
    )
    req.on('error', reject)
    req.end(data)
  })
}

export interface SpawnedEmulator {
  child: ChildProcess
  ready: { url: string; sdkUrl: string; envId: string; adminToken: string; seeded: boolean }
  logs: () => string
}

/** spawns emulator/dist/cli.js with these flags and waits for its ready line */
export function spawnEmulator(args: string[], env: Record<string, string> = {}): Promise<SpawnedEmulator> {
  ensureEmulatorBuilt()
  const child = spawn(process.execPath, [cli, '--port', '0', '--ready-json', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, EMULATOR_QUIET: '1', ...env },
  })
  let log = ''
  const keep = (chunk: Buffer): void => {
    log = (log + chunk.toString('utf8')).slice(-20_000)
    if (process.env.EMULATOR_DEBUG) process.stderr.write(chunk)
  }
  child.stderr?.on('data', keep)
  return new Promise((resolve, reject) => {
    let buf = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`emulator did not start within 30 s:\n${log}`))
    }, 30_000)
    const onData = (chunk: Buffer): void => {
      buf += chunk.toString('utf8')
      const nl = buf.indexOf('\n')
      if (nl < 0) return
      clearTimeout(timer)
      child.stdout?.off('data', onData)
      child.stdout?.on('data', keep)
      keep(Buffer.from(buf.slice(nl + 1)))
      try {
        resolve({ child, ready: JSON.parse(buf.slice(0, nl)) as SpawnedEmulator['ready'], logs: () => log })
      } catch {
        reject(new Error(`unexpected emulator output: ${buf}\n${log}`))
      }
    }
    child.stdout?.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`emulator exited (${code}) before it was ready:\n${log}`))
    })
  })
}

/** a real node-sdk app talking to the emulator through `serviceUrl`, as any script can */
export function sdkApp(sdkUrl: string, envId: string): ReturnType<typeof tcb.init> {
  process.env.TENCENTCLOUD = 'true' // with the URL override, skips the metadata.tencentyun.com probe
  return tcb.init({
    env: envId,
    serviceUrl: sdkUrl,
    secretId: 'local-test',
    secretKey: 'local-test',
  } as Parameters<typeof tcb.init>[0])
}

export async function startTestEmulator(opts: TestEmulatorOptions = {}): Promise<TestEmulator> {
  const functionsDir = path.resolve(opts.functionsDir ?? path.join(repoRoot, 'cloudfunctions'))
  const ownDataDir = !opts.dataDir
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'emulin-emu-'))
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'emulin-emu-cfg-'))
  const args = ['--data-dir', dataDir, '--functions-dir', functionsDir]
  if (opts.collectionsFile) args.push('--collections', opts.collectionsFile)
  if (opts.seed) {
    const seedFile = path.join(scratch, 'seed.ejson')
    fs.writeFileSync(seedFile, EJSON.stringify(opts.seed as never, { relaxed: false }))
    args.push('--seed', seedFile)
  } else args.push('--seed', 'none')
  if (opts.secCheckKeywords) {
    const f = path.join(scratch, 'seccheck.json')
    fs.writeFileSync(f, JSON.stringify(opts.secCheckKeywords))
    args.push('--seccheck', f)
  }
  if (!opts.timers) args.push('--no-timers')
  if (opts.functionTimeoutMs) args.push('--timeout-ms', String(opts.functionTimeoutMs))
  if (opts.staticDir) args.push('--static-dir', path.resolve(opts.staticDir))
  const { child, ready, logs } = await spawnEmulator(args)
  const admin = { 'x-emulator-admin': ready.adminToken }
  const app = sdkApp(ready.sdkUrl, ready.envId)

  async function invokeDetailed(
    fn: string,
    event: unknown,
    caller?: { openid?: string },
  ): Promise<{ result: unknown; cold: boolean; initMs: number; durationMs: number; dbCalls: number }> {
    const r = await request(
      'POST',
      `${ready.url}/__admin/invoke`,
      { fn, event, openid: caller?.openid },
      admin,
    )
    const body = r.json as {
      ok?: boolean
      result?: unknown
      errCode?: number
      errMsg?: string
      cold?: boolean
      initMs?: number
      durationMs?: number
      dbCalls?: number
    }
    if (r.status !== 200 || !body.ok)
      throw new InvokeError(body.errCode ?? r.status, body.errMsg ?? JSON.stringify(r.json))
    return {
      result: body.result,
      cold: Boolean(body.cold),
      initMs: body.initMs ?? 0,
      durationMs: body.durationMs ?? 0,
      dbCalls: body.dbCalls ?? 0,
    }
  }

  let stopped: Promise<void> | undefined
  return {
    url: ready.url,
    sdkUrl: ready.sdkUrl,
    envId: ready.envId,
    app,
    pid: child.pid ?? 0,
    adminToken: ready.adminToken,
    dataDir,
    logs,
    invokeDetailed,
    async invoke(fn, event, caller) {
      return (await invokeDetailed(fn, event, caller)).result
    },
    async fireTimer(fn, triggerName) {
      const r = await request('POST', `${ready.url}/__admin/timer`, { fn, trigger: triggerName }, admin)
      const body = r.json as { ok?: boolean; result?: unknown; errCode?: number; errMsg?: string }
      if (!body.ok) throw new InvokeError(body.errCode ?? r.status, body.errMsg ?? JSON.stringify(r.json))
      return body.result
    },
    async outbox() {
      return (await request('GET', `${ready.url}/__admin/outbox`, undefined, admin)).json as unknown[]
    },
    async grantSubscriptions(openid, templateId, count) {
      const r = await request('POST', `${ready.url}/dev/subscriptions`, { openid, templateId, count }, admin)
      if (r.status !== 200) throw new Error(`grantSubscriptions failed: ${JSON.stringify(r.json)}`)
    },
    async coldStart(fn) {
      await request('POST', `${ready.url}/__admin/cold`, { fn }, admin)
    },
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        const done = (): void => {
          fs.rmSync(scratch, { recursive: true, force: true })
          if (ownDataDir) fs.rmSync(dataDir, { recursive: true, force: true })
          resolve()
        }
        if (child.exitCode !== null || child.signalCode !== null) return done()
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000)
        child.once('exit', () => {
          clearTimeout(killer)
          done()
        })
        child.kill('SIGTERM')
      })
      return stopped
    },
  }
}

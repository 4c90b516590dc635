import http from 'node:http'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { Database } from './database'
import { loadCollections } from './collections'
import { Codes, TcbError } from './errors'
import { FunctionRunner } from './functions/runner'
import { DEFAULT_SECCHECK, OpenApis, type SecCheckKeywords } from './openapi'
import { createStaticServer } from './static'
import { Storage } from './storage'
import { Store } from './store'
import { HttpError, jsonBody, readBody, sendJson, sendRaw } from './http-kit'
import { sdkEndpoint } from './sdk-endpoint'
import { gateway } from './gateway'
import { httpFunctionFor, serveHttpFunction } from './http-access'
import { devRoutes, outbox } from './dev-routes'
import * as log from './log'

export { requestShape } from './sdk-endpoint'

export interface EmulatorOptions {
  host?: string
  /** 0 = ephemeral */
  port?: number
  dataDir: string
  functionsDir: string
  collectionsFile: string
  workerFile: string
  staticDir?: string
  envId?: string
  appId?: string
  /** documents to write when the data directory is fresh (first start) */
  seed?: () =>
    Record<string, Array<Record<string, unknown>>> | Promise<Record<string, Array<Record<string, unknown>>>>
  secCheck?: SecCheckKeywords
  /** run timer triggers on their schedule (default true) */
  timers?: boolean
  fsync?: boolean
  adminToken?: string
  functionTimeoutMs?: number
  maxInstancesPerFunction?: number
  /** append the shape (action, key set, value types) of every SDK request to this file (protocol snapshot tests) */
  recordFile?: string
  /** compact the write-ahead log into a snapshot past this size (default 16 MiB) */
  compactBytes?: number
  /** Where the functions' own output goes (npm start: a log file); default this process's stdout. */
  functionLog?: NodeJS.WritableStream
}

export interface Emulator {
  url: string
  sdkUrl: string
  envId: string
  adminToken: string
  seeded: boolean
  runner: FunctionRunner
  db: Database
  openapi: OpenApis
  stop(): Promise<void>
}

export async function startEmulator(opts: EmulatorOptions): Promise<Emulator> {
  const host = opts.host ?? '127.0.0.1'
  const envId = opts.envId ?? 'emulin-local'
  const appId = opts.appId ?? 'wx0000000000emulin'
  const adminToken = opts.adminToken ?? randomBytes(24).toString('hex')
  let baseUrl = ''

  const store = new Store({
    dir: path.join(opts.dataDir, 'db'),
    fsync: opts.fsync,
    compactBytes: opts.compactBytes,
  })
  const db = new Database(store, loadCollections(opts.collectionsFile))
  await db.init()
  let seeded = false
  if (store.fresh && opts.seed) {
    await db.seed(await opts.seed())
    store.compact()
    seeded = true
  }
  const openapi = new OpenApis(db, { appId, secCheck: { ...DEFAULT_SECCHECK, ...opts.secCheck } })
  const storage = new Storage(opts.dataDir, db, envId, () => baseUrl)
  const runner = new FunctionRunner({
    functionsDir: opts.functionsDir,
    envId,
    appId,
    sdkUrl: () => `${baseUrl}/admin`,
    workerFile: opts.workerFile,
    timeoutMs: opts.functionTimeoutMs,
    maxInstancesPerFunction: opts.maxInstancesPerFunction,
    functionLog: opts.functionLog,
  })
  const sessions = db.internal('sessions')
  const handleAdmin = sdkEndpoint({ db, storage, runner, openapi, recordFile: opts.recordFile })
  const { sessionOpenid, invokeForHttp, route: routeApi } = gateway({ appId, runner, storage, sessions })
  const isAdmin = (req: http.IncomingMessage): boolean => req.headers['x-emulator-admin'] === adminToken
  const routeDev = devRoutes({ store, db, openapi, sessions, sessionOpenid, isAdmin })

  const statics = opts.staticDir ? createStaticServer(opts.staticDir) : null
  function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
    if (!statics?.available()) {
      sendRaw(
        res,
        404,
        'text/html; charset=utf-8',
        '<!doctype html><meta charset="utf-8"><p>H5 应用尚未构建（npm run build:h5）。开发页面：<a href="/dev/">/dev/</a></p>',
      )
      return
    }
    statics.serve(req, res, pathname)
  }

  /**
   * `/admin` the SDK's endpoint, `/api/*` the H5 gateway, `/dev/*` the demo's pages, `/__storage/*`
   * the signed upload and download URLs, `/__admin/*` the tests' and benchmarks' controls, a
   * function's `httpPath` (HTTP access service, ./http-access.ts); anything else is the H5 build.
   */
  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const p = url.pathname
    const method = req.method ?? 'GET'
    if (host === '127.0.0.1' || host === 'localhost') {
      const h = String(req.headers.host ?? '').replace(/:\d+$/, '')
      if (h && h !== '127.0.0.1' && h !== 'localhost' && h !== '[::1]')
        throw new HttpError(403, { errCode: 403, errMsg: 'forbidden host' })
    }
    if (p === '/admin' || p === '/admin/') {
      if (method !== 'POST') throw new HttpError(405, { errCode: 405, errMsg: 'POST only' })
      return handleAdmin(req, res)
    }
    if (p.startsWith('/api/')) return routeApi(req, res, url)
    if ((p === '/dev' || p.startsWith('/dev/')) && (await routeDev(req, res, url)) !== 'unhandled') return
    if (p.startsWith('/__storage/')) {
      const m = /^\/__storage\/(upload|file)\/(.+)$/.exec(p)
      const rel = m?.[2] ? decodeURI(m[2]) : ''
      const expires = Number(url.searchParams.get('expires'))
      const sig = url.searchParams.get('sig') ?? ''
      if (m?.[1] === 'upload' && method === 'PUT') {
        if (!storage.verify('put', rel, expires, sig))
          return sendRaw(
            res,
            403,
            'application/xml',
            '<?xml version="1.0" encoding="utf-8"?><Error><Code>AccessDenied</Code><Message>invalid or expired signature</Message><RequestId>local</RequestId><TraceId>local</TraceId></Error>',
          )
        const content = await readBody(req)
        await storage.put(rel, content, undefined)
        return sendRaw(res, 200, 'application/xml', '')
      }
      if (m?.[1] === 'file' && (method === 'GET' || method === 'HEAD')) {
        if (!storage.verify('get', rel, expires, sig))
          return sendRaw(res, 403, 'text/plain; charset=utf-8', 'invalid or expired signature')
        const f = storage.read(rel)
        if (!f) return sendRaw(res, 404, 'text/plain; charset=utf-8', 'not found')
        return sendRaw(res, 200, f.contentType, method === 'HEAD' ? '' : f.content)
      }
      throw new HttpError(404, { errCode: 404, errMsg: 'not found' })
    }
    if (p.startsWith('/__admin/')) {
      if (!isAdmin(req))
        throw new HttpError(403, { errCode: 403, errMsg: 'admin token required (x-emulator-admin)' })
      const body = method === 'POST' ? await jsonBody(req) : {}
      if (p === '/__admin/invoke') {
        const openid = typeof body.openid === 'string' && body.openid ? body.openid : undefined
        const event =
          openid && typeof body.event === 'object' && body.event !== null
            ? { ...(body.event as object), userInfo: { appId, openId: openid } }
            : body.event
        const r = await invokeForHttp(String(body.fn), event, openid, openid ? 'user' : 'admin')
        return sendJson(
          res,
          200,
          r.status === 200 ? { ok: true, result: r.body, ...r.meta } : { ok: false, ...(r.body as object) },
        )
      }
      if (p === '/__admin/timer') {
        const r = await invokeForHttp(
          String(body.fn),
          undefined,
          undefined,
          'timer',
          typeof body.trigger === 'string' ? body.trigger : undefined,
        )
        return sendJson(
          res,
          200,
          r.status === 200 ? { ok: true, result: r.body, ...r.meta } : { ok: false, ...(r.body as object) },
        )
      }
      if (p === '/__admin/cold') {
        runner.coldStart(typeof body.fn === 'string' ? body.fn : undefined)
        return sendJson(res, 200, { ok: true })
      }
      if (p === '/__admin/outbox') return sendJson(res, 200, outbox(db))
      if (p === '/__admin/functions') return sendJson(res, 200, runner.stats())
      throw new HttpError(404, { errCode: 404, errMsg: 'not found' })
    }
    // the HTTP access service's routes (a function's config.json `httpPath`)
    const httpFn = httpFunctionFor(runner, p)
    if (httpFn) return serveHttpFunction(runner, httpFn.name, req, res, url, envId)
    if (method === 'GET' || method === 'HEAD') return serveStatic(req, res, p)
    throw new HttpError(404, { errCode: 404, errMsg: 'not found' })
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      if (e instanceof HttpError) {
        log.error(`${req.method} ${req.url}`, e.status, e.message)
        if (!res.headersSent) sendJson(res, e.status, e.body)
        return
      }
      const err = e instanceof TcbError ? e : new TcbError(Codes.SYS_ERR, (e as Error)?.message ?? String(e))
      log.error(`${req.method} ${req.url}`, err.code, err.message)
      if (!res.headersSent)
        sendJson(
          res,
          err.code === Codes.INVALID_PARAM ? 400 : 500,
          { errCode: err.code, errMsg: err.message },
          { connection: 'close' },
        )
    })
  })
  server.keepAliveTimeout = 5000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 9000, host, () => resolve())
  })
  const addr = server.address() as AddressInfo
  baseUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${addr.port}`
  if (opts.timers !== false) runner.startScheduler()

  let stopping: Promise<void> | undefined
  return {
    url: baseUrl,
    sdkUrl: `${baseUrl}/admin`,
    envId,
    adminToken,
    seeded,
    runner,
    db,
    openapi,
    stop() {
      stopping ??= (async () => {
        await new Promise<void>((r) => {
          server.close(() => r())
          server.closeAllConnections()
        })
        await runner.stop()
        await store.close()
      })()
      return stopping
    },
  }
}

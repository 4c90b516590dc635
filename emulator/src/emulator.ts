import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { Database } from './database'
import { loadCollections } from './collections'
import { Codes, TcbError } from './errors'
import { FunctionRunner } from './functions/runner'
import { decodeCommApiData, encodeCommOpenApiResp } from './protobuf'
import { parseMultipart } from './multipart'
import { DEFAULT_SECCHECK, NO_PERMISSION, OpenApis, type SecCheckKeywords, type WxResponse } from './openapi'
import { createStaticServer } from './static'
import { Storage } from './storage'
import { Store } from './store'
import { codesPage, loginPage, outboxPage, qrcodesPage, type DevCode, type DevUser } from './devpages'
import type { Doc } from './ejson'
import * as log from './log'

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

const MAX_BODY = 16 * 1024 * 1024
/** a client upload (wx.cloud.uploadFile through the H5 gateway) may be at most 10 MB */
const MAX_CLIENT_UPLOAD = 10 * 1024 * 1024

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.errMsg ?? body.message ?? status))
  }
}

/** reads a request body up to 16 MB; a larger one is drained (so the client gets an answer) and refused */
function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooBig = Number(req.headers['content-length'] ?? 0) > MAX_BODY
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) tooBig = true
      if (size > 4 * MAX_BODY) req.destroy()
      if (!tooBig) chunks.push(c)
    })
    req.on('end', () => {
      if (tooBig)
        reject(new TcbError(Codes.INVALID_PARAM, `request payload of ${size} bytes exceeds the 16 MB limit`))
      else resolve(Buffer.concat(chunks))
    })
    req.on('error', reject)
  })
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...extra,
  })
  res.end(text)
}

function sendRaw(
  res: http.ServerResponse,
  status: number,
  contentType: string,
  body: Buffer | string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...extra })
  res.end(body)
}

function bearer(req: http.IncomingMessage): string | undefined {
  const h = req.headers.authorization
  const m = typeof h === 'string' ? /^Bearer\s+(\S+)$/i.exec(h) : null
  return m?.[1]
}

function rolesOf(user: Doc): string[] {
  const grants = Array.isArray(user.grants) ? (user.grants as Array<{ role?: unknown }>) : []
  return [...new Set(grants.map((g) => g.role).filter((r): r is string => typeof r === 'string'))]
}

function devUser(u: Doc): DevUser {
  return {
    id: String(u._id),
    displayName: String(u.displayName ?? u._id),
    openid: String(u.openid ?? ''),
    roles: rolesOf(u),
  }
}

function typeOf(v: unknown): string {
  if (Buffer.isBuffer(v)) return 'bytes'
  if (Array.isArray(v)) return v.length ? `array<${[...new Set(v.map(typeOf))].sort().join('|')}>` : 'array'
  if (v === null) return 'null'
  if (typeof v === 'object') return `{${Object.keys(v).sort().join(',')}}`
  return typeof v
}

/** the non-volatile shape of an SDK request: action, keys and value types (no values) */
export function requestShape(body: Record<string, unknown>): Record<string, unknown> {
  const shape: Record<string, string> = {}
  for (const k of Object.keys(body).sort()) shape[k] = k === 'action' ? String(body[k]) : typeOf(body[k])
  return shape
}

const requestId = (): string => randomBytes(16).toString('hex')

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

  /** the SDK endpoint: one POST per call, `{ action, ... }` */
  async function handleAdmin(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const rid = requestId()
    let action = '(unknown)'
    try {
      const raw = await readBody(req)
      const ctype = String(req.headers['content-type'] ?? '')
      let body: Record<string, unknown>
      if (ctype.startsWith('multipart/form-data')) {
        const parts = parseMultipart(raw, ctype)
        body = {}
        for (const [k, v] of Object.entries(parts)) body[k] = k === 'requestData' ? v : v.toString('utf8')
      } else {
        try {
          body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>
        } catch {
          throw new TcbError(Codes.INVALID_PARAM, 'request body is not valid JSON')
        }
        if (typeof body !== 'object' || body === null || Array.isArray(body))
          throw new TcbError(Codes.INVALID_PARAM, 'request body must be a JSON object')
      }
      if (typeof body.action !== 'string' || !body.action)
        throw new TcbError(Codes.INVALID_PARAM, 'action is required')
      action = body.action
      if (opts.recordFile) fs.appendFileSync(opts.recordFile, JSON.stringify(requestShape(body)) + '\n')
      const inst = runner.byToken(typeof body.sessionToken === 'string' ? body.sessionToken : undefined)
      if (inst?.current) {
        // Round trips per invocation, reported by /__admin/invoke (benchmarks)
        inst.current.sdkCalls = (inst.current.sdkCalls ?? 0) + 1
        if (action.startsWith('database.')) inst.current.dbCalls = (inst.current.dbCalls ?? 0) + 1
      }
      if (action.startsWith('database.'))
        return sendJson(res, 200, { ...(await db.handle(action, body)), requestId: rid })
      if (action.startsWith('storage.'))
        return sendJson(res, 200, { ...(await storage.handle(action, body)), requestId: rid })
      if (action === 'functions.invokeFunction') {
        const name = String(body.function_name ?? '')
        let event: unknown = {}
        if (typeof body.request_data === 'string' && body.request_data) {
          try {
            event = JSON.parse(body.request_data)
          } catch {
            throw new TcbError(Codes.INVALID_PARAM, 'request_data is not valid JSON')
          }
        }
        const r = await runner.invoke(name, event, {
          source: 'function',
          openid: inst?.current?.caller.openid,
        })
        return sendJson(res, 200, { data: { response_data: r.json }, requestId: rid })
      }
      if (action === 'wx.api' || action === 'wx.openApi') {
        const apiName = String(body.apiName ?? '')
        let data: Record<string, unknown> = {}
        if (action === 'wx.api') {
          if (typeof body.requestData === 'string' && body.requestData) {
            try {
              data = JSON.parse(body.requestData) as Record<string, unknown>
            } catch {
              throw new TcbError(Codes.INVALID_PARAM, 'requestData is not valid JSON')
            }
          }
        } else {
          const buf = Buffer.isBuffer(body.requestData)
            ? body.requestData
            : Buffer.from(String(body.requestData ?? ''))
          const decoded = decodeCommApiData(buf)
          for (const p of decoded.pairs) {
            try {
              data[p.key] = JSON.parse(p.value.toString('utf8'))
            } catch {
              data[p.key] = p.value.toString('utf8')
            }
          }
        }
        const denied = (code: number, msg: string): void => {
          log.error(`${action} ${apiName}`, code, msg)
          if (action === 'wx.openApi')
            sendRaw(res, 200, 'application/octet-stream', encodeCommOpenApiResp({ errorCode: code }))
          else sendJson(res, 200, { code, message: msg, requestId: rid })
        }
        if (!inst)
          return denied(
            -604104,
            'illegal source of invocation: open APIs can only be called from a cloud function',
          )
        const allowed = inst.fn.config.permissions?.openapi ?? []
        if (!allowed.includes(apiName))
          return denied(
            NO_PERMISSION,
            `function ${inst.fn.name} has no permission to call ${apiName} (add it to permissions.openapi in its config.json)`,
          )
        const wx: WxResponse = await openapi.call(apiName, data, {
          fn: inst.fn.name,
          openid: inst.current?.caller.openid,
        })
        if (wx.contentType.startsWith('application/json')) {
          const parsed = JSON.parse(wx.body.toString('utf8')) as { errcode?: number; errmsg?: string }
          if (parsed.errcode) log.error(`${action} ${apiName}`, parsed.errcode, parsed.errmsg ?? '')
        }
        if (action === 'wx.openApi')
          return sendRaw(
            res,
            200,
            'application/octet-stream',
            encodeCommOpenApiResp({ respData: wx.body, contentType: wx.contentType, httpCode: 200 }),
          )
        const responseData = wx.contentType.startsWith('application/json')
          ? wx.body.toString('utf8')
          : JSON.stringify({
              errcode: 0,
              errmsg: 'ok',
              contentType: wx.contentType,
              buffer: wx.body.toString('base64'),
            })
        return sendJson(res, 200, { data: { responseData }, requestId: rid })
      }
      throw new TcbError(Codes.INVALID_PARAM, `unsupported action: ${action}`)
    } catch (e) {
      const err = e instanceof TcbError ? e : new TcbError(Codes.SYS_ERR, (e as Error)?.message ?? String(e))
      log.error(action, err.code, err.detail ? `${err.message} (${err.detail})` : err.message)
      if (!res.headersSent) sendJson(res, 200, { code: err.code, message: err.message, requestId: rid })
    }
  }

  async function sessionOpenid(req: http.IncomingMessage): Promise<string> {
    const token = bearer(req)
    const s = token ? sessions.get(token) : undefined
    if (!s || typeof s.openid !== 'string')
      throw new HttpError(401, {
        errCode: 401,
        errMsg: '未登录：请先在 /dev/ 选择一个演示用户（Authorization: Bearer <token>）',
      })
    return s.openid
  }

  function isAdmin(req: http.IncomingMessage): boolean {
    return req.headers['x-emulator-admin'] === adminToken
  }

  /**
   * `POST /api/__upload?cloudPath=<path>` (Bearer, raw file bytes as the body): what
   * `wx.cloud.uploadFile({ cloudPath, filePath })` does for the H5 build — the file is stored as the
   * signed-in user's and the answer is `{ fileID }` (a `cloud://` id like production's).
   */
  async function clientUpload(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const openid = await sessionOpenid(req)
    const cloudPath = url.searchParams.get('cloudPath') ?? ''
    if (!cloudPath) throw new HttpError(400, { errCode: 400, errMsg: 'cloudPath 必填' })
    if (Number(req.headers['content-length'] ?? 0) > MAX_CLIENT_UPLOAD) {
      req.resume()
      throw new HttpError(413, { errCode: 413, errMsg: `文件超过 ${MAX_CLIENT_UPLOAD / 1024 / 1024} MB` })
    }
    const content = await readBody(req)
    if (content.length > MAX_CLIENT_UPLOAD)
      throw new HttpError(413, { errCode: 413, errMsg: `文件超过 ${MAX_CLIENT_UPLOAD / 1024 / 1024} MB` })
    if (content.length === 0) throw new HttpError(400, { errCode: 400, errMsg: '文件内容为空' })
    const ctype = String(req.headers['content-type'] ?? '')
      .split(';')[0]
      ?.trim()
    let r: { fileID: string } | { denied: true }
    try {
      r = await storage.putAsUser(
        cloudPath,
        content,
        ctype && ctype !== 'application/octet-stream' ? ctype : undefined,
        openid,
      )
    } catch (e) {
      throw new HttpError(400, { errCode: 400, errMsg: (e as Error).message })
    }
    if ('denied' in r)
      throw new HttpError(403, { errCode: 403, errMsg: '该路径的文件属于其他用户，不能覆盖' })
    return sendJson(res, 200, { fileID: r.fileID, statusCode: 200 })
  }

  async function jsonBody(req: http.IncomingMessage): Promise<Record<string, unknown>> {
    const raw = await readBody(req)
    if (raw.length === 0) return {}
    try {
      const v = JSON.parse(raw.toString('utf8')) as unknown
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not an object')
      return v as Record<string, unknown>
    } catch {
      throw new HttpError(400, { errCode: 400, errMsg: 'request body must be a JSON object' })
    }
  }

  function users(): Doc[] {
    if (!store.hasCollection('users')) return []
    return [...store.docs('users')]
  }

  async function invokeForHttp(
    fn: string,
    event: unknown,
    openid: string | undefined,
    source: 'user' | 'admin' | 'timer',
    trigger?: string,
  ): Promise<{ status: number; body: unknown; meta: Record<string, unknown> }> {
    try {
      const r =
        source === 'timer'
          ? await runner.fireTimer(fn, trigger)
          : await runner.invoke(fn, event, {
              openid,
              source: source === 'user' ? 'user' : openid ? 'user' : 'admin',
            })
      return {
        status: 200,
        body: JSON.parse(r.json) as unknown,
        meta: {
          cold: r.cold,
          initMs: r.initMs,
          durationMs: r.durationMs,
          requestId: r.requestId,
          sdkCalls: r.sdkCalls ?? 0,
          dbCalls: r.dbCalls ?? 0,
        },
      }
    } catch (e) {
      const err = e instanceof TcbError ? e : new TcbError(Codes.SYS_ERR, String(e))
      log.error(`invoke ${fn}`, err.code, err.message)
      if (err.code === Codes.FUNCTIONS_REQUEST_FAIL && err.message.includes('not found')) {
        return {
          status: 404,
          body: {
            errCode: -501000,
            errMsg: `cloud.callFunction:fail -501000 | errMsg: [ResourceNotFound.Function] FunctionName parameter could not be found (${fn})`,
          },
          meta: {},
        }
      }
      return {
        status: 500,
        body: {
          errCode: -404011,
          errMsg: `cloud.callFunction:fail Error: errCode: -404011 cloud function execution error | errMsg: ${err.message}`,
        },
        meta: {},
      }
    }
  }

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
    if (p === '/api/__tempurl') {
      if (method !== 'POST') throw new HttpError(405, { errCode: 405, errMsg: 'POST only' })
      await sessionOpenid(req)
      const list = (await jsonBody(req)).fileList
      if (!Array.isArray(list) || list.length > 50)
        throw new HttpError(400, { errCode: 400, errMsg: 'fileList 必须是不超过 50 项的数组' })
      const r = await storage.handle('storage.batchGetDownloadUrl', {
        file_list: list.map((fileid) => ({ fileid: String(fileid), max_age: 3600 })),
      })
      const rows = (r.data as { download_list: Array<{ fileID: string; tempFileURL: string; code: string }> })
        .download_list
      return sendJson(res, 200, {
        fileList: rows.map((f) => ({
          fileID: f.fileID,
          tempFileURL: f.tempFileURL,
          status: f.code === 'SUCCESS' ? 0 : 1,
        })),
      })
    }
    if (p === '/api/__upload') {
      if (method !== 'POST') throw new HttpError(405, { errCode: 405, errMsg: 'POST only' })
      return clientUpload(req, res, url)
    }
    if (p.startsWith('/api/')) {
      if (method !== 'POST') throw new HttpError(405, { errCode: 405, errMsg: 'POST only' })
      const openid = await sessionOpenid(req)
      const fn = decodeURIComponent(p.slice('/api/'.length))
      const event = await jsonBody(req)
      const r = await invokeForHttp(fn, { ...event, userInfo: { appId, openId: openid } }, openid, 'user')
      return sendJson(res, r.status, r.body)
    }
    if (p === '/dev' || p === '/dev/')
      return sendRaw(res, 200, 'text/html; charset=utf-8', loginPage(users().map(devUser)), {
        'cache-control': 'no-store',
      })
    if (p === '/dev/users' && method === 'GET') return sendJson(res, 200, users().map(devUser))
    if (p === '/dev/login' && method === 'POST') {
      const { userId } = await jsonBody(req)
      const user = users().find((u) => String(u._id) === userId)
      if (!user || typeof user.openid !== 'string' || !user.openid)
        throw new HttpError(404, { errCode: 404, errMsg: `用户不存在：${String(userId)}` })
      const token = randomBytes(24).toString('hex')
      await sessions.put(token, { openid: user.openid, userId: String(user._id), createdAt: new Date() })
      return sendJson(res, 200, { token, user: devUser(user) })
    }
    if (p === '/dev/logout' && method === 'POST') {
      const token = bearer(req)
      if (token) await sessions.del(token)
      return sendJson(res, 200, { ok: true })
    }
    if (p === '/dev/me' && method === 'GET') {
      const openid = await sessionOpenid(req)
      const user = users().find((u) => u.openid === openid)
      return sendJson(res, 200, user ? devUser(user) : { openid })
    }
    if (p === '/dev/subscriptions' && method === 'POST') {
      const body = await jsonBody(req)
      const openid = isAdmin(req) && typeof body.openid === 'string' ? body.openid : await sessionOpenid(req)
      const ids = Array.isArray(body.templateIds) ? body.templateIds : [body.templateId]
      const count =
        typeof body.count === 'number' && Number.isInteger(body.count) && body.count > 0 ? body.count : 1
      if (!ids.length || ids.some((t) => typeof t !== 'string' || !t))
        throw new HttpError(400, { errCode: 400, errMsg: 'templateId 或 templateIds 必填' })
      if (!isAdmin(req) && ids.length > 3)
        throw new HttpError(400, { errCode: 400, errMsg: 'wx.requestSubscribeMessage 一次最多 3 个模板' })
      const remaining: Record<string, number> = {}
      for (const t of ids as string[]) remaining[t] = await openapi.grant(openid, t, count)
      return sendJson(res, 200, { openid, remaining })
    }
    if (p === '/dev/outbox.json' && method === 'GET') return sendJson(res, 200, outbox())
    if (p === '/dev/outbox' && method === 'GET')
      return sendRaw(res, 200, 'text/html; charset=utf-8', outboxPage(outbox()), {
        'cache-control': 'no-store',
      })
    if (p === '/dev/qrcodes.json' && method === 'GET')
      return sendJson(
        res,
        200,
        qrcodes().map(({ png: _png, ...rest }) => rest),
      )
    if (p === '/dev/codes' && method === 'GET')
      return sendRaw(res, 200, 'text/html; charset=utf-8', codesPage(devCodes()), {
        'cache-control': 'no-store',
      })
    if (p === '/dev/qrcodes' && method === 'GET')
      return sendRaw(res, 200, 'text/html; charset=utf-8', qrcodesPage(qrcodes()), {
        'cache-control': 'no-store',
      })
    const qr = /^\/dev\/qrcodes\/([0-9a-f]+)\.png$/.exec(p)
    if (qr && method === 'GET') {
      const doc = db.internal('qrcodes').get(qr[1] as string)
      if (!doc || typeof doc.png !== 'string') throw new HttpError(404, { errCode: 404, errMsg: 'not found' })
      return sendRaw(res, 200, 'image/png', Buffer.from(doc.png, 'base64'))
    }
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
      if (p === '/__admin/outbox') return sendJson(res, 200, outbox())
      if (p === '/__admin/functions') return sendJson(res, 200, runner.stats())
      throw new HttpError(404, { errCode: 404, errMsg: 'not found' })
    }
    if (method === 'GET' || method === 'HEAD') return serveStatic(req, res, p)
    throw new HttpError(404, { errCode: 404, errMsg: 'not found' })
  }

  function outbox(): Doc[] {
    return db
      .internal('outbox')
      .all()
      .sort((a, b) => Number(a.msgid) - Number(b.msgid))
  }

  /** Live invite codes with the names of their places, community by community. */
  function devCodes(): DevCode[] {
    const all = (name: string) => (store.hasCollection(name) ? [...store.docs(name)] : [])
    const names = (name: string) => new Map(all(name).map((d) => [String(d._id), String(d.name ?? '')]))
    const [communities, grids, buildings] = [names('communities'), names('grids'), names('buildings')]
    const place = (c: Doc) => (c.path ?? {}) as { communityId?: string; gridId?: string }
    return all('invite_codes')
      .filter((c) => c.active === true)
      .map((c) => ({
        community: communities.get(place(c).communityId ?? '') ?? '',
        grid: grids.get(place(c).gridId ?? '') ?? '',
        building: c.target === 'building' ? (buildings.get(String(c.targetId)) ?? '') : null,
        scene: `${c.target === 'building' ? 'b' : 'g'}=${String(c._id)}`,
      }))
      .sort(
        (a, b) =>
          a.community.localeCompare(b.community, 'zh-CN', { numeric: true }) ||
          a.grid.localeCompare(b.grid, 'zh-CN', { numeric: true }) ||
          (a.building ?? '').localeCompare(b.building ?? '', 'zh-CN', { numeric: true }),
      )
  }

  function qrcodes(): Doc[] {
    return db
      .internal('qrcodes')
      .all()
      .sort((a, b) =>
        a.createdAt instanceof Date && b.createdAt instanceof Date
          ? b.createdAt.getTime() - a.createdAt.getTime()
          : 0,
      )
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

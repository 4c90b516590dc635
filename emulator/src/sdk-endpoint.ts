import fs from 'node:fs'
import type http from 'node:http'
import { randomBytes } from 'node:crypto'
import type { Database } from './database'
import { Codes, TcbError } from './errors'
import type { FunctionRunner } from './functions/runner'
import { decodeCommApiData, encodeCommOpenApiResp } from './protobuf'
import { parseMultipart } from './multipart'
import { NO_PERMISSION, type OpenApis, type WxResponse } from './openapi'
import type { Storage } from './storage'
import { readBody, sendJson, sendRaw } from './http-kit'
import * as log from './log'

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

export interface SdkEndpointDeps {
  db: Database
  storage: Storage
  runner: FunctionRunner
  openapi: OpenApis
  /** append the shape of every request to this file (protocol snapshot tests) */
  recordFile?: string
}

/**
 * `POST /admin`, the endpoint `@cloudbase/node-sdk` talks to: one call per request, `{ action, ... }`
 * (JSON, or multipart for uploads and open APIs). `database.*` go to the database, `storage.*` to
 * storage, `functions.invokeFunction` to the runner, `wx.api` / `wx.openApi` to the open APIs (only
 * from inside a function that declares them). Errors are answered as the platform does: 200 with
 * `{ code, message }`.
 */
export function sdkEndpoint(
  deps: SdkEndpointDeps,
): (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> {
  const { db, storage, runner, openapi } = deps
  return async function handleAdmin(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
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
      if (deps.recordFile) fs.appendFileSync(deps.recordFile, JSON.stringify(requestShape(body)) + '\n')
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
}

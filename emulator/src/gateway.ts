import type http from 'node:http'
import { Codes, TcbError } from './errors'
import type { FunctionRunner } from './functions/runner'
import type { InternalCollection } from './internal-collection'
import type { Storage } from './storage'
import { HttpError, bearer, jsonBody, readBody, sendJson } from './http-kit'
import * as log from './log'

/** a client upload (wx.cloud.uploadFile through the H5 gateway) may be at most 10 MB */
const MAX_CLIENT_UPLOAD = 10 * 1024 * 1024

export interface GatewayDeps {
  appId: string
  runner: FunctionRunner
  storage: Storage
  /** the demo sign-ins of `/dev/login`: token → openid */
  sessions: InternalCollection
}

export interface HttpInvocation {
  status: number
  body: unknown
  meta: Record<string, unknown>
}

/**
 * The H5 build's stand-in for `wx.cloud` (`/api/*`, Bearer token of a demo sign-in): a function call
 * is `POST /api/<fn>` with the caller's openid put where the platform puts it, plus
 * `/api/__upload` (`wx.cloud.uploadFile`) and `/api/__tempurl` (`getTempFileURL`). The functions'
 * failures are answered in `wx.cloud.callFunction`'s words.
 */
export function gateway(deps: GatewayDeps): {
  sessionOpenid(req: http.IncomingMessage): Promise<string>
  invokeForHttp(
    fn: string,
    event: unknown,
    openid: string | undefined,
    source: 'user' | 'admin' | 'timer',
    trigger?: string,
  ): Promise<HttpInvocation>
  route(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void>
} {
  const { appId, runner, storage, sessions } = deps

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

  async function invokeForHttp(
    fn: string,
    event: unknown,
    openid: string | undefined,
    source: 'user' | 'admin' | 'timer',
    trigger?: string,
  ): Promise<HttpInvocation> {
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

  /** every path under `/api/` */
  async function route(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const p = url.pathname
    const method = req.method ?? 'GET'
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
    if (method !== 'POST') throw new HttpError(405, { errCode: 405, errMsg: 'POST only' })
    const openid = await sessionOpenid(req)
    const fn = decodeURIComponent(p.slice('/api/'.length))
    const event = await jsonBody(req)
    const r = await invokeForHttp(fn, { ...event, userInfo: { appId, openId: openid } }, openid, 'user')
    return sendJson(res, r.status, r.body)
  }

  return { sessionOpenid, invokeForHttp, route }
}

/**
 * The HTTP access service (HTTP 访问服务): a function whose config.json names an `httpPath` is served
 * at that path and every path under it, as CloudBase's route does (docs/adr/0025-open311.md). The
 * request becomes the platform's integration-request event (`path`, `httpMethod`, `headers`,
 * `queryStringParameters`, `requestContext`, `body`, `isBase64Encoded`); the function's answer is
 * an integration response (`{ statusCode, headers, body, isBase64Encoded }`) or any other value,
 * sent as JSON (a string as text). The caller's address is appended to X-Forwarded-For, as a proxy
 * in front of the function does. The event has no OPENID (HTTP calls carry no WeChat identity).
 */
import type http from 'node:http'
import { randomUUID } from 'node:crypto'
import { Codes, TcbError } from './errors'
import type { FunctionRunner } from './functions/runner'
import { readBody, sendJson, sendRaw } from './http-kit'
import * as log from './log'

/** The function whose access path covers `pathname`, with that path (the longest wins). */
export function httpFunctionFor(
  runner: FunctionRunner,
  pathname: string,
): { name: string; path: string } | null {
  let best: { name: string; path: string } | null = null
  for (const fn of runner.list()) {
    const p = fn.config.httpPath
    if (typeof p !== 'string' || !p) continue
    if ((pathname === p || pathname.startsWith(`${p}/`)) && (!best || p.length > best.path.length))
      best = { name: fn.name, path: p }
  }
  return best
}

export async function serveHttpFunction(
  runner: FunctionRunner,
  name: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  envId: string,
): Promise<void> {
  const raw = await readBody(req)
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v
  const peer = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '')
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${peer}` : peer
  headers['x-forwarded-proto'] = 'http'
  const query: Record<string, string> = {}
  for (const [k, v] of url.searchParams) if (!(k in query)) query[k] = v
  const textual =
    raw.length === 0 ||
    /^(text\/|application\/(json|xml|x-www-form-urlencoded))/.test(headers['content-type'] ?? '')
  const requestId = randomUUID().replace(/-/g, '')
  const event = {
    path: url.pathname,
    httpMethod: req.method ?? 'GET',
    headers,
    queryStringParameters: query,
    requestContext: { requestId, envId, appId: 0, uin: 0 },
    body: textual ? raw.toString('utf8') : raw.toString('base64'),
    isBase64Encoded: !textual,
  }
  let json: string
  try {
    json = (await runner.invoke(name, event, { source: 'http' })).json
  } catch (e) {
    const err = e instanceof TcbError ? e : new TcbError(Codes.SYS_ERR, String(e))
    log.error(`http ${name}`, err.code, err.message)
    return sendJson(res, 502, { errCode: err.code, errMsg: err.message })
  }
  const value = JSON.parse(json) as unknown
  if (
    value &&
    typeof value === 'object' &&
    typeof (value as { statusCode?: unknown }).statusCode === 'number'
  ) {
    const r = value as {
      statusCode: number
      headers?: Record<string, string>
      body?: unknown
      isBase64Encoded?: boolean
    }
    const body =
      typeof r.body === 'string'
        ? r.isBase64Encoded
          ? Buffer.from(r.body, 'base64')
          : r.body
        : r.body === undefined
          ? ''
          : JSON.stringify(r.body)
    const out = Object.fromEntries(
      Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
    )
    return sendRaw(res, r.statusCode, out['content-type'] ?? 'application/json; charset=utf-8', body, out)
  }
  if (typeof value === 'string') return sendRaw(res, 200, 'text/plain; charset=utf-8', value)
  return sendJson(res, 200, value)
}

import type http from 'node:http'
import { Codes, TcbError } from './errors'

const MAX_BODY = 16 * 1024 * 1024

/** an answer other than 200 from one of the emulator's own HTTP routes (gateway, dev pages, admin) */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.errMsg ?? body.message ?? status))
  }
}

/** reads a request body up to 16 MB; a larger one is drained (so the client gets an answer) and refused */
export function readBody(req: http.IncomingMessage): Promise<Buffer> {
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

/** a JSON object body (an empty body is `{}`), or 400 */
export async function jsonBody(req: http.IncomingMessage): Promise<Record<string, unknown>> {
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

export function sendJson(
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

export function sendRaw(
  res: http.ServerResponse,
  status: number,
  contentType: string,
  body: Buffer | string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...extra })
  res.end(body)
}

export function bearer(req: http.IncomingMessage): string | undefined {
  const h = req.headers.authorization
  const m = typeof h === 'string' ? /^Bearer\s+(\S+)$/i.exec(h) : null
  return m?.[1]
}

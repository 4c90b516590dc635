/**
 * The HTTP access service of the local CloudBase (emulator/src/http-access.ts): a function whose
 * config.json names an `httpPath` answers at that path and below it, with the access service's event
 * and integration response; other paths are not its.
 */
import http from 'node:http'
import { startTestEmulator, type TestEmulator } from '../support/emulator'
import { fixtures } from './helpers'

let emu: TestEmulator

beforeAll(async () => {
  emu = await startTestEmulator({ functionsDir: fixtures })
}, 60_000)
afterAll(async () => {
  await emu?.stop()
})

function request(
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(path, emu.url),
      { method, headers, localAddress: '127.0.0.7' },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        )
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

describe('HTTP access service', () => {
  it('hands the function the access service event and answers its integration response', async () => {
    const r = await request('POST', '/hook/v1/items/7?a=1&a=2&b=x', '{"k":1}', {
      'content-type': 'application/json',
      'x-forwarded-for': '203.0.113.9',
    })
    expect(r.status).toBe(200)
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(r.headers['x-hook']).toBe('yes')
    expect(JSON.parse(r.body.toString('utf8'))).toEqual({
      path: '/hook/v1/items/7',
      httpMethod: 'POST',
      query: { a: '1', b: 'x' },
      body: '{"k":1}',
      isBase64Encoded: false,
      // what the client claimed, then the address the proxy saw
      forwardedFor: '203.0.113.9, 127.0.0.7',
      openId: '',
      hasRequestId: true,
    })
  })

  it('serves the path itself, any status, base64 bodies, plain values; not a neighbouring path', async () => {
    expect((await request('GET', '/hook/v1')).status).toBe(200)
    expect((await request('GET', '/hook/v1/x?status=404')).status).toBe(404)
    const png = await request('GET', '/hook/v1?as=binary')
    expect(png.headers['content-type']).toBe('image/png')
    expect([...png.body]).toEqual([137, 80, 78, 71])
    const text = await request('GET', '/hook/v1?as=text')
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8')
    expect(text.body.toString()).toBe('plain words')
    const obj = await request('GET', '/hook/v1?as=object')
    expect(JSON.parse(obj.body.toString())).toMatchObject({ path: '/hook/v1', httpMethod: 'GET' })
    const bin = await request('PUT', '/hook/v1', Buffer.from([0, 1, 2]).toString('latin1'), {
      'content-type': 'application/octet-stream',
    })
    expect(JSON.parse(bin.body.toString())).toMatchObject({ body: 'AAEC', isBase64Encoded: true })
    // /hook/v10 is not under /hook/v1: the H5 build (or its 404 page) answers
    const other = await request('POST', '/hook/v10')
    expect(other.status).toBe(404)
    expect(other.headers['x-hook']).toBeUndefined()
  })

  it('answers 502 when the function fails', async () => {
    const r = await request('GET', '/hook/v1?as=crash')
    expect(r.status).toBe(502)
    expect(r.body.toString()).toMatch(/hook broke/)
  })
})

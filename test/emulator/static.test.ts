/**
 * The H5 app's static files (issue #19): compressed as negotiated, hashed assets cached for a year,
 * index.html revalidated, unknown paths answered with the app. Bytes read back decompressed.
 */
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { fixtures } from './helpers'
import { startTestEmulator, type TestEmulator } from '../support/emulator'
import { cacheControlOf, negotiate } from '../../emulator/src/static'

let emu: TestEmulator
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emulin-static-'))
const APP_JS = `console.log(${JSON.stringify('e睦邻 '.repeat(4000))})\n`
const INDEX = `<!doctype html><meta charset="utf-8"><title>e睦邻</title>${'<!-- padding -->'.repeat(100)}`

function fetchRaw(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      http
        .get(url, { headers }, (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          )
        })
        .on('error', reject)
    },
  )
}

const decode = (body: Buffer, encoding: string | undefined) =>
  encoding === 'br' ? zlib.brotliDecompressSync(body) : encoding === 'gzip' ? zlib.gunzipSync(body) : body

beforeAll(async () => {
  fs.mkdirSync(path.join(dir, 'js'))
  fs.writeFileSync(path.join(dir, 'index.html'), INDEX)
  fs.writeFileSync(path.join(dir, 'js', 'app.0123abcd.js'), APP_JS)
  fs.writeFileSync(path.join(dir, 'js', 'tiny.0123abcd.js'), 'x()')
  fs.writeFileSync(path.join(dir, 'logo.png'), Buffer.alloc(4000, 7))
  emu = await startTestEmulator({ functionsDir: fixtures, seed: {}, staticDir: dir })
}, 60_000)
afterAll(async () => {
  await emu?.stop()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('static H5 files', () => {
  it.each([
    ['br, gzip, deflate', 'br'],
    ['gzip', 'gzip'],
    ['gzip;q=1, br;q=0', 'gzip'],
    ['', undefined],
    ['identity', undefined],
  ])('Accept-Encoding "%s" → %s, same bytes after decoding', async (accept, expected) => {
    const res = await fetchRaw(`${emu.url}/js/app.0123abcd.js`, accept ? { 'accept-encoding': accept } : {})
    expect(res.status).toBe(200)
    expect(res.headers['content-encoding']).toBe(expected)
    expect(res.headers.vary).toBe('Accept-Encoding')
    expect(Number(res.headers['content-length'])).toBe(res.body.length)
    expect(decode(res.body, expected).toString('utf8')).toBe(APP_JS)
    if (expected) expect(res.body.length).toBeLessThan(Buffer.byteLength(APP_JS) / 5)
  })

  it('caches hashed assets for a year and revalidates the app page', async () => {
    const asset = await fetchRaw(`${emu.url}/js/app.0123abcd.js`, { 'accept-encoding': 'br' })
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    const page = await fetchRaw(`${emu.url}/`, { 'accept-encoding': 'gzip' })
    expect(page.headers['cache-control']).toBe('no-cache')
    expect(page.headers['content-encoding']).toBe('gzip')
    expect(decode(page.body, 'gzip').toString('utf8')).toBe(INDEX)
  })

  it('leaves small files and images uncompressed, and answers unknown paths with the app', async () => {
    const tiny = await fetchRaw(`${emu.url}/js/tiny.0123abcd.js`, { 'accept-encoding': 'br' })
    expect(tiny.headers['content-encoding']).toBeUndefined()
    expect(tiny.body.toString()).toBe('x()')
    const png = await fetchRaw(`${emu.url}/logo.png`, { 'accept-encoding': 'br' })
    expect(png.headers['content-encoding']).toBeUndefined()
    expect(png.headers['cache-control']).toBe('public, max-age=300')
    expect(png.body.length).toBe(4000)
    const deep = await fetchRaw(`${emu.url}/pages/me/index`)
    expect(deep.body.toString('utf8')).toBe(INDEX)
    const escape = await fetchRaw(`${emu.url}/..%2f..%2fetc%2fpasswd`)
    expect(escape.body.toString('utf8')).toBe(INDEX)
  })
})

describe('negotiation and cache rules', () => {
  it.each([
    ['br', 'br'],
    ['gzip, br', 'br'],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', 'identity'],
    [undefined, 'identity'],
  ] as const)('%s → %s', (accept, expected) => {
    expect(negotiate(accept)).toBe(expected)
  })
  it.each([
    ['app.97e816bc.js', false, 'public, max-age=31536000, immutable'],
    ['app.css', false, 'public, max-age=300'],
    ['index.html', true, 'no-cache'],
  ])('%s → %s', (file, isIndex, expected) => {
    expect(cacheControlOf(file, isIndex)).toBe(expected)
  })
})

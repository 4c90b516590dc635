/**
 * The H5 app's static files, served the way a CDN would (issue #19): compressed when the browser
 * accepts it (brotli preferred, then gzip; negotiated per request, `Vary: Accept-Encoding`), hashed
 * assets cached for a year (`immutable`: their name changes when their content does), `index.html`
 * revalidated on every load, anything else for 5 minutes. Unknown paths fall back to `index.html`
 * (the app routes by hash). Each file is compressed once per content and kept in memory.
 */
import fs from 'node:fs'
import type http from 'node:http'
import path from 'node:path'
import zlib from 'node:zlib'
import { contentTypeOf } from './storage'

/** Webpack's content-hashed names: `app.1a2b3c4d.js`, `js/100.97e816bc.js`, `css/app.0f1e2d3c.css`. */
const HASHED = /\.[0-9a-f]{8,}\.(?:js|css|woff2?|png|jpe?g|svg|webp)$/
const COMPRESSIBLE = /\.(?:js|css|html|json|svg|txt|map|mjs)$/
/** Below this, compression saves less than the headers cost. */
const MIN_BYTES = 1024

export type Encoding = 'br' | 'gzip' | 'identity'

/** The best encoding the request accepts (q=0 refuses one). */
export function negotiate(acceptEncoding: string | undefined): Encoding {
  const offered = new Map<string, number>()
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    if (!name) continue
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined)
    offered.set(name, q === undefined ? 1 : Number(q))
  }
  const ok = (e: string) => (offered.get(e) ?? offered.get('*') ?? 0) > 0
  if (ok('br')) return 'br'
  if (ok('gzip')) return 'gzip'
  return 'identity'
}

export function cacheControlOf(file: string, isIndex: boolean): string {
  if (isIndex) return 'no-cache'
  return HASHED.test(path.basename(file)) ? 'public, max-age=31536000, immutable' : 'public, max-age=300'
}

interface Cached {
  readonly mtimeMs: number
  readonly size: number
  readonly bodies: Partial<Record<Encoding, Buffer>>
}

export function createStaticServer(dir: string) {
  const root = path.resolve(dir)
  const index = path.join(root, 'index.html')
  const cache = new Map<string, Cached>()

  function bodyOf(file: string, encoding: Encoding): Buffer {
    const stat = fs.statSync(file)
    let entry = cache.get(file)
    if (!entry || entry.mtimeMs !== stat.mtimeMs || entry.size !== stat.size) {
      entry = { mtimeMs: stat.mtimeMs, size: stat.size, bodies: { identity: fs.readFileSync(file) } }
      cache.set(file, entry)
    }
    const plain = entry.bodies.identity as Buffer
    if (encoding === 'identity') return plain
    const ready = entry.bodies[encoding]
    if (ready) return ready
    const packed =
      encoding === 'br'
        ? zlib.brotliCompressSync(plain, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: 10,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: plain.length,
            },
          })
        : zlib.gzipSync(plain, { level: 9 })
    entry.bodies[encoding] = packed
    return packed
  }

  return {
    /** True when there is a built app to serve. */
    available: () => fs.existsSync(index),
    serve(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
      let rel: string
      try {
        rel = decodeURIComponent(pathname)
      } catch {
        rel = pathname
      }
      const file = path.join(root, path.normalize(rel).replace(/^(\.\.[/\\])+/, ''))
      const inside = file.startsWith(root + path.sep)
      const target = inside && fs.existsSync(file) && fs.statSync(file).isFile() ? file : index
      const plainSize = fs.statSync(target).size
      const encoding =
        COMPRESSIBLE.test(target) && plainSize >= MIN_BYTES
          ? negotiate(req.headers['accept-encoding'])
          : 'identity'
      const body = bodyOf(target, encoding)
      const headers: Record<string, string> = {
        'content-type': contentTypeOf(target),
        'content-length': String(body.length),
        'cache-control': cacheControlOf(target, target === index),
      }
      if (COMPRESSIBLE.test(target)) headers.vary = 'Accept-Encoding'
      if (encoding !== 'identity') headers['content-encoding'] = encoding
      res.writeHead(200, headers)
      res.end(req.method === 'HEAD' ? undefined : body)
    },
  }
}

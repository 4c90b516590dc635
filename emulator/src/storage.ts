import fs from 'node:fs'
import path from 'node:path'
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Database } from './database'
import { Codes, TcbError, invalidParam } from './errors'

const BUCKET = 'emulin-local-bucket'

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.csv': 'text/csv; charset=utf-8',
}

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/** Cloud storage: files under <dataDir>/storage, signed upload and temporary download URLs. */
export class Storage {
  private readonly secret = randomBytes(32)
  readonly root: string

  constructor(
    dataDir: string,
    private readonly db: Database,
    private readonly envId: string,
    private readonly baseUrl: () => string,
  ) {
    this.root = path.join(dataDir, 'storage')
    fs.mkdirSync(this.root, { recursive: true })
  }

  private cleanPath(p: unknown): string {
    if (typeof p !== 'string' || !p) throw invalidParam('cloudPath is required')
    const norm = path.posix.normalize(p.replace(/^\/+/, ''))
    if (norm.startsWith('..') || norm.includes('\0') || norm === '.')
      throw invalidParam(`invalid cloudPath ${p}`)
    return norm
  }

  fileId(p: string): string {
    return `cloud://${this.envId}.${BUCKET}/${p}`
  }

  pathOf(fileId: string): string {
    const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId)
    if (!m?.[1]) throw invalidParam(`invalid fileID ${fileId}`)
    return this.cleanPath(m[1])
  }

  sign(purpose: string, p: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${purpose}\n${p}\n${expires}`).digest('hex')
  }

  verify(purpose: string, p: string, expires: number, sig: string): boolean {
    if (!Number.isFinite(expires) || expires < Date.now()) return false
    const want = Buffer.from(this.sign(purpose, p, expires))
    const got = Buffer.from(sig)
    return want.length === got.length && timingSafeEqual(want, got)
  }

  async handle(action: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    switch (action) {
      case 'storage.getUploadMetadata': {
        const p = this.cleanPath(body.path)
        const expires = Date.now() + 15 * 60_000
        const sig = this.sign('put', p, expires)
        const url = `${this.baseUrl()}/__storage/upload/${encodeURI(p)}?expires=${expires}&sig=${sig}`
        return {
          data: {
            url,
            token: '',
            authorization: sig,
            fileId: this.fileId(p),
            cosFileId: randomBytes(8).toString('hex'),
          },
        }
      }
      case 'storage.batchGetDownloadUrl': {
        const list = body.file_list
        if (!Array.isArray(list)) throw invalidParam('file_list must be an array')
        const files = this.db.internal('files')
        return {
          data: {
            download_list: list.map((item: { fileid?: unknown; max_age?: unknown }) => {
              const fileID = String(item.fileid ?? '')
              let p: string
              try {
                p = this.pathOf(fileID)
              } catch {
                return { fileID, tempFileURL: '', code: Codes.INVALID_PARAM }
              }
              if (!files.get(p)) return { fileID, tempFileURL: '', code: Codes.STORAGE_FILE_NONEXIST }
              const maxAge = typeof item.max_age === 'number' && item.max_age > 0 ? item.max_age : 7200
              const expires = Date.now() + maxAge * 1000
              return {
                fileID,
                tempFileURL: `${this.baseUrl()}/__storage/file/${encodeURI(p)}?expires=${expires}&sig=${this.sign('get', p, expires)}`,
                code: 'SUCCESS',
              }
            }),
          },
        }
      }
      case 'storage.batchDeleteFile': {
        const list = body.fileid_list
        if (!Array.isArray(list)) throw invalidParam('fileid_list must be an array')
        const files = this.db.internal('files')
        const out: Array<{ fileID: string; code: string }> = []
        for (const fileID of list.map(String)) {
          let p: string
          try {
            p = this.pathOf(fileID)
          } catch {
            out.push({ fileID, code: Codes.INVALID_PARAM })
            continue
          }
          if (!files.get(p)) {
            out.push({ fileID, code: Codes.STORAGE_FILE_NONEXIST })
            continue
          }
          await files.del(p)
          fs.rmSync(path.join(this.root, p), { force: true })
          out.push({ fileID, code: 'SUCCESS' })
        }
        return { data: { delete_list: out } }
      }
      default:
        throw new TcbError(Codes.INVALID_PARAM, `unsupported action: ${action}`)
    }
  }

  /**
   * A mini-program's own upload (wx.cloud.uploadFile): stored as that user's file. Like the default
   * storage rule (所有用户可读，仅创建者可读写), a path another user already wrote is refused.
   */
  async putAsUser(
    cloudPath: unknown,
    content: Buffer,
    contentType: string | undefined,
    openid: string,
  ): Promise<{ fileID: string } | { denied: true }> {
    const p = this.cleanPath(cloudPath)
    const existing = this.db.internal('files').get(p)
    if (existing && existing.owner !== openid) return { denied: true }
    await this.put(p, content, contentType, openid)
    return { fileID: this.fileId(p) }
  }

  /** stores an uploaded object durably (tmp + fsync + rename) and records it */
  async put(p: string, content: Buffer, contentType: string | undefined, owner?: string): Promise<void> {
    const file = path.join(this.root, p)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`
    const fd = fs.openSync(tmp, 'w')
    try {
      fs.writeSync(fd, content)
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    fs.renameSync(tmp, file)
    await this.db.internal('files').put(p, {
      path: p,
      size: content.length,
      contentType: contentType ?? contentTypeOf(p),
      uploadedAt: new Date(),
      ...(owner ? { owner } : {}),
    })
  }

  read(p: string): { content: Buffer; contentType: string } | undefined {
    const meta = this.db.internal('files').get(p)
    if (!meta) return undefined
    const file = path.join(this.root, p)
    if (!fs.existsSync(file)) return undefined
    return {
      content: fs.readFileSync(file),
      contentType: typeof meta.contentType === 'string' ? meta.contentType : contentTypeOf(p),
    }
  }
}

import fs from 'node:fs'
import path from 'node:path'
import { EJSON } from 'bson'
import { normalize, type Doc } from './ejson'

/** One durable change. `coll` creates a collection (collections are strict: they must exist). */
export type Op =
  | { t: 'put'; c: string; id: string; doc: Doc }
  | { t: 'del'; c: string; id: string }
  | { t: 'coll'; c: string }

interface Waiter {
  resolve: () => void
  reject: (e: Error) => void
}

const key = (c: string, id: string): string => `${c}\u0000${id}`

export interface StoreOptions {
  dir: string
  /** fdatasync every group commit (default true). Without it data still survives `kill -9`, not power loss. */
  fsync?: boolean
  /** compact the log into a snapshot once it grows past this many bytes (default 16 MiB) */
  compactBytes?: number
}

/**
 * Embedded durable document store: the whole data set lives in memory; every commit is appended to a
 * write-ahead log (one canonical-EJSON line per commit, group-committed and fdatasync'ed before the
 * promise resolves); the log is compacted into an atomically renamed snapshot. Recovery = snapshot +
 * log lines with a newer sequence number; a torn last line (never acknowledged) is ignored.
 */
export class Store {
  readonly fresh: boolean
  private readonly colls = new Map<string, Map<string, Doc>>()
  private readonly lastWrite = new Map<string, number>()
  private seqNo = 0
  private readonly pins = new Map<number, number>()
  private undo: Array<{ seq: number; k: string; prev: Doc | undefined }> = []
  private readonly walPath: string
  private readonly snapPath: string
  private readonly lockPath: string
  private lockText = ''
  private fd: number
  private walBytes = 0
  private pending: string[] = []
  private waiters: Waiter[] = []
  private flushing: Promise<void> | null = null
  private closed = false
  private readonly fsync: boolean
  private readonly compactBytes: number

  constructor(opts: StoreOptions) {
    this.fsync = opts.fsync ?? true
    this.compactBytes = opts.compactBytes ?? 16 * 1024 * 1024
    fs.mkdirSync(opts.dir, { recursive: true })
    this.walPath = path.join(opts.dir, 'wal.log')
    this.snapPath = path.join(opts.dir, 'snapshot.jsonl')
    this.lockPath = path.join(opts.dir, 'LOCK')
    this.takeLock()
    this.fresh = !fs.existsSync(this.walPath) && !fs.existsSync(this.snapPath)
    this.recover()
    this.fd = fs.openSync(this.walPath, 'a')
    this.walBytes = fs.fstatSync(this.fd).size
  }

  /**
   * Takes the data directory's LOCK: `{ pid, start, boot }` of this process (start = field 22 of
   * /proc/<pid>/stat, boot = the kernel's boot id), created atomically (link of a complete temp file).
   * A LOCK whose holder is gone is replaced: a pid that no longer exists, a zombie (killed, not yet
   * reaped: `kill -9` then an immediate restart), a pid recycled by another process (different start
   * time) or a LOCK from before a reboot. Without /proc (not Linux) it falls back to `kill(pid, 0)`.
   */
  private takeLock(): void {
    const mine = JSON.stringify(lockInfoOf(process.pid))
    const tmp = `${this.lockPath}.${process.pid}.tmp`
    fs.writeFileSync(tmp, mine)
    try {
      for (let attempt = 0; attempt < 10; attempt++) {
        try {
          fs.linkSync(tmp, this.lockPath)
          this.lockText = mine
          return
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
        }
        let text: string
        try {
          text = fs.readFileSync(this.lockPath, 'utf8')
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue
          throw e
        }
        const holder = parseLock(text)
        if (holder && holderAlive(holder))
          throw new Error(`data directory ${path.dirname(this.lockPath)} is in use by process ${holder.pid}`)
        // stale: move it aside, and put it back if another process replaced it meanwhile
        const aside = `${this.lockPath}.${process.pid}.stale`
        try {
          fs.renameSync(this.lockPath, aside)
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue
          throw e
        }
        const moved = fs.readFileSync(aside, 'utf8')
        if (moved !== text) {
          try {
            fs.linkSync(aside, this.lockPath)
          } catch {
            /* a third process holds it now: the next round decides */
          }
        }
        fs.unlinkSync(aside)
      }
      throw new Error(`data directory ${path.dirname(this.lockPath)}: could not take its LOCK`)
    } finally {
      fs.rmSync(tmp, { force: true })
    }
  }

  private recover(): void {
    let snapSeq = 0
    if (fs.existsSync(this.snapPath)) {
      const lines = fs.readFileSync(this.snapPath, 'utf8').split('\n')
      const header = JSON.parse(lines[0] ?? '{}') as { seq?: number; collections?: string[] }
      snapSeq = header.seq ?? 0
      for (const c of header.collections ?? []) this.colls.set(c, new Map())
      for (let i = 1; i < lines.length; i++) {
        const line = lines[i]
        if (!line) continue
        const rec = normalize(EJSON.parse(line, { relaxed: true }), 0) as { c: string; d: Doc }
        this.colls.get(rec.c)?.set(String(rec.d._id), rec.d)
      }
    }
    this.seqNo = snapSeq
    if (!fs.existsSync(this.walPath)) return
    const text = fs.readFileSync(this.walPath, 'utf8')
    const lines = text.split('\n')
    let goodBytes = 0
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]
      if (line === undefined || line === '') {
        if (i < lines.length - 1) goodBytes += 1
        continue
      }
      let rec: { s: number; ops: Op[] }
      try {
        rec = normalize(EJSON.parse(line, { relaxed: true }), 0) as { s: number; ops: Op[] }
      } catch {
        // torn tail from a crash mid-append: that commit was never acknowledged
        break
      }
      if (i === lines.length - 1) break // no trailing newline: incomplete line, never acknowledged
      goodBytes += Buffer.byteLength(line) + 1
      if (rec.s <= snapSeq) continue
      this.applyOps(rec.ops, rec.s)
      this.seqNo = rec.s
    }
    if (goodBytes < Buffer.byteLength(text)) fs.truncateSync(this.walPath, goodBytes)
  }

  get seq(): number {
    return this.seqNo
  }

  collectionNames(): string[] {
    return [...this.colls.keys()]
  }

  hasCollection(c: string): boolean {
    return this.colls.has(c)
  }

  docs(c: string): IterableIterator<Doc> {
    return (this.colls.get(c) ?? new Map<string, Doc>()).values()
  }

  count(c: string): number {
    return this.colls.get(c)?.size ?? 0
  }

  get(c: string, id: string): Doc | undefined {
    return this.colls.get(c)?.get(id)
  }

  /** sequence number of the last committed write to this document (0 if never written) */
  lastWriteSeq(c: string, id: string): number {
    return this.lastWrite.get(key(c, id)) ?? 0
  }

  /** pins the current state for snapshot reads; call unpin(seq) when done */
  pin(): number {
    this.pins.set(this.seqNo, (this.pins.get(this.seqNo) ?? 0) + 1)
    return this.seqNo
  }

  unpin(seq: number): void {
    const n = (this.pins.get(seq) ?? 0) - 1
    if (n > 0) this.pins.set(seq, n)
    else this.pins.delete(seq)
    if (this.pins.size === 0) this.undo = []
    else {
      const min = Math.min(...this.pins.keys())
      this.undo = this.undo.filter((u) => u.seq > min)
    }
  }

  /** the document as it was right after commit `seq` (requires seq to be pinned) */
  getAt(c: string, id: string, seq: number): Doc | undefined {
    const k = key(c, id)
    for (const u of this.undo) if (u.seq > seq && u.k === k) return u.prev
    return this.get(c, id)
  }

  private applyOps(ops: Op[], seq: number): void {
    const recordUndo = this.pins.size > 0
    for (const op of ops) {
      if (op.t === 'coll') {
        if (!this.colls.has(op.c)) this.colls.set(op.c, new Map())
        continue
      }
      const coll = this.colls.get(op.c)
      if (!coll) throw new Error(`collection ${op.c} missing while applying log`)
      const k = key(op.c, op.id)
      if (recordUndo) this.undo.push({ seq, k, prev: coll.get(op.id) })
      if (op.t === 'put') coll.set(op.id, op.doc)
      else coll.delete(op.id)
      this.lastWrite.set(k, seq)
    }
  }

  /** Applies the ops in memory now; resolves once they are durable in the log. */
  commit(ops: Op[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('store is closed'))
    const seq = this.seqNo + 1
    this.applyOps(ops, seq)
    this.seqNo = seq
    this.pending.push(EJSON.stringify({ s: seq, ops } as unknown as Doc, { relaxed: false }) + '\n')
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ resolve, reject })
      if (!this.flushing) this.flushing = this.flushLoop()
    })
  }

  private async flushLoop(): Promise<void> {
    await new Promise<void>((r) => setImmediate(r))
    while (this.pending.length > 0) {
      const chunk = this.pending.join('')
      const waiters = this.waiters
      this.pending = []
      this.waiters = []
      try {
        await writeAll(this.fd, Buffer.from(chunk))
        if (this.fsync)
          await new Promise<void>((res, rej) => fs.fdatasync(this.fd, (e) => (e ? rej(e) : res())))
        this.walBytes += Buffer.byteLength(chunk)
        for (const w of waiters) w.resolve()
      } catch (e) {
        for (const w of waiters) w.reject(e as Error)
      }
      if (this.pending.length === 0 && this.walBytes > this.compactBytes) this.compact()
    }
    this.flushing = null
  }

  /** Writes an atomic snapshot of everything in memory and truncates the log. */
  compact(): void {
    const tmp = `${this.snapPath}.tmp`
    const fd = fs.openSync(tmp, 'w')
    try {
      const header = JSON.stringify({ seq: this.seqNo, collections: [...this.colls.keys()] }) + '\n'
      fs.writeSync(fd, header)
      let buf: string[] = []
      for (const [c, docs] of this.colls) {
        for (const d of docs.values()) {
          buf.push(EJSON.stringify({ c, d } as unknown as Doc, { relaxed: false }))
          if (buf.length >= 500) {
            fs.writeSync(fd, buf.join('\n') + '\n')
            buf = []
          }
        }
      }
      if (buf.length) fs.writeSync(fd, buf.join('\n') + '\n')
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    fs.renameSync(tmp, this.snapPath)
    try {
      const dfd = fs.openSync(path.dirname(this.snapPath), 'r')
      fs.fsyncSync(dfd)
      fs.closeSync(dfd)
    } catch {
      /* directory fsync is best effort on some filesystems */
    }
    fs.ftruncateSync(this.fd, 0)
    this.walBytes = 0
  }

  async close(): Promise<void> {
    if (this.closed) return
    while (this.flushing) await this.flushing
    this.closed = true
    this.compact()
    fs.closeSync(this.fd)
    try {
      if (fs.readFileSync(this.lockPath, 'utf8') === this.lockText) fs.unlinkSync(this.lockPath)
    } catch {
      /* already gone */
    }
  }
}

interface LockInfo {
  pid: number
  /** process start time, clock ticks since boot (field 22 of /proc/<pid>/stat) */
  start?: string
  boot?: string
}

/** state (field 3) and start time (field 22) of a process; null without /proc, undefined if no such pid */
function procStat(pid: number): { state: string; start: string } | null | undefined {
  let text: string
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch (e) {
    if (!fs.existsSync('/proc/self/stat')) return null
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ESRCH')
      return undefined
    throw e
  }
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ")"
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
  return { state: fields[0] ?? '', start: fields[19] ?? '' }
}

function bootId(): string | undefined {
  try {
    return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()
  } catch {
    return undefined
  }
}

function lockInfoOf(pid: number): LockInfo {
  const stat = procStat(pid)
  return { pid, ...(stat ? { start: stat.start } : {}), ...(stat ? { boot: bootId() } : {}) }
}

/** a LOCK file's holder; older emulators wrote the bare pid */
function parseLock(text: string): LockInfo | undefined {
  const t = text.trim()
  if (/^\d+$/.test(t)) return { pid: Number(t) }
  try {
    const v = JSON.parse(t) as LockInfo
    return Number.isInteger(v.pid) && v.pid > 0 ? v : undefined
  } catch {
    return undefined // torn or foreign: nobody can be holding it
  }
}

function signalable(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function holderAlive(holder: LockInfo): boolean {
  if (holder.pid === process.pid) return false // this very process (a Store reopened after close)
  const stat = procStat(holder.pid)
  // no /proc (not Linux), or no /proc entry (gone, or hidden by a hidepid mount): ask the kernel
  if (stat === null || stat === undefined) return signalable(holder.pid)
  if (stat.state === 'Z' || stat.state === 'X') return false // killed, not yet reaped
  if (holder.boot && holder.boot !== bootId()) return false // the LOCK is from before a reboot
  if (holder.start && holder.start !== stat.start) return false // the pid now belongs to another process
  return true
}

function writeAll(fd: number, buf: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    let off = 0
    const step = (): void => {
      fs.write(fd, buf, off, buf.length - off, null, (err, n) => {
        if (err) return reject(err)
        off += n
        if (off < buf.length) step()
        else resolve()
      })
    }
    step()
  })
}

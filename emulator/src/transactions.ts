import { randomBytes } from 'node:crypto'
import type { Doc } from './ejson'
import { docIdOf } from './database-input'
import { Codes, TcbError, invalidParam } from './errors'
import type { Op, Store } from './store'

type Body = Record<string, unknown>

const TXN_TIMEOUT_MS = 30_000

/** the platform's text when a transaction id is unknown, finished or expired (as node-sdk's own tests expect) */
export const TXN_NOT_EXIST_MESSAGE =
  '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.'

/** One open transaction: it reads the store as of `startSeq` and buffers its writes until commit. */
export interface Txn {
  id: string
  startSeq: number
  writes: Map<string, { c: string; id: string; doc: Doc | undefined }>
  timer: NodeJS.Timeout
}

const wkey = (c: string, id: string): string => `${c}\u0000${id}`

/**
 * The platform's transactions (`database.startTransaction` / `commitTransaction` /
 * `abortTransaction`, and the `transactionId` of a read or write): snapshot reads, single-document
 * operations, first-writer-wins conflicts, a 30 s lifetime. Commits go through `commit`, the
 * database's own durable write (unique indexes included).
 */
export class Transactions {
  private readonly open = new Map<string, Txn>()
  private readonly finished = new Map<string, string>()
  private readonly locks = new Map<string, string>()

  constructor(
    private readonly store: Store,
    private readonly commit: (ops: Op[]) => Promise<void>,
  ) {}

  /** the open transaction a request names, or undefined when it names none */
  of(body: Body): Txn | undefined {
    const id = body.transactionId
    if (id === undefined || id === null || id === '') return undefined
    if (typeof id !== 'string') throw new TcbError(Codes.TXN_FAIL, TXN_NOT_EXIST_MESSAGE)
    const t = this.open.get(id)
    // Committed, aborted, expired, lost to a conflict or never started: the platform says the same
    // thing for all of them (why it ended is kept for the emulator's own log line).
    if (!t) throw new TcbError(Codes.TXN_FAIL, TXN_NOT_EXIST_MESSAGE, this.finished.get(id))
    return t
  }

  /** the one document an operation inside a transaction addresses (by `_id`, never a where query) */
  docId(body: Body, query: Doc, what: string): string {
    const id = docIdOf(query)
    if (
      id === undefined ||
      Object.keys(query).length !== 1 ||
      (body.queryType !== undefined && body.queryType !== 'DOC')
    ) {
      throw invalidParam(
        `${what} inside a transaction must address a single document by _id (where queries are not supported in transactions)`,
      )
    }
    return id
  }

  read(t: Txn, c: string, id: string): Doc | undefined {
    const w = t.writes.get(wkey(c, id))
    if (w) return w.doc
    return this.store.getAt(c, id, t.startSeq)
  }

  /** buffers a write (`undefined` removes); a document written by another since the snapshot aborts */
  write(t: Txn, c: string, id: string, doc: Doc | undefined): void {
    const k = wkey(c, id)
    const holder = this.locks.get(k)
    if ((holder && holder !== t.id) || this.store.lastWriteSeq(c, id) > t.startSeq) {
      // As on the real service (a write conflict aborts a MongoDB transaction): the loser's locks
      // go at once, so the SDK's immediate retry (a new transaction) is not blocked by its own
      // abandoned attempt, which node-sdk never rolls back on a conflict.
      this.end(t.id, 'was aborted by a write conflict')
      throw new TcbError(Codes.TXN_CONFLICT, `write conflict on ${c}/${id}`)
    }
    this.locks.set(k, t.id)
    t.writes.set(k, { c, id, doc })
  }

  start(): string {
    const id = randomBytes(16).toString('hex')
    const startSeq = this.store.pin()
    const timer = setTimeout(
      () => this.end(id, 'expired (transactions must commit or abort within 30 s)'),
      TXN_TIMEOUT_MS,
    )
    timer.unref()
    this.open.set(id, { id, startSeq, writes: new Map(), timer })
    return id
  }

  async commitTxn(body: Body): Promise<void> {
    const t = this.of(body)
    if (!t) throw new TcbError(Codes.TXN_FAIL, 'transactionId is required')
    for (const w of t.writes.values()) {
      if (this.store.lastWriteSeq(w.c, w.id) > t.startSeq) {
        this.end(t.id, 'was aborted by a write conflict')
        throw new TcbError(Codes.TXN_CONFLICT, `write conflict on ${w.c}/${w.id}`)
      }
    }
    const ops: Op[] = [...t.writes.values()].map((w) =>
      w.doc ? { t: 'put', c: w.c, id: w.id, doc: w.doc } : { t: 'del', c: w.c, id: w.id },
    )
    try {
      if (ops.length) await this.commit(ops)
    } finally {
      this.end(t.id, 'is already committed')
    }
  }

  abortTxn(body: Body): void {
    const t = this.of(body)
    if (!t) throw new TcbError(Codes.TXN_FAIL, 'transactionId is required')
    this.end(t.id, 'is already aborted')
  }

  private end(id: string, why: string): void {
    const t = this.open.get(id)
    if (!t) return
    clearTimeout(t.timer)
    for (const k of t.writes.keys()) if (this.locks.get(k) === id) this.locks.delete(k)
    this.open.delete(id)
    this.store.unpin(t.startSeq)
    this.finished.set(id, why)
    if (this.finished.size > 1000) {
      const first = this.finished.keys().next().value
      if (first !== undefined) this.finished.delete(first)
    }
  }
}

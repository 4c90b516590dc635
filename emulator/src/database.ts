import { randomBytes } from 'node:crypto'
import { update as mingoUpdate } from 'mingo/updater'
import type { AnyObject, Options } from 'mingo/types'
import { clone, isPlainObject, newId, parseEJSON, parseEJSONObject, toEJSON, type Doc } from './ejson'
import { Codes, TcbError, invalidParam } from './errors'
import type { CollectionDecl, IndexDecl } from './collections'
import type { Op, Store } from './store'
import { Aggregator, Query, context as mingoContext } from './mingo-context'
import {
  UPDATE_OPERATORS,
  STAGES,
  isObjectId,
  objectIdRefused,
  assertSupported,
  assertStorable,
  mingoError,
  optionalInt,
} from './database-input'
import { InternalCollection } from './internal-collection'

type Body = Record<string, unknown>
type Reply = Record<string, unknown>

export const INTERNAL_PREFIX = '__emu_'
const DEFAULT_LIMIT = 100
const MAX_LIMIT = 1000
const AGGREGATE_DEFAULT_LIMIT = 20
const TXN_TIMEOUT_MS = 30_000

/** the platform's text when a transaction id is unknown, finished or expired (as node-sdk's own tests expect) */
export const TXN_NOT_EXIST_MESSAGE =
  '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.'

const MINGO_OPTS: Partial<Options> = { idKey: '_id', scriptEnabled: false, useStrictMode: true }

interface UniqueIndex {
  decl: IndexDecl
  map: Map<string, string>
}

interface Txn {
  id: string
  startSeq: number
  writes: Map<string, { c: string; id: string; doc: Doc | undefined }>
  timer: NodeJS.Timeout
}

const wkey = (c: string, id: string): string => `${c}\u0000${id}`

function getPath(doc: unknown, path: string): unknown {
  let cur: unknown = doc
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[part]
  }
  return cur
}

/** The database half of the CloudBase protocol (`database.*` actions) on top of the durable store. */
export class Database {
  private readonly unique = new Map<string, UniqueIndex[]>()
  private readonly txns = new Map<string, Txn>()
  private readonly finishedTxns = new Map<string, string>()
  private readonly locks = new Map<string, string>()

  constructor(
    private readonly store: Store,
    private readonly decls: CollectionDecl[],
  ) {}

  /** creates declared collections that don't exist yet and builds unique index maps */
  async init(): Promise<void> {
    const missing = this.decls.filter((d) => !this.store.hasCollection(d.name))
    if (missing.length) await this.store.commit(missing.map((d) => ({ t: 'coll', c: d.name }) as Op))
    for (const d of this.decls) {
      const ixs = d.indexes.filter((i) => i.unique).map((decl) => ({ decl, map: new Map<string, string>() }))
      if (!ixs.length) continue
      this.unique.set(d.name, ixs)
      for (const doc of this.store.docs(d.name)) {
        for (const ix of ixs) {
          const k = this.indexKey(ix.decl, doc)
          if (k !== undefined) ix.map.set(k, String(doc._id))
        }
      }
    }
  }

  /** inserts seed documents (collections are created as needed); used on a fresh data directory */
  async seed(data: Record<string, Array<Record<string, unknown>>>): Promise<void> {
    const ops: Op[] = []
    for (const c of Object.keys(data)) if (!this.store.hasCollection(c)) ops.push({ t: 'coll', c })
    if (ops.length) await this.store.commit(ops)
    for (const [c, docs] of Object.entries(data)) {
      const puts: Op[] = docs.map((d) => {
        const doc = clone(d) as Doc
        const id = typeof doc._id === 'string' ? doc._id : newId()
        doc._id = id
        return { t: 'put', c, id, doc }
      })
      await this.commitOps(puts)
    }
  }

  private indexKey(ix: IndexDecl, doc: Doc): string | undefined {
    const values = ix.keys.map((k) => getPath(doc, k.field))
    if (ix.sparse && values.every((v) => v === undefined)) return undefined
    return toEJSON(values.map((v) => (v === undefined ? null : v)))
  }

  /** validates unique indexes and duplicate ids, then commits durably */
  async commitOps(ops: Op[]): Promise<void> {
    const undo: Array<() => void> = []
    try {
      for (const op of ops) {
        if (op.t === 'coll') continue
        const ixs = this.unique.get(op.c) ?? []
        const old = this.store.get(op.c, op.id)
        for (const ix of ixs) {
          if (old) {
            const k = this.indexKey(ix.decl, old)
            if (k !== undefined && ix.map.get(k) === op.id) {
              ix.map.delete(k)
              undo.push(() => ix.map.set(k, op.id))
            }
          }
          if (op.t === 'put') {
            const k = this.indexKey(ix.decl, op.doc)
            if (k === undefined) continue
            const owner = ix.map.get(k)
            if (owner !== undefined && owner !== op.id) {
              throw new TcbError(
                Codes.DB_REQUEST_FAILED,
                `E11000 duplicate key error collection: ${op.c} index: ${ix.decl.name} dup key: ${k}`,
              )
            }
            ix.map.set(k, op.id)
            undo.push(() => (owner === undefined ? ix.map.delete(k) : ix.map.set(k, owner)))
          }
        }
      }
    } catch (e) {
      for (const u of undo.reverse()) u()
      throw e
    }
    await this.store.commit(ops)
  }

  private assertCollection(c: unknown): string {
    if (typeof c !== 'string' || !c) throw invalidParam('collectionName is required')
    if (c.startsWith(INTERNAL_PREFIX) || !this.store.hasCollection(c)) {
      throw new TcbError(
        Codes.COLLECTION_NOT_EXIST,
        `[ResourceNotFound] Db or Table not exist: ${c}. Please check your request, but if the problem persists, contact us.`,
      )
    }
    return c
  }

  private parseQuery(body: Body, now: number): Doc {
    const q = body.query
    if (q === undefined || q === null || q === '') return {}
    const query = parseEJSONObject(q, 'query', now)
    assertSupported(query, 'query')
    return query
  }

  private docIdOf(query: Doc): string | undefined {
    const id = query._id
    if (typeof id === 'string') return id
    if (typeof id === 'number') return String(id)
    return undefined
  }

  /** documents matching the query, in natural (insertion) order */
  private match(c: string, query: Doc): Doc[] {
    const id = this.docIdOf(query)
    if (id !== undefined && Object.keys(query).length === 1) {
      const d = this.store.get(c, id)
      return d ? [d] : []
    }
    try {
      const q = new Query(query as AnyObject, MINGO_OPTS)
      const out: Doc[] = []
      for (const d of this.store.docs(c)) if (q.test(d as AnyObject)) out.push(d)
      return out
    } catch (e) {
      throw mingoError(e, 'query')
    }
  }

  async handle(action: string, body: Body): Promise<Reply> {
    const now = Date.now()
    switch (action) {
      case 'database.addCollection':
        return this.addCollection(body)
      case 'database.getDocument':
        return this.getDocument(body, now)
      case 'database.calculateDocument':
        return this.calculate(body, now)
      case 'database.insertDocument':
        return this.insert(body, now)
      case 'database.modifyDocument':
        return this.modify(body, now)
      case 'database.removeDocument':
        return this.remove(body, now)
      case 'database.aggregateDocuments':
        return this.aggregate(body, now)
      case 'database.modifyAndReturnDoc':
        return this.modifyAndReturn(body, now)
      case 'database.startTransaction':
        return this.startTxn()
      case 'database.commitTransaction':
        return this.commitTxn(body)
      case 'database.abortTransaction':
        return this.abortTxn(body)
      default:
        throw invalidParam(`unsupported action: ${action}`)
    }
  }

  private async addCollection(body: Body): Promise<Reply> {
    const c = body.collectionName
    if (typeof c !== 'string' || !/^[A-Za-z_][A-Za-z0-9_-]{0,127}$/.test(c) || c.startsWith(INTERNAL_PREFIX))
      throw invalidParam('invalid collectionName')
    if (this.store.hasCollection(c))
      throw new TcbError(Codes.COLLECTION_ALREADY_EXIST, `collection ${c} already exists`)
    await this.store.commit([{ t: 'coll', c }])
    return {}
  }

  private txnOf(body: Body): Txn | undefined {
    const id = body.transactionId
    if (id === undefined || id === null || id === '') return undefined
    if (typeof id !== 'string') throw new TcbError(Codes.TXN_FAIL, TXN_NOT_EXIST_MESSAGE)
    const t = this.txns.get(id)
    // Committed, aborted, expired, lost to a conflict or never started: the platform says the same
    // thing for all of them (why it ended is kept for the emulator's own log line).
    if (!t) throw new TcbError(Codes.TXN_FAIL, TXN_NOT_EXIST_MESSAGE, this.finishedTxns.get(id))
    return t
  }

  private txnDocId(body: Body, query: Doc, what: string): string {
    const id = this.docIdOf(query)
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

  private txnRead(t: Txn, c: string, id: string): Doc | undefined {
    const w = t.writes.get(wkey(c, id))
    if (w) return w.doc
    return this.store.getAt(c, id, t.startSeq)
  }

  private txnWrite(t: Txn, c: string, id: string, doc: Doc | undefined): void {
    const k = wkey(c, id)
    const holder = this.locks.get(k)
    if ((holder && holder !== t.id) || this.store.lastWriteSeq(c, id) > t.startSeq) {
      // As on the real service (a write conflict aborts a MongoDB transaction): the loser's locks
      // go at once, so the SDK's immediate retry (a new transaction) is not blocked by its own
      // abandoned attempt, which node-sdk never rolls back on a conflict.
      this.endTxn(t.id, 'was aborted by a write conflict')
      throw new TcbError(Codes.TXN_CONFLICT, `write conflict on ${c}/${id}`)
    }
    this.locks.set(k, t.id)
    t.writes.set(k, { c, id, doc })
  }

  private project(docs: Doc[], projection: unknown): Doc[] {
    if (projection === undefined || projection === null || projection === '') return docs
    const p = typeof projection === 'string' ? parseEJSONObject(projection, 'projection') : projection
    if (!isPlainObject(p) || Object.keys(p).length === 0) return docs
    try {
      return new Query({}, MINGO_OPTS).find(docs as AnyObject[], p as AnyObject).all() as Doc[]
    } catch (e) {
      throw mingoError(e, 'projection')
    }
  }

  private getDocument(body: Body, now: number): Reply {
    const c = this.assertCollection(body.collectionName)
    const query = this.parseQuery(body, now)
    const t = this.txnOf(body)
    if (t) {
      const id = this.txnDocId(body, query, 'get')
      const d = this.txnRead(t, c, id)
      return { data: { list: this.project(d ? [d] : [], body.projection).map(toEJSON) } }
    }
    let docs = this.match(c, query)
    const orderRaw = body.order
    if (orderRaw !== undefined && orderRaw !== '' && orderRaw !== null) {
      const order = parseEJSON(orderRaw, 'order')
      const spec: Record<string, 1 | -1> = {}
      if (Array.isArray(order)) {
        for (const o of order as Array<{ field?: unknown; direction?: unknown }>) {
          if (typeof o.field === 'string')
            spec[o.field] = o.direction === 'desc' || o.direction === -1 ? -1 : 1
        }
      } else if (isPlainObject(order)) {
        for (const [f, d] of Object.entries(order)) spec[f] = d === -1 || d === 'desc' ? -1 : 1
      } else throw invalidParam('order must be an object')
      if (Object.keys(spec).length) {
        try {
          docs = new Query({}, MINGO_OPTS)
            .find(docs as AnyObject[])
            .sort(spec)
            .all() as Doc[]
        } catch (e) {
          throw mingoError(e, 'order')
        }
      }
    }
    const offset = optionalInt(body.offset, 'offset') ?? 0
    const limit = Math.min(optionalInt(body.limit, 'limit') ?? DEFAULT_LIMIT, MAX_LIMIT)
    const page = docs.slice(offset, offset + (limit === 0 ? DEFAULT_LIMIT : limit))
    return { data: { list: this.project(page, body.projection).map(toEJSON) } }
  }

  private calculate(body: Body, now: number): Reply {
    const c = this.assertCollection(body.collectionName)
    const query = this.parseQuery(body, now)
    if (Object.keys(query).length === 0) return { data: { total: this.store.count(c) } }
    return { data: { total: this.match(c, query).length } }
  }

  private async insert(body: Body, now: number): Promise<Reply> {
    const c = this.assertCollection(body.collectionName)
    const raw = body.data
    if (!Array.isArray(raw) || raw.length === 0)
      throw invalidParam('data must be a non-empty array of documents')
    const docs = raw.map((r, i) => parseEJSONObject(r, `data[${i}]`, now))
    const ids: string[] = []
    const seen = new Set<string>()
    const t = this.txnOf(body)
    if (t && docs.length > 1)
      throw invalidParam(
        'add inside a transaction takes one document (transactions are single-document operations)',
      )
    const ops: Op[] = []
    for (const doc of docs) {
      if (doc._id === undefined || doc._id === null) doc._id = newId()
      if (isObjectId(doc._id)) throw objectIdRefused('_id')
      if (typeof doc._id !== 'string' && typeof doc._id !== 'number')
        throw invalidParam('_id must be a string')
      assertStorable(doc, '')
      const id = String(doc._id)
      if (doc._id !== id) doc._id = id
      const exists = t
        ? this.txnRead(t, c, id) !== undefined || this.store.get(c, id) !== undefined
        : this.store.get(c, id) !== undefined
      if (seen.has(id) || exists) {
        throw new TcbError(
          Codes.DB_REQUEST_FAILED,
          `E11000 duplicate key error collection: ${c} index: _id_ dup key: { _id: "${id}" }`,
        )
      }
      seen.add(id)
      ids.push(id)
      ops.push({ t: 'put', c, id, doc })
    }
    if (t) {
      for (const op of ops) if (op.t === 'put') this.txnWrite(t, c, op.id, op.doc)
      return { data: { insertedIds: ids } }
    }
    await this.commitOps(ops)
    return { data: { insertedIds: ids } }
  }

  /** computes the new version of one document; returns undefined when nothing changed */
  private applyUpdate(
    old: Doc | undefined,
    id: string,
    data: Doc,
    merge: boolean,
    query: Doc,
    now: number,
  ): { doc: Doc; changed: boolean } {
    const keys = Object.keys(data)
    const hasOps = keys.some((k) => k.startsWith('$'))
    if (!merge || !hasOps) {
      if (keys.some((k) => k.startsWith('$')))
        throw invalidParam('replacement document must not contain update operators')
      if (!merge) {
        const doc: Doc = { ...clone(data), _id: id }
        assertStorable(doc, '')
        return { doc, changed: toEJSON(doc) !== (old ? toEJSON(old) : '') }
      }
    }
    const modifier: Doc = hasOps ? data : { $set: data }
    for (const k of Object.keys(modifier)) {
      if (!UPDATE_OPERATORS.has(k))
        throw new TcbError(Codes.DB_INVALID_OPERATOR, `unsupported update operator ${k}`)
    }
    assertSupported(modifier, 'update')
    const base: Doc = old ? clone(old) : { _id: id }
    const { $setOnInsert, ...rest } = modifier
    if (!old && isPlainObject($setOnInsert))
      Object.assign(rest, { $set: { ...(isPlainObject(rest.$set) ? rest.$set : {}), ...$setOnInsert } })
    let changedPaths: string[]
    try {
      changedPaths = Object.keys(rest).length
        ? mingoUpdate(
            base as AnyObject,
            rest as never,
            undefined,
            Object.keys(query).length ? (query as AnyObject) : undefined,
            {
              cloneMode: 'deep',
              queryOptions: { ...MINGO_OPTS, context: mingoContext, now: new Date(now) } as Partial<Options>,
            },
          )
        : []
    } catch (e) {
      throw mingoError(e, 'update')
    }
    if (base._id !== id) throw invalidParam('_id cannot be updated')
    assertStorable(base, '')
    return { doc: base, changed: changedPaths.length > 0 || !old }
  }

  private async modify(body: Body, now: number): Promise<Reply> {
    const c = this.assertCollection(body.collectionName)
    const query = this.parseQuery(body, now)
    const data = parseEJSONObject(body.data, 'data', now)
    if ('_id' in data && !Object.keys(data).some((k) => k.startsWith('$'))) delete data._id
    const merge = body.merge !== false
    const upsert = body.upsert === true
    const multi = body.multi !== false && body.queryType !== 'DOC'
    const t = this.txnOf(body)
    if (t) {
      const id = this.txnDocId(body, query, 'update')
      const old = this.txnRead(t, c, id)
      if (!old && !upsert) return { data: { updated: 0 } }
      const { doc, changed } = this.applyUpdate(old, id, data, merge, query, now)
      if (changed) this.txnWrite(t, c, id, doc)
      // set() replaces an existing document: the platform counts it as updated even when nothing changed
      return { data: old ? { updated: changed || !merge ? 1 : 0 } : { updated: 0, upsert_id: id } }
    }
    const targets = this.match(c, query)
    const chosen = multi ? targets : targets.slice(0, 1)
    if (chosen.length === 0 && upsert) {
      const id = this.docIdOf(query) ?? newId()
      const seedFields: Doc = {}
      for (const [k, v] of Object.entries(query))
        if (!k.startsWith('$') && !(isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))))
          seedFields[k] = v
      const { doc } = this.applyUpdate(undefined, id, data, merge, {}, now)
      const full = merge ? { ...seedFields, ...doc, _id: id } : doc
      assertStorable(full, '')
      await this.commitOps([{ t: 'put', c, id, doc: full }])
      return { data: { updated: 0, upsert_id: id } }
    }
    const ops: Op[] = []
    for (const old of chosen) {
      const id = String(old._id)
      const { doc, changed } = this.applyUpdate(old, id, data, merge, query, now)
      if (changed) ops.push({ t: 'put', c, id, doc })
    }
    if (ops.length) await this.commitOps(ops)
    // set() (merge: false) replaces: it counts every existing document it addressed, changed or not
    return { data: { updated: merge ? ops.length : chosen.length } }
  }

  private async modifyAndReturn(body: Body, now: number): Promise<Reply> {
    const c = this.assertCollection(body.collectionName)
    const query = this.parseQuery(body, now)
    const data = parseEJSONObject(body.data, 'data', now)
    const t = this.txnOf(body)
    if (t) {
      const id = this.txnDocId({ ...body, queryType: 'DOC' }, query, 'updateAndReturn')
      const old = this.txnRead(t, c, id)
      if (!old) return { data: { updated: 0, doc: null } }
      const { doc, changed } = this.applyUpdate(old, id, data, true, query, now)
      if (changed) this.txnWrite(t, c, id, doc)
      return { data: { updated: changed ? 1 : 0, doc: toEJSON(doc) } }
    }
    const old = this.match(c, query)[0]
    if (!old) return { data: { updated: 0, doc: null } }
    const id = String(old._id)
    const { doc, changed } = this.applyUpdate(old, id, data, true, query, now)
    if (changed) await this.commitOps([{ t: 'put', c, id, doc }])
    return { data: { updated: changed ? 1 : 0, doc: toEJSON(changed ? doc : old) } }
  }

  private async remove(body: Body, now: number): Promise<Reply> {
    const c = this.assertCollection(body.collectionName)
    const query = this.parseQuery(body, now)
    const t = this.txnOf(body)
    if (t) {
      const id = this.txnDocId(body, query, 'remove')
      const old = this.txnRead(t, c, id)
      if (!old) return { data: { deleted: 0 } }
      this.txnWrite(t, c, id, undefined)
      return { data: { deleted: 1 } }
    }
    const multi = body.multi !== false && body.queryType !== 'DOC'
    const targets = this.match(c, query)
    const chosen = multi ? targets : targets.slice(0, 1)
    if (chosen.length) await this.commitOps(chosen.map((d) => ({ t: 'del', c, id: String(d._id) }) as Op))
    return { data: { deleted: chosen.length } }
  }

  private aggregate(body: Body, now: number): Reply {
    const c = this.assertCollection(body.collectionName)
    const stages = body.stages
    if (!Array.isArray(stages)) throw invalidParam('stages must be an array')
    const pipeline: AnyObject[] = []
    let hasLimit = false
    for (const [i, s] of stages.entries()) {
      const st = s as { stageKey?: unknown; stageValue?: unknown }
      const k = typeof st.stageKey === 'string' ? st.stageKey : ''
      const key = k.startsWith('$') ? k : `$${k}`
      if (key === '$geoNear')
        throw new TcbError(
          Codes.DB_INVALID_OPERATOR,
          'unsupported stage $geoNear: geo queries are not available in the local emulator',
        )
      if (!STAGES.has(key))
        throw new TcbError(Codes.DB_INVALID_OPERATOR, `unsupported aggregation stage ${k || '(empty)'}`)
      const value =
        typeof st.stageValue === 'string' ? parseEJSON(st.stageValue, `stages[${i}]`, now) : st.stageValue
      assertSupported(value, `stage ${key}`)
      if (key === '$lookup' && isPlainObject(value)) this.assertCollection(value.from)
      if (key === '$limit') hasLimit = true
      pipeline.push({ [key]: value })
    }
    if (!hasLimit) pipeline.push({ $limit: AGGREGATE_DEFAULT_LIMIT })
    try {
      const agg = new Aggregator(pipeline, {
        ...MINGO_OPTS,
        processingMode: 1 /* CLONE_INPUT */,
        collectionResolver: (name: string) => [...this.store.docs(name)] as AnyObject[],
      } as Partial<Options>)
      const out = agg.run([...this.store.docs(c)] as AnyObject[]) as Doc[]
      return { data: { list: out.map(toEJSON) } }
    } catch (e) {
      throw mingoError(e, 'aggregate')
    }
  }

  private startTxn(): Reply {
    const id = randomBytes(16).toString('hex')
    const startSeq = this.store.pin()
    const timer = setTimeout(
      () => this.endTxn(id, 'expired (transactions must commit or abort within 30 s)'),
      TXN_TIMEOUT_MS,
    )
    timer.unref()
    this.txns.set(id, { id, startSeq, writes: new Map(), timer })
    return { transactionId: id }
  }

  private endTxn(id: string, why: string): void {
    const t = this.txns.get(id)
    if (!t) return
    clearTimeout(t.timer)
    for (const k of t.writes.keys()) if (this.locks.get(k) === id) this.locks.delete(k)
    this.txns.delete(id)
    this.store.unpin(t.startSeq)
    this.finishedTxns.set(id, why)
    if (this.finishedTxns.size > 1000) {
      const first = this.finishedTxns.keys().next().value
      if (first !== undefined) this.finishedTxns.delete(first)
    }
  }

  private async commitTxn(body: Body): Promise<Reply> {
    const t = this.txnOf(body)
    if (!t) throw new TcbError(Codes.TXN_FAIL, 'transactionId is required')
    for (const w of t.writes.values()) {
      if (this.store.lastWriteSeq(w.c, w.id) > t.startSeq) {
        this.endTxn(t.id, 'was aborted by a write conflict')
        throw new TcbError(Codes.TXN_CONFLICT, `write conflict on ${w.c}/${w.id}`)
      }
    }
    const ops: Op[] = [...t.writes.values()].map((w) =>
      w.doc ? { t: 'put', c: w.c, id: w.id, doc: w.doc } : { t: 'del', c: w.c, id: w.id },
    )
    try {
      if (ops.length) await this.commitOps(ops)
    } finally {
      this.endTxn(t.id, 'is already committed')
    }
    return {}
  }

  private abortTxn(body: Body): Reply {
    const t = this.txnOf(body)
    if (!t) throw new TcbError(Codes.TXN_FAIL, 'transactionId is required')
    this.endTxn(t.id, 'is already aborted')
    return {}
  }

  /** internal (emulator-only) collections for outbox, grants, sessions, files */
  internal(name: string): InternalCollection {
    return new InternalCollection(this, this.store, `${INTERNAL_PREFIX}${name}`)
  }
}

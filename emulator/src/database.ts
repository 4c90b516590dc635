import type { AnyObject, Options } from 'mingo/types'
import { clone, isPlainObject, newId, parseEJSON, parseEJSONObject, toEJSON, type Doc } from './ejson'
import { Codes, TcbError, invalidParam } from './errors'
import type { CollectionDecl } from './collections'
import type { Op, Store } from './store'
import { Aggregator, MINGO_OPTS, Query } from './mingo-context'
import {
  STAGES,
  isObjectId,
  objectIdRefused,
  assertSupported,
  assertStorable,
  mingoError,
  optionalInt,
  docIdOf,
} from './database-input'
import { applyUpdate } from './database-update'
import { InternalCollection } from './internal-collection'
import { Transactions } from './transactions'
import { UniqueIndexes } from './unique-indexes'

export { TXN_NOT_EXIST_MESSAGE } from './transactions'

type Body = Record<string, unknown>
type Reply = Record<string, unknown>

export const INTERNAL_PREFIX = '__emu_'
const DEFAULT_LIMIT = 100
const MAX_LIMIT = 1000
const AGGREGATE_DEFAULT_LIMIT = 20

/**
 * The database half of the CloudBase protocol (`database.*` actions) on top of the durable store.
 * Transactions (`transactions.ts`) and unique indexes (`unique-indexes.ts`) are its two helpers;
 * every durable write goes through `commitOps`.
 */
export class Database {
  private readonly unique: UniqueIndexes
  private readonly txns: Transactions

  constructor(
    private readonly store: Store,
    private readonly decls: CollectionDecl[],
  ) {
    this.unique = new UniqueIndexes(store)
    this.txns = new Transactions(store, (ops) => this.commitOps(ops))
  }

  /** creates declared collections that don't exist yet and builds unique index maps */
  async init(): Promise<void> {
    const missing = this.decls.filter((d) => !this.store.hasCollection(d.name))
    if (missing.length) await this.store.commit(missing.map((d) => ({ t: 'coll', c: d.name }) as Op))
    this.unique.build(this.decls)
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

  /** validates unique indexes and duplicate ids, then commits durably */
  async commitOps(ops: Op[]): Promise<void> {
    this.unique.claim(ops)
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

  /** documents matching the query, in natural (insertion) order */
  private match(c: string, query: Doc): Doc[] {
    const id = docIdOf(query)
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
        return { transactionId: this.txns.start() }
      case 'database.commitTransaction':
        await this.txns.commitTxn(body)
        return {}
      case 'database.abortTransaction':
        this.txns.abortTxn(body)
        return {}
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
    const t = this.txns.of(body)
    if (t) {
      const id = this.txns.docId(body, query, 'get')
      const d = this.txns.read(t, c, id)
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
    const t = this.txns.of(body)
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
        ? this.txns.read(t, c, id) !== undefined || this.store.get(c, id) !== undefined
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
      for (const op of ops) if (op.t === 'put') this.txns.write(t, c, op.id, op.doc)
      return { data: { insertedIds: ids } }
    }
    await this.commitOps(ops)
    return { data: { insertedIds: ids } }
  }

  private async modify(body: Body, now: number): Promise<Reply> {
    const c = this.assertCollection(body.collectionName)
    const query = this.parseQuery(body, now)
    const data = parseEJSONObject(body.data, 'data', now)
    if ('_id' in data && !Object.keys(data).some((k) => k.startsWith('$'))) delete data._id
    const merge = body.merge !== false
    const upsert = body.upsert === true
    const multi = body.multi !== false && body.queryType !== 'DOC'
    const t = this.txns.of(body)
    if (t) {
      const id = this.txns.docId(body, query, 'update')
      const old = this.txns.read(t, c, id)
      if (!old && !upsert) return { data: { updated: 0 } }
      const { doc, changed } = applyUpdate(old, id, data, merge, query, now)
      if (changed) this.txns.write(t, c, id, doc)
      // set() replaces an existing document: the platform counts it as updated even when nothing changed
      return { data: old ? { updated: changed || !merge ? 1 : 0 } : { updated: 0, upsert_id: id } }
    }
    const targets = this.match(c, query)
    const chosen = multi ? targets : targets.slice(0, 1)
    if (chosen.length === 0 && upsert) {
      const id = docIdOf(query) ?? newId()
      const seedFields: Doc = {}
      for (const [k, v] of Object.entries(query))
        if (!k.startsWith('$') && !(isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))))
          seedFields[k] = v
      const { doc } = applyUpdate(undefined, id, data, merge, {}, now)
      const full = merge ? { ...seedFields, ...doc, _id: id } : doc
      assertStorable(full, '')
      await this.commitOps([{ t: 'put', c, id, doc: full }])
      return { data: { updated: 0, upsert_id: id } }
    }
    const ops: Op[] = []
    for (const old of chosen) {
      const id = String(old._id)
      const { doc, changed } = applyUpdate(old, id, data, merge, query, now)
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
    const t = this.txns.of(body)
    if (t) {
      const id = this.txns.docId({ ...body, queryType: 'DOC' }, query, 'updateAndReturn')
      const old = this.txns.read(t, c, id)
      if (!old) return { data: { updated: 0, doc: null } }
      const { doc, changed } = applyUpdate(old, id, data, true, query, now)
      if (changed) this.txns.write(t, c, id, doc)
      return { data: { updated: changed ? 1 : 0, doc: toEJSON(doc) } }
    }
    const old = this.match(c, query)[0]
    if (!old) return { data: { updated: 0, doc: null } }
    const id = String(old._id)
    const { doc, changed } = applyUpdate(old, id, data, true, query, now)
    if (changed) await this.commitOps([{ t: 'put', c, id, doc }])
    return { data: { updated: changed ? 1 : 0, doc: toEJSON(changed ? doc : old) } }
  }

  private async remove(body: Body, now: number): Promise<Reply> {
    const c = this.assertCollection(body.collectionName)
    const query = this.parseQuery(body, now)
    const t = this.txns.of(body)
    if (t) {
      const id = this.txns.docId(body, query, 'remove')
      const old = this.txns.read(t, c, id)
      if (!old) return { data: { deleted: 0 } }
      this.txns.write(t, c, id, undefined)
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

  /** internal (emulator-only) collections for outbox, grants, sessions, files */
  internal(name: string): InternalCollection {
    return new InternalCollection(this, this.store, `${INTERNAL_PREFIX}${name}`)
  }
}

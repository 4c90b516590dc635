import { toEJSON, type Doc } from './ejson'
import { Codes, TcbError } from './errors'
import type { CollectionDecl, IndexDecl } from './collections'
import type { Op, Store } from './store'

interface UniqueIndex {
  decl: IndexDecl
  map: Map<string, string>
}

function getPath(doc: unknown, path: string): unknown {
  let cur: unknown = doc
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[part]
  }
  return cur
}

function indexKey(ix: IndexDecl, doc: Doc): string | undefined {
  const values = ix.keys.map((k) => getPath(doc, k.field))
  if (ix.sparse && values.every((v) => v === undefined)) return undefined
  return toEJSON(values.map((v) => (v === undefined ? null : v)))
}

/** The declared unique indexes, kept in memory as key → owning `_id`, one map per index. */
export class UniqueIndexes {
  private readonly byCollection = new Map<string, UniqueIndex[]>()

  constructor(private readonly store: Store) {}

  /** builds the maps from the documents already stored */
  build(decls: CollectionDecl[]): void {
    for (const d of decls) {
      const ixs = d.indexes.filter((i) => i.unique).map((decl) => ({ decl, map: new Map<string, string>() }))
      if (!ixs.length) continue
      this.byCollection.set(d.name, ixs)
      for (const doc of this.store.docs(d.name)) {
        for (const ix of ixs) {
          const k = indexKey(ix.decl, doc)
          if (k !== undefined) ix.map.set(k, String(doc._id))
        }
      }
    }
  }

  /**
   * Moves the keys the ops write to their new owners, or throws the platform's duplicate key error
   * and leaves every map as it was.
   */
  claim(ops: Op[]): void {
    const undo: Array<() => void> = []
    try {
      for (const op of ops) {
        if (op.t === 'coll') continue
        const ixs = this.byCollection.get(op.c) ?? []
        const old = this.store.get(op.c, op.id)
        for (const ix of ixs) {
          if (old) {
            const k = indexKey(ix.decl, old)
            if (k !== undefined && ix.map.get(k) === op.id) {
              ix.map.delete(k)
              undo.push(() => ix.map.set(k, op.id))
            }
          }
          if (op.t === 'put') {
            const k = indexKey(ix.decl, op.doc)
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
  }
}

import fs from 'node:fs'

export interface IndexDecl {
  name: string
  keys: Array<{ field: string; direction: number }>
  unique?: boolean
  sparse?: boolean
}

export interface CollectionDecl {
  name: string
  rule?: unknown
  indexes: IndexDecl[]
}

/** Reads cloudfunctions/collections.json (`{ collections: [{ name, rule, indexes }] }`). */
export function loadCollections(file: string): CollectionDecl[] {
  if (!fs.existsSync(file)) return []
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { collections?: unknown }
  if (!Array.isArray(raw.collections)) throw new Error(`${file}: "collections" must be an array`)
  return raw.collections.map((c: unknown, i: number) => {
    const decl = c as Partial<CollectionDecl>
    if (typeof decl.name !== 'string' || !decl.name)
      throw new Error(`${file}: collections[${i}].name missing`)
    const indexes = Array.isArray(decl.indexes) ? decl.indexes : []
    for (const ix of indexes) {
      if (!Array.isArray(ix.keys) || ix.keys.length === 0)
        throw new Error(`${file}: index ${decl.name}.${ix.name} has no keys`)
    }
    return { name: decl.name, rule: decl.rule, indexes }
  })
}

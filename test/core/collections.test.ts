/**
 * Collections are declared by their owner (cloudfunctions/collections/<owner>.json);
 * cloudfunctions/collections.json, which the local CloudBase and the deploy read, is generated from
 * those declarations and must not drift from them.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const col = require('../../config/collections.cjs') as {
  text(dir?: string): string
  renderCollections(dir?: string): { collections: { name: string }[] }
  outPath: string
}
const root = path.join(__dirname, '..', '..')

function declarations(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'collections-'))
  for (const [f, body] of Object.entries(files)) writeFileSync(path.join(dir, f), JSON.stringify(body))
  return dir
}
const coll = (name: string, indexes: unknown[] = []) => ({
  name,
  rule: { read: false, write: false },
  indexes,
})
const ix = (name: string, field = 'a', unique = false) => ({ name, keys: [{ field, direction: 1 }], unique })

describe('collections declared per owner', () => {
  it('collections.json is exactly what the declarations generate (node config/collections.cjs --write)', () => {
    expect(readFileSync(col.outPath, 'utf8')).toBe(col.text())
  })

  it('declares every collection the functions name in their stores', () => {
    const declared = new Set(col.renderCollections().collections.map((c) => c.name))
    const repos = path.join(root, 'cloudfunctions', 'shared', 'repos')
    const named = new Set<string>()
    for (const f of readdirSync(repos).filter((n) => n.endsWith('.ts'))) {
      const src = readFileSync(path.join(repos, f), 'utf8')
      for (const m of src.matchAll(/collection\('([a-z_]+)'\)/g)) named.add(m[1] ?? '')
      for (const m of src.matchAll(/^(?:export )?const [A-Z_]+ = '([a-z_]+)'$/gm)) named.add(m[1] ?? '')
    }
    expect([...named].filter((n) => !declared.has(n))).toEqual([])
    expect(named.size).toBeGreaterThan(10)
  })

  it('refuses a collection declared by two owners, naming both files', () => {
    const dir = declarations({
      'a.json': { owner: 'a', collections: [coll('things')] },
      'b.json': { owner: 'b', collections: [coll('things')] },
    })
    try {
      expect(() => col.renderCollections(dir)).toThrow(
        'cloudfunctions/collections/b.json: collection things is already declared by a.json',
      )
    } finally {
      rmSync(dir, { recursive: true })
    }
  })

  it('refuses duplicate index names, keyless indexes, unsaid uniqueness, a missing rule and a wrong owner', () => {
    const dir = declarations({
      'a.json': {
        owner: 'b',
        collections: [
          coll('things', [ix('by_a'), ix('by_a', 'b')]),
          {
            name: 'others',
            indexes: [
              { name: 'none', keys: [], unique: false },
              { name: 'u', keys: [{ field: 'x', direction: 1 }] },
            ],
          },
        ],
      },
    })
    try {
      let message = ''
      try {
        col.renderCollections(dir)
      } catch (e) {
        message = (e as Error).message
      }
      expect(
        message
          .split('\n')
          .slice(1)
          .map((l) => l.trim()),
      ).toEqual([
        'cloudfunctions/collections/a.json: "owner" must be "a"',
        'cloudfunctions/collections/a.json: things has two indexes named by_a',
        'cloudfunctions/collections/a.json: others needs a rule { read, write }',
        'cloudfunctions/collections/a.json: others.none has no keys',
        'cloudfunctions/collections/a.json: others.u must say unique: true|false',
      ])
    } finally {
      rmSync(dir, { recursive: true })
    }
  })
})

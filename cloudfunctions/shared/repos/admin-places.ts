import { createHash } from 'node:crypto'
import type { OrgPath } from '../../../src/core/org/model'
import { getDoc } from './docs'

/** Where each level of the tree is stored and how a node points at its parent. */
export const Place = {
  street: { collection: 'streets', parentKey: null, parentLevel: null, prefix: 'st' },
  community: { collection: 'communities', parentKey: 'streetId', parentLevel: 'street', prefix: 'cm' },
  grid: { collection: 'grids', parentKey: 'communityId', parentLevel: 'community', prefix: 'gr' },
  building: { collection: 'buildings', parentKey: 'gridId', parentLevel: 'grid', prefix: 'bd' },
  unit: { collection: 'units', parentKey: 'buildingId', parentLevel: 'building', prefix: 'un' },
} as const
export type PlaceLevel = keyof typeof Place

/** A stored node of any level: its own id, its name, and the ids of its ancestors. */
export interface PlaceDoc {
  readonly _id: string
  readonly name: string
  readonly streetId?: string
  readonly communityId?: string
  readonly gridId?: string
  readonly buildingId?: string
}

/** The path of a node of `level` from its stored ancestor ids. */
export function pathAt(level: PlaceLevel, doc: PlaceDoc): OrgPath {
  const up = (id: string | undefined) => id ?? ''
  switch (level) {
    case 'street':
      return { streetId: doc._id }
    case 'community':
      return { streetId: up(doc.streetId), communityId: doc._id }
    case 'grid':
      return { streetId: up(doc.streetId), communityId: up(doc.communityId), gridId: doc._id }
    case 'building':
      return {
        streetId: up(doc.streetId),
        communityId: up(doc.communityId),
        gridId: up(doc.gridId),
        buildingId: doc._id,
      }
    case 'unit':
      return {
        streetId: up(doc.streetId),
        communityId: up(doc.communityId),
        gridId: up(doc.gridId),
        buildingId: up(doc.buildingId),
        unitId: doc._id,
      }
  }
}

/** The ancestor fields a child of `parent` (at `parentLevel`) stores. */
export function ancestorFields(parentLevel: PlaceLevel, parent: PlaceDoc): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(pathAt(parentLevel, parent))) if (typeof v === 'string') out[k] = v
  return out
}

export async function getPlace(level: PlaceLevel, id: string): Promise<PlaceDoc | null> {
  return getDoc<PlaceDoc>(Place[level].collection, id)
}

/** A short stable id part from its inputs (sha-256, hex). */
export function stableHash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex')
}

/** The store refused a write on a unique index (or an existing _id). */
export { isDuplicateKey } from '../ids'

/** Natural order for names: 2号楼 before 10号楼. */
export function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name.localeCompare(b.name, 'zh-CN', { numeric: true })
}

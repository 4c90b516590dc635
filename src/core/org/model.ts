/**
 * The organisation tree: street 街道 → community 社区 → grid 网格 → building 楼栋 → unit 单元 →
 * household 户. Every document that belongs somewhere carries its ancestors' ids so every query
 * can be scoped without joins.
 */

export const OrgLevels = ['street', 'community', 'grid', 'building', 'unit', 'household'] as const
export type OrgLevel = (typeof OrgLevels)[number]

/** A place in the tree, as deep as it is known. Deeper ids imply the shallower ones are set. */
export interface OrgPath {
  readonly streetId: string
  readonly communityId?: string
  readonly gridId?: string
  readonly buildingId?: string
  readonly unitId?: string
  readonly householdId?: string
}

interface OrgNodeBase {
  readonly _id: string
  readonly name: string
}

export interface Street extends OrgNodeBase {
  readonly level: 'street'
  readonly district: string
}

export interface Community extends OrgNodeBase {
  readonly level: 'community'
  readonly streetId: string
  /** How joins are approved in this community. */
  readonly joinPolicy: JoinPolicy
}

export type JoinPolicy = 'auto' | 'grid_worker' | 'building_leader'

/** [longitude, latitude] pairs, GCJ-02 as WeChat maps use. */
export type Polygon = readonly (readonly [number, number])[]

export interface Grid extends OrgNodeBase {
  readonly level: 'grid'
  readonly streetId: string
  readonly communityId: string
  readonly boundary?: Polygon
}

export interface Building extends OrgNodeBase {
  readonly level: 'building'
  readonly streetId: string
  readonly communityId: string
  readonly gridId: string
}

export interface Unit extends OrgNodeBase {
  readonly level: 'unit'
  readonly streetId: string
  readonly communityId: string
  readonly gridId: string
  readonly buildingId: string
}

export interface Household {
  readonly _id: string
  readonly level: 'household'
  readonly streetId: string
  readonly communityId: string
  readonly gridId: string
  readonly buildingId: string
  readonly unitId: string
  /** Room number as residents say it, e.g. "302". */
  readonly room: string
  /** Floor area in m² (建筑面积, two decimals), recorded by staff: an owners' decision counts it. */
  readonly area?: number
}

export type OrgNode = Street | Community | Grid | Building | Unit | Household

/** Depth of a level, street = 0. */
export function levelDepth(level: OrgLevel): number {
  return OrgLevels.indexOf(level)
}

/** The path of ids from the street down to (and including) the given node. */
export function pathOf(node: OrgNode): OrgPath {
  switch (node.level) {
    case 'street':
      return { streetId: node._id }
    case 'community':
      return { streetId: node.streetId, communityId: node._id }
    case 'grid':
      return { streetId: node.streetId, communityId: node.communityId, gridId: node._id }
    case 'building':
      return {
        streetId: node.streetId,
        communityId: node.communityId,
        gridId: node.gridId,
        buildingId: node._id,
      }
    case 'unit':
      return {
        streetId: node.streetId,
        communityId: node.communityId,
        gridId: node.gridId,
        buildingId: node.buildingId,
        unitId: node._id,
      }
    case 'household':
      return {
        streetId: node.streetId,
        communityId: node.communityId,
        gridId: node.gridId,
        buildingId: node.buildingId,
        unitId: node.unitId,
        householdId: node._id,
      }
  }
}

const PATH_KEYS = ['streetId', 'communityId', 'gridId', 'buildingId', 'unitId', 'householdId'] as const

/**
 * True when `inner` lies inside the subtree rooted at `outer` (a node is inside itself).
 * `outer` is compared only as deep as it is set.
 */
export function isWithin(inner: OrgPath, outer: OrgPath): boolean {
  for (const key of PATH_KEYS) {
    const o = outer[key]
    if (o === undefined) return true
    if (inner[key] !== o) return false
  }
  return true
}

/**
 * The places a person joins: a scanned code's place in the tree (code.resolve; the live code is
 * checked again on submit) and the manual picker's names (join.options).
 */
import type { InviteCodeRecord } from '../../../src/core/join/model'
import type { JoinTarget, NamedOption } from '../../../src/core/join/api'
import { JoinErrors } from '../../../src/core/join/decide'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import { parseScene } from '../../../src/core/org/invite-code'
import type { Building, Community, Grid, Street } from '../../../src/core/org/model'
import { db } from '../sdk'
import { getDoc } from './docs'

async function targetOf(gridId: string, buildingId: string | null): Promise<JoinTarget | null> {
  const grid = await getDoc<Grid>('grids', gridId)
  if (!grid) return null
  const [community, street, building] = await Promise.all([
    getDoc<Community>('communities', grid.communityId),
    getDoc<Street>('streets', grid.streetId),
    buildingId ? getDoc<Building>('buildings', buildingId) : Promise.resolve(null),
  ])
  if (!community || !street || (buildingId && (!building || building.gridId !== grid._id))) return null
  return {
    street: { id: street._id, name: street.name },
    community: { id: community._id, name: community.name, joinPolicy: community.joinPolicy },
    grid: { id: grid._id, name: grid.name },
    building: building ? { id: building._id, name: building.name } : null,
  }
}

const invalidCode = () => new DomainError(JoinErrors.CODE_INVALID, '该二维码已失效，请联系网格员获取新码')

/** The live code a scene names; unknown, retired and mismatched codes are the same error. */
export async function liveCode(scene: string): Promise<InviteCodeRecord & { path: { gridId: string } }> {
  const parsed = parseScene(scene)
  if (!parsed) throw invalidCode()
  const code = await getDoc<InviteCodeRecord>('invite_codes', parsed.code)
  if (!code || !code.active || code.target !== parsed.target || !code.path.gridId) throw invalidCode()
  return code as InviteCodeRecord & { path: { gridId: string } }
}

/** code.resolve: a live code's place in the tree. */
export async function resolveCode(scene: string): Promise<JoinTarget> {
  const code = await liveCode(scene)
  const target = await targetOf(code.path.gridId, code.target === 'building' ? code.targetId : null)
  if (!target) throw invalidCode()
  return target
}

const CHILD: Record<string, { collection: string; parentKey: string | null; parent: string | null }> = {
  street: { collection: 'streets', parentKey: null, parent: null },
  community: { collection: 'communities', parentKey: 'streetId', parent: 'streets' },
  grid: { collection: 'grids', parentKey: 'communityId', parent: 'communities' },
  building: { collection: 'buildings', parentKey: 'gridId', parent: 'grids' },
  unit: { collection: 'units', parentKey: 'buildingId', parent: 'buildings' },
}

/** join.options: names for the manual picker (public information: places, not people). */
export async function options(level: string, parentId: string): Promise<NamedOption[]> {
  const child = CHILD[level]
  if (!child) throw new DomainError(CommonErrorCodes.INVALID_INPUT, `bad level ${level}`)
  const res = await db()
    .collection(child.collection)
    .where(child.parentKey ? { [child.parentKey]: parentId } : {})
    .field({ name: true })
    .limit(200)
    .get()
  const list = (res.data as { _id: string; name: string }[]).map((d) => ({ id: d._id, name: d.name }))
  // No children: an unknown parent is not found (an empty list is only for a parent that exists).
  if (list.length === 0 && child.parent && !(await getDoc(child.parent, parentId)))
    throw new DomainError(CommonErrorCodes.NOT_FOUND, '没有找到上一级')
  // Natural order: 2号楼 before 10号楼.
  return list.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true }))
}

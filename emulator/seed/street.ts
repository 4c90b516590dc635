/**
 * The street's tree: 东街道, its 6 communities (each with its join policy and admin), 6 grids each
 * (with their police and doctor contacts and grid worker), 12 buildings a grid and 2 units a
 * building, and the invite code of every grid and building.
 */
import type { InviteCodeRecord } from '../../src/core/join/model'
import type { Building, Community, Grid, OrgPath, Street, Unit } from '../../src/core/org/model'
import { demoInviteCode, demoPhone, pad, SEEDED_AT, STREET_ID } from './ids'
import type { Roll } from './people'

const COMMUNITIES = [
  { slug: 'xinhua', name: '新华社区', joinPolicy: 'grid_worker' },
  { slug: 'dongshan', name: '东山社区', joinPolicy: 'auto' },
  { slug: 'sucun', name: '苏村社区', joinPolicy: 'building_leader' },
  { slug: 'ximajiaping', name: '西马家坪社区', joinPolicy: 'grid_worker' },
  { slug: 'taoyuan', name: '桃园社区', joinPolicy: 'auto' },
  { slug: 'hepingli', name: '和平里社区', joinPolicy: 'grid_worker' },
] as const
const GRIDS_PER_COMMUNITY = 6
const BUILDINGS_PER_GRID = 12
const UNITS_PER_BUILDING = 2

export interface StreetTree {
  readonly street: Street
  readonly communities: Community[]
  readonly grids: Grid[]
  readonly buildings: Building[]
  readonly units: Unit[]
  readonly codes: InviteCodeRecord[]
}

/** The tree, its admins and grid workers added to the roll (the street admin first). */
export function buildStreet(roll: Roll): StreetTree {
  const { addUser, personName } = roll
  const street: Street = { _id: STREET_ID, level: 'street', name: '东街道', district: '城区' }
  const communities: Community[] = []
  const grids: Grid[] = []
  const buildings: Building[] = []
  const units: Unit[] = []
  const codes: InviteCodeRecord[] = []
  const code = (target: 'building' | 'grid', targetId: string, path: OrgPath) =>
    codes.push({ _id: demoInviteCode(targetId), target, targetId, path, active: true, createdAt: SEEDED_AT })

  addUser('street-admin', '周主任（街道）', [{ role: 'street_admin', scope: { streetId: STREET_ID } }])

  for (const c of COMMUNITIES) {
    const communityId = `cm-${c.slug}`
    communities.push({
      _id: communityId,
      level: 'community',
      name: c.name,
      streetId: STREET_ID,
      joinPolicy: c.joinPolicy,
    })
    addUser(`${c.slug}-admin`, `${personName()}（${c.name}管理员）`, [
      { role: 'community_admin', scope: { streetId: STREET_ID, communityId } },
    ])
    for (let g = 1; g <= GRIDS_PER_COMMUNITY; g += 1) {
      const gridId = `gr-${c.slug}-${pad(g)}`
      const gridPath = { streetId: STREET_ID, communityId, gridId }
      grids.push({
        _id: gridId,
        level: 'grid',
        name: `${c.name}第${g}网格`,
        streetId: STREET_ID,
        communityId,
        contacts: {
          police: { name: personName(), phone: demoPhone(5000 + grids.length) },
          doctor: { name: personName(), phone: demoPhone(6000 + grids.length) },
        },
      } as Grid)
      code('grid', gridId, gridPath)
      addUser(`${c.slug}-${pad(g)}-worker`, personName(), [
        { role: 'grid_worker', scope: { streetId: STREET_ID, communityId, gridId } },
      ])
      for (let b = 1; b <= BUILDINGS_PER_GRID; b += 1) {
        const number = (g - 1) * BUILDINGS_PER_GRID + b
        const buildingId = `bd-${c.slug}-${pad(g)}-${pad(b)}`
        buildings.push({
          _id: buildingId,
          level: 'building',
          name: `${number}号楼`,
          streetId: STREET_ID,
          communityId,
          gridId,
        })
        code('building', buildingId, { ...gridPath, buildingId })
        for (let u = 1; u <= UNITS_PER_BUILDING; u += 1) {
          units.push({
            _id: `${buildingId}-u${u}`,
            level: 'unit',
            name: `${u}单元`,
            streetId: STREET_ID,
            communityId,
            gridId,
            buildingId,
          })
        }
      }
    }
  }
  return { street, communities, grids, buildings, units, codes }
}

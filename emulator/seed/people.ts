/**
 * The demo people: invented names drawn in a fixed order, each user with a stable id and openid
 * (`user-<slug>`, `demo-openid-<slug>`) and a made-up phone when they hold a role; and the first grid
 * of 新华社区 fully populated (residents, helpers, a building leader, the grid's party branch
 * secretary on its council, in their households) plus one newcomer who has not joined a grid.
 */
import type { UserRecord } from '../../src/core/me/model'
import type { Household } from '../../src/core/org/model'
import type { GrantTitle, Role, RoleGrant } from '../../src/core/roles'
import { demoId, demoPhone, pad, SEEDED_AT, STREET_ID } from './ids'

export type DemoUser = UserRecord & Record<string, unknown>

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
]
const GIVEN = ['建国', '秀英', '桂兰', '志强', '海燕', '德明', '丽华', '文博', '淑芬', '国庆', '晓东', '春梅']

/** The users so far, a name for the next person, and adding a user. */
export interface Roll {
  readonly users: DemoUser[]
  personName(suffix?: string): string
  addUser(
    slug: string,
    displayName: string,
    grants: RoleGrant[],
    householdId?: string,
    extra?: Record<string, unknown>,
  ): void
}

export function newRoll(): Roll {
  const users: DemoUser[] = []
  let nameIndex = 0
  const personName = (suffix = ''): string => {
    const s = SURNAMES[nameIndex % SURNAMES.length] ?? '王'
    const g = GIVEN[Math.floor(nameIndex / SURNAMES.length) % GIVEN.length] ?? '建国'
    nameIndex += 1
    return `${s}${g}${suffix}`
  }
  const addUser = (
    slug: string,
    displayName: string,
    grants: RoleGrant[],
    householdId?: string,
    extra: Record<string, unknown> = {},
  ) => {
    users.push({
      _id: `user-${slug}`,
      openid: `demo-openid-${slug}`,
      displayName,
      grants,
      ...(householdId ? { householdId } : {}),
      ...(grants.length > 0 ? { phone: demoPhone(users.length) } : {}),
      createdAt: SEEDED_AT,
      ...extra,
    })
  }
  return { users, personName, addUser }
}

/** 新华社区's first grid, fully populated: its households, and their people added to the roll. */
export function populateXinhuaGrid(roll: Roll): Household[] {
  const households: Household[] = []
  const home = (building: number, unit: number, room: string): Household => {
    const buildingId = `bd-xinhua-01-${pad(building)}`
    const unitId = `${buildingId}-u${unit}`
    const household: Household = {
      // opaque (ADR 0016): the store finds a household by unit and room, never by its id
      _id: demoId('hh', `e睦邻 demo household ${households.length + 1}`),
      level: 'household',
      streetId: STREET_ID,
      communityId: 'cm-xinhua',
      gridId: 'gr-xinhua-01',
      buildingId,
      unitId,
      room,
    }
    households.push(household)
    return household
  }
  const residentGrant = (h: Household): RoleGrant => ({
    role: 'resident',
    scope: {
      streetId: h.streetId,
      communityId: h.communityId,
      gridId: h.gridId,
      buildingId: h.buildingId,
      unitId: h.unitId,
      householdId: h._id,
    },
  })
  const gridScope = { streetId: STREET_ID, communityId: 'cm-xinhua', gridId: 'gr-xinhua-01' }
  type Person = {
    slug: string
    name: string
    roles: Role[]
    at: [number, number, string]
    helper?: Record<string, unknown>
    /** The title on a council member's grant. */
    title?: GrantTitle
  }
  const people: Person[] = [
    { slug: 'resident-wang', name: '王秀英', roles: ['resident'], at: [1, 1, '302'] },
    { slug: 'resident-li', name: '李德明', roles: ['resident'], at: [1, 2, '501'] },
    { slug: 'resident-chen', name: '陈桂兰', roles: ['resident'], at: [2, 1, '101'] },
    { slug: 'resident-zhao', name: '赵海燕', roles: ['resident'], at: [3, 2, '602'] },
    {
      slug: 'helper-liu',
      name: '刘志强',
      roles: ['resident', 'helper'],
      at: [2, 2, '402'],
      helper: { partyMember: true, showParty: true, skills: ['家电维修', '代买米菜'], notifyErrands: true },
    },
    {
      // Also the grid's party branch secretary, on its residents' council (议事会成员 · 党支部书记).
      slug: 'helper-yang',
      name: '杨丽华',
      roles: ['resident', 'helper', 'council_member'],
      at: [4, 1, '201'],
      helper: { partyMember: true, showParty: true, skills: ['代接送小孩', '代收快递'] },
      title: '党支部书记',
    },
    {
      slug: 'helper-huang',
      name: '黄文博',
      roles: ['resident', 'helper'],
      at: [5, 1, '301'],
      helper: { partyMember: false, showParty: false, skills: ['电脑手机教学'] },
    },
    { slug: 'leader-zhou', name: '周淑芬', roles: ['resident', 'building_leader'], at: [1, 1, '101'] },
  ]
  for (const p of people) {
    const h = home(...p.at)
    const grants: RoleGrant[] = p.roles.map((role) => {
      if (role === 'resident') return residentGrant(h)
      if (role === 'building_leader') return { role, scope: { ...gridScope, buildingId: h.buildingId } }
      if (role === 'council_member' && p.title) return { role, scope: gridScope, title: p.title }
      return { role, scope: gridScope }
    })
    roll.addUser(p.slug, p.name, grants, h._id, {
      realName: p.name,
      ...(p.helper ? { helper: p.helper } : {}),
    })
  }
  // Someone who opened the app but has not joined a grid yet.
  roll.addUser('newcomer', '孙晓东（未入格）', [])
  return households
}

/**
 * Demo data for the local CloudBase: one street modelled on the seed articles' world (东街道 and its
 * "e睦邻" platform), 6 communities, 6 grids each, buildings and units, and demo people for every
 * role. All names of people are invented. Seeded only into a fresh data directory.
 *
 * Ids are readable and stable so journeys, tests and the dev login can name them.
 */
import { createHash } from 'node:crypto'
import type { InviteCodeRecord } from '../../src/core/join/model'
import type { UserRecord } from '../../src/core/me/model'
import { opaqueId } from '../../src/core/opaque-id'
import { codeFromBytes } from '../../src/core/org/invite-code'
import type { Building, Community, Grid, Household, OrgPath, Street, Unit } from '../../src/core/org/model'
import type { Role, RoleGrant } from '../../src/core/roles'
import type { ItemRecord } from '../../src/core/market/model'
import { planTransfer } from '../../src/core/points/ledger'
import { Causes, fundAccount, issuanceAccount, personAccount } from '../../src/core/points/model'
import type { ActivityRecord, HoursRecord, SignupRecord } from '../../src/core/activities/model'

type Doc = Record<string, unknown> & { _id: string }

const STREET_ID = 'st-dongjie'
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

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/** A fixed creation time so a fresh seed is the same every time. */
const SEEDED_AT = new Date('2026-01-01T00:00:00+08:00')

/** Stable pseudo-random bytes from a string, so demo invite codes never change between seeds. */
function demoBytes(seed: string): Uint8Array {
  return createHash('sha256').update(seed).digest()
}

/**
 * An opaque id for a demo record drawn from `seed` (which names no place and no person), in the
 * form of every real one: the same on every fresh seed.
 */
const demoId = (prefix: string, seed: string): string => opaqueId(prefix, demoBytes(seed))

/** The demo invite code of a building or grid (what its printed mini-program code carries). */
export function demoInviteCode(targetId: string): string {
  return codeFromBytes(demoBytes(targetId))
}

/** A made-up but well-formed mobile number per person (138 0010 xxxx range). */
function demoPhone(n: number): string {
  return `1380010${String(n).padStart(4, '0')}`
}

/**
 * The demo's person-made records carry opaque ids like real ones (ADR 0016): random strings drawn
 * once and written here, derived from nothing, so a fresh seed is the same every time and tests and
 * journeys can name them.
 */
export const SeedIds = {
  items: {
    soap: 'it_jdzqm6mk7hytdm3t2ncb',
    detergent: 'it_mdemk5xts5lpepug2hfd',
    rice: 'it_r3z7jczbn7ilncw5as7g',
    haircut: 'it_pus4uous3xh4vv32qeet',
    repair: 'it_rd5sj4ufokxo55vy6uwy',
  },
  activities: {
    chongyang: 'ac_kegz7quhvcuz5lslojfe',
    cleanup: 'ac_fs6qhgkksso2habnrngp',
    clinic: 'ac_fetif4hitwno36rodzpj',
  },
  /** The fund's starting transfer, and 王秀英's pay for the clinic. */
  transfers: {
    fundStart: 'tr_dryjfh6jbl5ej575ljm2',
    clinicPay: 'tr_qgn3stgwak7vl3sxdf44',
  },
  /** 王秀英's sign-ups (the clinic's also names her volunteer-hours line). */
  signups: {
    chongyang: 'su_da3554m2mjrwjqsmqwnr',
    clinic: 'su_ara5fqhdoxujmtbf6eia',
  },
} as const

export function buildDemoData(): Record<string, Doc[]> {
  const street: Street = { _id: STREET_ID, level: 'street', name: '东街道', district: '城区' }
  const communities: Community[] = []
  const grids: Grid[] = []
  const buildings: Building[] = []
  const units: Unit[] = []
  const households: Household[] = []
  const users: (UserRecord & Record<string, unknown>)[] = []
  const codes: InviteCodeRecord[] = []
  const code = (target: 'building' | 'grid', targetId: string, path: OrgPath) =>
    codes.push({ _id: demoInviteCode(targetId), target, targetId, path, active: true, createdAt: SEEDED_AT })
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

  // The first grid of 新华社区 is fully populated: residents, helpers, a building leader.
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
      slug: 'helper-yang',
      name: '杨丽华',
      roles: ['resident', 'helper'],
      at: [4, 1, '201'],
      helper: { partyMember: true, showParty: true, skills: ['代接送小孩', '代收快递'] },
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
      return { role, scope: gridScope }
    })
    addUser(p.slug, p.name, grants, h._id, { realName: p.name, ...(p.helper ? { helper: p.helper } : {}) })
  }
  // Someone who opened the app but has not joined a grid yet.
  addUser('newcomer', '孙晓东（未入格）', [])

  // 新华社区's love supermarket, and its community fund started with 500 points from issuance,
  // written as a real ledger transfer (transfer, two entries, two cached balances) so audits stay clean.
  const marketItems: ItemRecord[] = (
    [
      ['soap', '香皂两块', 'goods', '社区服务站领取，每户每月限兑 1 次', 10, 20],
      ['detergent', '洗衣液', 'goods', '2 升装，每户每月限兑 1 瓶', 30, 10],
      ['rice', '大米 5 斤', 'goods', '东北大米，社区服务站领取', 50, 5],
      ['haircut', '理发服务', 'service', '每周三上午，社区服务站', 20, 8],
      ['repair', '一次上门维修', 'service', '水电小修，由党员志愿者上门', 40, 6],
    ] as const
  ).map(([key, name, kind, description, price, stock]) => ({
    _id: SeedIds.items[key],
    communityId: 'cm-xinhua',
    name,
    kind,
    description,
    price,
    stock,
    active: true,
    createdBy: 'user-xinhua-admin',
    requestId: `seed-${key}`,
    createdAt: SEEDED_AT,
    updatedAt: SEEDED_AT,
  }))
  const fundStart = planTransfer(
    {
      cause: Causes.award('user-xinhua-admin', 'seed-fund-start'),
      from: issuanceAccount('cm-xinhua'),
      to: fundAccount('cm-xinhua'),
      amount: 500,
      reason: '社区基金启动（街道拨付）',
      communityId: 'cm-xinhua',
      by: 'user-xinhua-admin',
    },
    0,
    0,
    SEEDED_AT,
    SeedIds.transfers.fundStart,
  )
  // Volunteer activities of 新华社区: two upcoming (fixed dates well ahead, so a fresh seed is the same
  // every time) and one past, where 王秀英 was confirmed: her hours line and her points, paid as a
  // real ledger transfer after the fund's (issuance balance carried on).
  const xinhuaAdmin = users.find((u) => u._id === 'user-xinhua-admin')?.displayName ?? ''
  const activity = (
    key: keyof typeof SeedIds.activities,
    title: string,
    team: string,
    place: string,
    description: string,
    start: string,
    end: string,
    capacity: number,
    points: number,
    hours: number,
    signedUp: number,
  ): ActivityRecord => ({
    _id: SeedIds.activities[key],
    communityId: 'cm-xinhua',
    title,
    team,
    description,
    place,
    startAt: new Date(start),
    endAt: new Date(end),
    capacity,
    signedUp,
    points,
    hours,
    status: 'published',
    createdBy: 'user-xinhua-admin',
    requestId: `seed-${key}`,
    checkinCode: null,
    checkinSession: 0,
    cancelReason: null,
    cancelledAt: null,
    cancelledBy: null,
    createdAt: SEEDED_AT,
    updatedAt: SEEDED_AT,
  })
  const activities: ActivityRecord[] = [
    activity(
      'chongyang',
      '重阳敬老 包饺子',
      '彩虹桥·助老服务队',
      '新华社区日间照料中心',
      '和社区老人一起包饺子、聊家常，为独居老人送上一份热饺子。',
      '2028-10-26T09:00:00+08:00',
      '2028-10-26T11:30:00+08:00',
      20,
      10,
      2.5,
      1,
    ),
    activity(
      'cleanup',
      '楼道清洁日',
      '彩虹桥·环境守护队',
      '新华社区1号楼至6号楼',
      '清理楼道杂物和小广告，工具由社区准备。',
      '2028-06-10T08:30:00+08:00',
      '2028-06-10T10:30:00+08:00',
      30,
      5,
      2,
      0,
    ),
    activity(
      'clinic',
      '社区义诊 量血压',
      '彩虹桥·健康服务队',
      '新华社区服务站',
      '协助社区医生为居民量血压、登记健康档案。',
      '2025-12-20T09:00:00+08:00',
      '2025-12-20T11:30:00+08:00',
      10,
      10,
      2.5,
      1,
    ),
  ]
  const clinic = activities[2] as ActivityRecord
  const volunteerPay = planTransfer(
    {
      cause: Causes.activity(clinic._id, 'user-resident-wang'),
      from: issuanceAccount('cm-xinhua'),
      to: personAccount('user-resident-wang'),
      amount: clinic.points,
      reason: clinic.title,
      communityId: 'cm-xinhua',
      by: 'user-xinhua-admin',
    },
    fundStart.balances[issuanceAccount('cm-xinhua')] ?? 0,
    0,
    new Date('2025-12-20T12:00:00+08:00'),
    SeedIds.transfers.clinicPay,
  )
  const signup = (
    key: keyof typeof SeedIds.signups,
    status: SignupRecord['status'],
    over: Partial<SignupRecord> = {},
  ): SignupRecord => ({
    _id: SeedIds.signups[key],
    activityId: SeedIds.activities[key],
    userId: 'user-resident-wang',
    communityId: 'cm-xinhua',
    status,
    signedAt: new Date('2025-12-01T10:00:00+08:00'),
    walkIn: false,
    withdrawnAt: null,
    checkedInAt: null,
    confirmedAt: null,
    confirmedBy: null,
    confirmedByName: null,
    transferId: null,
    ...over,
  })
  const signups: SignupRecord[] = [
    signup('chongyang', 'signed'),
    signup('clinic', 'confirmed', {
      checkedInAt: new Date('2025-12-20T08:50:00+08:00'),
      confirmedAt: volunteerPay.transfer.at,
      confirmedBy: 'user-xinhua-admin',
      confirmedByName: xinhuaAdmin,
      transferId: volunteerPay.transfer._id,
    }),
  ]
  const hoursLines: HoursRecord[] = [
    {
      _id: SeedIds.signups.clinic,
      userId: 'user-resident-wang',
      communityId: 'cm-xinhua',
      activityId: clinic._id,
      title: clinic.title,
      team: clinic.team,
      place: clinic.place,
      date: clinic.startAt,
      hours: clinic.hours,
      points: clinic.points,
      confirmedBy: 'user-xinhua-admin',
      confirmedByName: xinhuaAdmin,
      organisation: '新华社区',
      confirmedAt: volunteerPay.transfer.at,
    },
  ]

  const seedAccounts = Object.entries({ ...fundStart.balances, ...volunteerPay.balances }).map(
    ([account, balance]) => ({
      _id: account,
      balance,
      credited: Math.max(balance, 0),
      debited: Math.max(-balance, 0),
      updatedAt: SEEDED_AT,
    }),
  )

  const docs = <T extends { _id: string }>(list: readonly T[]): Doc[] => list.map((d) => ({ ...d }) as Doc)
  return {
    streets: docs([street]),
    communities: docs(communities),
    grids: docs(grids),
    buildings: docs(buildings),
    units: docs(units),
    households: docs(households),
    users: docs(users),
    invite_codes: docs(codes),
    join_requests: [],
    access_logs: [],
    market_items: docs(marketItems),
    point_transfers: docs([fundStart.transfer, volunteerPay.transfer]),
    point_entries: docs([...fundStart.entries, ...volunteerPay.entries]),
    point_accounts: docs(seedAccounts),
    activities: docs(activities),
    activity_signups: docs(signups),
    activity_codes: [],
    volunteer_hours: docs(hoursLines),
  }
}

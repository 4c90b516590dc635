import { sameGrant } from '../../src/core/access'
import * as v from 'valibot'
import { adminActions } from '../../src/core/admin/api'
import {
  boundaryProblems,
  boundaryToText,
  BOUNDARY_MAX_POINTS,
  parseBoundaryText,
} from '../../src/core/admin/boundary'
import {
  GrantableBy,
  GrantableRoles,
  grantProblem,
  levelOfPath,
  mayBrowse,
  mayListStaff,
  mayManage,
  ManagedBy,
  ManagedLevels,
  revokesOwnLastAdmin,
  type ManagedLevel,
} from '../../src/core/admin/rules'
import type { OrgPath } from '../../src/core/org/model'
import { Roles, RoleScopeLevel, type Role } from '../../src/core/roles'
import { actorWith, elsewhereOf, scopeOf } from '../support/builders'

// The grant table, written out cell by cell: granted role → granter roles. A change to
// core/admin/rules.ts GrantableBy must change this expectation too.
const expectedGranters: Record<Role, readonly Role[]> = {
  resident: [],
  helper: ['grid_worker', 'community_admin', 'street_admin'],
  grid_worker: ['community_admin', 'street_admin'],
  building_leader: ['grid_worker', 'community_admin', 'street_admin'],
  // The grid's council (with its party branch secretary): the community records it, not the grid worker.
  council_member: ['community_admin', 'street_admin'],
  community_admin: ['street_admin'],
  street_admin: ['street_admin'],
}

describe('GrantableBy: granted by the level above, within scope', () => {
  const cells = Roles.flatMap((granted) => Roles.map((granter) => [granted, granter] as const))

  it.each(cells)('%s granted by %s, at a place inside the granter’s scope', (granted, granter) => {
    const may = expectedGranters[granted].includes(granter)
    expect(GrantableBy[granted].includes(granter)).toBe(may)
    // The grant's scope: the builders' place at the granted role's level. Scopes of roles at or
    // below the granter's level lie inside the granter's scope; higher ones do not.
    const scope = scopeOf[granted]
    const inside = Object.keys(scope).length >= Object.keys(scopeOf[granter]).length
    expect(grantProblem(actorWith(granter), granted, scope) === null).toBe(may && inside)
  })

  it.each(Roles.filter((r) => r !== 'resident'))(
    '%s: never granted outside the granter’s scope',
    (granted) => {
      for (const granter of expectedGranters[granted]) {
        // The granter's own grant sits elsewhere (same level, different place).
        const actor = actorWith(granter, elsewhereOf[granter])
        const inside = { ...scopeOf[granted] }
        expect(grantProblem(actor, granted, inside)).toBe('out_of_scope')
      }
    },
  )

  it('never grants resident (only joining a household makes a resident)', () => {
    for (const granter of Roles)
      expect(grantProblem(actorWith(granter), 'resident', scopeOf.resident)).toBe('not_grantable')
    expect(GrantableRoles).not.toContain('resident')
  })

  it.each(Roles.filter((r) => r !== 'resident'))('%s: the scope must be at the role’s level', (granted) => {
    const street = actorWith('street_admin')
    for (const other of Roles) {
      const scope = scopeOf[other]
      const expected = RoleScopeLevel[other] === RoleScopeLevel[granted] ? null : 'wrong_level'
      expect(grantProblem(street, granted, scope)).toBe(expected)
    }
  })

  it('reads the level of a path, and rejects paths with gaps', () => {
    expect(levelOfPath({ streetId: 's' })).toBe('street')
    expect(levelOfPath({ streetId: 's', communityId: 'c', gridId: 'g', buildingId: 'b' })).toBe('building')
    expect(levelOfPath({ streetId: 's', gridId: 'g' })).toBeNull()
    expect(levelOfPath({ streetId: '' })).toBeNull()
  })

  it('one person can hold several grants; the same role at the same place is one grant', () => {
    const a = { role: 'helper' as const, scope: scopeOf.helper }
    expect(sameGrant(a, { role: 'helper', scope: { ...scopeOf.helper } })).toBe(true)
    expect(sameGrant(a, { role: 'grid_worker', scope: scopeOf.helper })).toBe(false)
    expect(sameGrant(a, { role: 'helper', scope: elsewhereOf.helper })).toBe(false)
  })
})

describe('revoking one’s own last admin grant', () => {
  const community = { role: 'community_admin' as const, scope: scopeOf.community_admin }
  const other = { role: 'community_admin' as const, scope: elsewhereOf.community_admin }
  const me = { userId: 'me', grants: [community] }
  it.each([
    ['own only admin grant', me, 'me', [community], community, true],
    [
      'own admin grant while holding another',
      { ...me, grants: [community, other] },
      'me',
      [community, other],
      community,
      false,
    ],
    ['someone else’s only admin grant', me, 'you', [community], community, false],
    [
      'own non-admin grant',
      me,
      'me',
      [community, { role: 'helper' as const, scope: scopeOf.helper }],
      { role: 'helper' as const, scope: scopeOf.helper },
      false,
    ],
    ['a grant one does not hold', me, 'me', [community], other, false],
  ])('%s', (_name, actor, target, grants, revoking, refused) => {
    expect(revokesOwnLastAdmin(actor, target, grants, revoking)).toBe(refused)
  })
})

describe('managing the tree', () => {
  // Who creates/renames at each level, cell by cell.
  const expectedManagers: Record<ManagedLevel, readonly Role[]> = {
    community: ['street_admin'],
    grid: ['community_admin', 'street_admin'],
    building: ['community_admin', 'street_admin'],
    unit: ['community_admin', 'street_admin'],
  }
  const parentOf: Record<ManagedLevel, OrgPath> = {
    community: { streetId: 's' },
    grid: { streetId: 's', communityId: 'c' },
    building: { streetId: 's', communityId: 'c', gridId: 'g' },
    unit: { streetId: 's', communityId: 'c', gridId: 'g', buildingId: 'b' },
  }
  const cells = ManagedLevels.flatMap((level) => Roles.map((role) => [level, role] as const))
  it.each(cells)('create a %s: %s', (level, role) => {
    const may = expectedManagers[level].includes(role)
    expect(ManagedBy[level].includes(role)).toBe(may)
    expect(mayManage(actorWith(role), level, parentOf[level])).toBe(may)
    // The same role one place over manages nothing here.
    expect(mayManage(actorWith(role, elsewhereOf[role]), level, parentOf[level])).toBe(false)
  })

  it('browses down to one’s scope and inside it, never beside it', () => {
    const admin = actorWith('community_admin')
    expect(mayBrowse(admin, { streetId: 's' })).toBe(true)
    expect(mayBrowse(admin, { streetId: 's', communityId: 'c' })).toBe(true)
    expect(mayBrowse(admin, { streetId: 's', communityId: 'c', gridId: 'g' })).toBe(true)
    expect(mayBrowse(admin, { streetId: 's', communityId: 'c2' })).toBe(false)
    expect(mayBrowse(admin, { streetId: 's2' })).toBe(false)
    expect(mayBrowse(actorWith('grid_worker'), { streetId: 's', communityId: 'c', gridId: 'g' })).toBe(false)
  })
})

describe('staff list scope', () => {
  const grid = { streetId: 's', communityId: 'c', gridId: 'g' }
  const building = { ...grid, buildingId: 'b' }
  const community = { streetId: 's', communityId: 'c' }
  it.each([
    ['grid_worker', grid, true],
    ['grid_worker', building, true],
    ['grid_worker', community, false],
    ['building_leader', building, true],
    ['building_leader', grid, false],
    ['community_admin', community, true],
    ['community_admin', grid, true],
    ['street_admin', community, true],
    ['helper', grid, false],
    ['resident', building, false],
  ] as const)('%s sees %j: %s', (role, place, expected) => {
    expect(mayListStaff(actorWith(role), place)).toBe(expected)
  })
  it('nobody sees another grid’s people', () => {
    for (const role of Roles) expect(mayListStaff(actorWith(role, elsewhereOf[role]), building)).toBe(false)
  })
})

describe('grid boundary', () => {
  const square: [number, number][] = [
    [112.54, 37.87],
    [112.55, 37.87],
    [112.55, 37.88],
    [112.54, 37.88],
  ]
  it.each([
    ['a square', square, []],
    ['a closed ring (last = first)', [...square, [112.54, 37.87]], []],
    ['two points', square.slice(0, 2), ['边界至少需要 3 个点']],
    [
      '201 points',
      Array.from({ length: 201 }, (_v, i) => [112 + i / 1000, 37 + ((i * 7) % 13) / 1000]),
      ['边界最多 200 个点'],
    ],
    [
      'latitude first',
      square.map(([a, b]) => [b, a]),
      expect.arrayContaining([expect.stringContaining('经纬度可能写反了')]),
    ],
    [
      'outside China',
      [
        [0, 0],
        [1, 0],
        [1, 1],
      ],
      expect.arrayContaining([expect.stringContaining('不在国内坐标范围内')]),
    ],
    [
      'not a number',
      [
        [NaN, 37],
        [112, 37],
        [112, 38],
      ],
      ['第 1 个点不是有效数字'],
    ],
    ['a repeated point', [square[0], square[1], square[0], square[2]], ['第 3 个点与第 1 个点重复']],
    [
      'points on a line',
      [
        [112.5, 37.5],
        [112.6, 37.6],
        [112.7, 37.7],
      ],
      ['边界的点在一条直线上，围不成区域'],
    ],
    ['a bow tie', [square[0], square[2], square[1], square[3]], [expect.stringContaining('相交')]],
  ] as [string, [number, number][], unknown][])('%s', (_name, points, problems) => {
    expect(boundaryProblems(points)).toEqual(problems)
  })

  it('accepts exactly 200 points (a circle)', () => {
    const circle = Array.from({ length: BOUNDARY_MAX_POINTS }, (_v, i) => {
      const a = (2 * Math.PI * i) / BOUNDARY_MAX_POINTS
      return [112.5 + 0.01 * Math.cos(a), 37.8 + 0.01 * Math.sin(a)] as [number, number]
    })
    expect(boundaryProblems(circle)).toEqual([])
  })

  it('parses pasted "lng,lat" lines (Chinese comma, spaces), and round-trips', () => {
    const res = parseBoundaryText('112.54,37.87\n112.55，37.87\n\n 112.55 37.88 \n112.54,37.88\n')
    expect(res).toEqual({ ok: true, polygon: square })
    if (res.ok) expect(parseBoundaryText(boundaryToText(res.polygon))).toEqual(res)
  })

  it('reports bad lines by number', () => {
    expect(parseBoundaryText('112.54,37.87\nabc\n112.55\n112.54,37.88')).toEqual({
      ok: false,
      errors: [
        { line: 2, message: expect.stringContaining('经度,纬度') },
        { line: 3, message: expect.stringContaining('经度,纬度') },
      ],
    })
  })

  it('is checked by the org.create schema (bad input changes nothing)', () => {
    const base = { requestId: 'req-12345678', level: 'grid', parentId: 'c', name: '第7网格' }
    expect(v.safeParse(adminActions['org.create'].input, { ...base, boundary: square }).success).toBe(true)
    const bad = v.safeParse(adminActions['org.create'].input, { ...base, boundary: square.slice(0, 2) })
    expect(bad.success).toBe(false)
    expect(bad.issues?.[0]?.message).toBe('边界至少需要 3 个点')
    // The closing point is dropped on the way in.
    const closed = v.safeParse(adminActions['org.create'].input, {
      ...base,
      boundary: [...square, square[0]],
    })
    expect(closed.success && 'boundary' in closed.output ? closed.output.boundary : null).toEqual(square)
  })
})

describe('admin schemas', () => {
  it.each([
    ['role.grant', { userId: 'u', role: 'resident', scopeId: 'x' }],
    ['role.grant', { userId: 'u', role: 'king', scopeId: 'x' }],
    ['org.create', { requestId: 'short', level: 'grid', parentId: 'c', name: 'x' }],
    ['org.create', { requestId: 'req-12345678', level: 'street', parentId: 'c', name: 'x' }],
    ['org.create', { requestId: 'req-12345678', level: 'building', parentId: 'c', name: '<b>' }],
    [
      'org.create',
      {
        requestId: 'req-12345678',
        level: 'building',
        parentId: 'c',
        name: '一二三四五六七八九十一二三四五六七八九十一',
      },
    ],
    [
      'org.create',
      { requestId: 'req-12345678', level: 'building', parentId: 'c', name: '1号楼', boundary: [] },
    ],
    ['org.update', { level: 'community', id: 'c', joinPolicy: 'anyone' }],
    ['org.update', { level: 'building', id: 'b', joinPolicy: 'auto' }],
    ['org.contacts', { gridId: 'g', police: { name: '李警官', phone: '110' } }],
    ['org.import', { communityId: 'c', csv: '' }],
  ] as const)('%s rejects %j', (action, input) => {
    expect(v.safeParse(adminActions[action].input, input).success).toBe(false)
  })

  it.each([
    ['org.contacts', { gridId: 'g', police: { name: '李警官', phone: '0351-4041234' }, doctor: null }],
    ['org.contacts', { gridId: 'g', doctor: { name: '张医生', phone: '13800001111' } }],
    ['org.update', { level: 'grid', id: 'g', boundary: null }],
    ['role.grant', { userId: 'u', role: 'helper', scopeId: 'g', partyMember: true }],
  ] as const)('%s accepts %j', (action, input) => {
    expect(v.safeParse(adminActions[action].input, input).success).toBe(true)
  })
})

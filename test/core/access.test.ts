import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import {
  councilGrids,
  grantsExcept,
  heldGrant,
  holdsAt,
  holdsOver,
  holdsWithin,
  homeCommunity,
  inside,
  isAdminOf,
  isCommunityStaff,
  isCouncilOf,
  isResidentOf,
  isStaffOver,
  placeIds,
  staffRoleOver,
  withGrant,
  type Place,
} from '../../src/core/access'
import type { Actor, Role } from '../../src/core/roles'

const grid1 = { streetId: 's', communityId: 'c', gridId: 'g1' }
const home = { ...grid1, buildingId: 'b', unitId: 'u', householdId: 'h' }
const person = (...grants: [Role, Place][]): Actor => ({
  userId: 'x',
  grants: grants.map(([role, scope]) => ({ role, scope: scope as Actor['grants'][number]['scope'] })),
})

describe('inside (ids compared, as deep as the outer place sets them)', () => {
  it.each<[string, Place, Place, boolean]>([
    ['a node is inside itself', grid1, grid1, true],
    ['a household inside its grid', home, grid1, true],
    ['a grid inside its community by id alone', grid1, { communityId: 'c' }, true],
    ['a grid of another community', grid1, { communityId: 'c2' }, false],
    ['a grid is not inside its own building', grid1, home, false],
    ['an empty outer place holds nothing', grid1, {}, false],
    ['an empty id is no id', grid1, { communityId: '' }, false],
    [
      'a place known by id alone is not inside a full path (over needs the whole path)',
      { gridId: 'g1' },
      { streetId: 's' },
      false,
    ],
  ])('%s', (_name, inner, outer, want) => {
    expect(inside(inner, outer)).toBe(want)
  })
})

describe('over and within', () => {
  const worker = person(['grid_worker', grid1])
  const admin = person(['community_admin', { streetId: 's', communityId: 'c' }])
  const street = person(['street_admin', { streetId: 's' }])
  const resident = person(['resident', home], ['helper', grid1])

  it.each<[string, Actor, Role[], Place, boolean, boolean]>([
    // name, who, roles, place, over, within
    ['worker over a household of the grid', worker, ['grid_worker'], home, true, false],
    ['worker inside the community', worker, ['grid_worker'], { communityId: 'c' }, false, true],
    ['admin over the grid', admin, ['community_admin'], grid1, true, false],
    [
      'admin at the community itself',
      admin,
      ['community_admin'],
      { streetId: 's', communityId: 'c' },
      true,
      true,
    ],
    [
      'street over another community of the street',
      street,
      ['street_admin'],
      { streetId: 's', communityId: 'c9' },
      true,
      false,
    ],
    ['street not over another street', street, ['street_admin'], { streetId: 's2' }, false, false],
    ['wrong role', worker, ['community_admin'], home, false, false],
    ['resident within the grid', resident, ['resident'], { gridId: 'g1' }, false, true],
  ])('%s', (_name, who, roles, place, over, within) => {
    expect(holdsOver(who, roles, place)).toBe(over)
    expect(holdsWithin(who, roles, place)).toBe(within)
    expect(holdsAt(who, roles, place)).toBe(over || within)
  })

  it('answers the named questions', () => {
    expect(homeCommunity(resident)).toBe('c')
    expect(homeCommunity(worker)).toBeNull()
    expect(isResidentOf(resident, { gridId: 'g1' })).toBe(true)
    expect(isResidentOf(resident, { gridId: 'g2' })).toBe(false)
    expect(isStaffOver(worker, home)).toBe(true)
    expect(isStaffOver(resident, home)).toBe(false)
    expect(isAdminOf(admin, 'c')).toBe(true)
    expect(isAdminOf(street, 'c')).toBe(false)
    expect(isCommunityStaff(worker, 'c')).toBe(true)
    expect(isCommunityStaff(street, 'c')).toBe(false)
    expect(
      staffRoleOver(
        person(['community_admin', { streetId: 's', communityId: 'c' }], ['grid_worker', grid1]),
        home,
      ),
    ).toBe('grid_worker')
    expect(staffRoleOver(resident, home)).toBeNull()
    expect(
      placeIds(
        person(['helper', grid1], ['helper', { ...grid1, gridId: 'g2' }], ['helper', grid1]),
        'helper',
        'grid',
      ),
    ).toEqual(['g1', 'g2'])
    expect(placeIds(street, 'street_admin', 'community')).toEqual([])
    expect(grantsExcept(resident, 'resident').map((g) => g.role)).toEqual(['helper'])
  })

  it('treats a stored record without grants as holding none', () => {
    expect(holdsOver({ grants: undefined } as unknown as Actor, 'resident')).toBe(false)
  })
})

describe('the grid council (议事会成员): a grid role, not staff', () => {
  const grid2 = { ...grid1, gridId: 'g2' }
  const member = person(['council_member', grid1])
  const secretary: Actor = {
    userId: 'y',
    grants: [
      { role: 'resident', scope: home },
      { role: 'council_member', scope: grid1, title: '党支部书记' },
    ],
  }
  const worker = person(['grid_worker', grid1])
  const admin = person(['community_admin', { streetId: 's', communityId: 'c' }])
  const resident = person(['resident', home])

  it.each<[string, Actor, string, boolean, boolean, boolean]>([
    // name, who, grid, isCouncilOf(grid), isStaffOver(grid), isResidentOf(grid)
    ['a member, of their grid', member, 'g1', true, false, false],
    ['a member, of another grid', member, 'g2', false, false, false],
    ['the secretary (a title on the grant), living in the grid', secretary, 'g1', true, false, true],
    ['the grid worker is not the council', worker, 'g1', false, true, false],
    ['the community admin is not the council', admin, 'g1', false, true, false],
    ['a resident is not the council', resident, 'g1', false, false, true],
    ['an empty grid id names nothing', member, '', false, false, false],
  ])('%s', (_name, who, gridId, council, staff, lives) => {
    const place = gridId === 'g2' ? grid2 : { ...grid1, gridId }
    expect(isCouncilOf(who, gridId)).toBe(council)
    expect(isStaffOver(who, place)).toBe(staff)
    expect(isResidentOf(who, { gridId })).toBe(lives)
  })

  it('names the grids of the council grants, and no staff role', () => {
    expect(councilGrids(person(['council_member', grid1], ['council_member', grid2]))).toEqual(['g1', 'g2'])
    expect(councilGrids(worker)).toEqual([])
    expect(staffRoleOver(member, home)).toBeNull()
  })

  it('puts a re-granted grant in place of the held one (its title changed), else adds it', () => {
    const plain = { role: 'council_member' as const, scope: grid1 }
    expect(heldGrant(secretary, plain)).toEqual({ ...plain, title: '党支部书记' })
    expect(withGrant(secretary, plain)).toEqual([secretary.grants[0], plain])
    expect(withGrant(resident, plain)).toEqual([...resident.grants, plain])
    expect(withGrant(member, { ...plain, scope: grid2 })).toHaveLength(2)
  })
})

describe('one access module', () => {
  // Role scans (`g.role === …`, `.grants.some(` …) belong in src/core/access.ts alone: every other
  // file asks it. Pages, core and functions alike.
  const root = join(__dirname, '..', '..')
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : files(path)
      return /\.(ts|tsx)$/.test(name) ? [path] : []
    })
  const scans =
    /\bg\.role\s*[!=]==|\.grants\.(some|find|filter)\(|\broles\.(some|find)\(\(g\)|\(g\)\s*=>\s*[\w.[\]]+\.(includes|has)\(g\.role\)/

  it('finds no role scan outside src/core/access.ts', () => {
    const offenders = [...files(join(root, 'src')), ...files(join(root, 'cloudfunctions'))]
      .map((f) => relative(root, f))
      .filter((f) => f !== join('src', 'core', 'access.ts'))
      .filter((f) => scans.test(readFileSync(join(root, f), 'utf8')))
    expect(offenders).toEqual([])
  })
})

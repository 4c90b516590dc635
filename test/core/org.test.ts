import { isWithin, levelDepth, OrgLevels, pathOf, type OrgNode, type OrgPath } from '../../src/core/org/model'

const street: OrgPath = { streetId: 's1' }
const community: OrgPath = { streetId: 's1', communityId: 'c1' }
const grid: OrgPath = { streetId: 's1', communityId: 'c1', gridId: 'g1' }
const building: OrgPath = { ...grid, buildingId: 'b1' }
const household: OrgPath = { ...building, unitId: 'u1', householdId: 'h1' }
const otherGrid: OrgPath = { streetId: 's1', communityId: 'c1', gridId: 'g2' }
const otherCommunity: OrgPath = { streetId: 's1', communityId: 'c2', gridId: 'g1' }
const otherStreet: OrgPath = { streetId: 's2', communityId: 'c1' }

describe('isWithin (inner, outer)', () => {
  it.each<[string, OrgPath, OrgPath, boolean]>([
    ['household in its street', household, street, true],
    ['household in its community', household, community, true],
    ['household in its grid', household, grid, true],
    ['household in its building', household, building, true],
    ['node in itself', grid, grid, true],
    ['grid not in a sibling grid', grid, otherGrid, false],
    ['same grid id under another community', otherCommunity, grid, false],
    ['community of another street', otherStreet, street, false],
    ['street not within a grid', street, grid, false],
    ['community not within a grid', community, grid, false],
  ])('%s', (_name, inner, outer, expected) => {
    expect(isWithin(inner, outer)).toBe(expected)
  })
})

describe('pathOf', () => {
  const nodes: [OrgNode, OrgPath][] = [
    [{ _id: 's1', level: 'street', name: '街道', district: '区' }, street],
    [{ _id: 'c1', level: 'community', name: '社区', streetId: 's1', joinPolicy: 'auto' }, community],
    [{ _id: 'g1', level: 'grid', name: '网格', streetId: 's1', communityId: 'c1' }, grid],
    [
      { _id: 'b1', level: 'building', name: '1栋', streetId: 's1', communityId: 'c1', gridId: 'g1' },
      building,
    ],
    [
      {
        _id: 'h1',
        level: 'household',
        streetId: 's1',
        communityId: 'c1',
        gridId: 'g1',
        buildingId: 'b1',
        unitId: 'u1',
        room: '302',
      },
      household,
    ],
  ]
  it.each(nodes)('path of %o', (node, expected) => {
    expect(pathOf(node)).toEqual(expected)
    expect(isWithin(pathOf(node), street)).toBe(true)
  })

  it('orders levels from street to household', () => {
    expect(OrgLevels.map(levelDepth)).toEqual([0, 1, 2, 3, 4, 5])
  })
})

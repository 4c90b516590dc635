/**
 * Where a report lands (src/core/orders/route.ts), against a table written by hand from the
 * product's rules: a resident reports from her household or anywhere in her community; staff
 * taking a report on someone's behalf only within their own area; a map point lands in the grid
 * whose boundary holds it.
 */
import { isDomainError } from '../../src/core/errors'
import { checkIntake, gridsToSearch, reportingGrant, routeReport } from '../../src/core/orders/route'
import type { Building, Grid } from '../../src/core/org/model'
import type { Actor } from '../../src/core/roles'

const home = {
  streetId: 's1',
  communityId: 'c1',
  gridId: 'g1',
  buildingId: 'b1',
  unitId: 'u1',
  householdId: 'h1',
}
const resident: Actor = { userId: 'r', grants: [{ role: 'resident', scope: home }] }
const worker: Actor = {
  userId: 'w',
  grants: [{ role: 'grid_worker', scope: { streetId: 's1', communityId: 'c1', gridId: 'g1' } }],
}
const nobody: Actor = { userId: 'n', grants: [] }
const building = (id: string, gridId: string, communityId = 'c1'): Building =>
  ({ _id: id, name: `${id}号楼`, streetId: 's1', communityId, gridId }) as Building
const square = (x: number): Grid['boundary'] => [
  [x, 0],
  [x + 1, 0],
  [x + 1, 1],
  [x, 1],
]
const grids = [
  { _id: 'g1', name: '第一网格', streetId: 's1', communityId: 'c1', boundary: square(0) },
  { _id: 'g2', name: '第二网格', streetId: 's1', communityId: 'c1', boundary: square(1.5) },
] as Grid[]

const outcome = (fn: () => unknown): unknown => {
  try {
    return fn()
  } catch (err) {
    return isDomainError(err) ? err.code : String(err)
  }
}

describe('routing a report', () => {
  it.each([
    [
      'a resident from her household',
      resident,
      false,
      { kind: 'household' },
      {},
      { path: { ...home }, placeName: null },
    ],
    [
      'a resident at a building of another grid of her community',
      resident,
      false,
      { kind: 'building', buildingId: 'b9' },
      { building: building('b9', 'g2') },
      { path: { streetId: 's1', communityId: 'c1', gridId: 'g2', buildingId: 'b9' }, placeName: 'b9号楼' },
    ],
    [
      'a resident at a building of another community',
      resident,
      false,
      { kind: 'building', buildingId: 'bx' },
      { building: building('bx', 'gx', 'c2') },
      'ORDER.OUTSIDE_GRID',
    ],
    [
      'a grid worker on behalf at a building of another grid',
      worker,
      true,
      { kind: 'building', buildingId: 'b9' },
      { building: building('b9', 'g2') },
      'ORDER.OUTSIDE_GRID',
    ],
    [
      'a grid worker on behalf at a building of their grid',
      worker,
      true,
      { kind: 'building', buildingId: 'b2' },
      { building: building('b2', 'g1') },
      { path: { streetId: 's1', communityId: 'c1', gridId: 'g1', buildingId: 'b2' }, placeName: 'b2号楼' },
    ],
    [
      'a grid worker on behalf from a household',
      worker,
      true,
      { kind: 'household' },
      {},
      'REPORT.NO_HOUSEHOLD',
    ],
    [
      'a map point inside the second grid, labelled',
      resident,
      false,
      { kind: 'point', lng: 2, lat: 0.5, label: ' 菜场门口 ' },
      { grids },
      { path: { streetId: 's1', communityId: 'c1', gridId: 'g2' }, placeName: '菜场门口' },
    ],
    [
      'a map point inside the first grid, unlabelled',
      resident,
      false,
      { kind: 'point', lng: 0.5, lat: 0.5 },
      { grids },
      { path: { streetId: 's1', communityId: 'c1', gridId: 'g1' }, placeName: '第一网格' },
    ],
    [
      'a map point between the grids',
      resident,
      false,
      { kind: 'point', lng: 1.2, lat: 0.5 },
      { grids },
      'ORDER.OUTSIDE_GRID',
    ],
  ] as const)('%s', (_n, actor, onBehalf, location, found, expected) => {
    expect(
      outcome(() =>
        routeReport(reportingGrant(actor, onBehalf), location as never, onBehalf, found as never),
      ),
    ).toEqual(expected)
  })

  it('needs a household to report from, or a staff grant to report for someone', () => {
    expect(outcome(() => reportingGrant(nobody, false))).toBe('REPORT.NO_HOUSEHOLD')
    expect(outcome(() => reportingGrant(resident, true))).toBe('REPORT.NOT_STAFF')
  })

  it('searches the staff member’s own grid, a resident’s community', () => {
    expect(gridsToSearch(reportingGrant(worker, true), true)).toEqual({ _id: 'g1' })
    expect(gridsToSearch(reportingGrant(resident, false), false)).toEqual({ communityId: 'c1' })
  })

  it('takes a report on someone’s behalf only where the staff member works', () => {
    expect(
      outcome(() => checkIntake(worker, { streetId: 's1', communityId: 'c1', gridId: 'g2' }, true)),
    ).toBe('REPORT.NOT_STAFF')
    expect(
      outcome(() => checkIntake(worker, { streetId: 's1', communityId: 'c1', gridId: 'g1' }, true)),
    ).toBeUndefined()
    expect(
      outcome(() => checkIntake(resident, { streetId: 's1', communityId: 'c9', gridId: 'g9' }, false)),
    ).toBeUndefined()
  })
})

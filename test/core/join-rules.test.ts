import {
  applyCancel,
  checkCanAdmit,
  checkCanSubmit,
  grantsAfterLeaving,
  viaOf,
} from '../../src/core/join/decide'
import type { HouseholdPlace, InviteCodeRecord, JoinRecord } from '../../src/core/join/model'
import {
  JoinDeciders,
  joinTransitions,
  JoinStatuses,
  mayDecideJoin,
  nextJoinStatus,
  type JoinMove,
  type JoinParty,
  type JoinStatus,
} from '../../src/core/join/rules'
import type { UserRecord } from '../../src/core/me/model'
import type { JoinPolicy, OrgPath } from '../../src/core/org/model'
import { Roles, type Role } from '../../src/core/roles'
import { actorWith, elsewhereOf, scopeOf, unitPath } from '../support/builders'

const target = unitPath
const actor = (role: Role, scope: OrgPath) => actorWith(role, scope)
const elsewhere = elsewhereOf

describe('join state machine', () => {
  const moves: JoinMove[] = ['approve', 'reject', 'cancel']
  const parties: JoinParty[] = ['decider', 'applicant']
  const cells = JoinStatuses.flatMap((from) =>
    moves.flatMap((move) => parties.map((by) => [from, move, by] as const)),
  )
  const expected: Record<string, string> = {
    'pending approve decider': 'approved',
    'pending reject decider': 'rejected',
    'pending cancel applicant': 'cancelled',
  }
  it.each(cells)('%s --%s by %s-->', (from, move, by) => {
    expect(nextJoinStatus(from, move, by)).toBe(expected[`${from} ${move} ${by}`] ?? null)
  })

  it('has no move out of a decided request', () => {
    expect(joinTransitions.every((t) => t.from.every((from) => from === 'pending'))).toBe(true)
  })
})

describe('who decides a join', () => {
  const policies: JoinPolicy[] = ['auto', 'grid_worker', 'building_leader']
  const cells = policies.flatMap((policy) => Roles.map((role) => [policy, role] as const))
  it.each(cells)('policy %s, role %s: in scope only if listed; never out of scope', (policy, role) => {
    const listed = JoinDeciders[policy].includes(role)
    expect(mayDecideJoin(actor(role, scopeOf[role]), policy, target)).toBe(listed)
    expect(mayDecideJoin(actor(role, elsewhere[role]), policy, target)).toBe(false)
  })

  it('never lets a resident or helper decide', () => {
    for (const policy of policies) {
      expect(JoinDeciders[policy]).not.toContain('resident')
      expect(JoinDeciders[policy]).not.toContain('helper')
    }
  })
})

describe('may this person submit a join (checkCanSubmit)', () => {
  const user = (householdId?: string): UserRecord => ({
    _id: 'u1',
    openid: 'o',
    displayName: 'x',
    grants: [],
    createdAt: new Date(0),
    ...(householdId ? { householdId } : {}),
  })
  const join = (status: JoinStatus, unitId = 'unit-a', room = '302'): JoinRecord => ({
    _id: `j-${status}-${unitId}-${room}`,
    userId: 'u1',
    requestId: 'r',
    path: { streetId: 's', communityId: 'c', gridId: 'g', buildingId: 'b', unitId },
    room,
    name: '王',
    phone: null,
    policy: 'grid_worker',
    status,
    via: 'picker',
    reason: null,
    decidedBy: null,
    createdAt: new Date(0),
    decidedAt: null,
  })
  // Household ids are opaque: where a household is comes from its record (unit and room).
  const here = 'hh_here'
  const there = 'hh_there'
  const places: Record<string, HouseholdPlace> = {
    [here]: { unitId: 'unit-a', room: '302' },
    [there]: { unitId: 'unit-b', room: '101' },
  }
  const homeOf = (u: UserRecord) => (u.householdId ? (places[u.householdId] ?? null) : null)
  type Cell = [string, UserRecord, JoinRecord | null, boolean, string]
  // [case, user, their latest request, move?, expected: 'new' | 'same' | error code]
  const cells: Cell[] = [
    ['newcomer, nothing before', user(), null, false, 'new'],
    ['newcomer, rejected before', user(), join('rejected'), false, 'new'],
    ['newcomer, cancelled before', user(), join('cancelled', 'unit-b'), false, 'new'],
    ['pending here: the same request', user(), join('pending'), false, 'same'],
    [
      'pending for flat 302A of the same unit',
      user(),
      join('pending', 'unit-a', '302A'),
      false,
      'JOIN.PENDING_EXISTS',
    ],
    ['pending elsewhere', user(), join('pending', 'unit-b', '101'), false, 'JOIN.PENDING_EXISTS'],
    [
      'pending elsewhere, as a move',
      user(there),
      join('pending', 'unit-b', '999'),
      true,
      'JOIN.PENDING_EXISTS',
    ],
    ['member, same household, approved here', user(here), join('approved'), false, 'same'],
    ['member, same household, no request on record', user(here), null, false, 'JOIN.ALREADY_MEMBER'],
    ['member, same household, as a move', user(here), null, true, 'JOIN.ALREADY_MEMBER'],
    [
      'member elsewhere, no move',
      user(there),
      join('approved', 'unit-b', '101'),
      false,
      'JOIN.ALREADY_MEMBER',
    ],
    ['member elsewhere, move', user(there), join('approved', 'unit-b', '101'), true, 'new'],
    ['member elsewhere, pending move here: same request', user(there), join('pending'), true, 'same'],
  ]
  it.each(cells)('%s', (_name, u, latest, move, expected) => {
    const run = () => checkCanSubmit(u, latest, 'unit-a', '302', move, homeOf(u))
    if (expected === 'new') expect(run()).toBeNull()
    else if (expected === 'same') expect(run()).toBe(latest)
    else expect(run).toThrow(expect.objectContaining({ code: expected }))
  })

  it('treats rooms case-insensitively', () => {
    expect(checkCanSubmit(user(), join('pending', 'unit-a', '3A'), 'unit-a', '3a')).not.toBeNull()
  })

  it.each([
    ['first join, not in a household', undefined, null, true],
    ['first join, joined elsewhere meanwhile', there, null, false],
    ['first join, already in that very household', here, null, true],
    ['move, still in the old household', there, there, true],
    ['move, left the old household meanwhile', undefined, there, true],
  ] as const)('checkCanAdmit: %s → %s', (_name, householdId, moveFrom, ok) => {
    const run = () => checkCanAdmit({ ...join('approved'), moveFrom }, user(householdId), here)
    if (ok) expect(run).not.toThrow()
    else expect(run).toThrow(expect.objectContaining({ code: 'JOIN.ALREADY_MEMBER' }))
  })

  it('lets only the applicant withdraw, and only while pending', () => {
    const now = new Date(1)
    const me = { userId: 'u1', grants: [] }
    expect(applyCancel(join('pending'), me, now)).toMatchObject({
      status: 'cancelled',
      decidedBy: 'u1',
      decidedAt: now,
    })
    expect(() => applyCancel(join('pending'), { userId: 'u2', grants: [] }, now)).toThrow(
      expect.objectContaining({ code: 'DATA.NOT_FOUND' }),
    )
    for (const status of ['approved', 'rejected', 'cancelled'] as const) {
      expect(() => applyCancel(join(status), me, now)).toThrow(
        expect.objectContaining({ code: 'JOIN.NOT_PENDING' }),
      )
    }
  })

  it('drops only the resident grant on leaving', () => {
    const grants = [
      { role: 'resident' as const, scope: { ...unitPath, householdId: 'h' } },
      { role: 'helper' as const, scope: { streetId: 's', communityId: 'c', gridId: 'g' } },
    ]
    expect(grantsAfterLeaving(grants)).toEqual([grants[1]])
  })
})

describe('how a join arrived (viaOf)', () => {
  const unit = { gridId: 'g', buildingId: 'b' }
  const code = (
    target: 'building' | 'grid',
    targetId: string,
    gridId: string,
    active = true,
  ): InviteCodeRecord => ({
    _id: 'CODE',
    target,
    targetId,
    path: {
      streetId: 's',
      communityId: 'c',
      gridId,
      ...(target === 'building' ? { buildingId: targetId } : {}),
    },
    active,
    createdAt: new Date(0),
  })
  it.each([
    ['no code', null, 'picker'],
    ['this building’s code', code('building', 'b', 'g'), 'code'],
    ['another building’s code in the same grid', code('building', 'b2', 'g'), 'picker'],
    ['this grid’s code', code('grid', 'g', 'g'), 'code'],
    ['another grid’s code', code('grid', 'g2', 'g2'), 'picker'],
    ['a retired code of this building', code('building', 'b', 'g', false), 'picker'],
  ] as const)('%s → %s', (_name, c, expected) => {
    expect(viaOf(c, unit)).toBe(expected)
  })
})

import { JoinDeciders, joinTransitions, JoinStatuses, mayDecideJoin, nextJoinStatus, type JoinMove, type JoinParty } from '../../src/core/join/rules'
import type { JoinPolicy, OrgPath } from '../../src/core/org/model'
import { Roles, type Role } from '../../src/core/roles'
import { actorWith, elsewhereOf, scopeOf, unitPath } from '../support/builders'

const target = unitPath
const actor = (role: Role, scope: OrgPath) => actorWith(role, scope)
const elsewhere = elsewhereOf

describe('join state machine', () => {
  const moves: JoinMove[] = ['approve', 'reject', 'cancel']
  const parties: JoinParty[] = ['decider', 'applicant']
  const cells = JoinStatuses.flatMap((from) => moves.flatMap((move) => parties.map((by) => [from, move, by] as const)))
  const expected: Record<string, string> = {
    'pending approve decider': 'approved',
    'pending reject decider': 'rejected',
    'pending cancel applicant': 'cancelled',
  }
  it.each(cells)('%s --%s by %s-->', (from, move, by) => {
    expect(nextJoinStatus(from, move, by)).toBe(expected[`${from} ${move} ${by}`] ?? null)
  })

  it('has no move out of a decided request', () => {
    expect(joinTransitions.every((t) => t.from === 'pending')).toBe(true)
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

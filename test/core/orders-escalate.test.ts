import { applyMove, type Mover } from '../../src/core/orders/decide'
import { orderMachine } from '../../src/core/orders/machine'
import type { Tier } from '../../src/core/orders/model'
import { DefaultSla } from '../../src/core/orders/sla'
import { abilitiesOf } from '../../src/core/orders/view'
import type { Actor } from '../../src/core/roles'
import { order, T0, thrownCode } from '../support/builders'

/**
 * Escalation stops at the top, one rule: the machine's escalate rows refuse with ORDER.TOP_TIER on
 * a department-tier order, the detail's `can.escalate` is the machine's answer, and the decider
 * refuses the move with the same code. Expected by hand: a street admin of street s1 handles the
 * street and department tiers and may escalate from every tier but the department.
 */
const street: Actor = { userId: 'u-st', grants: [{ role: 'street_admin', scope: { streetId: 's1' } }] }
const by: Mover = {
  kind: 'person',
  userId: 'u-st',
  name: '街道',
  role: 'street_admin',
  parties: ['handler', 'supervisor'],
}

describe('escalate at the top tier', () => {
  it.each<[Tier, boolean]>([
    ['grid', true],
    ['community', true],
    ['street', true],
    ['department', false],
  ])('%s: may escalate %s', (tier, may) => {
    const o = order({ tier, status: 'submitted' })
    expect(abilitiesOf(street, o, T0, DefaultSla).escalate).toBe(may)
    const step = orderMachine.next('submitted', 'escalate', ['handler'], {
      order: o,
      now: T0,
      sla: DefaultSla,
    })
    expect(step.ok ? 'ok' : step.code).toBe(may ? 'ok' : 'ORDER.TOP_TIER')
    const code = thrownCode(() =>
      applyMove(
        o,
        { move: 'escalate', reason: '需上级', to: '区城管局' },
        { now: T0, by, sla: DefaultSla, hazard: false },
      ),
    )
    expect(code).toBe(may ? 'OK' : 'ORDER.TOP_TIER')
  })

  it('a supervisor cannot move an unsatisfied department order further either', () => {
    const o = order({ tier: 'department', status: 'unsatisfied' })
    expect(
      orderMachine.movesFor('unsatisfied', ['supervisor'], { order: o, now: T0, sla: DefaultSla }),
    ).toEqual(['reply'])
  })
})

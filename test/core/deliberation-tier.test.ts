/**
 * 民办: who may file a topic's work order at which tier (src/core/deliberation/carry.ts
 * `orderTiersFor`, `checkOrderTier`), against a table written by hand from issue #15 item 5: staff
 * over the topic's place file at their own tier or below; nobody else files any.
 */
import { checkOrderTier, orderTiersFor } from '../../src/core/deliberation/carry'
import type { StartTier } from '../../src/core/orders/model'
import type { OrgPath } from '../../src/core/org/model'
import type { Actor, Role } from '../../src/core/roles'
import { thrownCode } from '../support/builders'

const TOPIC = { streetId: 's', communityId: 'c', gridId: 'g' }
const who = (role: Role, scope: OrgPath): Actor => ({ userId: 'x', grants: [{ role, scope }] })
const people: Readonly<Record<string, Actor>> = {
  'the grid’s worker': who('grid_worker', TOPIC),
  'the community’s admin': who('community_admin', { streetId: 's', communityId: 'c' }),
  'the street’s admin': who('street_admin', { streetId: 's' }),
  'another grid’s worker': who('grid_worker', { ...TOPIC, gridId: 'g2' }),
  'another community’s admin': who('community_admin', { streetId: 's', communityId: 'c2' }),
  'another street’s admin': who('street_admin', { streetId: 's2' }),
  'a resident': who('resident', { ...TOPIC, buildingId: 'b', unitId: 'u', householdId: 'h' }),
  'a council member': who('council_member', TOPIC),
  'a building leader': who('building_leader', { ...TOPIC, buildingId: 'b' }),
  'a grid worker who is also the community’s admin': {
    userId: 'x',
    grants: [
      { role: 'grid_worker', scope: TOPIC },
      { role: 'community_admin', scope: { streetId: 's', communityId: 'c' } },
    ],
  },
}

const F = 'AUTH.FORBIDDEN'
const T = 'DELIBERATION.BAD_TIER'

describe('tier × filer → allowed, or the code', () => {
  it.each<[string, string, string, string, StartTier[]]>([
    // filer, grid, community, street, the tiers the form offers
    ['the grid’s worker', 'ok', T, T, ['grid']],
    ['the community’s admin', 'ok', 'ok', T, ['grid', 'community']],
    ['the street’s admin', 'ok', 'ok', 'ok', ['grid', 'community', 'street']],
    ['a grid worker who is also the community’s admin', 'ok', 'ok', T, ['grid', 'community']],
    ['another grid’s worker', F, F, F, []],
    ['another community’s admin', F, F, F, []],
    ['another street’s admin', F, F, F, []],
    ['a resident', F, F, F, []],
    ['a council member', F, F, F, []],
    ['a building leader', F, F, F, []],
  ])('%s: grid %s, community %s, street %s; offered %j', (name, grid, community, street, offered) => {
    const p = people[name] as Actor
    const code = (tier?: StartTier) => {
      const c = thrownCode(() => checkOrderTier(p, TOPIC, tier))
      return c === 'OK' ? 'ok' : c
    }
    expect([code('grid'), code('community'), code('street')]).toEqual([grid, community, street])
    // No tier asked: the grid.
    expect(code()).toBe(grid)
    expect(orderTiersFor(p, TOPIC)).toEqual(offered)
  })

  it('answers the tier it allowed (the grid when none was asked)', () => {
    const admin = people['the street’s admin'] as Actor
    expect(checkOrderTier(admin, TOPIC)).toBe('grid')
    expect(checkOrderTier(admin, TOPIC, 'street')).toBe('street')
  })
})

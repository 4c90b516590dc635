/**
 * The one-write accept is the machine's accept rule compiled into a database condition
 * (src/core/orders/outbox.ts). Proven here against the decider itself: for every caller and every
 * order of the tables below, the condition matches exactly when `applyMove` allows the accept on
 * an order of the fast path's kind, and the write sets what `applyMove` would.
 */
import { applyMove, partiesOf, staffRoleFor, type Mover } from '../../src/core/orders/decide'
import { OrderStatuses, Tiers, type OrderRecord } from '../../src/core/orders/model'
import {
  acceptedDelta,
  fastAcceptFor,
  fastAcceptMatches,
  FastAcceptState,
} from '../../src/core/orders/outbox'
import { statsDelta } from '../../src/core/orders/metrics'
import { submitEffects } from '../../src/core/orders/effects'
import { DefaultSla } from '../../src/core/orders/sla'
import type { Actor, RoleGrant } from '../../src/core/roles'
import { order, T0 } from '../support/builders'

const H = 3_600_000
const NOW = new Date(T0.getTime() + H)

const g1 = { streetId: 's1', communityId: 'c1', gridId: 'g1' }
const g2 = { streetId: 's1', communityId: 'c1', gridId: 'g2' }
const g3 = { streetId: 's1', communityId: 'c2', gridId: 'g3' }
const g4 = { streetId: 's2', communityId: 'c3', gridId: 'g4' }
const paths = [g1, g2, g3, g4].map((p) => ({ ...p, buildingId: `b-${p.gridId}` }))

const grant = (role: RoleGrant['role'], scope: RoleGrant['scope']): RoleGrant => ({ role, scope })
const callers: readonly [string, Actor][] = [
  ['grid worker of g1', { userId: 'w1', grants: [grant('grid_worker', g1)] }],
  [
    'grid worker of g1 and g2',
    { userId: 'w12', grants: [grant('grid_worker', g1), grant('grid_worker', g2)] },
  ],
  [
    'grid worker of g1 living in g1',
    {
      userId: 'w1r',
      grants: [grant('resident', { ...g1, buildingId: 'b-g1', householdId: 'h' }), grant('grid_worker', g1)],
    },
  ],
  [
    'community admin of c1',
    { userId: 'a1', grants: [grant('community_admin', { streetId: 's1', communityId: 'c1' })] },
  ],
  [
    'community admin of c2',
    { userId: 'a2', grants: [grant('community_admin', { streetId: 's1', communityId: 'c2' })] },
  ],
  ['street admin of s1', { userId: 's1', grants: [grant('street_admin', { streetId: 's1' })] }],
  ['street admin of s2', { userId: 's2', grants: [grant('street_admin', { streetId: 's2' })] }],
  [
    'grid worker of g3 and community admin of c1',
    {
      userId: 'mix',
      grants: [grant('grid_worker', g3), grant('community_admin', { streetId: 's1', communityId: 'c1' })],
    },
  ],
  [
    'resident of g1',
    { userId: 'r1', grants: [grant('resident', { ...g1, buildingId: 'b-g1', householdId: 'h' })] },
  ],
  ['helper of g1', { userId: 'h1', grants: [grant('helper', g1)] }],
]

/** Every order the tables cover: place × status × tier × held × accepted before × deadline × holder. */
function* orders(): Generator<OrderRecord> {
  for (const path of paths)
    for (const status of OrderStatuses)
      for (const tier of Tiers)
        for (const held of [false, true])
          for (const acceptedBefore of [false, true])
            for (const dueAt of [new Date(NOW.getTime() + H), new Date(NOW.getTime() - H), null])
              for (const handlerId of [null, 'w1']) {
                yield {
                  ...order({
                    path,
                    status,
                    tier,
                    held,
                    photosChecked: !held,
                    handlerId,
                    firstReceiverId: acceptedBefore ? 'w0' : null,
                    acceptedAt: acceptedBefore ? T0 : null,
                  }),
                  dueAt,
                  dueAction: dueAt ? 'escalate' : null,
                }
              }
}

const ofFastKind = (o: OrderRecord) =>
  Object.entries(FastAcceptState).every(([k, v]) => (o as unknown as Record<string, unknown>)[k] === v) &&
  o.dueAt !== null &&
  o.dueAt.getTime() > NOW.getTime()

function decide(actor: Actor, o: OrderRecord) {
  const parties = partiesOf(actor, o)
  const role =
    parties.includes('handler') || parties.includes('supervisor') ? staffRoleFor(actor, o.path) : 'resident'
  const by: Mover = { kind: 'person', userId: actor.userId, name: 'N', role, parties }
  try {
    return applyMove(o, { move: 'accept' }, { by, now: NOW, sla: DefaultSla, hazard: false })
  } catch {
    return null
  }
}

describe('the one-write accept', () => {
  const all = [...orders()]

  it.each(callers)(
    '%s: the condition matches exactly the orders applyMove lets them accept',
    (_name, actor) => {
      const plan = fastAcceptFor(actor, 'N', NOW)
      const staffKinds = new Set(
        actor.grants
          .map((g) => g.role)
          .filter((r) => r === 'grid_worker' || r === 'community_admin' || r === 'street_admin'),
      )
      if (!plan) {
        // Only callers who cannot accept at all, or whose timeline role depends on the place.
        expect(staffKinds.size === 0 || staffKinds.size > 1).toBe(true)
        return
      }
      let matched = 0
      for (const o of all) {
        const matches = fastAcceptMatches(o, plan, NOW)
        const r = decide(actor, o)
        if (matches) {
          matched += 1
          expect(r).not.toBeNull()
          if (!r) continue
          // The write sets what the decider would (the deadline is the dispatcher's).
          const { dueAt: _d, dueAction: _a, outboxAt: _o, unnotified: _u, ...fields } = plan.set
          for (const [k, v] of Object.entries(fields))
            expect([k, (r.next as unknown as Record<string, unknown>)[k]]).toEqual([k, v])
          expect(r.next.version).toBe(o.version + 1)
          expect(r.next.open).toBe(true)
          expect(r.next.overdue).toBe(o.overdue)
          expect(r.event).toEqual(plan.event)
        } else if (ofFastKind(o)) {
          // Of the fast path's kind, unmatched only when the decider refuses too (out of scope).
          expect(r).toBeNull()
        }
      }
      expect(matched).toBeGreaterThan(0)
    },
  )

  it('gives no plan to callers of several staff kinds or none', () => {
    expect(fastAcceptFor(callers[7]![1], 'N', NOW)).toBeNull()
    expect(fastAcceptFor(callers[8]![1], 'N', NOW)).toBeNull()
    expect(fastAcceptFor(callers[9]![1], 'N', NOW)).toBeNull()
  })

  it('compiles a grant to the ids of its own level and above', () => {
    expect(fastAcceptFor(callers[1]![1], 'N', NOW)?.scopes).toEqual([g1, g2])
    expect(fastAcceptFor(callers[3]![1], 'N', NOW)?.scopes).toEqual([{ streetId: 's1', communityId: 'c1' }])
    expect(fastAcceptFor(callers[5]![1], 'N', NOW)?.scopes).toEqual([{ streetId: 's1' }])
  })
})

describe('what an outbox entry owes the counters', () => {
  const deadline = new Date(T0.getTime() + 4 * H)

  it('a submit: one received, open order of the area', () => {
    const counts = submitEffects(order(), DefaultSla, false).filter(
      (e) => e.kind === 'count' && e.collection === 'order_stats',
    )
    expect(counts.map((c) => (c.kind === 'count' ? c.incs : null))).toEqual([{ received: 1, open: 1 }])
  })

  it.each([
    ['on time', new Date(T0.getTime() + H), 1],
    ['late', new Date(T0.getTime() + 5 * H), 0],
  ])('an accept %s: what the decider move would count', (_name, at, onTime) => {
    const before = order()
    const after = decide({ userId: 'w1', grants: [grant('grid_worker', g1)] }, before)
    const d = acceptedDelta(before, 'w1', at, deadline)
    expect(d.area.acceptedOnTime ?? 0).toBe(onTime)
    // The same as statsDelta over the real move, at that instant.
    if (after)
      expect({ area: d.area, worker: d.worker }).toEqual(
        statsDelta(before, { ...after.next, acceptedAt: at }, deadline),
      )
  })
})

/**
 * A new order that starts above the grid (src/core/orders/new-order.ts `tier`, issue #15 item 5: a
 * decided topic's work orders "to the right tier"), against expectations written by hand from the
 * default SLA (grid 4 h, community 8 h, street 24 h to accept; hazards 1 h) and the ladder:
 * its tier, tierSince, opening events, deadline, counting, who is told, and the ladder from there.
 */
import { holdsOver } from '../../src/core/access'
import type { Count, Notify } from '../../src/core/effects'
import { applyMove, type Mover } from '../../src/core/orders/decide'
import { moveEffects } from '../../src/core/orders/effects'
import type { OrderRecord, StartTier } from '../../src/core/orders/model'
import { startTierOf } from '../../src/core/orders/model'
import { newOrder } from '../../src/core/orders/new-order'
import { DefaultSla, sweepDecision } from '../../src/core/orders/sla'
import type { Actor } from '../../src/core/roles'
import { T0, thrownCode } from '../support/builders'

const H = 3_600_000
const at = (h: number) => new Date(T0.getTime() + h * H)
const GRID = { streetId: 's1', communityId: 'c1', gridId: 'g1' }
const STREET_ADMIN: Actor = {
  userId: 'u-street',
  grants: [{ role: 'street_admin', scope: { streetId: 's1' } }],
}

const filed = (tier: StartTier | undefined, over: { held?: boolean; hazard?: boolean } = {}): OrderRecord =>
  newOrder({
    id: 'wo_t',
    actor: STREET_ADMIN,
    user: { displayName: '街道李' },
    input: {
      requestId: 'tp1-req.1',
      text: '【居民议事：充电桩】在3号楼东侧安装充电桩',
      photos: [],
      location: { kind: 'household' },
      hideName: false,
    },
    category: { id: 'safety', name: '安全隐患', hazard: over.hazard ?? false },
    held: over.held ?? false,
    place: { path: GRID, placeName: '新华社区第1网格' },
    now: T0,
    sla: DefaultSla,
    topic: { id: 'tp1', title: '充电桩' },
    ...(tier ? { tier } : {}),
  })

/** People of the tree, to read an audience (`staff` roles over a place) as the people it reaches. */
const cast: Readonly<Record<string, Actor>> = {
  'grid worker of g1': { userId: 'a', grants: [{ role: 'grid_worker', scope: GRID }] },
  'grid worker of g2': { userId: 'b', grants: [{ role: 'grid_worker', scope: { ...GRID, gridId: 'g2' } }] },
  'community admin of c1': {
    userId: 'c',
    grants: [{ role: 'community_admin', scope: { streetId: 's1', communityId: 'c1' } }],
  },
  'community admin of c2': {
    userId: 'd',
    grants: [{ role: 'community_admin', scope: { streetId: 's1', communityId: 'c2' } }],
  },
  'street admin of s1': STREET_ADMIN,
  'street admin of s2': { userId: 'f', grants: [{ role: 'street_admin', scope: { streetId: 's2' } }] },
}
const reached = (n: Notify): string[] =>
  'staff' in n.to
    ? Object.entries(cast)
        .filter(([, p]) => 'staff' in n.to && holdsOver(p, n.to.staff, n.to.over))
        .map(([name]) => name)
    : []
const entryOf = (o: OrderRecord) => o.outbox?.[0]?.effects ?? []
const noticeOf = (o: OrderRecord) => entryOf(o).find((e): e is Notify => e.kind === 'notify')
const countsOf = (o: OrderRecord) =>
  entryOf(o).filter((e): e is Count => e.kind === 'count' && e.collection === 'order_stats')

describe('a new order starts at the tier asked for, written once', () => {
  it.each<[StartTier | undefined, StartTier, number, number, string[]]>([
    // tier asked, tier, accept within (h), hazard within (h), told
    [undefined, 'grid', 4, 1, ['grid worker of g1']],
    ['grid', 'grid', 4, 1, ['grid worker of g1']],
    ['community', 'community', 8, 1, ['community admin of c1']],
    ['street', 'street', 24, 1, ['street admin of s1']],
  ])('%s → %s: accept within %i h (a hazard %i h), told: %j', (asked, tier, hours, hazardHours, told) => {
    const o = filed(asked)
    expect(o).toMatchObject({
      tier,
      status: 'submitted',
      tierSince: T0,
      submittedAt: T0,
      handlerId: null,
      topicId: 'tp1',
      dueAt: at(hours),
      dueAction: 'escalate',
      unnotified: true,
      version: 0,
    })
    expect(o.events).toEqual([
      expect.objectContaining({ kind: 'submit', at: T0, by: 'u-street', byRole: 'street_admin', tier }),
    ])
    expect(startTierOf(o)).toBe(tier)
    expect(filed(asked, { hazard: true }).dueAt).toEqual(at(hazardHours))
    // Who is told: the handlers of that tier over the topic's place, while it is still news.
    const n = noticeOf(o) as Notify
    expect(n).toMatchObject({
      key: `order.new.${tier}.submit`,
      template: 'orderNew',
      onlyIf: { status: 'submitted', tier, unnotified: true },
      onReached: { unnotified: false },
    })
    expect(reached(n)).toEqual(told)
    // Counted where the problem is: its grid's document, received and open.
    expect(countsOf(o)).toEqual([
      expect.objectContaining({ collection: 'order_stats', id: 'grid_g1', incs: { received: 1, open: 1 } }),
    ])
  })

  it('a held order is held at the tier it starts at', () => {
    expect(filed('community', { held: true }).events.map((e) => `${e.kind}@${e.tier}`)).toEqual([
      'submit@community',
      'held@community',
    ])
  })
})

describe('from there the ladder goes on', () => {
  const admin: Mover = {
    kind: 'person',
    userId: 'c',
    name: '社区张',
    role: 'community_admin',
    parties: ['handler'],
  }
  const street: Mover = { ...admin, userId: 'u-street', name: '街道李', role: 'street_admin' }
  const ctx = (by: Mover, h: number) => ({ by, now: at(h), sla: DefaultSla, hazard: false })

  it.each<[StartTier, 'escalate to community' | 'escalate to street' | 'overdue']>([
    ['grid', 'escalate to community'],
    ['community', 'escalate to street'],
    ['street', 'overdue'],
  ])('an unaccepted order started at %s, its deadline passed: %s', (tier, want) => {
    const o = filed(tier)
    const d = sweepDecision(o, new Date(new Date(o.dueAt as Date).getTime() + 1))
    expect(d?.kind === 'escalate' ? `escalate to ${d.toTier}` : d?.kind).toBe(want)
  })

  it('escalated from the community: the street is told, as any escalation', () => {
    const o = filed('community')
    const r = applyMove(o, { move: 'escalate', reason: '需要街道协调' }, ctx(admin, 1))
    expect(r.next).toMatchObject({ tier: 'street', tierSince: at(1), dueAt: at(25) })
    const n = moveEffects(o, r, DefaultSla, false, at(1)).find((e): e is Notify => e.kind === 'notify')
    expect(n ? reached(n) : []).toEqual(['street admin of s1'])
  })

  it('at the street a person names the department; the sweep never goes there', () => {
    const o = filed('street')
    expect(thrownCode(() => applyMove(o, { move: 'escalate', reason: '需要部门' }, ctx(street, 1)))).toBe(
      'ORDER.TRANSFER_TARGET_REQUIRED',
    )
  })

  it.each<[StartTier, number, boolean]>([
    // started at, accepted after (h), counted on time
    ['grid', 3, true],
    ['grid', 6, false],
    ['community', 6, true],
    ['community', 9, false],
    ['street', 20, true],
  ])('started at %s and first accepted after %i h: on time %s (its own tier’s limit)', (tier, h, onTime) => {
    const o = filed(tier)
    const by: Mover = tier === 'grid' ? { ...admin, role: 'grid_worker' } : admin
    const r = applyMove(o, { move: 'accept' }, ctx(by, h))
    const counts = moveEffects(o, r, DefaultSla, false, at(h)).filter((e): e is Count => e.kind === 'count')
    const incs = counts.find((c) => c.collection === 'order_stats')?.incs ?? {}
    expect(incs).toMatchObject({ accepted: 1 })
    expect(incs.acceptedOnTime ?? 0).toBe(onTime ? 1 : 0)
  })
})

/**
 * Who is told what after a move on a work order (src/core/orders/effects.ts), against a table
 * written out by hand from the product's rules (product.md §4, issue #14 item 0):
 * - an escalation: the new tier's handlers, and the flag `unnotified` cleared when one is reached;
 * - a deadline passed (sweep): who held it, then the supervisors of the tier it now lies at, not twice;
 * - a 不满意 rating: the supervisors of its tier;
 * - a reply, and the sweep moving an order up: the reporter and followers, never the mover;
 * - accept, start, reopen, close, release: nobody.
 */
import type { Effect, Notify } from '../../src/core/effects'
import { applyMove, markOverdue, type MoveResult, type Mover } from '../../src/core/orders/decide'
import { moveEffects, submitEffects } from '../../src/core/orders/effects'
import type { OrderRecord } from '../../src/core/orders/model'
import { DefaultSla } from '../../src/core/orders/sla'
import { order, T0 } from '../support/builders'

const H = 3_600_000
const at = (ms: number) => new Date(T0.getTime() + ms)
const GRID = { streetId: 's1', communityId: 'c1', gridId: 'g1' }
const worker: Mover = {
  kind: 'person',
  userId: 'u-w',
  name: '网格员',
  role: 'grid_worker',
  parties: ['handler'],
}
const reporter: Mover = {
  kind: 'person',
  userId: 'u-res',
  name: '王',
  role: 'resident',
  parties: ['reporter'],
}
const system: Mover = { kind: 'system' }
const ctx = (by: Mover, now = at(H)) => ({ by, now, sla: DefaultSla, hazard: false })

/** A notice as the table reads it: its kind prefix, template and audience. */
const told = (effects: readonly Effect[]) =>
  effects
    .filter((e): e is Notify => e.kind === 'notify')
    .map((n) => ({
      key: n.key.replace(/\.v\d+$/, ''),
      template: n.template,
      to: 'users' in n.to ? { users: n.to.users } : 'staff' in n.to ? { staff: n.to.staff } : 'named',
      ...(n.except ? { except: n.except } : {}),
      ...(n.once ? { once: n.once } : {}),
      ...(n.onReached ? { onReached: n.onReached } : {}),
    }))

const accepted = applyMove(order(), { move: 'accept' }, ctx(worker)).next
const replied = applyMove(
  accepted,
  { move: 'reply', outcome: 'handled', text: '已疏通' },
  ctx(worker, at(2 * H)),
).next
const withFollower = (o: OrderRecord): OrderRecord => ({ ...o, followerIds: ['u-f'] })

const cases: readonly [string, OrderRecord, () => MoveResult, ReturnType<typeof told>][] = [
  ['accept', order(), () => applyMove(order(), { move: 'accept' }, ctx(worker)), []],
  ['start', accepted, () => applyMove(accepted, { move: 'start' }, ctx(worker)), []],
  [
    'escalate by the handler',
    accepted,
    () => applyMove(accepted, { move: 'escalate', reason: '需要社区协调' }, ctx(worker)),
    [
      {
        key: 'order.new.community',
        template: 'orderNew',
        to: { staff: ['community_admin'] },
        onReached: { unnotified: false },
      },
    ],
  ],
  [
    'escalate by the sweep (accept deadline passed)',
    order(),
    () => applyMove(order(), { move: 'escalate', reason: '超过办理时限，自动上报' }, ctx(system, at(5 * H))),
    [
      {
        key: 'order.new.community',
        template: 'orderNew',
        to: { staff: ['community_admin'] },
        onReached: { unnotified: false },
      },
      { key: 'order.late', template: 'orderOverdue', to: { staff: ['grid_worker'] }, once: 'late' },
      { key: 'order.overdue', template: 'orderOverdue', to: { staff: ['street_admin'] }, once: 'late' },
      { key: 'order.progress', template: 'orderProgress', to: { users: ['u-res'] } },
    ],
  ],
  [
    'escalate by the sweep, of an accepted order: its handler is told',
    accepted,
    () =>
      applyMove(accepted, { move: 'escalate', reason: '超过办理时限，自动上报' }, ctx(system, at(80 * H))),
    [
      {
        key: 'order.new.community',
        template: 'orderNew',
        to: { staff: ['community_admin'] },
        onReached: { unnotified: false },
      },
      { key: 'order.late', template: 'orderOverdue', to: { users: ['u-w'] }, once: 'late' },
      { key: 'order.overdue', template: 'orderOverdue', to: { staff: ['street_admin'] }, once: 'late' },
      { key: 'order.progress', template: 'orderProgress', to: { users: ['u-res'] } },
    ],
  ],
  [
    'overdue at the top',
    order({ tier: 'street' }),
    () => markOverdue(order({ tier: 'street' }), at(30 * H)),
    [
      { key: 'order.late', template: 'orderOverdue', to: { staff: ['street_admin'] }, once: 'late' },
      // The street supervises itself: the same people, told once (the `once` group).
      { key: 'order.overdue', template: 'orderOverdue', to: { staff: ['street_admin'] }, once: 'late' },
    ],
  ],
  [
    'reply',
    withFollower(accepted),
    () =>
      applyMove(withFollower(accepted), { move: 'reply', outcome: 'handled', text: '已疏通' }, ctx(worker)),
    [{ key: 'order.progress', template: 'orderProgress', to: { users: ['u-res', 'u-f'] }, except: ['u-w'] }],
  ],
  [
    'rate 不满意',
    replied,
    () => applyMove(replied, { move: 'rate', rating: 'unsatisfied' }, ctx(reporter, at(3 * H))),
    [
      {
        key: 'order.unsatisfied',
        template: 'orderOverdue',
        to: { staff: ['community_admin', 'street_admin'] },
      },
    ],
  ],
  [
    'rate 满意',
    replied,
    () => applyMove(replied, { move: 'rate', rating: 'satisfied' }, ctx(reporter, at(3 * H))),
    [],
  ],
  [
    'reopen',
    replied,
    () => applyMove(replied, { move: 'reopen', reason: '还是堵' }, ctx(reporter, at(3 * H))),
    [],
  ],
  [
    'release of a held report',
    order({ held: true }),
    () => applyMove(order({ held: true }), { move: 'release' }, ctx(worker)),
    [],
  ],
]

describe('who is told what after a move', () => {
  it.each(cases)('%s', (_name, before, moveOf, expected) => {
    let r: MoveResult
    try {
      r = moveOf()
    } catch (err) {
      throw new Error(`the move itself was refused: ${String(err)}`)
    }
    expect(told(moveEffects(before, r, DefaultSla, false, at(6 * H)))).toEqual(expected)
  })

  it('message kinds carry the new version: one message per move', () => {
    const r = applyMove(accepted, { move: 'escalate', reason: '需要社区协调' }, ctx(worker))
    const keys = moveEffects(accepted, r, DefaultSla, false, at(H))
      .filter((e): e is Notify => e.kind === 'notify')
      .map((n) => n.key)
    expect(keys).toEqual([`order.new.community.v${r.next.version}`])
  })

  it('a new order: counted as received and open, its grid handlers told only while it is still news', () => {
    const effects = submitEffects(order(), DefaultSla, false)
    expect(
      effects
        .filter((e) => e.kind === 'count' && e.collection === 'order_stats')
        .map((e) => (e.kind === 'count' ? e.incs : null)),
    ).toEqual([{ received: 1, open: 1 }])
    const [notice] = effects.filter((e): e is Notify => e.kind === 'notify')
    expect(notice).toMatchObject({
      key: 'order.new.grid.submit',
      to: { staff: ['grid_worker'], over: GRID },
      onlyIf: { status: 'submitted', tier: 'grid', unnotified: true },
      onReached: { unnotified: false },
    })
  })
})

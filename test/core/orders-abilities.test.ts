import { DefaultSla } from '../../src/core/orders/sla'
import { abilitiesOf } from '../../src/core/orders/view'
import type { OrderRecord } from '../../src/core/orders/model'
import type { Actor } from '../../src/core/roles'
import { order, T0 } from '../support/builders'

/**
 * The detail's rate / reopen / release buttons, derived from the order machine. Expected by hand:
 * - rate: the reporter, on a replied order not rated yet;
 * - reopen: the reporter, on a replied or closed order, until 7 days (DefaultSla) after the last reply;
 * - release: staff of the order (handler or supervisor), on a held order or one with unchecked photos.
 */
const DAY = 86_400_000
const at = (days: number) => new Date(T0.getTime() + days * DAY)
const reporter: Actor = {
  userId: 'u-res',
  grants: [
    {
      role: 'resident',
      scope: {
        streetId: 's1',
        communityId: 'c1',
        gridId: 'g1',
        buildingId: 'b1',
        unitId: 'u1',
        householdId: 'h1',
      },
    },
  ],
}
const worker: Actor = {
  userId: 'u-w',
  grants: [{ role: 'grid_worker', scope: { streetId: 's1', communityId: 'c1', gridId: 'g1' } }],
}
const admin: Actor = {
  userId: 'u-a',
  grants: [{ role: 'community_admin', scope: { streetId: 's1', communityId: 'c1' } }],
}
const stranger: Actor = {
  userId: 'u-x',
  grants: [{ role: 'grid_worker', scope: { streetId: 's1', communityId: 'c1', gridId: 'g2' } }],
}

const replied = (over: Partial<OrderRecord> = {}) =>
  order({ status: 'replied', lastReplyAt: at(1), repliedAt: at(1), ...over })
const rated: OrderRecord['rating'] = { rating: 'satisfied', comment: null, at: at(2) }

type Can = { rate: boolean; reopen: boolean; release: boolean }
const can = (actor: Actor, o: OrderRecord, now = at(2)): Can => {
  const c = abilitiesOf(actor, o, now, DefaultSla)
  return { rate: c.rate, reopen: c.reopen, release: c.release }
}

describe('order abilities: rate, reopen and release come from the machine', () => {
  it.each<[string, Actor, OrderRecord, Date, Can]>([
    ['reporter, replied', reporter, replied(), at(2), { rate: true, reopen: true, release: false }],
    [
      'reporter, replied and rated',
      reporter,
      replied({ rating: rated }),
      at(2),
      { rate: false, reopen: true, release: false },
    ],
    [
      'reporter, replied, last day of the window',
      reporter,
      replied(),
      at(8),
      { rate: true, reopen: true, release: false },
    ],
    [
      'reporter, replied, window over',
      reporter,
      replied(),
      at(8.001),
      { rate: true, reopen: false, release: false },
    ],
    [
      'reporter, closed',
      reporter,
      replied({ status: 'closed', rating: rated }),
      at(3),
      { rate: false, reopen: true, release: false },
    ],
    [
      'reporter, in progress',
      reporter,
      order({ status: 'in_progress' }),
      at(2),
      { rate: false, reopen: false, release: false },
    ],
    [
      'reporter, held',
      reporter,
      order({ held: true }),
      at(2),
      { rate: false, reopen: false, release: false },
    ],
    ['worker, held', worker, order({ held: true }), at(2), { rate: false, reopen: false, release: true }],
    [
      'worker, photos unchecked',
      worker,
      order({ photosChecked: false }),
      at(2),
      { rate: false, reopen: false, release: true },
    ],
    ['worker, nothing to release', worker, order(), at(2), { rate: false, reopen: false, release: false }],
    ['worker, replied', worker, replied(), at(2), { rate: false, reopen: false, release: false }],
    [
      'supervisor, held and closed',
      admin,
      replied({ status: 'closed', held: true }),
      at(2),
      { rate: false, reopen: false, release: true },
    ],
    [
      'another grid’s worker, held',
      stranger,
      order({ held: true }),
      at(2),
      { rate: false, reopen: false, release: false },
    ],
  ])('%s', (_n, actor, o, now, expected) => {
    expect(can(actor, o, now)).toEqual(expected)
  })
})

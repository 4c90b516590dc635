/** Object mothers for core tests: one small tree, a grant of every role inside it and outside it. */
import type { OrgPath } from '../../src/core/org/model'
import type { Actor, Role } from '../../src/core/roles'
import { settle } from '../../src/core/orders/decide'
import type { OrderRecord } from '../../src/core/orders/model'
import { isDomainError } from '../../src/core/errors'
import { DefaultSla } from '../../src/core/orders/sla'

/** Work-order tests' clock: Monday 2026-11-02 10:00 Beijing. */
export const T0 = new Date('2026-11-02T02:00:00Z')
const ORDER_GRID = { streetId: 's1', communityId: 'c1', gridId: 'g1' }

/** A unit in street s / community c / grid g / building b. */
export const unitPath: OrgPath = {
  streetId: 's',
  communityId: 'c',
  gridId: 'g',
  buildingId: 'b',
  unitId: 'u',
}

/** Each role's grant scope containing `unitPath`. */
export const scopeOf: Readonly<Record<Role, OrgPath>> = {
  resident: { ...unitPath, householdId: 'h' },
  helper: { streetId: 's', communityId: 'c', gridId: 'g' },
  grid_worker: { streetId: 's', communityId: 'c', gridId: 'g' },
  building_leader: { streetId: 's', communityId: 'c', gridId: 'g', buildingId: 'b' },
  council_member: { streetId: 's', communityId: 'c', gridId: 'g' },
  community_admin: { streetId: 's', communityId: 'c' },
  street_admin: { streetId: 's' },
}

/** Each role's grant scope at the same level but not containing `unitPath`. */
export const elsewhereOf: Readonly<Record<Role, OrgPath>> = {
  resident: {
    streetId: 's',
    communityId: 'c',
    gridId: 'g2',
    buildingId: 'b2',
    unitId: 'u2',
    householdId: 'h2',
  },
  helper: { streetId: 's', communityId: 'c', gridId: 'g2' },
  grid_worker: { streetId: 's', communityId: 'c', gridId: 'g2' },
  building_leader: { streetId: 's', communityId: 'c', gridId: 'g', buildingId: 'b2' },
  council_member: { streetId: 's', communityId: 'c', gridId: 'g2' },
  community_admin: { streetId: 's', communityId: 'c2' },
  street_admin: { streetId: 's2' },
}

/** An actor holding one role at `scope` (default: inside the tree above), or no grant at all. */
export function actorWith(role: Role | null, scope?: OrgPath): Actor {
  return { userId: 'x', grants: role ? [{ role, scope: scope ?? scopeOf[role] }] : [] }
}

/** A work order at grid g1 (street s1, community c1), submitted at T0, settled like the store's. */
export function order(over: Partial<OrderRecord> = {}): OrderRecord {
  return settle(
    {
      _id: 'wo_1',
      requestId: 'req-00001',
      reporterId: 'u-res',
      reporterName: '王秀英',
      hideName: false,
      onBehalfOf: null,
      categoryId: 'street_light',
      categoryName: '路灯不亮',
      text: '路灯不亮',
      photos: [],
      photosChecked: true,
      held: false,
      location: { kind: 'household' },
      path: { ...ORDER_GRID, buildingId: 'b1' },
      placeName: '1号楼',
      status: 'submitted',
      tier: 'grid',
      department: null,
      handlerId: null,
      handlerName: null,
      firstReceiverId: null,
      firstReceiverName: null,
      submittedAt: T0,
      tierSince: T0,
      acceptedAt: null,
      repliedAt: null,
      lastReplyAt: null,
      reply: null,
      rating: null,
      closedAt: null,
      dueAt: null,
      dueAction: null,
      overdue: false,
      unnotified: false,
      reopenCount: 0,
      followerIds: [],
      events: [],
      version: 0,
      open: true,
      ...over,
    },
    DefaultSla,
    false,
  )
}

/** The code of the domain error `fn` throws, or 'OK' when it returns; any other error fails the test. */
export const thrownCode = (fn: () => unknown): string => {
  try {
    fn()
  } catch (e) {
    if (isDomainError(e)) return e.code
    throw e
  }
  return 'OK'
}

/**
 * What a caller sees of an errand, applied: the policy is core's (core/errands/view.ts `sightOf`);
 * this loads only what it allows and logs a reveal of someone else's data before answering it.
 */
import type { ErrandCard, ErrandDetail } from '../../../src/core/errands/api'
import { actorsOf } from '../../../src/core/errands/decide'
import type { ErrandRecord } from '../../../src/core/errands/model'
import { sightOf, toCard, toDetail, type ErrandViewer } from '../../../src/core/errands/view'
import type { UserRecord } from '../../../src/core/me/model'
import type { Actor } from '../../../src/core/roles'
import { logAccess } from './access-log'
import { getDoc, namesByIds } from './docs'

/** The cards of a list as this caller sees them (core: no contact data in a list, names masked but one's own). */
export async function cardsOf(actor: Actor, list: readonly ErrandRecord[]): Promise<ErrandCard[]> {
  const buildings = await namesByIds(
    'buildings',
    list.map((e) => e.path.buildingId),
  )
  return list.map((e) =>
    toCard(
      e,
      buildings.get(e.path.buildingId) ?? '',
      sightOf({ userId: actor.userId, actors: actorsOf(actor, e) }, e, 'list'),
    ),
  )
}

/** The errand as this caller may see it (core's `sightOf`); a reveal of the requester's data is logged first. */
export async function detailOf(
  actor: Actor,
  e: ErrandRecord,
  ctx: { requestId: string; action: string; now: Date },
  retried = false,
): Promise<ErrandDetail> {
  const viewer: ErrandViewer = { userId: actor.userId, actors: actorsOf(actor, e) }
  const sight = sightOf(viewer, e, 'detail')
  const [building, unit, household, requester] = await Promise.all([
    getDoc<{ name: string }>('buildings', e.path.buildingId),
    sight.address ? getDoc<{ name: string }>('units', e.path.unitId) : Promise.resolve(null),
    sight.address ? getDoc<{ room: string }>('households', e.path.householdId) : Promise.resolve(null),
    sight.phone ? getDoc<UserRecord>('users', e.requesterId) : Promise.resolve(null),
  ])
  if (sight.logged) {
    await logAccess({
      actorId: actor.userId,
      action: ctx.action,
      subject: e._id,
      people: [e.requesterId],
      allowed: true,
      requestId: ctx.requestId,
      at: ctx.now,
    })
  }
  return toDetail(
    viewer,
    e,
    sight,
    {
      buildingName: building?.name ?? '',
      unitName: unit?.name ?? null,
      room: household?.room ?? null,
      phone: requester?.phone ?? null,
    },
    retried,
  )
}

/** What a caller sees of an errand: the cards, and the detail with the address and phone revealed only to the accepted helper while needed. */
import type { ErrandCard, ErrandDetail } from '../../../src/core/errands/api'
import { actorsOf } from '../../../src/core/errands/decide'
import { movesFor } from '../../../src/core/errands/machine'
import {
  ErrandStatusLabel,
  ErrandTypeLabel,
  MAX_CODE_TRIES,
  type ErrandRecord,
} from '../../../src/core/errands/model'
import type { UserRecord } from '../../../src/core/me/model'
import { maskName } from '../../../src/core/privacy/mask'
import type { Actor } from '../../../src/core/roles'
import { logAccess } from './access-log'
import { getDoc, namesByIds } from './docs'
import { isoOrNull as iso } from '../../../src/core/china-time'

export async function cardsOf(list: readonly ErrandRecord[]): Promise<ErrandCard[]> {
  const buildings = await namesByIds(
    'buildings',
    list.map((e) => e.path.buildingId),
  )
  return list.map((e) => cardOf(e, buildings.get(e.path.buildingId) ?? ''))
}

/** The requester's name masked (王**), or, once they erased their data (me.delete), the placeholder as is. */
function shownName(e: Pick<ErrandRecord, 'requesterName' | 'requesterErased'>): string {
  return e.requesterErased ? e.requesterName : maskName(e.requesterName)
}

function cardOf(e: ErrandRecord, buildingName: string): ErrandCard {
  return {
    errandId: e._id,
    type: e.type,
    typeLabel: ErrandTypeLabel[e.type],
    text: e.text,
    status: e.status,
    statusLabel: ErrandStatusLabel[e.status],
    windowStart: new Date(e.windowStart).toISOString(),
    windowEnd: new Date(e.windowEnd).toISOString(),
    requesterName: shownName(e),
    buildingName,
    points: e.points,
  }
}

/** Statuses in which the accepted helper needs the requester's address and phone. */
const REVEALED = new Set(['accepted', 'in_progress', 'done', 'locked'])

/**
 * The errand as this caller may see it. The address and phone go to the requester (their own) and,
 * while the errand is theirs to do, to the accepted helper only — that read is logged first.
 */
export async function detailOf(
  actor: Actor,
  e: ErrandRecord,
  ctx: { requestId: string; action: string; now: Date },
  retried = false,
): Promise<ErrandDetail> {
  const actors = actorsOf(actor, e)
  const isRequester = actors.includes('requester')
  const isHelper = e.helperId === actor.userId
  const reveal = isRequester || (isHelper && REVEALED.has(e.status))
  const [building, unit, household, requester] = await Promise.all([
    getDoc<{ name: string }>('buildings', e.path.buildingId),
    reveal ? getDoc<{ name: string }>('units', e.path.unitId) : Promise.resolve(null),
    reveal ? getDoc<{ room: string }>('households', e.path.householdId) : Promise.resolve(null),
    reveal ? getDoc<UserRecord>('users', e.requesterId) : Promise.resolve(null),
  ])
  if (reveal && !isRequester) {
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
  const home = reveal ? `${building?.name ?? ''}${unit?.name ?? ''}${household?.room ?? ''}室` : null
  return {
    ...cardOf(e, building?.name ?? ''),
    requesterName: reveal ? e.requesterName : shownName(e),
    as: actors.filter((a): a is 'requester' | 'helper' | 'grid_worker' => a !== 'system'),
    moves: movesFor(e.status, actors, e.type),
    note: reveal ? e.note : null,
    helperName: e.helperName,
    address: home === null ? null : e.meetingPoint ? `${e.meetingPoint}（住址：${home}）` : home,
    phone: reveal ? (requester?.phone ?? null) : null,
    handoverCode: isRequester ? e.handoverCode : null,
    needsCode: e.handoverCode !== null,
    acceptedAt: iso(e.acceptedAt),
    pickedUpAt: iso(e.pickedUpAt),
    doneAt: iso(e.doneAt),
    confirmedAt: iso(e.confirmedAt),
    disputeReason: isRequester || actors.includes('grid_worker') ? e.disputeReason : null,
    thanks: e.thanks,
    codeTriesLeft:
      e.handoverCode && (isHelper || isRequester) ? Math.max(MAX_CODE_TRIES - e.codeTries, 0) : null,
    retried,
  }
}

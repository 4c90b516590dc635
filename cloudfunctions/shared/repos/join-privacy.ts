/**
 * Joins' part of me.data and me.delete (see privacy.ts). Shown: my join requests (place, room, name,
 * phone, how, outcome). Erased: pending requests are cancelled first (a decider can no longer admit
 * them); at the end every request loses name and phone (`erased: true`) and the subscribe messages
 * that carried them lose their contents. The anonymised requests (place, status, who decided and
 * when) stay: the community's accountability trail for admissions.
 */
import type { JoinRecord } from '../../../src/core/join/model'
import type { MyData } from '../../../src/core/me/api'
import { eraseNotificationsOf } from '../notify'
import { definePrivacy, iso } from '../privacy'
import { db } from '../sdk'
import { placeNames } from './docs'

const JOINS = 'join_requests'

async function myJoins(userId: string): Promise<Pick<MyData, 'joins'>> {
  const joins = (await db().collection(JOINS).where({ userId }).orderBy('createdAt', 'desc').limit(50).get())
    .data as JoinRecord[]
  const names = await placeNames(
    joins.map((j) => j.path),
    ['grid', 'building', 'unit'],
  )
  return {
    joins: joins.map((j) => ({
      joinId: j._id,
      status: j.status,
      place:
        `${names.grid.get(j.path.gridId) ?? ''} ${names.building.get(j.path.buildingId) ?? ''}${names.unit.get(j.path.unitId) ?? ''}`.trim(),
      room: j.room,
      name: j.name,
      phone: j.phone,
      via: j.via,
      move: Boolean(j.moveFrom),
      reason: j.reason,
      createdAt: iso(j.createdAt) ?? '',
      decidedAt: iso(j.decidedAt),
    })),
  }
}

export const joinPrivacy = definePrivacy({
  feature: 'join',
  sections: ['joins'],
  data: (actor) => myJoins(actor.userId),
  settle: async (ctx, now) => {
    await db()
      .collection(JOINS)
      .where({ userId: ctx.actor.userId, status: 'pending' })
      .update({ status: 'cancelled', decidedBy: ctx.actor.userId, decidedAt: now })
  },
  forget: async (userId, now) => {
    const joins = db().collection(JOINS)
    const ids = (await joins.where({ userId }).field({ _id: true }).limit(1000).get()).data as {
      _id: string
    }[]
    await joins.where({ userId }).update({ name: '', phone: null, erased: true })
    await eraseNotificationsOf(
      ids.map((j) => j._id),
      now,
    )
  },
})

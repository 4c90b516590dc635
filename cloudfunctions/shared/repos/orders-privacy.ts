/**
 * Work orders' part of me.data and me.delete (see privacy.ts).
 * Shown (我的上报): orders I reported or follow — the same query as report.mine (indexes
 * orders.reporter, orders.followers) — count and the newest `MY_DATA_RECENT`.
 * Anonymised: on my own reports `reporterName` and the name on my own (resident) timeline events
 * become `ERASED_NAME` (core/me/erase.ts), `reporterErased: true`; I stop following others' reports
 * (not a move: `followerIds` is written without the version, like report.follow).
 * Kept, naming nobody (事事有回音: the community's case record of a report, its replies, rating and
 * the rates computed from them): no phone is stored on an order for its reporter. The place stays:
 * it is where the problem is. What they wrote stays — description, rating comment, reopen reason —
 * as the case record: no field of it names anyone, and it passed content security. The photos
 * (storage `reports/<userId>/…`) stay as staff-visible case evidence. Orders staff registered on a
 * walk-in's behalf (`onBehalfOf`) name that walk-in, not the staff member: untouched. Names staff
 * left on orders as handler, first receiver or replier stay, like their positions.
 */
import { MY_DATA_RECENT, type MyData } from '../../../src/core/me/api'
import { ERASED_NAME } from '../../../src/core/me/erase'
import { StatusLabel } from '../../../src/core/orders/messages'
import type { OrderRecord } from '../../../src/core/orders/model'
import { definePrivacy, ERASE_BATCH, iso, rewrite } from '../privacy'
import { db } from '../sdk'
import { ORDERS } from './orders'

async function myReports(userId: string): Promise<Pick<MyData, 'reports'>> {
  const _ = db().command
  const mine = _.or([{ reporterId: userId }, { followerIds: userId }])
  const [count, rows] = await Promise.all([
    db().collection(ORDERS).where(mine).count(),
    db()
      .collection(ORDERS)
      .where(mine)
      .orderBy('submittedAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(MY_DATA_RECENT)
      .field({ categoryName: true, status: true, reporterId: true, submittedAt: true })
      .get(),
  ])
  const orders = rows.data as Pick<
    OrderRecord,
    '_id' | 'categoryName' | 'status' | 'reporterId' | 'submittedAt'
  >[]
  return {
    reports: {
      count: count.total,
      lines: orders.map((o) => ({
        orderId: o._id,
        categoryName: o.categoryName,
        status: o.status,
        statusLabel: StatusLabel[o.status] ?? '',
        role: o.reporterId === userId ? 'reporter' : 'follower',
        submittedAt: iso(o.submittedAt) ?? '',
      })),
    },
  }
}

async function eraseFromOrders(userId: string): Promise<boolean> {
  const _ = db().command
  const col = db().collection(ORDERS)
  const [reported, followed] = await Promise.all([
    col
      .where({ reporterId: userId, onBehalfOf: null, reporterErased: _.neq(true) })
      .field({ _id: true })
      .limit(ERASE_BATCH)
      .get(),
    col.where({ followerIds: userId }).field({ _id: true }).limit(ERASE_BATCH).get(),
  ])
  for (const { _id } of reported.data as { _id: string }[]) {
    await rewrite<OrderRecord>(ORDERS, _id, (o) =>
      o.reporterId === userId && !o.onBehalfOf && !o.reporterErased
        ? {
            reporterName: ERASED_NAME,
            events: o.events.map((e) =>
              e.by === userId && e.byRole === 'resident' ? { ...e, byName: ERASED_NAME } : e,
            ),
            reporterErased: true,
          }
        : null,
    )
  }
  const ids = (followed.data as { _id: string }[]).map((o) => o._id)
  if (ids.length > 0)
    await col.where({ _id: _.in(ids), followerIds: userId }).update({ followerIds: _.pull(userId) })
  return reported.data.length === ERASE_BATCH || followed.data.length === ERASE_BATCH
}

export const ordersPrivacy = definePrivacy({
  feature: 'orders',
  sections: ['reports'],
  data: (actor) => myReports(actor.userId),
  anonymise: eraseFromOrders,
})

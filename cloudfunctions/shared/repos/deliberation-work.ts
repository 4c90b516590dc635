/**
 * The views of linked items for the topic page: the orders a topic was raised from (one read by id,
 * ≤ 20), 民办's linked work as it stands now (two reads by id, ≤ 12 items) and 民评's evaluation
 * with my household's rating (staff: the households' comments).
 */
import { isStaffOver } from '../../../src/core/access'
import type { EvaluationView, WorkView } from '../../../src/core/deliberation/carry-api'
import { activityDone, evaluationOpen, evaluationSentence } from '../../../src/core/deliberation/carry'
import type { RatingRecord, TopicRecord } from '../../../src/core/deliberation/model'
import type { SourcesView } from '../../../src/core/deliberation/raise-api'
import { sourcesSeen } from '../../../src/core/deliberation/raise'
import type { ActivityRecord } from '../../../src/core/activities/model'
import { StatusLabel } from '../../../src/core/orders/messages'
import { concluded, type OrderRecord } from '../../../src/core/orders/model'
import type { Actor } from '../../../src/core/roles'
import { byRequest } from '../ids'
import { db } from '../sdk'
import { clipLine } from '../../../src/core/text'

export const RATINGS = 'topic_ratings'
const ORDERS = 'orders'

/**
 * 民事民提 from reports: staff over the place see every source order (category and first words,
 * each opening it); anyone else how many and of which categories, and a cell only for an order they
 * reported (read only when they follow the topic). Other residents' reports' texts are never shown.
 */
export async function sourcesViewOf(actor: Actor, t: TopicRecord): Promise<SourcesView | null> {
  const sources = t.sources ?? []
  if (sources.length === 0) return null
  const staff = isStaffOver(actor, t.path)
  const follows = (t.followerIds ?? []).includes(actor.userId)
  const orders =
    staff || follows
      ? ((
          await db()
            .collection(ORDERS)
            .where({ _id: db().command.in(sources.map((x) => x.id)) })
            .field({ reporterId: true, text: true })
            .limit(sources.length)
            .get()
        ).data as Pick<OrderRecord, '_id' | 'reporterId' | 'text'>[])
      : []
  const byId = new Map(orders.map((o) => [String(o._id), o]))
  const mine = (id: string) => byId.get(id)?.reporterId === actor.userId
  const seen = sourcesSeen(t, staff ? 'staff' : 'other', mine)
  return {
    count: seen.count,
    categories: seen.categories,
    cells: seen.listed.map((x) => ({
      orderId: x.id,
      categoryName: x.categoryName,
      summary: clipLine(byId.get(x.id)?.text ?? '', 40),
      mine: mine(x.id),
    })),
  }
}

/** 民办 · 公示: the plan and the linked items as they stand now (≤ 12: two reads by id). */
export async function workViewOf(t: TopicRecord, now: Date): Promise<WorkView | null> {
  const w = t.work
  if (!w) return null
  const _ = db().command
  const ids = (kind: 'order' | 'activity') => w.items.filter((i) => i.kind === kind).map((i) => i.id)
  const [orders, activities] = await Promise.all([
    ids('order').length
      ? db()
          .collection(ORDERS)
          .where({ _id: _.in(ids('order')) })
          .field({ status: true, reply: true })
          .get()
      : { data: [] },
    ids('activity').length
      ? db()
          .collection('activities')
          .where({ _id: _.in(ids('activity')) })
          .field({ status: true, endAt: true })
          .get()
      : { data: [] },
  ])
  const byId = new Map<string, Record<string, unknown>>(
    [...orders.data, ...activities.data].map((d) => [
      String((d as { _id: string })._id),
      d as Record<string, unknown>,
    ]),
  )
  const items = w.items.map((i) => {
    const d = byId.get(i.id)
    if (i.kind === 'order') {
      const o = d as Pick<OrderRecord, 'status' | 'reply'> | undefined
      const done = !!o && concluded(o)
      return {
        kind: i.kind,
        id: i.id,
        title: i.title,
        state: o ? StatusLabel[o.status] : '—',
        done,
        counted: true,
      }
    }
    const a = d as Pick<ActivityRecord, 'status' | 'endAt'> | undefined
    const cancelled = a?.status === 'cancelled'
    const done = !!a && activityDone(a, now)
    const state = cancelled ? '已取消' : done ? '已结束' : '未开始或进行中'
    return { kind: i.kind, id: i.id, title: i.title, state, done, counted: !cancelled }
  })
  const counted = items.filter((i) => i.counted)
  const done = counted.filter((i) => i.done).length
  return {
    plan: w.plan,
    responsible: w.responsible,
    items,
    done,
    total: counted.length,
    percent: counted.length > 0 ? Math.round((done / counted.length) * 100) : 0,
    photos: [...(t.workPhotos ?? [])],
  }
}

/** 民评 as the caller sees it: the window, the result, my household's rating, and (staff) the comments. */
export async function evaluationViewOf(
  actor: Actor,
  t: TopicRecord,
  householdId: string | null,
  now: Date,
): Promise<EvaluationView | null> {
  const e = t.evaluation
  if (!e) return null
  const staff = isStaffOver(actor, t.path)
  const [mine, commented] = await Promise.all([
    householdId ? byRequest<RatingRecord>(RATINGS, { topicId: t._id, round: e.round, householdId }) : null,
    staff
      ? db()
          .collection(RATINGS)
          .where({ topicId: t._id, round: e.round, comment: db().command.neq(null) })
          .orderBy('ratedAt', 'desc')
          .limit(50)
          .field({ comment: true })
          .get()
      : null,
  ])
  return {
    round: e.round,
    open: evaluationOpen(t, now),
    closesAt: new Date(e.closesAt).toISOString(),
    result: e.result ? { ...e.result, sentence: evaluationSentence(e.result) } : null,
    mine: mine?.rating ?? null,
    comments: ((commented?.data ?? []) as { comment?: string | null }[]).flatMap((r) =>
      r.comment ? [r.comment] : [],
    ),
  }
}

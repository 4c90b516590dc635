/**
 * 民办 and 民评 in the deliberation store: carrying a decision out (work orders filed and volunteer
 * activities linked, in one transaction with the topic's move), progress read from the linked
 * items, the households' ratings, the timer's finishes and evaluation closes, the community's
 * settings and the metrics. Core decides (src/core/deliberation/carry.ts, decide.ts, stats.ts).
 */
import { isStaffOver } from '../../../src/core/access'
import type { TopicDetail } from '../../../src/core/deliberation/api'
import type { RatingReceipt, TopicStatsView, WorkOptions } from '../../../src/core/deliberation/carry-api'
import {
  checkConfig,
  checkOrderTier,
  DefaultDeliberationConfig,
  evaluationOpen,
  openEvaluation,
  orderTiersFor,
  PLAN_MAX,
  rate,
  RESPONSIBLE_MAX,
  withWork,
  workOrderText,
  type DeliberationConfig,
  type WorkOrderDraft,
} from '../../../src/core/deliberation/carry'
import { moveTopic, type MoveInput } from '../../../src/core/deliberation/decide'
import { DeliberationErrors } from '../../../src/core/deliberation/errors'
import type { RatingRecord, TopicRecord } from '../../../src/core/deliberation/model'
import { RatingLabel, type Rating } from '../../../src/core/deliberation/model'
import { checkInPlace, checkReason, homeOf } from '../../../src/core/deliberation/rules'
import {
  EmptyTopicStats,
  statsId,
  statsRates,
  TOPIC_STATS,
  type TopicStats,
} from '../../../src/core/deliberation/stats'
import type { ActivityRecord } from '../../../src/core/activities/model'
import { categoriesFor, findCategory } from '../../../src/core/orders/categories'
import { newOrder } from '../../../src/core/orders/new-order'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { Grid } from '../../../src/core/org/model'
import type { Write } from '../../../src/core/plan'
import type { Actor } from '../../../src/core/roles'
import { byRequest, isDuplicateKey, newId } from '../ids'
import type { CallContext } from '../kit'
import { nudge } from '../outbox'
import { RATINGS } from './deliberation-work'
import { decideAndRun } from '../runner'
import { db } from '../sdk'
import { getDoc, withoutId } from './docs'
import { configOf as orderConfigOf, ORDERS } from './orders-base'
import { detailOf, load, moveAs, moverOf, TOPICS, topicPlan, visible } from './deliberation-base'

export { RATINGS } from './deliberation-work'
export const CONFIG = 'deliberation_config'
/** Ratings are read 1,000 a page for the count. */
const RATING_PAGE = 1000

// ── Settings ──

export async function configOf(communityId: string): Promise<DeliberationConfig> {
  const stored = await getDoc<Partial<DeliberationConfig>>(CONFIG, communityId)
  return { ...DefaultDeliberationConfig, ...(stored ? pick(stored) : {}) }
}

const pick = (c: Partial<DeliberationConfig>): Partial<DeliberationConfig> => ({
  ...(c.supportPct !== undefined ? { supportPct: c.supportPct } : {}),
  ...(c.evaluationDays !== undefined ? { evaluationDays: c.evaluationDays } : {}),
  ...(c.reopenPct !== undefined ? { reopenPct: c.reopenPct } : {}),
})

/** deliberation.configure: a community admin's settings (each within its bounds), set whole. */
export async function configure(
  ctx: CallContext,
  input: { communityId: string } & Partial<DeliberationConfig>,
  now: Date,
): Promise<DeliberationConfig> {
  const next = checkConfig(input, await configOf(input.communityId))
  await db()
    .collection(CONFIG)
    .doc(input.communityId)
    .set({ ...next, updatedAt: now, updatedBy: ctx.actor.userId })
  return next
}

// ── 民办: carrying out ──

export interface CarryInput {
  readonly topicId: string
  readonly requestId: string
  readonly plan?: string
  readonly responsible?: string
  readonly orders: readonly WorkOrderDraft[]
  readonly activityIds: readonly string[]
}

/**
 * topic.carry: staff file work orders (at the tier asked, the grid by default, never above their own:
 * `checkOrderTier`) and link activities of its community; the topic moves to 实施中 (the first time
 * with its plan and the responsible people, told to the grid's households) or gains the work, all in
 * one transaction; a retried request adds nothing.
 */
export async function carry(
  ctx: CallContext,
  input: CarryInput,
  now: Date,
  check: (text: string) => Promise<void>,
): Promise<TopicDetail> {
  const seen = visible(ctx.actor, await load(input.topicId))
  if (seen.work?.requests.includes(input.requestId)) return detailOf(ctx.actor, seen, now, true)
  const first = seen.work
    ? undefined
    : { plan: checkReason(input.plan, '实施方案'), responsible: checkReason(input.responsible, '责任人') }
  if (first && ([...first.plan].length > PLAN_MAX || [...first.responsible].length > RESPONSIBLE_MAX))
    throw new DomainError(DeliberationErrors.BAD_WORK, '实施方案或责任人过长')
  const orderConfig = await orderConfigOf(seen.path.communityId)
  const drafts = input.orders.map((o) => {
    const tier = checkOrderTier(ctx.actor, seen.path, o.tier)
    const category = findCategory(orderConfig.override, o.category)
    if (!category) throw new DomainError(DeliberationErrors.BAD_WORK, '工单类别不存在')
    return { category, tier, text: workOrderText(seen.title, o.text) }
  })
  const activities = await activitiesFor(seen, input.activityIds)
  for (const text of [first?.plan, first?.responsible, ...drafts.map((d) => d.text)])
    if (text) await check(text)
  const orders = drafts.map((d, i) =>
    newOrder({
      id: newId('wo'),
      actor: ctx.actor,
      user: ctx.user,
      input: {
        requestId: `${input.requestId}.${i + 1}`,
        text: d.text,
        photos: [],
        location: { kind: 'household' },
        hideName: false,
      },
      category: d.category,
      held: false,
      place: { path: seen.path, placeName: seen.placeName },
      now,
      sla: orderConfig.sla,
      topic: { id: seen._id, title: seen.title },
      tier: d.tier,
    }),
  )
  const mover = moverOf(ctx, seen)
  let next: TopicRecord
  try {
    next = await decideAndRun<TopicRecord, TopicRecord>(
      () => load(seen._id),
      (t) => {
        if (t.work?.requests.includes(input.requestId)) return { done: t }
        const work = withWork(
          t,
          {
            orders: orders.map((o) => ({ id: o._id, title: o.categoryName })),
            activities: activities.map((a) => ({ id: a._id, title: a.title, endAt: a.endAt })),
          },
          input.requestId,
          now,
          t.work ? undefined : first,
        )
        const m: MoveInput = t.work ? { move: 'add_work', work } : { move: 'carry', work }
        const out = moveTopic(t, m, mover, now)
        const more: Write[] = [
          ...orders.map((o): Write => ({ op: 'create', collection: ORDERS, id: o._id, doc: withoutId(o) })),
          ...activities.map((a): Write => ({
            op: 'update',
            collection: 'activities',
            id: a._id,
            if: { topicId: null, status: 'published' },
            set: { topicId: t._id },
          })),
        ]
        return { plan: topicPlan(t, out.next, out.effects, now, more), result: out.next }
      },
      now,
    )
  } catch (err) {
    // A racing twin of this very request filed the same orders first: answer the topic as it is.
    if (!isDuplicateKey(err)) throw err
    next = await load(seen._id)
  }
  for (const o of orders) await nudge(ORDERS, o._id, now)
  return detailOf(ctx.actor, next, now)
}

/** topic.workOptions: the categories a work order may take, and the activities that may be linked. */
export async function workOptions(actor: Actor, topicId: string, now: Date): Promise<WorkOptions> {
  const t = visible(actor, await load(topicId))
  if (!isStaffOver(actor, t.path))
    throw new DomainError(CommonErrorCodes.FORBIDDEN, '只有本网格的工作人员可以安排实施')
  const _ = db().command
  const [config, res] = await Promise.all([
    orderConfigOf(t.path.communityId),
    db()
      .collection('activities')
      .where({ communityId: t.path.communityId, startAt: _.gte(new Date(now.getTime() - 30 * 86_400_000)) })
      .orderBy('startAt', 'asc')
      .limit(50)
      .field({ title: true, startAt: true, status: true, topicId: true })
      .get(),
  ])
  const activities = (res.data as ActivityRecord[]).filter(
    (a) => a.status === 'published' && (a.topicId ?? null) === null,
  )
  return {
    categories: categoriesFor(config.override).map((c) => ({ id: c.id, name: c.name })),
    tiers: orderTiersFor(actor, t.path),
    activities: activities.map((a) => ({
      id: a._id,
      title: a.title,
      startAt: new Date(a.startAt).toISOString(),
    })),
  }
}

/** The activities to link: of the topic's community, published, not cancelled and not linked elsewhere. */
async function activitiesFor(t: TopicRecord, ids: readonly string[]): Promise<ActivityRecord[]> {
  if (ids.length === 0) return []
  if (new Set(ids).size !== ids.length) throw new DomainError(DeliberationErrors.BAD_WORK, '活动重复')
  const _ = db().command
  const res = await db()
    .collection('activities')
    .where({ _id: _.in([...ids]) })
    .limit(ids.length)
    .get()
  const found = res.data as ActivityRecord[]
  for (const id of ids) {
    const a = found.find((x) => x._id === id)
    if (
      !a ||
      a.communityId !== t.path.communityId ||
      a.status !== 'published' ||
      (a.topicId ?? null) !== null
    )
      throw new DomainError(
        DeliberationErrors.BAD_WORK,
        '所选活动不能关联（不在本社区、已取消或已关联其他议题）',
      )
  }
  return found
}

// ── 民评: the households' ratings ──

/**
 * topic.rate: a household rates the outcome while the evaluation is open; its later rating replaces
 * the earlier one (a conditional write on its replacement count), never doubles it.
 */
export async function rateOutcome(
  ctx: CallContext,
  input: { topicId: string; rating: Rating; comment?: string },
  now: Date,
  check: (text: string) => Promise<void>,
): Promise<RatingReceipt> {
  const t = visible(ctx.actor, await load(input.topicId))
  const home = homeOf(ctx.actor)
  checkInPlace(home, t, '评价')
  if (!evaluationOpen(t, now) || !t.evaluation)
    throw new DomainError(DeliberationErrors.NOT_EVALUATING, '现在不在评价时间内')
  const comment = (input.comment ?? '').trim() || null
  if (comment) await check(comment)
  const round = t.evaluation.round
  const key = { topicId: t._id, round, householdId: home.householdId }
  const fields = { rating: input.rating, comment, userId: ctx.actor.userId, ratedAt: now }
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const earlier = await byRequest<RatingRecord>(RATINGS, key)
    if (earlier) {
      const res = (await db()
        .collection(RATINGS)
        .where({ _id: earlier._id, replaced: earlier.replaced })
        .update({ ...fields, replaced: earlier.replaced + 1 })) as { updated?: number }
      if (res.updated === 1) return { topicId: t._id, rating: input.rating, replaced: true }
      continue
    }
    try {
      await db()
        .collection(RATINGS)
        .add({ _id: newId('rt'), ...key, ...fields, replaced: 0 })
      return { topicId: t._id, rating: input.rating, replaced: false }
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
    }
  }
  throw new DomainError(CommonErrorCodes.CONFLICT, `操作冲突，请重试（${RatingLabel[input.rating]}）`)
}

/** Every rating of a topic's round, page by page (the count reads them all: a recount equals the result). */
export async function ratingsOf(topicId: string, round: number): Promise<RatingRecord[]> {
  const out: RatingRecord[] = []
  for (;;) {
    const res = await db()
      .collection(RATINGS)
      .where({ topicId, round })
      .orderBy('_id', 'asc')
      .skip(out.length)
      .limit(RATING_PAGE)
      .get()
    out.push(...(res.data as RatingRecord[]))
    if (res.data.length < RATING_PAGE) return out
  }
}

/** What the store adds to a `finish` or `close_evaluation` move: the evaluation, or its count. */
export async function carryMove(
  t: TopicRecord,
  move: 'finish' | 'close_evaluation',
  now: Date,
): Promise<MoveInput> {
  if (move === 'finish')
    return { move, evaluation: openEvaluation(t, await configOf(t.path.communityId), now) }
  if (!t.evaluation) throw new DomainError(DeliberationErrors.BAD_STEP, '议题没有进行中的评价')
  return { move, result: rate(await ratingsOf(t._id, t.evaluation.round), t.evaluation.reopenPct, now) }
}

// ── The timer ──

/** Topics whose every linked item is done: the system opens their evaluation (index `doing_ready`). */
export async function finishReadyTopics(now: Date, limit = 20): Promise<number> {
  const _ = db().command
  const res = await db()
    .collection(TOPICS)
    .where({ status: 'doing', 'work.ordersLeft': _.lte(0), 'work.readyAfter': _.lte(now) })
    .limit(limit)
    .get()
  return moveEach(res.data as TopicRecord[], 'finish', now)
}

/** Evaluations whose window ended: counted, and the topic closed or sent back (index `evaluation_due`). */
export async function closeDueEvaluations(now: Date, limit = 20): Promise<number> {
  const _ = db().command
  const res = await db()
    .collection(TOPICS)
    .where({ status: 'evaluating', 'evaluation.closesAt': _.lte(now) })
    .orderBy('evaluation.closesAt', 'asc')
    .limit(limit)
    .get()
  return moveEach(res.data as TopicRecord[], 'close_evaluation', now)
}

async function moveEach(
  topics: readonly TopicRecord[],
  move: 'finish' | 'close_evaluation',
  now: Date,
): Promise<number> {
  let moved = 0
  for (const t of topics) {
    try {
      await moveAs({ kind: 'system' }, t._id, await carryMove(t, move, now), now)
      moved += 1
    } catch (err) {
      console.log(
        JSON.stringify({ level: 'error', what: `deliberation.${move}`, topicId: t._id, error: String(err) }),
      )
    }
  }
  return moved
}

// ── Metrics ──

/** topic.stats: a grid's or a community's counters (staff over it): two small reads, never a scan. */
export async function stats(
  actor: Actor,
  input: { gridId?: string; communityId?: string },
): Promise<TopicStatsView> {
  let level: 'grid' | 'community'
  let placeId: string
  let path: { streetId: string; communityId: string; gridId?: string }
  if (input.gridId) {
    const g = await getDoc<Grid>('grids', input.gridId)
    if (!g) throw new DomainError(CommonErrorCodes.NOT_FOUND, '网格不存在')
    level = 'grid'
    placeId = input.gridId
    path = { streetId: g.streetId, communityId: g.communityId, gridId: input.gridId }
  } else if (input.communityId) {
    const c = await getDoc<{ streetId: string }>('communities', input.communityId)
    if (!c) throw new DomainError(CommonErrorCodes.NOT_FOUND, '社区不存在')
    level = 'community'
    placeId = input.communityId
    path = { streetId: c.streetId, communityId: input.communityId }
  } else throw new DomainError(CommonErrorCodes.INVALID_INPUT, '请选择网格或社区')
  if (!isStaffOver(actor, path)) throw new DomainError(CommonErrorCodes.FORBIDDEN, '只能查看所管辖的议事统计')
  const doc = await getDoc<Partial<TopicStats>>(TOPIC_STATS, statsId(level, placeId))
  const s: TopicStats = { ...EmptyTopicStats, ...numbersOf(doc) }
  return { level, placeId, ...s, ...statsRates(s) }
}

const numbersOf = (doc: Partial<TopicStats> | null): Partial<TopicStats> =>
  Object.fromEntries(
    Object.keys(EmptyTopicStats).flatMap((k) => {
      const v = (doc as Record<string, unknown> | null)?.[k]
      return typeof v === 'number' ? [[k, v]] : []
    }),
  )

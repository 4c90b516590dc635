/**
 * 民办 in the deliberation store: carrying a decision out (work orders filed and volunteer
 * activities linked, in one transaction with the topic's move) and the options the form offers.
 * Core decides (src/core/deliberation/carry.ts, decide.ts). The evaluation (民评) is
 * ./deliberation-evaluate.ts; the settings and metrics ./deliberation-config.ts.
 */
import { isStaffOver } from '../../../src/core/access'
import type { TopicDetail } from '../../../src/core/deliberation/api'
import type { WorkOptions } from '../../../src/core/deliberation/carry-api'
import {
  checkOrderTier,
  orderTiersFor,
  PLAN_MAX,
  RESPONSIBLE_MAX,
  withWork,
  workOrderText,
  type WorkOrderDraft,
} from '../../../src/core/deliberation/carry'
import { moveTopic, type MoveInput } from '../../../src/core/deliberation/decide'
import { DeliberationErrors } from '../../../src/core/deliberation/errors'
import type { TopicRecord } from '../../../src/core/deliberation/model'
import { checkReason } from '../../../src/core/deliberation/rules'
import type { ActivityRecord } from '../../../src/core/activities/model'
import { categoriesFor, findCategory } from '../../../src/core/orders/categories'
import { newOrder } from '../../../src/core/orders/new-order'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { Write } from '../../../src/core/plan'
import type { Actor } from '../../../src/core/roles'
import { isDuplicateKey, newId } from '../ids'
import type { CallContext } from '../kit'
import { nudge } from '../outbox'
import { decideAndRun } from '../runner'
import { db } from '../sdk'
import { withoutId } from './docs'
import { configOf as orderConfigOf, ORDERS } from './orders-base'
import { detailOf, load, moverOf, topicPlan, visible } from './deliberation-base'
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

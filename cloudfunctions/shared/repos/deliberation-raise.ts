/**
 * 民事民提 from reports in the deliberation store: staff over a grid raise a topic from some of its
 * work orders (core: src/core/deliberation/raise.ts). ONE transaction creates the topic and sets
 * each order's `raisedTopicId` on the condition that it is still unset: of two raises racing for an
 * order, one commits and the other reloads and is refused (DELIBERATION.SOURCE_TAKEN). The topic
 * carries its sources and the reporters who follow it; its creation's outbox counts it as raised
 * and tells the reporters.
 */
import { isStaffOver, staffRoleOver } from '../../../src/core/access'
import type { TopicDetail } from '../../../src/core/deliberation/api'
import type { TopicRecord } from '../../../src/core/deliberation/model'
import { checkSources, newRaisedTopic, type SourceOrder } from '../../../src/core/deliberation/raise'
import type { SourceOptions } from '../../../src/core/deliberation/raise-api'
import { checkTopicText } from '../../../src/core/deliberation/rules'
import { CommonErrorCodes, DomainError, isDomainError } from '../../../src/core/errors'
import { raisable, type OrderRecord } from '../../../src/core/orders/model'
import type { Grid } from '../../../src/core/org/model'
import type { Write } from '../../../src/core/plan'
import type { Actor } from '../../../src/core/roles'
import { byRequest, isDuplicateKey, newId } from '../ids'
import type { CallContext } from '../kit'
import { nudge } from '../outbox'
import { decideAndRun } from '../runner'
import { db } from '../sdk'
import { configOf } from './deliberation-config'
import { detailOf, householdsOf, nameOf, PAGE, TOPICS } from './deliberation-base'
import { getDoc, withoutId } from './docs'
import { afterTimeCursor, timeCursor } from './paging'

const ORDERS = 'orders'

/** The grid named, and the caller is staff over it (else AUTH.FORBIDDEN; unknown: DATA.NOT_FOUND). */
async function staffGrid(actor: Actor, gridId: string): Promise<{ grid: Grid; place: TopicRecord['path'] }> {
  const grid = await getDoc<Grid>('grids', gridId)
  if (!grid) throw new DomainError(CommonErrorCodes.NOT_FOUND, '网格不存在')
  const place = { streetId: grid.streetId, communityId: grid.communityId, gridId }
  if (!isStaffOver(actor, place))
    throw new DomainError(CommonErrorCodes.FORBIDDEN, '只有本网格的工作人员可以据工单发起议题')
  return { grid, place }
}

type Source = SourceOrder & Pick<OrderRecord, '_id'>

/** The named orders (one read; unknown ones are simply absent). */
async function ordersOf(ids: readonly string[]): Promise<Source[]> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return []
  const res = await db()
    .collection(ORDERS)
    .where({ _id: db().command.in(unique) })
    .field({
      reporterId: true,
      onBehalfOf: true,
      categoryId: true,
      categoryName: true,
      text: true,
      held: true,
      topicId: true,
      raisedTopicId: true,
      path: true,
    })
    .limit(unique.length)
    .get()
  return (res.data as Source[]).map((o) => ({ ...o, _id: String(o._id) }))
}

/**
 * topic.raise: staff over the grid raise a topic from 1..20 of its orders. Idempotent on
 * (raiser, requestId); every refusal is decided before the content check is paid for, and nothing
 * is stored on a refusal.
 */
export async function raise(
  ctx: CallContext,
  input: { requestId: string; gridId: string; orderIds: readonly string[]; title: string; text: string },
  now: Date,
  check: (text: string) => Promise<void>,
): Promise<TopicDetail> {
  const { actor } = ctx
  const stored = () =>
    byRequest<TopicRecord>(TOPICS, { proposerId: actor.userId, requestId: input.requestId })
  const earlier = await stored()
  if (earlier) return detailOf(actor, earlier, now, true)
  const { grid, place } = await staffGrid(actor, input.gridId)
  const role = staffRoleOver(actor, place) ?? 'grid_worker'
  const { title, text } = checkTopicText(input)
  checkSources(input.orderIds, await ordersOf(input.orderIds), input.gridId)
  await check(`${title}\n${text}`)
  const [households, config] = await Promise.all([householdsOf(input.gridId), configOf(place.communityId)])
  const id = newId('tp')
  let topic: TopicRecord
  try {
    topic = await decideAndRun(
      () => ordersOf(input.orderIds),
      (found) => {
        const orders = checkSources(input.orderIds, found, input.gridId)
        const t = newRaisedTopic({
          id,
          requestId: input.requestId,
          by: { userId: actor.userId, name: nameOf(ctx), role },
          orders,
          place,
          placeName: grid.name ?? '',
          title,
          text,
          households,
          supportPct: config.supportPct,
          now,
        })
        const links = orders.map((o): Write => ({
          op: 'update',
          collection: ORDERS,
          id: o._id,
          if: { raisedTopicId: null },
          set: { raisedTopicId: id },
        }))
        return {
          plan: { writes: [{ op: 'create', collection: TOPICS, id, doc: withoutId(t) }, ...links] },
          result: t,
        }
      },
      now,
    )
  } catch (err) {
    // A racing twin of this very request raised it first (its topic, or the orders it took).
    const twin =
      isDuplicateKey(err) || (isDomainError(err) && err.code === 'DELIBERATION.SOURCE_TAKEN')
        ? await stored()
        : null
    if (!twin) throw err
    return detailOf(actor, twin, now, true)
  }
  // Counted as raised and the reporters told (the topic's outbox, written with it).
  await nudge(TOPICS, topic._id, now)
  return detailOf(actor, topic, now)
}

/** topic.sources: the grid's open orders, newest first (index orders.grid_open), each marked whether it may be raised. */
export async function sourceOptions(
  actor: Actor,
  input: { gridId: string; cursor?: string },
): Promise<SourceOptions> {
  await staffGrid(actor, input.gridId)
  const _ = db().command
  const res = await db()
    .collection(ORDERS)
    .where(
      _.and([
        { 'path.gridId': input.gridId, open: true },
        afterTimeCursor(input.cursor, 'submittedAt', 'desc'),
      ]),
    )
    .orderBy('submittedAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(PAGE + 1)
    .field({
      categoryName: true,
      text: true,
      submittedAt: true,
      held: true,
      topicId: true,
      raisedTopicId: true,
    })
    .get()
  const docs = res.data as Pick<
    OrderRecord,
    '_id' | 'categoryName' | 'text' | 'submittedAt' | 'held' | 'topicId' | 'raisedTopicId'
  >[]
  const page = docs.slice(0, PAGE)
  const last = page[page.length - 1]
  return {
    gridId: input.gridId,
    items: page.map((o) => ({
      orderId: String(o._id),
      categoryName: o.categoryName,
      summary: o.held ? '（内容待审核）' : [...o.text].slice(0, 40).join(''),
      submittedAt: new Date(o.submittedAt).toISOString(),
      raisable: raisable(o),
      raisedTopicId: o.raisedTopicId ?? null,
    })),
    cursor: docs.length > PAGE && last ? timeCursor(last.submittedAt, String(last._id)) : null,
  }
}

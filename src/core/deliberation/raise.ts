/**
 * 民事民提 from reports (issue #15 item 1): staff over a grid raise a topic from a cluster of the
 * grid's work orders (several 飞线充电 reports, or a 意见建议 report). Pure: the store loads the orders
 * and writes what this decides, the topic and each order's `raisedTopicId`, in one transaction.
 *
 * - The topic starts `proposed`, like a resident's: staff put it before the grid, the households
 *   still support it, and staff confirm it with the usual move when the reports are evidence
 *   enough (docs/adr/0020-deliberation.md, decision 12). It has no supporter yet: staff have no
 *   household to support it with, and a report is not a support.
 * - It records its sources (≤ `SOURCES_MAX`) and follows them both ways: each order carries the
 *   topic as `raisedTopicId` (one topic per order), distinct from `topicId` (an order that carries
 *   out a topic's decision).
 * - The reporters follow it (`followerIds`): they are told it was raised, then every announcement
 *   (./decide.ts), each once.
 */
import type { Effect } from '../effects'
import { DomainError } from '../errors'
import { beijingTime, clipThing } from '../notify/templates'
import { raisable } from '../orders/model'
import { maskName } from '../privacy/mask'
import { RoleLabel } from '../roles'
import type { StaffRole } from '../access'
import { newTopic, type NewTopicInput } from './decide'
import { DeliberationErrors } from './errors'
import { TopicStatusLabel, type TopicRecord, type TopicSource } from './model'
import { TEXT_MAX, TITLE_MAX } from './rules'
import { clipText } from '../text'

/** At most this many orders raise one topic (a cluster, not a queue). */
export const SOURCES_MAX = 20

/** What the rule needs of a source order. */
export interface SourceOrder {
  readonly _id: string
  readonly reporterId: string
  readonly onBehalfOf: unknown
  readonly categoryId: string
  readonly categoryName: string
  readonly text: string
  readonly held: boolean
  readonly topicId?: string | null
  readonly raisedTopicId?: string | null
  readonly path: { readonly gridId: string }
}

/**
 * May these orders raise one topic of this grid: 1..`SOURCES_MAX` distinct ids, every one found,
 * of the grid (`SOURCE_OTHER_GRID`), not raised already (`SOURCE_TAKEN`), not carrying out a topic
 * and not held for review (`BAD_SOURCES`). Answers the orders in the order named.
 */
export function checkSources<O extends SourceOrder>(
  ids: readonly string[],
  found: readonly O[],
  gridId: string,
): O[] {
  if (ids.length === 0 || ids.length > SOURCES_MAX)
    throw new DomainError(DeliberationErrors.BAD_SOURCES, `请选择 1–${SOURCES_MAX} 件工单`)
  if (new Set(ids).size !== ids.length)
    throw new DomainError(DeliberationErrors.BAD_SOURCES, '同一件工单选了两次')
  const orders = ids.map((id) => found.find((o) => o._id === id))
  if (orders.some((o) => !o)) throw new DomainError('DATA.NOT_FOUND', '工单不存在')
  const all = orders as O[]
  if (all.some((o) => o.path.gridId !== gridId))
    throw new DomainError(DeliberationErrors.SOURCE_OTHER_GRID, '所选工单不在本网格')
  if (all.some((o) => o.raisedTopicId))
    throw new DomainError(DeliberationErrors.SOURCE_TAKEN, '所选工单已转为议题')
  if (all.some((o) => !raisable(o)))
    throw new DomainError(DeliberationErrors.BAD_SOURCES, '待审核的工单、议题的实施工单不能转为议题')
  return all
}

/** The reporters who follow the topic: each once, never a staff member who registered a walk-in's report. */
export function followersOf(orders: readonly SourceOrder[]): string[] {
  return [...new Set(orders.filter((o) => !o.onBehalfOf).map((o) => o.reporterId))]
}

export function sourcesOf(orders: readonly SourceOrder[]): TopicSource[] {
  return orders.map((o) => ({
    kind: 'order',
    id: o._id,
    categoryId: o.categoryId,
    categoryName: o.categoryName,
  }))
}

/**
 * The form's first draft (staff edit it): the category as the title, the reports' texts as the
 * text, each on its own line, within the topic's limits.
 */
export function draftFromOrders(
  orders: readonly { readonly categoryName: string; readonly text: string }[],
): { title: string; text: string } {
  const names = [...new Set(orders.map((o) => o.categoryName))]
  const title = orders.length > 1 ? `${names.join('、')}（${orders.length} 件居民上报）` : `${names[0] ?? ''}`
  const lines = orders.map((o, i) => (orders.length > 1 ? `${i + 1}. ${o.text.trim()}` : o.text.trim()))
  return { title: clipText(title, TITLE_MAX), text: clipText(lines.join('\n'), TEXT_MAX) }
}

export interface RaiseInput extends Omit<NewTopicInput, 'proposer'> {
  readonly by: { readonly userId: string; readonly name: string; readonly role: StaffRole }
  readonly orders: readonly SourceOrder[]
}

/**
 * The raised topic: proposed, shown as raised by its staff member (网格员 张**), without supporters,
 * with its sources and followers; counted as raised, and the reporters told (not the raiser).
 */
export function newRaisedTopic(i: RaiseInput): TopicRecord {
  const base = newTopic({ ...i, proposer: { userId: i.by.userId, name: i.by.name } })
  const shown = `${RoleLabel[i.by.role]} ${maskName(i.by.name)}`
  const followerIds = followersOf(i.orders)
  const note = `据 ${i.orders.length} 件居民上报`
  const told: Effect[] = followerIds.some((u) => u !== i.by.userId)
    ? [
        {
          kind: 'notify',
          key: 'topic.raise',
          to: { users: followerIds },
          except: [i.by.userId],
          template: 'topicProgress',
          data: {
            thing1: { value: clipThing(base.title) },
            phrase2: { value: TopicStatusLabel[base.status] },
            thing3: { value: clipThing('您反映的问题已转为居民议题') },
            time4: { value: beijingTime(i.now) },
          },
        },
      ]
    : []
  const [entry] = base.outbox ?? []
  return {
    ...base,
    proposerShown: shown,
    supports: 0,
    sources: sourcesOf(i.orders),
    followerIds,
    events: [{ at: i.now, move: 'raise', by: i.by.userId, byName: shown, note }],
    outbox: entry ? [{ ...entry, effects: [...entry.effects, ...told] }] : [],
  }
}

export interface FromWishInput extends Omit<NewTopicInput, 'proposer'> {
  readonly by: { readonly userId: string; readonly name: string; readonly role: StaffRole }
  readonly wish: { readonly id: string; readonly ownerId: string | null }
}

/**
 * A topic from a suggestion on the wish wall (心愿墙 · 建议, issue #16): raised by the staff member who
 * promoted it, like a topic raised from reports (proposed, no supporter yet), linked back to the
 * wish (`wishId`; the wish carries the topic's id), and its resident follows it.
 */
export function newTopicFromWish(i: FromWishInput): TopicRecord {
  const base = newTopic({ ...i, proposer: { userId: i.by.userId, name: i.by.name } })
  const shown = `${RoleLabel[i.by.role]} ${maskName(i.by.name)}`
  return {
    ...base,
    proposerShown: shown,
    supports: 0,
    wishId: i.wish.id,
    followerIds: i.wish.ownerId ? [i.wish.ownerId] : [],
    events: [{ at: i.now, move: 'raise', by: i.by.userId, byName: shown, note: '据心愿墙居民建议' }],
  }
}

/** What the caller sees of a topic's sources (`SourcesView` in ./raise-api.ts). */
export type SourceViewer = 'staff' | 'other'

/**
 * Staff over the place see every source (each opens its order); anyone else sees how many and of
 * which categories, and, as a cell, only an order they reported themselves.
 */
export function sourcesSeen(
  t: Pick<TopicRecord, 'sources'>,
  viewer: SourceViewer,
  mine: (orderId: string) => boolean,
): { count: number; categories: string[]; listed: TopicSource[] } {
  const sources = t.sources ?? []
  return {
    count: sources.length,
    categories: [...new Set(sources.map((s) => s.categoryName))],
    listed: viewer === 'staff' ? [...sources] : sources.filter((s) => mine(s.id)),
  }
}

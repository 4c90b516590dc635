/** What the deliberation store's parts share: the collections, loading a topic, the views, and a move run as a plan. */
import { grantOver, isAdminOf, isStaffOver } from '../../../src/core/access'
import type { TopicCard, TopicDetail } from '../../../src/core/deliberation/api'
import { moveTopic, movesOf, type MoveInput, type Mover } from '../../../src/core/deliberation/decide'
import {
  TopicStatusLabel,
  type BallotRecord,
  type SupportRecord,
  type TopicRecord,
} from '../../../src/core/deliberation/model'
import { evaluationOpen } from '../../../src/core/deliberation/carry'
import {
  buildingsOf,
  inTopicPlace,
  mayView,
  partiesOf,
  placeWord,
} from '../../../src/core/deliberation/rules'
import { resultSentence, ruleLabelOf, ruleSentence } from '../../../src/core/deliberation/vote'
import { entryOf, type Effect } from '../../../src/core/effects'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import { isoOrNull } from '../../../src/core/china-time'
import { changedSet, updatePlan, type Plan, type Write } from '../../../src/core/plan'
import type { Actor } from '../../../src/core/roles'
import { byRequest } from '../ids'
import type { CallContext } from '../kit'
import { decideAndRun } from '../runner'
import { db } from '../sdk'
import { getDoc } from './docs'
import { photosVisible } from '../../../src/core/deliberation/photos'
import { WorkPhotoSteps } from '../../../src/core/deliberation/photos'
import { evaluationViewOf, sourcesViewOf, workViewOf } from './deliberation-work'

export const TOPICS = 'topics'
export const SUPPORTS = 'topic_supports'
export const BALLOTS = 'ballots'
export const PAGE = 20
/** Ballots are read 1,000 a page for the count. */
export const BALLOT_PAGE = 1000

export const notFound = () => new DomainError(CommonErrorCodes.NOT_FOUND, '议题不存在')

export async function load(topicId: string): Promise<TopicRecord> {
  const t = await getDoc<TopicRecord>(TOPICS, topicId)
  if (!t) throw notFound()
  return { ...t, _id: topicId }
}

/**
 * Households of a topic's place known to the system (joined): the denominator of supports and
 * votes. A grid's (index `grid`), or those of 1..10 of its buildings in ONE count (index `building`).
 */
export async function householdsOf(gridId: string, buildingIds?: readonly string[] | null): Promise<number> {
  return (await db().collection('households').where(householdsWhere(gridId, buildingIds)).count())
    .total as number
}

/** The households of a grid, or of these buildings of it. */
export function householdsWhere(gridId: string, buildingIds?: readonly string[] | null): object {
  const buildings = buildingsOf({ buildingIds })
  return buildings ? { buildingId: db().command.in([...buildings]), gridId } : { gridId }
}

export const nameOf = (ctx: CallContext) => ctx.user.realName ?? ctx.user.displayName ?? ''

// ── Views ──

export function cardOf(t: TopicRecord): TopicCard {
  return {
    id: t._id,
    title: t.title,
    status: t.status,
    statusLabel: TopicStatusLabel[t.status],
    placeName: t.placeName,
    supports: t.supports,
    threshold: t.threshold,
    createdAt: new Date(t.createdAt).toISOString(),
  }
}

const EventLabel: Readonly<Record<string, string>> = {
  propose: '提出议题',
  raise: '据居民上报发起议题',
  confirm: '立项',
  reject: '不予立项',
  withdraw: '撤回',
  open_vote: '开始投票',
  close_vote: '公布结果',
  decide: '形成决议',
  carry: '开始实施',
  add_work: '新增实施工作',
  finish: '实施完成，开始评价',
  close_evaluation: '评价结束',
}

export async function detailOf(
  actor: Actor,
  t: TopicRecord,
  now: Date,
  retried = false,
): Promise<TopicDetail> {
  // My household may support, vote and rate only in the topic's place (its grid, or its buildings).
  const home = grantOver(actor, 'resident')?.scope
  const householdId =
    home?.gridId && inTopicPlace({ gridId: home.gridId, buildingId: home.buildingId }, t)
      ? (home.householdId ?? null)
      : null
  const [support, ballot, participated, work, evaluation, sources] = await Promise.all([
    householdId ? byRequest<SupportRecord>(SUPPORTS, { topicId: t._id, householdId }) : null,
    householdId && t.vote ? byRequest<BallotRecord>(BALLOTS, { topicId: t._id, householdId }) : null,
    t.status === 'voting'
      ? db()
          .collection(BALLOTS)
          .where({ topicId: t._id })
          .count()
          .then((r) => r.total as number)
      : Promise.resolve(t.result?.participated ?? 0),
    workViewOf(t, now),
    evaluationViewOf(actor, t, householdId, now),
    sourcesViewOf(actor, t),
  ])
  const parties = partiesOf(actor, t)
  const moves = movesOf(t, parties, now)
  const photos = t.photos ?? []
  const v = t.vote
  const open = t.status === 'voting' && v !== null && now >= new Date(v.opensAt) && now < new Date(v.closesAt)
  return {
    ...cardOf(t),
    gridId: t.path.gridId,
    communityId: t.path.communityId,
    me: actor.userId,
    buildingIds: buildingsOf(t),
    text: t.text,
    proposerShown: t.proposerShown,
    photos: photosVisible(t, parties) ? photos : [],
    photoCount: photos.length,
    sources,
    wishId: t.wishId ?? null,
    households: t.households,
    reason: t.reason,
    decision: t.decision,
    supported: support !== null,
    vote: v
      ? {
          rule: v.rule,
          ruleLabel: ruleLabelOf(v),
          ruleSentence: ruleSentence(v, placeWord(t)),
          options: v.options?.length ? v.options : null,
          major: v.rule === 'owners' && v.major === true,
          area: v.rule === 'owners' ? (v.area ?? null) : null,
          opensAt: new Date(v.opensAt).toISOString(),
          closesAt: new Date(v.closesAt).toISOString(),
          electorate: v.electorate,
          participated,
          open,
        }
      : null,
    myBallot: ballot?.choice ?? null,
    result: t.result
      ? {
          ...t.result,
          options: t.result.options ?? null,
          adopted: t.result.adopted ?? null,
          area: t.result.area ?? null,
          sentence: resultSentence(t.result),
        }
      : null,
    work,
    evaluation,
    timeline: t.events.map((e) => ({
      at: isoOrNull(e.at) ?? '',
      what: EventLabel[e.move] ?? e.move,
      byName: e.byName,
      note: e.note ?? null,
    })),
    can: {
      moves,
      support: householdId !== null && t.status === 'proposed' && support === null,
      vote: householdId !== null && open,
      enter: open && isStaffOver(actor, t.path),
      carry: moves.includes('carry') || moves.includes('add_work'),
      rate: householdId !== null && evaluationOpen(t, now),
      publishActivity: t.status === 'doing' && isAdminOf(actor, t.path.communityId),
      workPhotos: WorkPhotoSteps.includes(t.status) && isStaffOver(actor, t.path),
    },
    ...(retried ? { retried: true } : {}),
  }
}

export function visible(actor: Actor, t: TopicRecord): TopicRecord {
  if (!mayView(actor, t)) throw notFound()
  return t
}

export async function moveAs(by: Mover, topicId: string, input: MoveInput, now: Date): Promise<TopicRecord> {
  return decideAndRun(
    () => load(topicId),
    (t) => {
      const { next, effects } = moveTopic(t, input, by, now)
      return { plan: topicPlan(t, next, effects, now), result: next }
    },
    now,
  )
}

/**
 * Fields a move never writes: identity, creation, the outbox (the runner's), the supporters' count
 * (its own), and what the topic was raised with (its sources, photos and followers; erasure takes a
 * follower off without the version).
 */
const KEPT = new Set([
  '_id',
  'requestId',
  'proposerId',
  'path',
  'createdAt',
  'outbox',
  'outboxAt',
  'supports',
  'sources',
  'wishId',
  'followerIds',
  'photos',
])

/**
 * A topic's move as a plan: the fields it changed (only those: counts kept by others meanwhile are
 * not overwritten), on the condition that its version is still the one decided on, its effects on
 * its outbox, and any other writes of the move (work orders filed, activities linked) in the same
 * transaction.
 */
export function topicPlan(
  t: TopicRecord,
  next: TopicRecord,
  effects: readonly Effect[],
  now: Date,
  more: readonly Write[] = [],
): Plan {
  const set = changedSet(t, next, KEPT)
  const plan = updatePlan(
    TOPICS,
    t._id,
    { version: t.version },
    set,
    entryOf(`v${next.version}`, now, effects),
  )
  return more.length === 0 ? plan : { ...plan, writes: [...more, ...plan.writes] }
}

export function moverOf(ctx: CallContext, t: TopicRecord): Mover {
  return { kind: 'person', userId: ctx.actor.userId, name: nameOf(ctx), parties: partiesOf(ctx.actor, t) }
}

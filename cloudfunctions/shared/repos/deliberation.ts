/**
 * The deliberation store (五步议事): it loads, writes the plans core decides
 * (src/core/deliberation/decide.ts) through the one runner, and answers views. Collections:
 * `topics`, `topic_supports` (unique per topic and household), `ballots` (unique per topic and
 * household; a later ballot of the household replaces it). Who is told rides on the topic's outbox.
 * This module is the store's face and holds the topics (proposing, supporting, the staff's moves;
 * the hall's lists are `deliberation-hall.ts`); `deliberation-base.ts` holds loading, the views and a move run as a plan, and
 * `deliberation-votes.ts` the household votes and the timer's reminders and closes.
 */
import type { TopicDetail } from '../../../src/core/deliberation/api'
import { newTopic, type MoveInput } from '../../../src/core/deliberation/decide'
import { DeliberationErrors } from '../../../src/core/deliberation/errors'
import { TopicStatusLabel, type SupportRecord, type TopicRecord } from '../../../src/core/deliberation/model'
import {
  checkBuildings,
  checkInPlace,
  checkReason,
  checkTopicText,
  homeOf,
  topicPlaceName,
} from '../../../src/core/deliberation/rules'
import { DomainError, isDomainError } from '../../../src/core/errors'
import type { Building, Grid } from '../../../src/core/org/model'
import type { Actor } from '../../../src/core/roles'
import { MeetingErrors } from '../../../src/core/deliberation/meeting'
import { checkTopicPhotos } from '../../../src/core/deliberation/photos'
import { allStored } from '../files'
import { byRequest, isDuplicateKey, newId } from '../ids'
import type { CallContext } from '../kit'
import { nudge } from '../outbox'
import { runPlan } from '../runner'
import { db } from '../sdk'
import { getDoc, withoutId } from './docs'

import {
  detailOf,
  householdsOf,
  load,
  moveAs,
  moverOf,
  nameOf,
  SUPPORTS,
  TOPICS,
  visible,
} from './deliberation-base'
export { BALLOTS, SUPPORTS, TOPICS } from './deliberation-base'
export { ballotsOf, cast, closeDueVotes, closeVote, openVote, remindClosingVotes } from './deliberation-votes'
export { carry, workOptions } from './deliberation-carry'
export { closeDueEvaluations, finishReadyTopics, rateOutcome } from './deliberation-evaluate'
export { configOf, configure, stats } from './deliberation-config'
export { workPhotos } from './deliberation-spawn'
import { carryMove } from './deliberation-evaluate'
import { configOf } from './deliberation-config'
export { raise, sourceOptions } from './deliberation-raise'

// ── Reads ──

export { list } from './deliberation-hall'

export async function get(actor: Actor, topicId: string, now: Date): Promise<TopicDetail> {
  return detailOf(actor, visible(actor, await load(topicId)), now)
}

// ── 民事民提: propose and support ──

/**
 * topic.propose: idempotent on requestId (unique proposerId + requestId). The topic and its
 * proposer's household's support are written together (one transaction). With `buildingIds` it
 * concerns those buildings of the grid: its threshold counts their households only. Photos (≤ 9)
 * must be the proposer's uploads for this request and in storage; others see them once staff
 * looked (photos.ts).
 */
export async function propose(
  ctx: CallContext,
  input: {
    requestId: string
    title: string
    text: string
    buildingIds?: string[]
    photos?: readonly string[]
  },
  now: Date,
  check: (text: string) => Promise<void>,
): Promise<TopicDetail> {
  const { actor } = ctx
  const stored = () =>
    byRequest<TopicRecord>(TOPICS, { proposerId: actor.userId, requestId: input.requestId })
  const earlier = await stored()
  if (earlier) return detailOf(actor, earlier, now, true)
  const home = homeOf(actor)
  const { title, text } = checkTopicText(input)
  const buildings = checkBuildings(input.buildingIds, await buildingsNamed(input.buildingIds), home)
  const buildingIds = buildings?.map((b) => b.id) ?? null
  const photos = checkTopicPhotos(input.photos ?? [], actor.userId, input.requestId)
  await check(`${title}\n${text}`)
  if (!(await allStored(photos)))
    throw new DomainError(MeetingErrors.PHOTO_INVALID, '照片上传未完成，请重新添加')
  const [households, grid, config] = await Promise.all([
    householdsOf(home.place.gridId, buildingIds),
    getDoc<Grid>('grids', home.place.gridId),
    configOf(home.place.communityId),
  ])
  const topic = newTopic({
    id: newId('tp'),
    requestId: input.requestId,
    proposer: { userId: actor.userId, name: nameOf(ctx) },
    place: home.place,
    buildingIds,
    placeName: topicPlaceName(grid?.name ?? '', buildings),
    title,
    text,
    households,
    supportPct: config.supportPct,
    photos,
    now,
  })
  const support: SupportRecord = {
    _id: newId('sp'),
    topicId: topic._id,
    householdId: home.householdId,
    userId: actor.userId,
    createdAt: now,
  }
  try {
    await runPlan(
      {
        writes: [
          { op: 'create', collection: TOPICS, id: topic._id, doc: withoutId(topic) },
          { op: 'create', collection: SUPPORTS, id: support._id, doc: withoutId(support) },
        ],
      },
      now,
    )
  } catch (err) {
    const again = isDuplicateKey(err) ? await stored() : null
    if (!again) throw err
    return detailOf(actor, again, now, true)
  }
  // Counted as raised (the topic's outbox), then put on the agenda if one household is enough.
  await nudge(TOPICS, topic._id, now)
  return detailOf(actor, await confirmIfSupported(topic._id, now), now)
}

/**
 * topic.support: one support per household (unique topicId + householdId: a second tap, or a
 * second member of the household, changes nothing). The supports are counted from their records,
 * so nothing is lost to a race; enough households put the topic on the agenda (the system's
 * `confirm`).
 */
export async function support(ctx: CallContext, topicId: string, now: Date): Promise<TopicDetail> {
  const { actor } = ctx
  const t = visible(actor, await load(topicId))
  const home = homeOf(actor)
  checkInPlace(home, t, '支持')
  if (t.status !== 'proposed')
    throw new DomainError(
      DeliberationErrors.BAD_STEP,
      `议题当前为“${TopicStatusLabel[t.status]}”，不再征集支持`,
    )
  const record: SupportRecord = {
    _id: newId('sp'),
    topicId,
    householdId: home.householdId,
    userId: actor.userId,
    createdAt: now,
  }
  let retried = false
  try {
    await db().collection(SUPPORTS).add(record)
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
    retried = true
  }
  return detailOf(actor, await confirmIfSupported(topicId, now), now, retried)
}

/** The buildings a proposal names, in one read (at most 10): checked by core (`checkBuildings`). */
async function buildingsNamed(ids: readonly string[] | undefined): Promise<Building[]> {
  if (!ids || ids.length === 0) return []
  const unique = [...new Set(ids)]
  const res = await db()
    .collection('buildings')
    .where({ _id: db().command.in(unique) })
    .field({ name: true, gridId: true })
    .limit(unique.length)
    .get()
  return res.data as Building[]
}

/**
 * Counts the supports; stores the count (never lower) and confirms the topic when it reached the
 * threshold. Answers the topic as it now stands.
 */
async function confirmIfSupported(topicId: string, now: Date): Promise<TopicRecord> {
  const _ = db().command
  const n = (await db().collection(SUPPORTS).where({ topicId }).count()).total as number
  await db()
    .collection(TOPICS)
    .where({ _id: topicId, supports: _.lt(n) })
    .update({ supports: n })
  const t = await load(topicId)
  if (t.status !== 'proposed' || n < t.threshold) return t
  try {
    return await moveAs({ kind: 'system' }, topicId, { move: 'confirm' }, now)
  } catch (err) {
    // Confirmed meanwhile (by staff, or by a racing supporter's count): as it is now.
    if (isDomainError(err)) return load(topicId)
    throw err
  }
}

// ── Moves ──

/** topic.move: confirm, reject (a public reason), decide (the committee's decision), withdraw. */
export async function move(
  ctx: CallContext,
  input: {
    topicId: string
    move: 'confirm' | 'reject' | 'withdraw' | 'decide' | 'finish' | 'close_evaluation'
    reason?: string
  },
  now: Date,
  check: (text: string) => Promise<void>,
): Promise<TopicDetail> {
  const t = visible(ctx.actor, await load(input.topicId))
  let m: MoveInput
  if (input.move === 'reject') m = { move: 'reject', reason: checkReason(input.reason, '不予立项的理由') }
  else if (input.move === 'decide') m = { move: 'decide', decision: checkReason(input.reason, '决议内容') }
  else if (input.move === 'finish' || input.move === 'close_evaluation')
    m = await carryMove(t, input.move, now)
  else m = { move: input.move }
  if ('reason' in m) await check(m.reason)
  if ('decision' in m) await check(m.decision)
  const next = await moveAs(moverOf(ctx, t), t._id, m, now)
  return detailOf(ctx.actor, next, now)
}

/** topic.openVote: a household vote with a rule preset; its electorate is the place's households now. */

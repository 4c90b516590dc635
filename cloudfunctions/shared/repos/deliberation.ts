/**
 * The deliberation store (五步议事): it loads, writes the plans core decides
 * (src/core/deliberation/decide.ts) through the one runner, and answers views. Collections:
 * `topics`, `topic_supports` (unique per topic and household), `ballots` (unique per topic and
 * household; a later ballot of the household replaces it). Who is told rides on the topic's outbox.
 */
import { grantOver, isStaffOver, placeIds } from '../../../src/core/access'
import type { BallotReceipt, TopicCard, TopicDetail, TopicPage } from '../../../src/core/deliberation/api'
import {
  moveTopic,
  movesOf,
  newTopic,
  type MoveInput,
  type Mover,
} from '../../../src/core/deliberation/decide'
import { DeliberationErrors } from '../../../src/core/deliberation/errors'
import {
  ChoiceLabel,
  TopicStatusLabel,
  type BallotChannel,
  type BallotRecord,
  type Choice,
  type SupportRecord,
  type TopicPlace,
  type TopicRecord,
  type VoteRule,
} from '../../../src/core/deliberation/model'
import {
  checkBallot,
  checkReason,
  checkRule,
  checkTopicText,
  checkWindow,
  homeOf,
  mayView,
  partiesOf,
} from '../../../src/core/deliberation/rules'
import { resultSentence, ruleSentence, tally, VoteRuleLabel } from '../../../src/core/deliberation/vote'
import { entryOf } from '../../../src/core/effects'
import { CommonErrorCodes, DomainError, isDomainError } from '../../../src/core/errors'
import { isoOrNull } from '../../../src/core/china-time'
import { roomKey } from '../../../src/core/join/model'
import type { Grid, Household } from '../../../src/core/org/model'
import { updatePlan } from '../../../src/core/plan'
import type { Actor } from '../../../src/core/roles'
import { byRequest, isDuplicateKey, newId } from '../ids'
import type { CallContext } from '../kit'
import { decideAndRun, runPlan } from '../runner'
import { db } from '../sdk'
import { getDoc, withoutId } from './docs'
import { afterTimeCursor, timeCursor } from './paging'

export const TOPICS = 'topics'
export const SUPPORTS = 'topic_supports'
export const BALLOTS = 'ballots'
const PAGE = 20
/** Ballots are read 1,000 a page for the count. */
const BALLOT_PAGE = 1000

const notFound = () => new DomainError(CommonErrorCodes.NOT_FOUND, '议题不存在')

async function load(topicId: string): Promise<TopicRecord> {
  const t = await getDoc<TopicRecord>(TOPICS, topicId)
  if (!t) throw notFound()
  return { ...t, _id: topicId }
}

/** Households of a grid known to the system (joined): the denominator of supports and votes. */
async function householdsOf(gridId: string): Promise<number> {
  return (await db().collection('households').where({ gridId }).count()).total as number
}

const nameOf = (ctx: CallContext) => ctx.user.realName ?? ctx.user.displayName ?? ''

// ── Views ──

function cardOf(t: TopicRecord): TopicCard {
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
  confirm: '立项',
  reject: '不予立项',
  withdraw: '撤回',
  open_vote: '开始投票',
  close_vote: '公布结果',
  decide: '形成决议',
}

async function detailOf(actor: Actor, t: TopicRecord, now: Date, retried = false): Promise<TopicDetail> {
  const home = grantOver(actor, 'resident')?.scope
  const householdId = home?.gridId === t.path.gridId ? (home.householdId ?? null) : null
  const [support, ballot, participated] = await Promise.all([
    householdId ? byRequest<SupportRecord>(SUPPORTS, { topicId: t._id, householdId }) : null,
    householdId && t.vote ? byRequest<BallotRecord>(BALLOTS, { topicId: t._id, householdId }) : null,
    t.status === 'voting'
      ? db()
          .collection(BALLOTS)
          .where({ topicId: t._id })
          .count()
          .then((r) => r.total as number)
      : Promise.resolve(t.result?.participated ?? 0),
  ])
  const v = t.vote
  const open = t.status === 'voting' && v !== null && now >= new Date(v.opensAt) && now < new Date(v.closesAt)
  return {
    ...cardOf(t),
    gridId: t.path.gridId,
    text: t.text,
    proposerShown: t.proposerShown,
    households: t.households,
    reason: t.reason,
    decision: t.decision,
    supported: support !== null,
    vote: v
      ? {
          rule: v.rule,
          ruleLabel: VoteRuleLabel[v.rule],
          ruleSentence: ruleSentence(v),
          opensAt: new Date(v.opensAt).toISOString(),
          closesAt: new Date(v.closesAt).toISOString(),
          electorate: v.electorate,
          participated,
          open,
        }
      : null,
    myBallot: ballot?.choice ?? null,
    result: t.result ? { ...t.result, sentence: resultSentence(t.result) } : null,
    timeline: t.events.map((e) => ({
      at: isoOrNull(e.at) ?? '',
      what: EventLabel[e.move] ?? e.move,
      byName: e.byName,
      note: e.note ?? null,
    })),
    can: {
      moves: movesOf(t, partiesOf(actor, t), now),
      support: householdId !== null && t.status === 'proposed' && support === null,
      vote: householdId !== null && open,
      enter: open && isStaffOver(actor, t.path),
    },
    ...(retried ? { retried: true } : {}),
  }
}

function visible(actor: Actor, t: TopicRecord): TopicRecord {
  if (!mayView(actor, t)) throw notFound()
  return t
}

// ── Reads ──

/** topic.list: my grid's topics (residents), or a grid's I work for (staff, `gridId`), newest first. */
export async function list(actor: Actor, gridId: string | undefined, cursor?: string): Promise<TopicPage> {
  let grid: string
  if (gridId) {
    const g = await getDoc<Grid>('grids', gridId)
    if (!g) throw new DomainError(CommonErrorCodes.NOT_FOUND, '网格不存在')
    const place = { streetId: g.streetId, communityId: g.communityId, gridId }
    if (!mayView(actor, { path: place }))
      throw new DomainError(CommonErrorCodes.FORBIDDEN, '只能查看本网格的议题')
    grid = gridId
  } else grid = await defaultGrid(actor)
  const _ = db().command
  const res = await db()
    .collection(TOPICS)
    .where(_.and([{ 'path.gridId': grid }, afterTimeCursor(cursor, 'createdAt', 'desc')]))
    .orderBy('createdAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(PAGE + 1)
    .get()
  const docs = res.data as TopicRecord[]
  const page = docs.slice(0, PAGE)
  const last = page[page.length - 1]
  return {
    gridId: grid,
    canPropose: grantOver(actor, 'resident')?.scope.gridId === grid,
    items: page.map(cardOf),
    cursor: docs.length > PAGE && last ? timeCursor(last.createdAt, last._id) : null,
  }
}

/**
 * The hall a caller opens without naming a grid: a resident's own grid; else the first grid a
 * grid worker works for; else the first grid of a community admin's community.
 */
async function defaultGrid(actor: Actor): Promise<string> {
  if (grantOver(actor, 'resident')) return homeOf(actor).place.gridId
  const worked = placeIds(actor, 'grid_worker', 'grid')[0]
  if (worked) return worked
  const community = placeIds(actor, 'community_admin', 'community')[0]
  if (community) {
    const res = await db()
      .collection('grids')
      .where({ communityId: community })
      .orderBy('_id', 'asc')
      .limit(1)
      .get()
    const first = (res.data as { _id: string }[])[0]
    if (first) return first._id
  }
  return homeOf(actor).place.gridId
}

export async function get(actor: Actor, topicId: string, now: Date): Promise<TopicDetail> {
  return detailOf(actor, visible(actor, await load(topicId)), now)
}

// ── 民事民提: propose and support ──

/**
 * topic.propose: idempotent on requestId (unique proposerId + requestId). The topic and its
 * proposer's household's support are written together (one transaction).
 */
export async function propose(
  ctx: CallContext,
  input: { requestId: string; title: string; text: string },
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
  await check(`${title}\n${text}`)
  const [households, grid] = await Promise.all([
    householdsOf(home.place.gridId),
    getDoc<Grid>('grids', home.place.gridId),
  ])
  const topic = newTopic({
    id: newId('tp'),
    requestId: input.requestId,
    proposer: { userId: actor.userId, name: nameOf(ctx) },
    place: home.place,
    placeName: grid?.name ?? '',
    title,
    text,
    households,
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
  const confirmed = await confirmIfSupported(topic._id, now)
  return detailOf(actor, confirmed ?? topic, now)
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
  if (home.place.gridId !== t.path.gridId)
    throw new DomainError(DeliberationErrors.OTHER_PLACE, '只有本网格的居民户可以支持')
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
  const confirmed = await confirmIfSupported(topicId, now)
  return detailOf(actor, confirmed ?? (await load(topicId)), now, retried)
}

/** Counts the supports; stores the count (never lower) and confirms the topic when it reached the threshold. */
async function confirmIfSupported(topicId: string, now: Date): Promise<TopicRecord | null> {
  const _ = db().command
  const n = (await db().collection(SUPPORTS).where({ topicId }).count()).total as number
  await db()
    .collection(TOPICS)
    .where({ _id: topicId, supports: _.lt(n) })
    .update({ supports: n })
  const t = await load(topicId)
  if (t.status !== 'proposed' || n < t.threshold) return null
  try {
    return await moveAs({ kind: 'system' }, topicId, { move: 'confirm' }, now)
  } catch (err) {
    // Confirmed meanwhile (by staff, or by a racing supporter's count): nothing to do.
    if (isDomainError(err)) return null
    throw err
  }
}

// ── Moves ──

async function moveAs(by: Mover, topicId: string, input: MoveInput, now: Date): Promise<TopicRecord> {
  return decideAndRun(
    () => load(topicId),
    (t) => {
      const { next, effects } = moveTopic(t, input, by, now)
      const {
        _id,
        requestId: _r,
        proposerId: _p,
        path: _a,
        createdAt: _c,
        outbox: _o,
        outboxAt: _t,
        ...body
      } = next
      return {
        plan: updatePlan(
          TOPICS,
          t._id,
          { version: t.version },
          body,
          entryOf(`v${next.version}`, now, effects),
        ),
        result: next,
      }
    },
    now,
  )
}

function moverOf(ctx: CallContext, t: TopicRecord): Mover {
  return { kind: 'person', userId: ctx.actor.userId, name: nameOf(ctx), parties: partiesOf(ctx.actor, t) }
}

/** topic.move: confirm, reject (a public reason), decide (the committee's decision), withdraw. */
export async function move(
  ctx: CallContext,
  input: { topicId: string; move: 'confirm' | 'reject' | 'withdraw' | 'decide'; reason?: string },
  now: Date,
  check: (text: string) => Promise<void>,
): Promise<TopicDetail> {
  const t = visible(ctx.actor, await load(input.topicId))
  let m: MoveInput
  if (input.move === 'reject') m = { move: 'reject', reason: checkReason(input.reason, '不予立项的理由') }
  else if (input.move === 'decide') m = { move: 'decide', decision: checkReason(input.reason, '决议内容') }
  else m = { move: input.move }
  if ('reason' in m) await check(m.reason)
  if ('decision' in m) await check(m.decision)
  const next = await moveAs(moverOf(ctx, t), t._id, m, now)
  return detailOf(ctx.actor, next, now)
}

/** topic.openVote: a household vote with a rule preset; its electorate is the place's households now. */
export async function openVote(
  ctx: CallContext,
  input: { topicId: string; rule: VoteRule; quorumPct?: number; opensAt: string; closesAt: string },
  now: Date,
): Promise<TopicDetail> {
  const t = visible(ctx.actor, await load(input.topicId))
  const opensAt = new Date(input.opensAt)
  const closesAt = new Date(input.closesAt)
  checkWindow(opensAt, closesAt, now)
  const quorumPct = checkRule(input.rule, input.quorumPct)
  const electorate = await householdsOf(t.path.gridId)
  const next = await moveAs(
    moverOf(ctx, t),
    t._id,
    { move: 'open_vote', vote: { rule: input.rule, quorumPct, opensAt, closesAt, electorate } },
    now,
  )
  return detailOf(ctx.actor, next, now)
}

/** Every ballot of a topic, page by page (the count reads them all: a recount equals the result). */
export async function ballotsOf(topicId: string): Promise<BallotRecord[]> {
  const out: BallotRecord[] = []
  for (;;) {
    const res = await db()
      .collection(BALLOTS)
      .where({ topicId })
      .orderBy('_id', 'asc')
      .skip(out.length)
      .limit(BALLOT_PAGE)
      .get()
    out.push(...(res.data as BallotRecord[]))
    if (res.data.length < BALLOT_PAGE) return out
  }
}

/** topic.closeVote: after the closing time, the ballots are counted and the result published. */
export async function closeVote(ctx: CallContext, topicId: string, now: Date): Promise<TopicDetail> {
  const t = visible(ctx.actor, await load(topicId))
  if (!t.vote) throw new DomainError(DeliberationErrors.BAD_STEP, '议题没有进行中的投票')
  const result = tally(await ballotsOf(topicId), t.vote, now)
  const next = await moveAs(moverOf(ctx, t), topicId, { move: 'close_vote', result }, now)
  return detailOf(ctx.actor, next, now)
}

// ── Ballots ──

async function householdAt(unitId: string, room: string): Promise<Household | null> {
  const res = await db()
    .collection('households')
    .where({ unitId, room: roomKey(room) })
    .limit(1)
    .get()
  return (res.data as Household[])[0] ?? null
}

/**
 * ballot.cast: a household's ballot. In the app the caller's own household; on paper or by proxy
 * the household staff name by unit and room. The household's earlier ballot is replaced (a
 * conditional write on its replacement count), never doubled: unique (topicId, householdId).
 */
export async function cast(
  ctx: CallContext,
  input: {
    topicId: string
    choice: Choice
    channel?: BallotChannel
    unitId?: string
    room?: string
    consent?: boolean
  },
  now: Date,
): Promise<BallotReceipt> {
  const { actor } = ctx
  const t = visible(actor, await load(input.topicId))
  const channel = input.channel ?? 'app'
  let householdId: string | null = null
  let place: TopicPlace | null = null
  if (channel === 'app') {
    const home = homeOf(actor)
    householdId = home.householdId
    place = home.place
  } else if (isStaffOver(actor, t.path) && input.unitId && input.room) {
    const h = await householdAt(input.unitId, input.room)
    if (h) {
      householdId = h._id
      place = { streetId: h.streetId, communityId: h.communityId, gridId: h.gridId }
    }
  }
  checkBallot(t, { channel, consent: input.consent === true, household: place }, { actor }, now)
  if (!householdId) throw new DomainError(DeliberationErrors.UNKNOWN_HOUSEHOLD, '该户不在本网格')
  const fields = {
    choice: input.choice,
    channel,
    castBy: actor.userId,
    consent: input.consent === true,
    castAt: now,
  }
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const earlier = await byRequest<BallotRecord>(BALLOTS, { topicId: t._id, householdId })
    let replaced = false
    if (earlier) {
      const res = (await db()
        .collection(BALLOTS)
        .where({ _id: earlier._id, replaced: earlier.replaced })
        .update({ ...fields, replaced: earlier.replaced + 1 })) as { updated?: number }
      if (res.updated !== 1) continue
      replaced = true
    } else {
      try {
        await db()
          .collection(BALLOTS)
          .add({ _id: newId('bl'), topicId: t._id, householdId, replaced: 0, ...fields })
      } catch (err) {
        if (isDuplicateKey(err)) continue
        throw err
      }
    }
    const participated = (await db().collection(BALLOTS).where({ topicId: t._id }).count()).total as number
    return { topicId: t._id, choice: input.choice, replaced, participated }
  }
  throw new DomainError(CommonErrorCodes.CONFLICT, `操作冲突，请重试（${ChoiceLabel[input.choice]}）`)
}

/**
 * The timer's part: votes whose closing time passed are counted and their results published by
 * the system (index `voting_due`), at most `limit` a run. Each is a conditional move on the topic's
 * version, so a close by staff meanwhile, or a second sweep, closes it once.
 */
export async function closeDueVotes(now: Date, limit = 20): Promise<number> {
  const _ = db().command
  const res = await db()
    .collection(TOPICS)
    .where({ status: 'voting', 'vote.closesAt': _.lte(now) })
    .orderBy('vote.closesAt', 'asc')
    .limit(limit)
    .get()
  let closed = 0
  for (const t of res.data as TopicRecord[]) {
    if (!t.vote) continue
    try {
      const result = tally(await ballotsOf(t._id), t.vote, now)
      await moveAs({ kind: 'system' }, t._id, { move: 'close_vote', result }, now)
      closed += 1
    } catch (err) {
      console.log(
        JSON.stringify({
          level: 'error',
          what: 'deliberation.closeVote',
          topicId: t._id,
          error: String(err),
        }),
      )
    }
  }
  return closed
}

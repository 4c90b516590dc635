/** Deliberation's household votes: opening one, ballots (app, paper, proxy), closing and the timer's reminders and closes. */
import { isStaffOver } from '../../../src/core/access'
import type { BallotReceipt, TopicDetail } from '../../../src/core/deliberation/api'
import { DeliberationErrors } from '../../../src/core/deliberation/errors'
import type {
  BallotChannel,
  BallotRecord,
  Choice,
  HouseholdPlace,
  TopicRecord,
  VoteRule,
  VoteSpec,
} from '../../../src/core/deliberation/model'
import {
  checkBallot,
  checkChoice,
  checkOptions,
  checkRule,
  checkWindow,
  homeOf,
  ownersElectorate,
  placeWord,
} from '../../../src/core/deliberation/rules'
import { castBallot, choiceText, tally } from '../../../src/core/deliberation/vote'
import { dueForReminder, REMIND_BEFORE_MS, reminderOf } from '../../../src/core/deliberation/decide'
import { entryOf } from '../../../src/core/effects'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import { updatePlan } from '../../../src/core/plan'
import { byRequest, isDuplicateKey, newId } from '../ids'
import type { CallContext } from '../kit'
import { nudge } from '../outbox'
import { runPlan } from '../runner'
import { db } from '../sdk'

import {
  BALLOT_PAGE,
  BALLOTS,
  detailOf,
  householdsOf,
  householdsWhere,
  load,
  moveAs,
  moverOf,
  TOPICS,
  visible,
} from './deliberation-base'
import type { Household } from '../../../src/core/org/model'
import { getDoc, householdAt } from './docs'

export async function openVote(
  ctx: CallContext,
  input: {
    topicId: string
    rule: VoteRule
    quorumPct?: number
    options?: string[]
    major?: boolean
    opensAt: string
    closesAt: string
  },
  now: Date,
  check: (text: string) => Promise<void>,
): Promise<TopicDetail> {
  const t = visible(ctx.actor, await load(input.topicId))
  const opensAt = new Date(input.opensAt)
  const closesAt = new Date(input.closesAt)
  checkWindow(opensAt, closesAt, now)
  const quorumPct = checkRule(input.rule, input.quorumPct)
  const options = checkOptions(input.options, input.rule)
  if (options) await check(options.join('\n'))
  const vote: VoteSpec =
    input.rule === 'owners'
      ? {
          rule: input.rule,
          quorumPct,
          opensAt,
          closesAt,
          ...ownersElectorate(await householdAreasOf(t.path.gridId, t.buildingIds), placeWord(t)),
          major: input.major === true,
        }
      : {
          rule: input.rule,
          quorumPct,
          opensAt,
          closesAt,
          electorate: await householdsOf(t.path.gridId, t.buildingIds),
          ...(options ? { options } : {}),
        }
  const next = await moveAs(moverOf(ctx, t), t._id, { move: 'open_vote', vote }, now)
  return detailOf(ctx.actor, next, now)
}

/** The floor area of every household of a topic's place (an owners' decision fixes their count and total). */
async function householdAreasOf(
  gridId: string,
  buildingIds?: readonly string[] | null,
): Promise<{ area?: number }[]> {
  const out: { area?: number }[] = []
  for (;;) {
    const res = await db()
      .collection('households')
      .where(householdsWhere(gridId, buildingIds))
      .field({ area: true })
      .orderBy('_id', 'asc')
      .skip(out.length)
      .limit(BALLOT_PAGE)
      .get()
    out.push(...(res.data as { area?: number }[]))
    if (res.data.length < BALLOT_PAGE) return out
  }
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

/**
 * ballot.cast: a household's ballot. In the app the caller's own household; on paper or by proxy
 * the household staff name by unit and room. The household's earlier ballot is replaced (a
 * conditional write on its replacement count), never doubled: unique (topicId, householdId).
 */
export async function cast(
  ctx: CallContext,
  input: {
    topicId: string
    choice?: Choice
    option?: number
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
  let household: Household | null = null
  let place: HouseholdPlace | null = null
  let householdId: string | null = null
  if (channel === 'app') {
    const home = homeOf(actor)
    householdId = home.householdId
    place = { gridId: home.place.gridId, buildingId: home.buildingId }
  } else if (isStaffOver(actor, t.path) && input.unitId && input.room) {
    household = await householdAt(input.unitId, input.room)
    if (household) {
      householdId = household._id
      place = { gridId: household.gridId, buildingId: household.buildingId }
    }
  }
  checkBallot(t, { channel, consent: input.consent === true, household: place }, { actor }, now)
  if (!householdId || !t.vote)
    throw new DomainError(DeliberationErrors.UNKNOWN_HOUSEHOLD, `该户不在${placeWord(t)}`)
  const choice = checkChoice(t.vote, input)
  // An owners' decision counts floor area too: the ballot carries its household's area as cast.
  let area: number | undefined
  if (t.vote.rule === 'owners') {
    household ??= await getDoc<Household>('households', householdId)
    if (!(typeof household?.area === 'number' && household.area > 0))
      throw new DomainError(DeliberationErrors.NO_AREA, '该户未登记建筑面积，请联系网格员登记后再投票')
    area = household.area
  }
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const earlier = await byRequest<BallotRecord>(BALLOTS, { topicId: t._id, householdId })
    const { _id, ...next } = castBallot(earlier, {
      newId: newId('bl'),
      topicId: t._id,
      householdId,
      choice,
      ...(area !== undefined ? { area } : {}),
      channel,
      castBy: actor.userId,
      consent: input.consent === true,
      castAt: now,
    })
    if (earlier) {
      const res = (await db()
        .collection(BALLOTS)
        .where({ _id, replaced: earlier.replaced })
        .update(next)) as { updated?: number }
      if (res.updated !== 1) continue
    } else {
      try {
        await db()
          .collection(BALLOTS)
          .add({ _id, ...next })
      } catch (err) {
        if (isDuplicateKey(err)) continue
        throw err
      }
    }
    const participated = (await db().collection(BALLOTS).where({ topicId: t._id }).count()).total as number
    return { topicId: t._id, choice, replaced: earlier !== null, participated }
  }
  throw new DomainError(
    CommonErrorCodes.CONFLICT,
    `操作冲突，请重试（${choiceText(choice, t.vote.options)}）`,
  )
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

/**
 * The timer's reminder: a vote closing within a day (and lasting longer than one) tells every
 * household of the topic's place once (`vote.remindedAt`, a conditional write on the version).
 */
export async function remindClosingVotes(now: Date, limit = 20): Promise<number> {
  const _ = db().command
  const res = await db()
    .collection(TOPICS)
    .where({
      status: 'voting',
      'vote.closesAt': _.and(_.gt(now), _.lte(new Date(now.getTime() + REMIND_BEFORE_MS))),
    })
    .orderBy('vote.closesAt', 'asc')
    .limit(limit)
    .get()
  let reminded = 0
  for (const found of res.data as TopicRecord[]) {
    if (!dueForReminder(found, now)) continue
    const t = { ...found, _id: found._id }
    const { next, effects } = reminderOf(t, now)
    const entry = entryOf(`v${next.version}`, now, effects)
    if (
      await runPlan(
        updatePlan(
          TOPICS,
          t._id,
          { version: t.version },
          { vote: next.vote, version: next.version, updatedAt: now },
          entry,
        ),
        now,
      )
    ) {
      await nudge(TOPICS, t._id, now)
      reminded += 1
    }
  }
  return reminded
}

/**
 * 民评 in the deliberation store: the households' ratings of an outcome, and the timer's moves
 * that open an evaluation when the work is done and close it when its window ends (counted; the
 * topic closed or sent back). Core decides (src/core/deliberation/carry.ts, decide.ts).
 */
import { configOf } from './deliberation-config'
import type { RatingReceipt } from '../../../src/core/deliberation/carry-api'
import { evaluationOpen, openEvaluation, rate } from '../../../src/core/deliberation/carry'
import type { MoveInput } from '../../../src/core/deliberation/decide'
import { DeliberationErrors } from '../../../src/core/deliberation/errors'
import type { RatingRecord, TopicRecord } from '../../../src/core/deliberation/model'
import { RatingLabel, type Rating } from '../../../src/core/deliberation/model'
import { checkInPlace, homeOf } from '../../../src/core/deliberation/rules'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import { byRequest, isDuplicateKey, newId } from '../ids'
import type { CallContext } from '../kit'
import { RATINGS } from './deliberation-work'
import { db } from '../sdk'
import { load, moveAs, TOPICS, visible } from './deliberation-base'
export { RATINGS } from './deliberation-work'
/** Ratings are read 1,000 a page for the count. */
const RATING_PAGE = 1000

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

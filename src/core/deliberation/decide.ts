/**
 * The deciders of deliberation: a new topic, and a move on one, each with what follows (who is
 * told). Pure: they take the loaded topic, the mover and the input, and return the next topic and
 * its effects; the store writes them as one plan (src/core/plan.ts).
 */
import type { Audience, Effect, Notify } from '../effects'
import { DomainError, type ErrorCode } from '../errors'
import { maskName } from '../privacy/mask'
import { beijingTime, clipThing } from '../notify/templates'
import { shortTime } from '../china-time'
import { DeliberationErrors } from './errors'
import { topicMachine, type TopicMove, type TopicParty } from './machine'
import {
  TopicStatusLabel,
  type Evaluation,
  type EvaluationResult,
  type TopicPlace,
  type TopicRecord,
  type TopicWork,
  type VoteResult,
  type VoteSpec,
} from './model'
import { contextOf, evaluationSentence } from './carry'
import { checksPhotos } from './photos'
import { placeAudience, supportThreshold } from './rules'
import { moveStats, statsCounts } from './stats'
import { resultSentence } from './vote'

export interface NewTopicInput {
  readonly id: string
  readonly requestId: string
  readonly proposer: { readonly userId: string; readonly name: string }
  readonly place: TopicPlace
  /** The buildings of the grid it concerns (in name order), or null/absent: the whole grid. */
  readonly buildingIds?: readonly string[] | null
  readonly placeName: string
  readonly title: string
  readonly text: string
  readonly households: number
  readonly supportPct?: number
  /** The proposer's photos (./photos.ts), checked by the store. */
  readonly photos?: readonly string[]
  readonly now: Date
}

/** A proposed topic: its proposer's household is its first supporter (the store writes that support). */
export function newTopic(i: NewTopicInput): TopicRecord {
  return {
    _id: i.id,
    requestId: i.requestId,
    proposerId: i.proposer.userId,
    proposerShown: maskName(i.proposer.name),
    path: i.place,
    buildingIds: i.buildingIds && i.buildingIds.length > 0 ? i.buildingIds : null,
    placeName: i.placeName,
    title: i.title,
    text: i.text,
    status: 'proposed',
    households: i.households,
    threshold: supportThreshold(i.households, i.supportPct),
    supports: 1,
    reason: null,
    vote: null,
    result: null,
    decision: null,
    ...(i.photos && i.photos.length > 0 ? { photos: [...i.photos], photosChecked: false } : {}),
    version: 1,
    events: [{ at: i.now, move: 'propose', by: i.proposer.userId, byName: maskName(i.proposer.name) }],
    createdAt: i.now,
    updatedAt: i.now,
    outbox: [
      {
        id: 'propose',
        at: i.now,
        effects: statsCounts(i.place, moveStats('propose', 'proposed', {}), i.now),
      },
    ],
    outboxAt: i.now,
  }
}

export type Mover =
  | {
      readonly kind: 'person'
      readonly userId: string
      readonly name: string
      readonly parties: readonly TopicParty[]
    }
  | { readonly kind: 'system' }

export type MoveInput =
  | { readonly move: 'confirm' }
  | { readonly move: 'reject'; readonly reason: string }
  | { readonly move: 'withdraw' }
  | { readonly move: 'open_vote'; readonly vote: VoteSpec }
  | { readonly move: 'close_vote'; readonly result: VoteResult }
  | { readonly move: 'decide'; readonly decision: string }
  | { readonly move: 'carry'; readonly work: TopicWork }
  | { readonly move: 'add_work'; readonly work: TopicWork }
  | { readonly move: 'finish'; readonly evaluation: Evaluation }
  | { readonly move: 'close_evaluation'; readonly result: EvaluationResult }

export interface MoveOutcome {
  readonly next: TopicRecord
  readonly effects: readonly Effect[]
}

const WHAT: Readonly<Record<TopicMove, string>> = {
  confirm: '议题已立项，将组织居民议事',
  reject: '议题未立项',
  withdraw: '议题已撤回',
  open_vote: '投票已开始，每户一票',
  close_vote: '投票已结束',
  decide: '已形成决议',
  carry: '决议开始实施',
  add_work: '新增实施工作',
  finish: '实施完成，请您评价',
  close_evaluation: '评价结束',
}

/** A move on a topic: the machine's answer, the changed fields, the event, who is told. */
export function moveTopic(t: TopicRecord, input: MoveInput, by: Mover, now: Date): MoveOutcome {
  const parties = by.kind === 'system' ? (['system'] as const) : by.parties
  const ctx = contextOf(t, now)
  const step = topicMachine.next(
    t.status,
    input.move,
    parties,
    input.move === 'close_evaluation' ? { ...ctx, dissatisfied: input.result.reopened } : ctx,
  )
  if (!step.ok) {
    const code = step.code === 'MACHINE.NO_MOVE' ? DeliberationErrors.BAD_STEP : step.code
    const message =
      code === DeliberationErrors.VOTE_OPEN
        ? '投票尚未结束'
        : code === DeliberationErrors.WORK_OPEN
          ? '还有工作未完成'
          : code === DeliberationErrors.EVALUATION_OPEN
            ? '评价尚未结束'
            : code === 'MACHINE.NOT_PARTY'
              ? '您不能进行这一步'
              : `议题当前为“${TopicStatusLabel[t.status]}”，不能进行这一步`
    throw new DomainError((code === 'MACHINE.NOT_PARTY' ? 'AUTH.FORBIDDEN' : code) as ErrorCode, message)
  }
  const changes: Partial<TopicRecord> =
    input.move === 'reject'
      ? { reason: input.reason }
      : input.move === 'open_vote'
        ? { vote: input.vote }
        : input.move === 'close_vote'
          ? { result: input.result }
          : input.move === 'decide'
            ? { decision: input.decision }
            : input.move === 'carry' || input.move === 'add_work'
              ? { work: input.work }
              : input.move === 'finish'
                ? { evaluation: input.evaluation }
                : input.move === 'close_evaluation' && t.evaluation
                  ? { evaluation: { ...t.evaluation, result: input.result } }
                  : {}
  const note =
    input.move === 'reject'
      ? input.reason
      : input.move === 'decide'
        ? input.decision
        : input.move === 'close_vote'
          ? resultSentence(input.result)
          : input.move === 'carry'
            ? input.work.plan
            : input.move === 'close_evaluation'
              ? evaluationSentence(input.result)
              : undefined
  // A staff member moving it on had its photos before them: from now on the grid sees them.
  const looked = t.photos?.length && !t.photosChecked && checksPhotos(input.move, parties)
  const next: TopicRecord = {
    ...t,
    ...changes,
    ...(looked ? { photosChecked: true } : {}),
    status: step.to,
    version: t.version + 1,
    updatedAt: now,
    events: [
      ...t.events,
      {
        at: now,
        move: input.move,
        by: by.kind === 'system' ? 'system' : by.userId,
        byName: by.kind === 'system' ? '系统' : by.name,
        ...(note ? { note } : {}),
      },
    ],
  }
  // The place's households (the grid's, or its buildings') hear what concerns all of them (on the
  // agenda, a vote, a decision); a rejection concerns its supporters.
  const to: Audience =
    input.move === 'reject'
      ? { named: { collection: 'topic_supports', match: { topicId: t._id }, field: 'userId', limit: 1000 } }
      : placeAudience(t)
  const counts = statsCounts(
    t.path,
    moveStats(input.move, step.to, {
      ...(input.move === 'close_vote' ? { result: input.result } : {}),
      ...(input.move === 'close_evaluation' ? { evaluation: input.result } : {}),
    }),
    now,
  )
  const effects: Effect[] = step.effects.includes('announce')
    ? announce(t, to, `topic.${input.move}.v${next.version}`, by, {
        thing1: { value: clipThing(t.title) },
        phrase2: { value: TopicStatusLabel[next.status] },
        thing3: { value: clipThing(note ?? WHAT[input.move]) },
        time4: { value: beijingTime(now) },
      })
    : []
  return { next, effects: [...counts, ...effects] }
}

/**
 * An announcement: to its audience (the grid's households, or a rejection's supporters) and to the
 * topic's followers (the reporters of the orders it was raised from, who may live beyond the
 * households the system knows), one message per person (one `once` group, one key), never to
 * whoever made the move.
 */
export function announce(
  t: Pick<TopicRecord, 'followerIds'>,
  to: Audience,
  key: string,
  by: Mover,
  data: Notify['data'],
): Notify[] {
  const base = {
    kind: 'notify' as const,
    key,
    once: key,
    ...(by.kind === 'person' ? { except: [by.userId] } : {}),
    template: 'topicProgress' as const,
    data,
  }
  const followers = t.followerIds ?? []
  return [{ ...base, to }, ...(followers.length > 0 ? [{ ...base, to: { users: [...followers] } }] : [])]
}

/** The moves the caller may make now (the page's buttons). */
export function movesOf(t: TopicRecord, parties: readonly TopicParty[], now: Date): TopicMove[] {
  // Closing an evaluation goes one of two ways, decided by the count: offer it either way.
  const ctx = contextOf(t, now)
  const moves = topicMachine.movesFor(t.status, parties, ctx)
  const other = topicMachine.movesFor(t.status, parties, { ...ctx, dissatisfied: !ctx.dissatisfied })
  return topicMachine.moves.filter((m) => moves.includes(m) || other.includes(m))
}

/** A vote longer than a day is reminded once, when less than a day remains. */
export const REMIND_BEFORE_MS = 24 * 3_600_000

/** Is this topic's vote due for its one "closing soon" reminder now? */
export function dueForReminder(t: Pick<TopicRecord, 'status' | 'vote'>, now: Date): boolean {
  const v = t.vote
  if (t.status !== 'voting' || !v || v.remindedAt) return false
  const close = new Date(v.closesAt).getTime()
  const long = close - new Date(v.opensAt).getTime() > REMIND_BEFORE_MS
  return long && close > now.getTime() && close - now.getTime() <= REMIND_BEFORE_MS
}

/** The reminder: every household of the place is told when the vote closes (those who voted may ignore it). */
export function reminderOf(t: TopicRecord, now: Date): MoveOutcome {
  const v = t.vote as VoteSpec
  const next: TopicRecord = { ...t, vote: { ...v, remindedAt: now }, version: t.version + 1, updatedAt: now }
  return {
    next,
    effects: [
      {
        kind: 'notify',
        key: `topic.closing.v${next.version}`,
        to: placeAudience(t),
        template: 'topicProgress',
        data: {
          thing1: { value: clipThing(t.title) },
          phrase2: { value: TopicStatusLabel[t.status] },
          thing3: { value: clipThing(`${shortTime(v.closesAt, now)}截止投票`) },
          time4: { value: beijingTime(now) },
        },
      },
    ],
  }
}

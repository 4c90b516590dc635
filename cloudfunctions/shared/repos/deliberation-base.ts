/** What the deliberation store's parts share: the collections, loading a topic, the views, and a move run as a plan. */
import { grantOver, isStaffOver } from '../../../src/core/access'
import type { TopicCard, TopicDetail } from '../../../src/core/deliberation/api'
import { moveTopic, movesOf, type MoveInput, type Mover } from '../../../src/core/deliberation/decide'
import {
  TopicStatusLabel,
  type BallotRecord,
  type SupportRecord,
  type TopicRecord,
} from '../../../src/core/deliberation/model'
import { mayView, partiesOf } from '../../../src/core/deliberation/rules'
import { resultSentence, ruleLabelOf, ruleSentence } from '../../../src/core/deliberation/vote'
import { entryOf } from '../../../src/core/effects'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import { isoOrNull } from '../../../src/core/china-time'
import { updatePlan } from '../../../src/core/plan'
import type { Actor } from '../../../src/core/roles'
import { byRequest } from '../ids'
import type { CallContext } from '../kit'
import { decideAndRun } from '../runner'
import { db } from '../sdk'
import { getDoc } from './docs'

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

/** Households of a grid known to the system (joined): the denominator of supports and votes. */
export async function householdsOf(gridId: string): Promise<number> {
  return (await db().collection('households').where({ gridId }).count()).total as number
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
  confirm: '立项',
  reject: '不予立项',
  withdraw: '撤回',
  open_vote: '开始投票',
  close_vote: '公布结果',
  decide: '形成决议',
}

export async function detailOf(
  actor: Actor,
  t: TopicRecord,
  now: Date,
  retried = false,
): Promise<TopicDetail> {
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
          ruleLabel: ruleLabelOf(v),
          ruleSentence: ruleSentence(v),
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

export function visible(actor: Actor, t: TopicRecord): TopicRecord {
  if (!mayView(actor, t)) throw notFound()
  return t
}

export async function moveAs(by: Mover, topicId: string, input: MoveInput, now: Date): Promise<TopicRecord> {
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

export function moverOf(ctx: CallContext, t: TopicRecord): Mover {
  return { kind: 'person', userId: ctx.actor.userId, name: nameOf(ctx), parties: partiesOf(ctx.actor, t) }
}

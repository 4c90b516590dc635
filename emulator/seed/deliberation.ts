/**
 * The demo's deliberation (五步议事) in 新华社区第1网格: one topic decided by a household vote (its
 * result is the count of the seeded ballots, so a recount matches), and one on the agenda for the
 * grid worker to put to a vote. Built through core's own deciders, like a real one; the metrics
 * (`topic_stats`, and the day buckets) are the counts those moves owe, carried out by the seed.
 */
import { moveTopic as decideMove, newTopic } from '../../src/core/deliberation/decide'
import type { Effect } from '../../src/core/effects'
import type { BallotRecord, SupportRecord, TopicRecord } from '../../src/core/deliberation/model'
import { tally } from '../../src/core/deliberation/vote'
import type { Household } from '../../src/core/org/model'
import { demoId, SEEDED_AT, STREET_ID } from './ids'

const PLACE = { streetId: STREET_ID, communityId: 'cm-xinhua', gridId: 'gr-xinhua-01' }
const DAY = 86_400_000
const at = (days: number) => new Date(SEEDED_AT.getTime() + days * DAY)
const staff = {
  kind: 'person' as const,
  userId: 'user-xinhua-01-worker',
  name: '网格员',
  parties: ['staff' as const],
}

export function xinhuaDeliberation(
  households: readonly Household[],
  wangHousehold: string,
): {
  topics: TopicRecord[]
  supports: SupportRecord[]
  ballots: BallotRecord[]
} {
  const owed: Effect[] = []
  const moveTopic: typeof decideMove = (...args) => {
    const out = decideMove(...args)
    owed.push(...out.effects)
    return out
  }
  const topic = (key: string, title: string, text: string, days: number) =>
    newTopic({
      id: demoId('tp', `e睦邻 demo topic ${key}`),
      requestId: `seed-topic-${key}`,
      proposer: { userId: 'user-resident-wang', name: '王秀英' },
      place: PLACE,
      placeName: '新华社区第1网格',
      title,
      text,
      households: households.length,
      now: at(days),
    })
  // The proposer's household supports her topic, as a real proposal does.
  const support = (t: TopicRecord): SupportRecord => ({
    _id: demoId('sp', `e睦邻 demo support ${t._id}`),
    topicId: t._id,
    householdId: wangHousehold,
    userId: 'user-resident-wang',
    createdAt: t.createdAt,
  })

  // Decided: confirmed by the grid worker, voted by 6 of the grid's households, 5 to 1.
  const chargers = topic(
    'chargers',
    '在3号楼旁安装电动车充电桩',
    '楼道里飞线充电太危险，希望在3号楼旁集中安装充电桩。',
    10,
  )
  const confirmed = moveTopic(chargers, { move: 'confirm' }, staff, at(11)).next
  const vote = {
    rule: 'residents_meeting' as const,
    quorumPct: null,
    opensAt: at(12),
    closesAt: at(19),
    electorate: households.length,
  }
  const voting = moveTopic(confirmed, { move: 'open_vote', vote }, staff, at(12)).next
  const ballots: BallotRecord[] = households.slice(0, 6).map((h, i) => ({
    _id: demoId('bl', `e睦邻 demo ballot ${i}`),
    topicId: chargers._id,
    householdId: h._id,
    choice: i === 5 ? 'no' : 'yes',
    channel: i === 4 ? 'paper' : 'app',
    castBy: i === 4 ? 'user-xinhua-01-worker' : 'user-resident-wang',
    consent: false,
    replaced: 0,
    castAt: at(13),
  }))
  const decided = moveTopic(
    voting,
    { move: 'close_vote', result: tally(ballots, vote, at(19)) },
    { kind: 'system' },
    at(19),
  ).next

  // On the agenda: for the grid worker to put to a vote.
  const lights = moveTopic(
    topic('lights', '更换1号楼楼道声控灯', '1号楼楼道灯常年不亮，老人晚上上下楼不方便。', 20),
    { move: 'confirm' },
    staff,
    at(21),
  ).next

  // What the moves owe (their counts: topic_stats and the day buckets) is carried out by the seed
  // (./counts.ts), from one outbox entry; messages are not replayed.
  const proposed = [chargers, lights].flatMap((t) => (t.outbox ?? []).flatMap((e) => e.effects))
  const owing = (t: TopicRecord, effects: readonly Effect[]): TopicRecord => ({
    ...t,
    outbox: effects.length > 0 ? [{ id: 'seed', at: t.updatedAt, effects }] : [],
    outboxAt: effects.length > 0 ? t.updatedAt : null,
  })
  return {
    topics: [owing(decided, [...proposed, ...owed]), owing(lights, [])],
    supports: [support(chargers), support(lights)],
    ballots,
  }
}

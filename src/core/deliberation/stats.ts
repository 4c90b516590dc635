/**
 * Deliberation metrics (issue #15 item 9), kept incrementally like the orders' rates: collection
 * `topic_stats`, one document per grid (`grid:<id>`) and one per community (`community:<id>`),
 * each move adding to both through the topic's outbox (exactly once). A dashboard reads two
 * documents, never the topics.
 */
import { dayCount } from '../dashboard/days'
import type { Count } from '../effects'
import type { EvaluationResult, TopicPlace, VoteResult } from './model'

export const TOPIC_STATS = 'topic_stats'

export interface TopicStats {
  /** Topics raised, put on the agenda, decided, carried out (work done) and evaluated (closed). */
  readonly raised: number
  readonly confirmed: number
  readonly decided: number
  readonly done: number
  readonly evaluated: number
  /** Evaluations that sent the topic back to the council. */
  readonly reopened: number
  /** Household votes closed, and their households: participation = participated / electorate. */
  readonly votes: number
  readonly electorate: number
  readonly participated: number
  /** Ratings of outcomes: satisfaction = (satisfied + basically) / rated. */
  readonly rated: number
  readonly satisfied: number
  readonly basically: number
  readonly unsatisfied: number
}

export const EmptyTopicStats: TopicStats = {
  raised: 0,
  confirmed: 0,
  decided: 0,
  done: 0,
  evaluated: 0,
  reopened: 0,
  votes: 0,
  electorate: 0,
  participated: 0,
  rated: 0,
  satisfied: 0,
  basically: 0,
  unsatisfied: 0,
}

export const statsId = (level: 'grid' | 'community', id: string) => `${level}:${id}`

/**
 * The counts a topic's move adds, to its grid's and its community's document, and with `at` to its
 * grid's day bucket (namespace `t`, the day of the move: src/core/dashboard/days.ts), so a
 * dashboard's period shows the topics raised, decided and evaluated in it.
 */
export function statsCounts(
  place: TopicPlace,
  incs: Readonly<Partial<Record<keyof TopicStats, number>>>,
  at?: Date,
): Count[] {
  const clean = Object.fromEntries(Object.entries(incs).filter(([, n]) => n !== 0 && n !== undefined))
  if (Object.keys(clean).length === 0) return []
  const day = at
    ? dayCount(place, at, Object.fromEntries(Object.entries(clean).map(([k, n]) => [`t.${k}`, n])))
    : []
  return [
    ...(['grid', 'community'] as const).map(
      (level) =>
        ({
          kind: 'count',
          collection: TOPIC_STATS,
          id: statsId(level, level === 'grid' ? place.gridId : place.communityId),
          incs: clean as Record<string, number>,
          init: {
            level,
            refId: level === 'grid' ? place.gridId : place.communityId,
            communityId: place.communityId,
            streetId: place.streetId,
          },
        }) as Count,
    ),
    ...day,
  ]
}

/** What a move (by its name and what it recorded) adds to the metrics. */
export function moveStats(
  move: string,
  to: string,
  recorded: { readonly result?: VoteResult; readonly evaluation?: EvaluationResult },
): Partial<Record<keyof TopicStats, number>> {
  switch (move) {
    case 'propose':
      return { raised: 1 }
    case 'confirm':
      return { confirmed: 1 }
    case 'decide':
      return { decided: 1 }
    case 'close_vote': {
      const r = recorded.result
      return { decided: 1, votes: 1, electorate: r?.electorate ?? 0, participated: r?.participated ?? 0 }
    }
    case 'finish':
      return { done: 1 }
    case 'close_evaluation': {
      const e = recorded.evaluation
      return {
        ...(to === 'evaluated' ? { evaluated: 1 } : { reopened: 1 }),
        rated: e?.rated ?? 0,
        satisfied: e?.satisfied ?? 0,
        basically: e?.basically ?? 0,
        unsatisfied: e?.unsatisfied ?? 0,
      }
    }
    default:
      return {}
  }
}

/** Rates in percent (null when nothing to divide). */
export function statsRates(s: TopicStats): { participation: number | null; satisfaction: number | null } {
  return {
    participation: s.electorate > 0 ? Math.round((s.participated / s.electorate) * 100) : null,
    satisfaction: s.rated > 0 ? Math.round(((s.satisfied + s.basically) / s.rated) * 100) : null,
  }
}

/**
 * The topic state machine AS DATA (core/machine.ts).
 *
 *   proposed ─confirm (staff of the place; or the system when enough households support it)→ confirmed
 *     ├─reject (staff, with a public reason)→ rejected
 *     └─withdraw (the proposer)→ withdrawn
 *   confirmed ─open_vote (staff)→ voting ─close_vote (staff, once the closing time passed; or the system)→ decided
 *     └─decide (staff: a committee decision, recorded with who decided)→ decided
 *   rejected, withdrawn, decided: final here (carrying out and judging come next).
 */
import { defineMachine } from '../machine'
import { TopicStatuses, type TopicStatus } from './model'

export const TopicMoves = ['confirm', 'reject', 'withdraw', 'open_vote', 'close_vote', 'decide'] as const
export type TopicMove = (typeof TopicMoves)[number]
export const TopicParties = ['proposer', 'staff', 'system'] as const
export type TopicParty = (typeof TopicParties)[number]

/** What a move sets off: `announce` tells the grid's households (a rejection: its supporters), ./decide.ts. */
export type TopicEffect = 'announce'

export interface TopicMoveContext {
  /** Has the vote's closing time passed? */
  readonly voteOver: boolean
}

export const topicMachine = defineMachine<TopicStatus, TopicMove, TopicParty, TopicMoveContext, TopicEffect>({
  states: TopicStatuses,
  moves: TopicMoves,
  parties: TopicParties,
  rows: [
    {
      move: 'confirm',
      from: ['proposed'],
      to: 'confirmed',
      parties: ['staff', 'system'],
      effects: ['announce'],
    },
    { move: 'reject', from: ['proposed'], to: 'rejected', parties: ['staff'], effects: ['announce'] },
    { move: 'withdraw', from: ['proposed'], to: 'withdrawn', parties: ['proposer'] },
    { move: 'open_vote', from: ['confirmed'], to: 'voting', parties: ['staff'], effects: ['announce'] },
    {
      move: 'close_vote',
      from: ['voting'],
      to: 'decided',
      parties: ['staff', 'system'],
      when: (c) => (c.voteOver ? true : 'DELIBERATION.VOTE_OPEN'),
      effects: ['announce'],
    },
    { move: 'decide', from: ['confirmed'], to: 'decided', parties: ['staff'], effects: ['announce'] },
  ],
})

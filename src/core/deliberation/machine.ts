/**
 * The topic state machine AS DATA (core/machine.ts).
 *
 *   proposed ─confirm (staff of the place or the grid's council; or the system when enough households support it)→ confirmed
 *     ├─reject (staff or the council, with a public reason)→ rejected
 *     └─withdraw (the proposer)→ withdrawn
 *   confirmed ─open_vote (staff or the council)→ voting ─close_vote (staff, once the closing time passed; or the system)→ decided
 *     └─decide (staff or the council: a committee decision, recorded with who decided)→ decided
 *   decided ─carry (staff; only a decision to act: a vote that passed or a committee decision)→ doing
 *   doing ─add_work (staff)→ doing; ─finish (staff or the system, once every linked item is done)→ evaluating
 *   evaluating ─close_evaluation (staff or the system, once the window ended)→ evaluated,
 *     or → confirmed when 不满意 is above the community's share (back to the council)
 *   rejected, withdrawn, evaluated, and a decision not to act: final.
 *
 * `council`: a member of the topic's grid's residents' council (议事会成员, the party branch
 * secretary among them). The council puts a topic on the agenda (确定议题) and decides how it is
 * decided; staff keep every power and alone close votes and carry decisions out (orders, activities).
 */
import { defineMachine } from '../machine'
import { TopicStatuses, type TopicStatus } from './model'

export const TopicMoves = [
  'confirm',
  'reject',
  'withdraw',
  'open_vote',
  'close_vote',
  'decide',
  'carry',
  'add_work',
  'finish',
  'close_evaluation',
] as const
export type TopicMove = (typeof TopicMoves)[number]
export const TopicParties = ['proposer', 'council', 'staff', 'system'] as const
export type TopicParty = (typeof TopicParties)[number]

/** What a move sets off: `announce` tells the grid's households (a rejection: its supporters), ./decide.ts. */
export type TopicEffect = 'announce'

export interface TopicMoveContext {
  /** Has the vote's closing time passed? */
  readonly voteOver: boolean
  /** Was it decided to act (a vote that passed, or a committee decision)? */
  readonly adopted: boolean
  /** Is every linked work order and activity done? */
  readonly workDone: boolean
  /** Has the evaluation window ended? */
  readonly evaluationOver: boolean
  /** Are the 不满意 ratings above the community's share? */
  readonly dissatisfied: boolean
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
      parties: ['council', 'staff', 'system'],
      effects: ['announce'],
    },
    {
      move: 'reject',
      from: ['proposed'],
      to: 'rejected',
      parties: ['council', 'staff'],
      effects: ['announce'],
    },
    { move: 'withdraw', from: ['proposed'], to: 'withdrawn', parties: ['proposer'] },
    {
      move: 'open_vote',
      from: ['confirmed'],
      to: 'voting',
      parties: ['council', 'staff'],
      effects: ['announce'],
    },
    {
      move: 'close_vote',
      from: ['voting'],
      to: 'decided',
      parties: ['staff', 'system'],
      when: (c) => (c.voteOver ? true : 'DELIBERATION.VOTE_OPEN'),
      effects: ['announce'],
    },
    {
      move: 'decide',
      from: ['confirmed'],
      to: 'decided',
      parties: ['council', 'staff'],
      effects: ['announce'],
    },
    {
      move: 'carry',
      from: ['decided'],
      to: 'doing',
      parties: ['staff'],
      when: (c) => (c.adopted ? true : false),
      effects: ['announce'],
    },
    { move: 'add_work', from: ['doing'], to: 'doing', parties: ['staff'] },
    {
      move: 'finish',
      from: ['doing'],
      to: 'evaluating',
      parties: ['staff', 'system'],
      when: (c) => (c.workDone ? true : 'DELIBERATION.WORK_OPEN'),
      effects: ['announce'],
    },
    {
      move: 'close_evaluation',
      from: ['evaluating'],
      to: 'evaluated',
      parties: ['staff', 'system'],
      when: (c) => (!c.evaluationOver ? 'DELIBERATION.EVALUATION_OPEN' : !c.dissatisfied),
      effects: ['announce'],
    },
    {
      move: 'close_evaluation',
      from: ['evaluating'],
      to: 'confirmed',
      parties: ['staff', 'system'],
      when: (c) => (!c.evaluationOver ? 'DELIBERATION.EVALUATION_OPEN' : c.dissatisfied),
      effects: ['announce'],
    },
  ],
})

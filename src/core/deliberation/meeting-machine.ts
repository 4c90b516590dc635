/**
 * The meeting state machine AS DATA (core/machine.ts).
 *
 *   scheduled ─close (the organiser, the grid's council or staff of the place, once it started; with the minutes)→ held
 *     └─cancel (the organiser or staff of the place, with a public reason)→ cancelled
 *   held, cancelled: final.
 *
 * `council`: a member of the grid's residents' council. A council runs its 议事会 and writes the
 * minutes of any meeting of its grid's topics; it cancels only the meetings it organised.
 */
import { defineMachine } from '../machine'
import { MeetingStatuses, type MeetingStatus } from './meeting'

export const MeetingMoves = ['close', 'cancel'] as const
export type MeetingMove = (typeof MeetingMoves)[number]
export const MeetingParties = ['organiser', 'council', 'staff'] as const
export type MeetingParty = (typeof MeetingParties)[number]

/** What a move sets off: `tell` the invited households it is cancelled (./meeting-decide.ts). */
export type MeetingEffect = 'tell'

export interface MeetingMoveContext {
  /** Has the meeting's start time come? */
  readonly started: boolean
}

export const meetingMachine = defineMachine<
  MeetingStatus,
  MeetingMove,
  MeetingParty,
  MeetingMoveContext,
  MeetingEffect
>({
  states: MeetingStatuses,
  moves: MeetingMoves,
  parties: MeetingParties,
  rows: [
    {
      move: 'close',
      from: ['scheduled'],
      to: 'held',
      parties: ['organiser', 'council', 'staff'],
      when: (c) => (c.started ? true : 'DELIBERATION.MEETING_NOT_STARTED'),
    },
    {
      move: 'cancel',
      from: ['scheduled'],
      to: 'cancelled',
      parties: ['organiser', 'staff'],
      effects: ['tell'],
    },
  ],
})

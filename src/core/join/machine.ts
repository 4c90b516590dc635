/**
 * The join request state machine AS DATA (core/machine.ts): a request waits for its decider, or is
 * withdrawn by its applicant; nothing leaves a decided one.
 *
 *   pending ─approve (decider)→ approved · ─reject (decider)→ rejected · ─cancel (applicant)→ cancelled
 */
import { defineMachine } from '../machine'

/** A request to join a household, decided by the community's policy. */
export const JoinStatuses = ['pending', 'approved', 'rejected', 'cancelled'] as const
export type JoinStatus = (typeof JoinStatuses)[number]

export const JoinMoves = ['approve', 'reject', 'cancel'] as const
export type JoinMove = (typeof JoinMoves)[number]
export const JoinParties = ['decider', 'applicant'] as const
export type JoinParty = (typeof JoinParties)[number]

export const joinMachine = defineMachine<JoinStatus, JoinMove, JoinParty>({
  states: JoinStatuses,
  moves: JoinMoves,
  parties: JoinParties,
  rows: [
    { move: 'approve', from: ['pending'], to: 'approved', parties: ['decider'] },
    { move: 'reject', from: ['pending'], to: 'rejected', parties: ['decider'] },
    { move: 'cancel', from: ['pending'], to: 'cancelled', parties: ['applicant'] },
  ],
})

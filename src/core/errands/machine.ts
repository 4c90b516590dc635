/**
 * The errand state machine AS DATA (core/machine.ts): every move, from which states, to which state,
 * by which party, (where it matters) for which errand types, and what it sets off (`pay`). The
 * decider (decide.ts) asks `errandMachine.next`; pages get their buttons from `movesFor`; the store
 * pays when the move's row says so (tested exhaustively in test/core/errands.test.ts).
 *
 *   open ─accept (helper)→ accepted ─start (helper; child pickup: handover code)→ in_progress ─done→ done
 *     │  ↑─────release (helper)──┘ │ └─done (helper, not child pickup)──────────────────────────→ done
 *     ├─cancel (requester)→ cancelled ←─cancel (requester)─┘
 *     └─expire (system, window over)→ expired
 *   accepted ─lock (system: 5 wrong codes)→ locked ─unlock (grid worker)→ accepted · ─cancel (grid worker)→ cancelled
 *   done ─confirm (requester)→ confirmed (points paid) · ─dispute (requester)→ disputed
 *   disputed ─settle (grid worker)→ confirmed (points paid) · ─close (grid worker)→ closed (no points)
 */
import { defineMachine } from '../machine'
import type { ErrandStatus, ErrandType } from './model'
import { ErrandStatuses } from './model'

/**
 * - `requester`: who posted it.
 * - `helper`: before acceptance, a helper of the errand's grid allowed to take it (for a child
 *   pickup: on the guardian's list); afterwards, the one who accepted it.
 * - `grid_worker`: a grid worker of the errand's grid (or a community admin above it).
 * - `system`: the sweep timer, and the lockout after too many wrong codes.
 */
export const Actors = ['requester', 'helper', 'grid_worker', 'system'] as const
export type ErrandActor = (typeof Actors)[number]

export const ErrandMoves = [
  'accept',
  'release',
  'cancel',
  'expire',
  'start',
  'done',
  'lock',
  'unlock',
  'confirm',
  'dispute',
  'settle',
  'close',
] as const
export type ErrandMove = (typeof ErrandMoves)[number]

/** What the guards read: the errand's type (child pickups take the handover code at the door). */
export interface ErrandMachineContext {
  readonly type: ErrandType
}

/** Effects of a move: `pay` moves the errand's points from the community to the helper (ledger). */
export type ErrandEffect = 'pay'

const notChild = ({ type }: ErrandMachineContext) => type !== 'child_pickup'
const childOnly = ({ type }: ErrandMachineContext) => type === 'child_pickup'

export const errandMachine = defineMachine<
  ErrandStatus,
  ErrandMove,
  ErrandActor,
  ErrandMachineContext,
  ErrandEffect
>({
  states: ErrandStatuses,
  moves: ErrandMoves,
  parties: Actors,
  rows: [
    { move: 'accept', from: ['open'], to: 'accepted', parties: ['helper'] },
    { move: 'release', from: ['accepted'], to: 'open', parties: ['helper'] },
    { move: 'cancel', from: ['open', 'accepted'], to: 'cancelled', parties: ['requester'] },
    { move: 'cancel', from: ['locked'], to: 'cancelled', parties: ['grid_worker'] },
    { move: 'expire', from: ['open'], to: 'expired', parties: ['system'] },
    { move: 'start', from: ['accepted'], to: 'in_progress', parties: ['helper'] },
    { move: 'done', from: ['in_progress'], to: 'done', parties: ['helper'] },
    { move: 'done', from: ['accepted'], to: 'done', parties: ['helper'], when: notChild },
    { move: 'lock', from: ['accepted'], to: 'locked', parties: ['system'], when: childOnly },
    { move: 'unlock', from: ['locked'], to: 'accepted', parties: ['grid_worker'] },
    { move: 'confirm', from: ['done'], to: 'confirmed', parties: ['requester'], effects: ['pay'] },
    { move: 'dispute', from: ['done'], to: 'disputed', parties: ['requester'] },
    { move: 'settle', from: ['disputed'], to: 'confirmed', parties: ['grid_worker'], effects: ['pay'] },
    { move: 'close', from: ['disputed'], to: 'closed', parties: ['grid_worker'] },
  ],
})

/** Where `move` by any of `actors` takes an errand of `type` in `from`, or null when not allowed. */
export function nextStatus(
  from: ErrandStatus,
  move: ErrandMove,
  actors: readonly ErrandActor[],
  type: ErrandType,
): ErrandStatus | null {
  const step = errandMachine.next(from, move, actors, { type })
  return step.ok ? step.to : null
}

/** The moves these actors may make now: the buttons a page shows (system moves excluded). */
export function movesFor(
  status: ErrandStatus,
  actors: readonly ErrandActor[],
  type: ErrandType,
): ErrandMove[] {
  return errandMachine.movesFor(
    status,
    actors.filter((a) => a !== 'system'),
    { type },
  )
}

/** Does `move` from `status` pay the helper? */
export function paysOn(move: ErrandMove, status: ErrandStatus): boolean {
  return errandMachine.effectsOf(move, status).includes('pay')
}

export const AllErrandStatuses = ErrandStatuses

/**
 * The errand state machine AS DATA: every move, from which states, to which state, by which party,
 * and (where it matters) for which errand types. Functions change an errand's status only through
 * `nextStatus`; pages compute their buttons from `movesFor` (tested exhaustively in
 * test/core/errands.test.ts).
 *
 *   open ─accept (helper)→ accepted ─start (helper; child pickup: handover code)→ in_progress ─done→ done
 *     │  ↑─────release (helper)──┘ │ └─done (helper, not child pickup)──────────────────────────→ done
 *     ├─cancel (requester)→ cancelled ←─cancel (requester)─┘
 *     └─expire (system, window over)→ expired
 *   accepted ─lock (system: 5 wrong codes)→ locked ─unlock (grid worker)→ accepted · ─cancel (grid worker)→ cancelled
 *   done ─confirm (requester)→ confirmed (points paid) · ─dispute (requester)→ disputed
 *   disputed ─settle (grid worker)→ confirmed (points paid) · ─close (grid worker)→ closed (no points)
 */
import type { ErrandStatus, ErrandType } from './model'
import { ErrandStatuses, ErrandTypes } from './model'

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

export interface ErrandTransition {
  readonly move: ErrandMove
  readonly from: readonly ErrandStatus[]
  readonly to: ErrandStatus
  readonly by: readonly ErrandActor[]
  /** Only for these types (all when absent). */
  readonly types?: readonly ErrandType[]
}

const notChild: readonly ErrandType[] = ErrandTypes.filter((t) => t !== 'child_pickup')

export const errandTransitions: readonly ErrandTransition[] = [
  { move: 'accept', from: ['open'], to: 'accepted', by: ['helper'] },
  { move: 'release', from: ['accepted'], to: 'open', by: ['helper'] },
  { move: 'cancel', from: ['open', 'accepted'], to: 'cancelled', by: ['requester'] },
  { move: 'cancel', from: ['locked'], to: 'cancelled', by: ['grid_worker'] },
  { move: 'expire', from: ['open'], to: 'expired', by: ['system'] },
  { move: 'start', from: ['accepted'], to: 'in_progress', by: ['helper'] },
  { move: 'done', from: ['in_progress'], to: 'done', by: ['helper'] },
  { move: 'done', from: ['accepted'], to: 'done', by: ['helper'], types: notChild },
  { move: 'lock', from: ['accepted'], to: 'locked', by: ['system'], types: ['child_pickup'] },
  { move: 'unlock', from: ['locked'], to: 'accepted', by: ['grid_worker'] },
  { move: 'confirm', from: ['done'], to: 'confirmed', by: ['requester'] },
  { move: 'dispute', from: ['done'], to: 'disputed', by: ['requester'] },
  { move: 'settle', from: ['disputed'], to: 'confirmed', by: ['grid_worker'] },
  { move: 'close', from: ['disputed'], to: 'closed', by: ['grid_worker'] },
]

const applies = (t: ErrandTransition, from: ErrandStatus, move: ErrandMove, type: ErrandType) =>
  t.move === move && t.from.includes(from) && (!t.types || t.types.includes(type))

/** Where `move` by any of `actors` takes an errand of `type` in `from`, or null when not allowed. */
export function nextStatus(
  from: ErrandStatus,
  move: ErrandMove,
  actors: readonly ErrandActor[],
  type: ErrandType,
): ErrandStatus | null {
  const t = errandTransitions.find(
    (x) => applies(x, from, move, type) && x.by.some((a) => actors.includes(a)),
  )
  return t ? t.to : null
}

/** Is `move` possible from `from` for anyone (to tell "wrong state" from "not yours")? */
export function moveExistsFrom(from: ErrandStatus, move: ErrandMove, type: ErrandType): boolean {
  return errandTransitions.some((x) => applies(x, from, move, type))
}

/** The moves these actors may make now: the buttons a page shows (system moves excluded). */
export function movesFor(
  status: ErrandStatus,
  actors: readonly ErrandActor[],
  type: ErrandType,
): ErrandMove[] {
  return ErrandMoves.filter(
    (m) =>
      nextStatus(
        status,
        m,
        actors.filter((a) => a !== 'system'),
        type,
      ) !== null,
  )
}

export const AllErrandStatuses = ErrandStatuses

/**
 * The work-order state machine AS DATA: every state, every move, from where, to where, and which
 * party may make it. Functions never change an order's status except through `nextStatus`.
 *
 *   submitted ─accept→ accepted ─start→ in_progress ─reply→ replied ─rate_ok→ closed
 *       │                 │  └──────promise (限期办)→ promised ─reply→┘   │ └rate_unsatisfied→ unsatisfied
 *       └──────escalate (next tier, back to submitted)──┘                 └close (window over, system)
 *   replied/closed ─reopen (reporter, within the window)→ in_progress (same tier, flagged)
 *   unsatisfied ─reply (supervisor)→ replied · ─escalate (supervisor)→ submitted at the next tier
 *
 * Groups, as FixMyStreet has them: `open` states still need work; `closed` states have an answer.
 * Nothing closes without a reply: the only moves from an open state into a closed one are replies
 * (tested exhaustively in test/core/orders-machine.test.ts).
 */
import type { OrderStatus } from './model'
import { OrderStatuses } from './model'

export const OpenStatuses: readonly OrderStatus[] = [
  'submitted',
  'accepted',
  'in_progress',
  'promised',
  'unsatisfied',
]
export const ClosedStatuses: readonly OrderStatus[] = ['replied', 'closed']

export function isOpen(status: OrderStatus): boolean {
  return OpenStatuses.includes(status)
}

/**
 * Who makes a move, relative to the order:
 * - `reporter`: the resident who reported it (or on whose account staff reported it).
 * - `handler`: staff of the order's current tier whose grant covers its place, or its current handler.
 * - `supervisor`: staff of a tier above the current one, covering its place (steps in, handles 不满意).
 * - `system`: the sweep timer (deadlines, auto-close).
 */
export const Parties = ['reporter', 'handler', 'supervisor', 'system'] as const
export type Party = (typeof Parties)[number]

export const Moves = [
  'accept',
  'start',
  'promise',
  'reply',
  'escalate',
  'rate_ok',
  'rate_unsatisfied',
  'reopen',
  'close',
] as const
export type Move = (typeof Moves)[number]

export interface Transition {
  readonly move: Move
  readonly from: readonly OrderStatus[]
  readonly to: OrderStatus
  readonly by: readonly Party[]
}

const working: readonly OrderStatus[] = ['accepted', 'in_progress']

export const orderTransitions: readonly Transition[] = [
  { move: 'accept', from: ['submitted'], to: 'accepted', by: ['handler', 'supervisor'] },
  { move: 'start', from: ['accepted'], to: 'in_progress', by: ['handler', 'supervisor'] },
  { move: 'promise', from: working, to: 'promised', by: ['handler', 'supervisor'] },
  { move: 'reply', from: [...working, 'promised'], to: 'replied', by: ['handler', 'supervisor'] },
  { move: 'reply', from: ['unsatisfied'], to: 'replied', by: ['supervisor'] },
  {
    move: 'escalate',
    from: ['submitted', ...working, 'promised'],
    to: 'submitted',
    by: ['handler', 'supervisor', 'system'],
  },
  { move: 'escalate', from: ['unsatisfied'], to: 'submitted', by: ['supervisor'] },
  { move: 'rate_ok', from: ['replied'], to: 'closed', by: ['reporter'] },
  { move: 'rate_unsatisfied', from: ['replied'], to: 'unsatisfied', by: ['reporter'] },
  { move: 'reopen', from: ['replied', 'closed'], to: 'in_progress', by: ['reporter'] },
  { move: 'close', from: ['replied'], to: 'closed', by: ['system'] },
]

/** Where `move` by any of `parties` takes an order in `from`, or null when it is not allowed. */
export function nextStatus(from: OrderStatus, move: Move, parties: readonly Party[]): OrderStatus | null {
  const t = orderTransitions.find(
    (x) => x.move === move && x.from.includes(from) && x.by.some((p) => parties.includes(p)),
  )
  return t ? t.to : null
}

/** Is `move` possible from `from` for anyone at all (to tell "wrong state" from "not yours")? */
export function moveExistsFrom(from: OrderStatus, move: Move): boolean {
  return orderTransitions.some((x) => x.move === move && x.from.includes(from))
}

/** Every status, for exhaustive tests and docs. */
export const AllStatuses = OrderStatuses

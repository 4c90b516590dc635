/**
 * The work-order state machine AS DATA (core/machine.ts): every state, every move, from where, to
 * where, which party may make it and when. The decider (decide.ts) and the detail's `can`
 * (view.ts) both ask `orderMachine`; functions never change an order's status otherwise.
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
import { defineMachine } from '../machine'
import { OrderErrors } from './errors'
import type { OrderRecord, OrderStatus } from './model'
import { OrderStatuses } from './model'
import { NextTier, reopenUntil, type SlaTable } from './sla'

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
/** The moves that change an order's status. */
export type Move = (typeof Moves)[number]
/** Every move of the machine: the status moves, and `release` (held photos checked; the status stays). */
export const OrderMoves = [...Moves, 'release'] as const
export type OrderMove = (typeof OrderMoves)[number]

/** What the guards of the table read: the order, the clock and the SLA (for the reopen window). */
export interface OrderMachineContext {
  readonly order: Pick<OrderRecord, 'status' | 'tier' | 'rating' | 'held' | 'photosChecked' | 'lastReplyAt'>
  readonly now: Date
  readonly sla: SlaTable
}

const working: readonly OrderStatus[] = ['accepted', 'in_progress']
const staff: readonly Party[] = ['handler', 'supervisor']

/** A reply is rated once. */
const notRated = ({ order }: OrderMachineContext) => !order.rating || OrderErrors.ALREADY_RATED
/** Reopening is possible until the window after the reply (sla.ts) ends. */
const reopenWindowOpen = ({ order, now, sla }: OrderMachineContext) => {
  const until = reopenUntil(order, sla)
  return (until !== null && now.getTime() <= until.getTime()) || OrderErrors.REOPEN_EXPIRED
}
/**
 * Escalating needs a tier above (the department is the top: sla.ts `NextTier`). The one top-tier
 * rule: the escalate rows' guard (so `movesFor`, the detail's `can`), asked first by the decider.
 */
export const belowTop = ({ order }: Pick<OrderMachineContext, 'order'>) =>
  NextTier[order.tier] !== null || OrderErrors.TOP_TIER
/** Only a held order, or one whose photos nobody checked yet, needs releasing. */
const needsRelease = ({ order }: OrderMachineContext) =>
  order.held || !order.photosChecked || OrderErrors.NOT_HELD

export const orderMachine = defineMachine<OrderStatus, OrderMove, Party, OrderMachineContext>({
  states: OrderStatuses,
  moves: OrderMoves,
  parties: Parties,
  rows: [
    { move: 'accept', from: ['submitted'], to: 'accepted', parties: staff },
    { move: 'start', from: ['accepted'], to: 'in_progress', parties: staff },
    { move: 'promise', from: working, to: 'promised', parties: staff },
    { move: 'reply', from: [...working, 'promised'], to: 'replied', parties: staff },
    { move: 'reply', from: ['unsatisfied'], to: 'replied', parties: ['supervisor'] },
    {
      move: 'escalate',
      from: ['submitted', ...working, 'promised'],
      to: 'submitted',
      parties: [...staff, 'system'],
      when: belowTop,
    },
    { move: 'escalate', from: ['unsatisfied'], to: 'submitted', parties: ['supervisor'], when: belowTop },
    { move: 'rate_ok', from: ['replied'], to: 'closed', parties: ['reporter'], when: notRated },
    { move: 'rate_unsatisfied', from: ['replied'], to: 'unsatisfied', parties: ['reporter'], when: notRated },
    {
      move: 'reopen',
      from: ['replied', 'closed'],
      to: 'in_progress',
      parties: ['reporter'],
      when: reopenWindowOpen,
    },
    { move: 'close', from: ['replied'], to: 'closed', parties: ['system'] },
    // Releasing a held order leaves its status where it is: one row per status.
    ...OrderStatuses.map((s) => ({
      move: 'release' as const,
      from: [s],
      to: s,
      parties: staff,
      when: needsRelease,
    })),
  ],
})

/** The rows of the table (for the exhaustive tests and docs). */
export const orderTransitions = orderMachine.rows

/** Where `move` by any of `parties` takes an order in `from` by the table (guards not asked), or null. */
export function nextStatus(from: OrderStatus, move: Move, parties: readonly Party[]): OrderStatus | null {
  return orderMachine.target(from, move, parties)
}

/** Every status, for exhaustive tests and docs. */
export const AllStatuses = OrderStatuses

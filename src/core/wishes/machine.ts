/**
 * The wish state machine AS DATA (core/machine.ts): one row per move. The decider (./decide.ts)
 * asks `wishMachine.next`; a page's buttons are `wishMachine.movesFor` (./view.ts); the store pays
 * when the row says `pay` (tested exhaustively in test/core/wishes.test.ts).
 *
 *   pending ─publish (staff)→ published ─claim (helper; a need)→ claimed ─fulfil (claimant)→ fulfilled
 *      │ └decline (staff)→ declined       │  ↑──release (claimant, staff)──┘   ↑──redo (owner, staff)──┘
 *      └withdraw (owner)→ withdrawn ←─────┤                                     fulfilled ─confirm (owner, staff)→ closed (pay)
 *   pending|published ─promote (staff; a suggestion)→ promoted
 *   published ─expire (system; a need, past its date)→ expired ─reopen (staff)→ published
 */
import { defineMachine } from '../machine'
import { WishStatuses, type WishKind, type WishStatus } from './model'

/**
 * - `owner`: the resident whose wish it is (not staff posting for a family: they are `staff`);
 * - `staff`: grid workers of the wish's grid and community admins above it;
 * - `helper`: before a claim, a helper of the wish's grid who may claim it (not its owner);
 * - `claimant`: who claimed it (for a group, the one who claimed for it);
 * - `system`: the sweep timer.
 */
export const WishParties = ['owner', 'staff', 'helper', 'claimant', 'system'] as const
export type WishParty = (typeof WishParties)[number]

export const WishMoves = [
  'publish',
  'decline',
  'withdraw',
  'claim',
  'release',
  'fulfil',
  'redo',
  'confirm',
  'expire',
  'reopen',
  'promote',
] as const
export type WishMove = (typeof WishMoves)[number]

export interface WishMoveContext {
  readonly kind: WishKind
  /** Has its expiry date passed? (Only the timer expires a wish, and only then.) */
  readonly due: boolean
}

/** `pay`: the wish's points from the community to the claimant or the group's members (ledger). */
export type WishEffect = 'pay'

const need = ({ kind }: WishMoveContext) => (kind === 'need' ? true : 'WISH.WRONG_KIND')
const suggestion = ({ kind }: WishMoveContext) => (kind === 'suggestion' ? true : 'WISH.WRONG_KIND')

export const wishMachine = defineMachine<WishStatus, WishMove, WishParty, WishMoveContext, WishEffect>({
  states: WishStatuses,
  moves: WishMoves,
  parties: WishParties,
  rows: [
    { move: 'publish', from: ['pending'], to: 'published', parties: ['staff'] },
    { move: 'decline', from: ['pending'], to: 'declined', parties: ['staff'] },
    { move: 'withdraw', from: ['pending', 'published'], to: 'withdrawn', parties: ['owner'] },
    { move: 'claim', from: ['published'], to: 'claimed', parties: ['helper'], when: need },
    { move: 'release', from: ['claimed'], to: 'published', parties: ['claimant', 'staff'] },
    { move: 'fulfil', from: ['claimed'], to: 'fulfilled', parties: ['claimant'] },
    { move: 'redo', from: ['fulfilled'], to: 'claimed', parties: ['owner', 'staff'] },
    { move: 'confirm', from: ['fulfilled'], to: 'closed', parties: ['owner', 'staff'], effects: ['pay'] },
    {
      move: 'expire',
      from: ['published'],
      to: 'expired',
      parties: ['system'],
      when: (c) => c.kind === 'need' && c.due,
    },
    { move: 'reopen', from: ['expired'], to: 'published', parties: ['staff'] },
    { move: 'promote', from: ['pending', 'published'], to: 'promoted', parties: ['staff'], when: suggestion },
  ],
})

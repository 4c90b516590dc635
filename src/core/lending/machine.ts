/**
 * Lending's machines AS DATA (core/machine.ts): the hold, the loan, the item and the donation. The
 * deciders (./decide.ts) ask `next`; pages get their buttons from `movesFor`; effects name what the
 * store does besides the document (`pledge_release` / `pledge_keep`: the ledger, `queue`: start the
 * next hold). Tested exhaustively in test/core/lending-machines.test.ts.
 *
 * Hold:  waiting ─start (system: first in line, item free)→ ready ─collect (staff, keeper)→ collected
 *        waiting, ready ─cancel (holder, staff)→ cancelled · ready ─expire (system: window over)→ expired
 * Loan:  out ─renew (borrower; nobody waiting, under the limit)→ out
 *        out ─return (staff, keeper)→ returned (pledge released) · ─forfeit (staff)→ returned (pledge kept)
 *        out ─lose (staff)→ lost (pledge kept)
 * Item:  available ─lend (system)→ on_loan ─back (system)→ available · ─damage (system)→ maintenance
 *        maintenance ─repair (staff)→ available · available ─service (staff)→ maintenance
 *        available, maintenance ─retire (staff)→ retired · retired ─restore (staff)→ maintenance
 * Donation: offered ─accept / decline (staff)→ accepted / declined · ─withdraw (donor)→ withdrawn
 */
import { defineMachine } from '../machine'
import { LendingErrors } from './errors'
import {
  DonationStatuses,
  HoldStatuses,
  ItemStatuses,
  LoanStatuses,
  RENEWAL_LIMIT,
  type DonationStatus,
  type HoldStatus,
  type ItemStatus,
  type LoanStatus,
} from './model'

/** `staff`: community admins of the item's community and grid workers of its grids. `keeper`: the item's named keeper. */
export const HoldParties = ['holder', 'staff', 'keeper', 'system'] as const
export type HoldParty = (typeof HoldParties)[number]
export const HoldMoves = ['start', 'collect', 'cancel', 'expire'] as const
export type HoldMove = (typeof HoldMoves)[number]
export type HoldEffect = 'queue'

export const holdMachine = defineMachine<HoldStatus, HoldMove, HoldParty, void, HoldEffect>({
  states: HoldStatuses,
  moves: HoldMoves,
  parties: HoldParties,
  rows: [
    { move: 'start', from: ['waiting'], to: 'ready', parties: ['system'] },
    { move: 'collect', from: ['ready'], to: 'collected', parties: ['staff', 'keeper'] },
    {
      move: 'cancel',
      from: ['waiting', 'ready'],
      to: 'cancelled',
      parties: ['holder', 'staff'],
      effects: ['queue'],
    },
    { move: 'expire', from: ['ready'], to: 'expired', parties: ['system'], effects: ['queue'] },
  ],
})

export const LoanParties = ['borrower', 'staff', 'keeper', 'system'] as const
export type LoanParty = (typeof LoanParties)[number]
export const LoanMoves = ['renew', 'return', 'forfeit', 'lose'] as const
export type LoanMove = (typeof LoanMoves)[number]
export type LoanEffect = 'pledge_release' | 'pledge_keep' | 'queue'

/** What the renewal guard reads: holds waiting on the item, renewals made. */
export interface LoanContext {
  readonly waiting: number
  readonly renewals: number
}

const renewable = (c: LoanContext): true | string =>
  c.waiting > 0 ? LendingErrors.RENEW_WAITING : c.renewals >= RENEWAL_LIMIT ? LendingErrors.RENEW_LIMIT : true

export const loanMachine = defineMachine<LoanStatus, LoanMove, LoanParty, LoanContext, LoanEffect>({
  states: LoanStatuses,
  moves: LoanMoves,
  parties: LoanParties,
  rows: [
    { move: 'renew', from: ['out'], to: 'out', parties: ['borrower'], when: renewable },
    {
      move: 'return',
      from: ['out'],
      to: 'returned',
      parties: ['staff', 'keeper'],
      effects: ['pledge_release', 'queue'],
    },
    { move: 'forfeit', from: ['out'], to: 'returned', parties: ['staff'], effects: ['pledge_keep', 'queue'] },
    { move: 'lose', from: ['out'], to: 'lost', parties: ['staff'], effects: ['pledge_keep'] },
  ],
})

export const ItemParties = ['staff', 'system'] as const
export type ItemParty = (typeof ItemParties)[number]
export const ItemMoves = ['lend', 'back', 'damage', 'repair', 'service', 'retire', 'restore'] as const
export type ItemMove = (typeof ItemMoves)[number]
/** The item moves staff make (the others are the system's, made by pickup and return). */
export const StaffItemMoves = ['repair', 'service', 'retire', 'restore'] as const
export type StaffItemMove = (typeof StaffItemMoves)[number]

export const itemMachine = defineMachine<ItemStatus, ItemMove, ItemParty, void, HoldEffect>({
  states: ItemStatuses,
  moves: ItemMoves,
  parties: ItemParties,
  rows: [
    { move: 'lend', from: ['available'], to: 'on_loan', parties: ['system'] },
    { move: 'back', from: ['on_loan'], to: 'available', parties: ['system'], effects: ['queue'] },
    { move: 'damage', from: ['on_loan'], to: 'maintenance', parties: ['system'] },
    { move: 'repair', from: ['maintenance'], to: 'available', parties: ['staff'], effects: ['queue'] },
    { move: 'service', from: ['available'], to: 'maintenance', parties: ['staff'] },
    { move: 'retire', from: ['available', 'maintenance'], to: 'retired', parties: ['staff'] },
    { move: 'restore', from: ['retired'], to: 'maintenance', parties: ['staff'] },
  ],
})

export const DonationParties = ['donor', 'staff'] as const
export type DonationParty = (typeof DonationParties)[number]
export const DonationMoves = ['accept', 'decline', 'withdraw'] as const
export type DonationMove = (typeof DonationMoves)[number]
export type DonationEffect = 'award'

export const donationMachine = defineMachine<
  DonationStatus,
  DonationMove,
  DonationParty,
  void,
  DonationEffect
>({
  states: DonationStatuses,
  moves: DonationMoves,
  parties: DonationParties,
  rows: [
    { move: 'accept', from: ['offered'], to: 'accepted', parties: ['staff'], effects: ['award'] },
    { move: 'decline', from: ['offered'], to: 'declined', parties: ['staff'] },
    { move: 'withdraw', from: ['offered'], to: 'withdrawn', parties: ['donor'] },
  ],
})

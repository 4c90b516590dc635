/**
 * The voucher state machine AS DATA (core/machine.ts), and what each move sets off.
 *
 *   issued ─use (staff verify at pickup)→ used
 *     ├─cancel (holder)→ cancelled   effects: refund (points back), restock (the unit back)
 *     └─expire (system: the sweep, past expiresAt)→ expired   effects: refund, restock
 *   used, cancelled, expired: final — nothing leaves them.
 *
 * The store (cloudfunctions/shared/repos/market.ts) makes a move with `voucherMachine.next` and
 * does exactly the effects of the row it took, in the same transaction.
 */
import { defineMachine } from '../machine'
import type { VoucherStatus } from './api'
import { VoucherStatuses } from './model'

export const VoucherMoves = ['use', 'cancel', 'expire'] as const
export type VoucherMove = (typeof VoucherMoves)[number]
export const VoucherParties = ['staff', 'holder', 'system'] as const
export type VoucherParty = (typeof VoucherParties)[number]
/**
 * - `refund`: the price goes back from the community's supermarket account to the holder
 *   (`Causes.refund(voucherId)`: one cause for cancel and expiry, so refunded at most once);
 * - `restock`: the unit goes back to the item's stock.
 */
export type VoucherEffect = 'refund' | 'restock'

export const voucherMachine = defineMachine<VoucherStatus, VoucherMove, VoucherParty, void, VoucherEffect>({
  states: VoucherStatuses,
  moves: VoucherMoves,
  parties: VoucherParties,
  rows: [
    { move: 'use', from: ['issued'], to: 'used', parties: ['staff'] },
    {
      move: 'cancel',
      from: ['issued'],
      to: 'cancelled',
      parties: ['holder'],
      effects: ['refund', 'restock'],
    },
    { move: 'expire', from: ['issued'], to: 'expired', parties: ['system'], effects: ['refund', 'restock'] },
  ],
})

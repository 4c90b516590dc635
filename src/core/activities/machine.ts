/**
 * The sign-up and check-in machine of volunteer activities, as data (core/machine.ts): the resident's
 * own sign-up and the staff's moves on it, and the detail page's buttons read from it. The deciders
 * (./decide.ts) read the same rows.
 */
import { defineMachine } from '../machine'
import type { ActivityMove, SignupStatus } from './api'
import { ActivityErrors } from './errors'
import { type Phased, hasStarted, insideWindow, seatsLeft } from './timing'

/** How the caller relates to an activity's community. */
export interface Standing {
  /** A resident of the activity's community. */
  readonly resident: boolean
  /** Its community admin or a grid worker of a grid in it. */
  readonly staff: boolean
}

/** Where the caller's own sign-up stands: `none` before their first sign-up. */
export const SignupStates = ['none', 'signed', 'withdrawn', 'checked_in', 'confirmed'] as const
export type SignupState = (typeof SignupStates)[number]
export type SignupParty = 'resident' | 'staff'
/** The detail's buttons, and `confirm`: staff confirm a checked-in resident's attendance (manage page). */
export type SignupMove = ActivityMove | 'confirm'
export interface SignupContext {
  readonly a: Phased
  readonly now: Date
}
/**
 * `take_seat` / `free_seat`: the move changes the activity's `signedUp` count, in the same write;
 * `pay`: the activity's points go to the resident (ledger) with the confirmation.
 */
export type SignupEffect = 'take_seat' | 'free_seat' | 'pay'

/** A cancelled activity takes no move of a resident. */
export const live = ({ a }: SignupContext) => a.status !== 'cancelled' || ActivityErrors.CANCELLED
const notStarted = ({ a, now }: SignupContext) => !hasStarted(a, now) || ActivityErrors.STARTED
const seatFree = ({ a }: SignupContext) => seatsLeft(a) > 0 || ActivityErrors.FULL
const inWindow = ({ a, now }: SignupContext) => insideWindow(a, now) || ActivityErrors.OUTSIDE_WINDOW
/** The first guard that refuses, or true. */
const all =
  (...guards: readonly ((c: SignupContext) => true | string)[]) =>
  (c: SignupContext): true | string => {
    for (const g of guards) {
      const verdict = g(c)
      if (verdict !== true) return verdict
    }
    return true
  }

/**
 * The resident's own sign-up AS DATA (core/machine.ts):
 *
 *   none/withdrawn ─signup (before the start, a seat free)→ signed          take_seat
 *   signed ─withdraw (before the start)→ withdrawn                          free_seat
 *   signed ─checkin (inside the window)→ checked_in
 *   none/withdrawn ─checkin (inside the window, a seat free: walk-in)→ checked_in   take_seat
 *   checked_in ─confirm (staff)→ confirmed                                  pay
 *   any ─manage (staff of the community)→ the same (the manage page)
 *
 * Every move of a resident needs the activity live (not cancelled). The detail's buttons
 * (`movesFor`) and the deciders below are both answered by this table.
 */
export const signupMachine = defineMachine<SignupState, SignupMove, SignupParty, SignupContext, SignupEffect>(
  {
    states: SignupStates,
    moves: ['signup', 'withdraw', 'checkin', 'confirm', 'manage'],
    parties: ['resident', 'staff'],
    rows: [
      {
        move: 'signup',
        from: ['none', 'withdrawn'],
        to: 'signed',
        parties: ['resident'],
        when: all(live, notStarted, seatFree),
        effects: ['take_seat'],
      },
      {
        move: 'withdraw',
        from: ['signed'],
        to: 'withdrawn',
        parties: ['resident'],
        when: all(live, notStarted),
        effects: ['free_seat'],
      },
      {
        move: 'checkin',
        from: ['signed'],
        to: 'checked_in',
        parties: ['resident'],
        when: all(live, inWindow),
      },
      {
        move: 'checkin',
        from: ['none', 'withdrawn'],
        to: 'checked_in',
        parties: ['resident'],
        when: all(live, inWindow, seatFree),
        effects: ['take_seat'],
      },
      { move: 'confirm', from: ['checked_in'], to: 'confirmed', parties: ['staff'], effects: ['pay'] },
      ...SignupStates.map((s) => ({
        move: 'manage' as const,
        from: [s],
        to: s,
        parties: ['staff' as const],
      })),
    ],
  },
)

export const stateOf = (mine: SignupStatus | null): SignupState => mine ?? 'none'

/** The detail page's buttons for the caller now. */
export function movesFor(a: Phased, mine: SignupStatus | null, who: Standing, now: Date): ActivityMove[] {
  const parties: SignupParty[] = [
    ...(who.resident ? ['resident' as const] : []),
    ...(who.staff ? ['staff' as const] : []),
  ]
  // `confirm` is made on another resident's sign-up, from the manage page: never a detail button.
  return signupMachine.movesFor(stateOf(mine), parties, { a, now }).filter((m) => m !== 'confirm')
}

/**
 * Pure rules of volunteer activities: what a publish form may hold, the check-in window, the phase
 * a list shows, the caller's moves, whether a sign-up / withdrawal / check-in / confirmation may
 * happen (or exactly why not), check-in codes, the export range and the export's rows.
 * The store (cloudfunctions/shared/repos/activities.ts) reads inside its transactions, asks these,
 * and writes what they answer.
 *
 * This module is their public face; each part lives next door:
 * - `limits.ts`: the numbers (form limits, the check-in window, the export range);
 * - `publish.ts`: the publish form checked, and a cancellation's reason;
 * - `timing.ts`: the check-in window, started / ended, seats left, the phase a list shows;
 * - `machine.ts`: the sign-up and check-in machine, and the detail page's buttons from it;
 * - `decide.ts`: sign-up, withdrawal, check-in, confirmation and cancellation, decided by its rows;
 * - `scope.ts`: how the caller relates to the activity's community, and the lists' communities;
 * - `checkin-code.ts`: check-in codes and reading one back from a scan or a keyboard;
 * - `hours.ts`: the hours total and the export (range, columns, rows).
 */
export { ACTIVITY_RULES } from './limits'
export {
  type PublishInput,
  type CheckedPublish,
  parseDate,
  defaultHours,
  isValidHours,
  checkPublish,
  checkReason,
} from './publish'
export { checkinWindow, insideWindow, hasStarted, hasEnded, seatsLeft, phaseLabel, holdsSeat } from './timing'
export {
  type Standing,
  SignupStates,
  type SignupState,
  type SignupParty,
  type SignupMove,
  type SignupContext,
  type SignupEffect,
  signupMachine,
  movesFor,
} from './machine'
export {
  seatsAfter,
  signupStep,
  decideSignup,
  decideWithdraw,
  decideCheckin,
  confirmVerdict,
  decideCancel,
} from './decide'
export { standingOf, listCommunities } from './scope'
export {
  CHECKIN_CODE_LENGTH,
  checkinCodeFromBytes,
  isCheckinCode,
  checkinScene,
  parseCheckinInput,
} from './checkin-code'
export { totalHours, exportRange, beijingDate, EXPORT_COLUMNS, exportRows } from './hours'

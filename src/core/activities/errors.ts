/** Volunteer-activity failure codes (copy: src/services/error-copy.ts). */
export const ActivityErrors = {
  /** Title/place/team empty or too long, description too long. */
  BAD_TEXT: 'ACTIVITY.BAD_TEXT',
  /** Start/end not dates, end not after start, longer than a day, or start in the past. */
  BAD_TIME: 'ACTIVITY.BAD_TIME',
  /** Capacity not a whole number in 1–500. */
  BAD_CAPACITY: 'ACTIVITY.BAD_CAPACITY',
  /** Points not a whole number in 0–100, or hours not in 0.5–12 by half hours. */
  BAD_REWARD: 'ACTIVITY.BAD_REWARD',
  /** No such activity (or not visible to the caller). */
  NOT_FOUND: 'ACTIVITY.NOT_FOUND',
  /** The caller is not a resident / staff of the activity's community. */
  NOT_IN_SCOPE: 'ACTIVITY.NOT_IN_SCOPE',
  /** Every seat is taken. */
  FULL: 'ACTIVITY.FULL',
  /** The activity was cancelled. */
  CANCELLED: 'ACTIVITY.CANCELLED',
  /** Sign-up / withdraw after the activity started. */
  STARTED: 'ACTIVITY.STARTED',
  /** Withdraw without a sign-up. */
  NOT_SIGNED_UP: 'ACTIVITY.NOT_SIGNED_UP',
  /** The check-in code is unknown or was rotated away. */
  BAD_CODE: 'ACTIVITY.BAD_CODE',
  /** Check-in before the window opens or after it closes. */
  OUTSIDE_WINDOW: 'ACTIVITY.OUTSIDE_WINDOW',
  /** Checking in a second time. */
  ALREADY_CHECKED_IN: 'ACTIVITY.ALREADY_CHECKED_IN',
  /** Export range not valid (from after to, or longer than a year). */
  BAD_RANGE: 'ACTIVITY.BAD_RANGE',
} as const

/** Ledger failure codes (copy: src/services/error-copy.ts). */
export const PointsErrors = {
  /** The paying account holds fewer points than the amount. */
  INSUFFICIENT: 'POINTS.INSUFFICIENT',
  /** Amount not a positive whole number within MAX_AMOUNT. */
  BAD_AMOUNT: 'POINTS.BAD_AMOUNT',
  /** From and to are the same account (e.g. giving to oneself). */
  SAME_ACCOUNT: 'POINTS.SAME_ACCOUNT',
  /** Awards and corrections need a reason. */
  REASON_REQUIRED: 'POINTS.REASON_REQUIRED',
  /** The cause is not well-formed (a programming error surfaced as a code). */
  BAD_CAUSE: 'POINTS.BAD_CAUSE',
  /** The person to award is not a resident of a community the admin manages. */
  NOT_IN_SCOPE: 'POINTS.NOT_IN_SCOPE',
  /** A gift to a neighbour who never served the giver (no confirmed errand of theirs). */
  NOT_MY_HELPER: 'POINTS.NOT_MY_HELPER',
} as const

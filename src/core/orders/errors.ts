/** Limits and error codes of work orders (no valibot here: the lean sweep function bundles this). */

export const MAX_PHOTOS = 9
/** After client-side compression. */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024
export const TEXT_MIN = 1
export const TEXT_MAX = 500

/** Where the client uploads photo n (1-based) of a report. */
export function photoCloudPath(userId: string, requestId: string, n: number): string {
  return `reports/${userId}/${requestId}/${n}.jpg`
}

export const ReportErrors = {
  TEXT_EMPTY: 'REPORT.TEXT_EMPTY',
  TEXT_TOO_LONG: 'REPORT.TEXT_TOO_LONG',
  TOO_MANY_PHOTOS: 'REPORT.TOO_MANY_PHOTOS',
  PHOTO_TOO_LARGE: 'REPORT.PHOTO_TOO_LARGE',
  /** A fileID not under the caller's own upload path for this request, or missing in storage. */
  PHOTO_INVALID: 'REPORT.PHOTO_INVALID',
  UNKNOWN_CATEGORY: 'REPORT.UNKNOWN_CATEGORY',
  /** The caller has no household (not joined) and gave no building/point. */
  NO_HOUSEHOLD: 'REPORT.NO_HOUSEHOLD',
  /** onBehalfOf given by someone who is not staff of that place. */
  NOT_STAFF: 'REPORT.NOT_STAFF',
} as const

export const OrderErrors = {
  /** The location is in no grid of the reporter's community (pin outside every boundary, unknown building). */
  OUTSIDE_GRID: 'ORDER.OUTSIDE_GRID',
  /** The move is not allowed from the order's current state (e.g. accepting an accepted order). */
  BAD_STATE: 'ORDER.BAD_STATE',
  /** Someone else accepted it first. */
  ALREADY_ACCEPTED: 'ORDER.ALREADY_ACCEPTED',
  OUTCOME_REQUIRED: 'ORDER.OUTCOME_REQUIRED',
  PROMISED_DATE_REQUIRED: 'ORDER.PROMISED_DATE_REQUIRED',
  /** A promised date in the past, or too far ahead. */
  PROMISED_DATE_INVALID: 'ORDER.PROMISED_DATE_INVALID',
  REASON_REQUIRED: 'ORDER.REASON_REQUIRED',
  TRANSFER_TARGET_REQUIRED: 'ORDER.TRANSFER_TARGET_REQUIRED',
  ALREADY_RATED: 'ORDER.ALREADY_RATED',
  NOT_REPLIED: 'ORDER.NOT_REPLIED',
  REOPEN_EXPIRED: 'ORDER.REOPEN_EXPIRED',
  /** Nowhere further up the ladder (already with an outside department). */
  TOP_TIER: 'ORDER.TOP_TIER',
  /** Only the reporter may rate, reopen. */
  NOT_REPORTER: 'ORDER.NOT_REPORTER',
  NOT_HELD: 'ORDER.NOT_HELD',
  /** Reporters follow their own orders already. */
  OWN_ORDER: 'ORDER.OWN_ORDER',
} as const

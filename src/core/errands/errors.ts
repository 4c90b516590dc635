/** Errand failure codes (copy: src/services/error-copy.ts). */
export const ErrandErrors = {
  NO_HOUSEHOLD: 'ERRAND.NO_HOUSEHOLD',
  TEXT_EMPTY: 'ERRAND.TEXT_EMPTY',
  TEXT_TOO_LONG: 'ERRAND.TEXT_TOO_LONG',
  WINDOW_INVALID: 'ERRAND.WINDOW_INVALID',
  WINDOW_PAST: 'ERRAND.WINDOW_PAST',
  WINDOW_TOO_LONG: 'ERRAND.WINDOW_TOO_LONG',
  WINDOW_TOO_SHORT: 'ERRAND.WINDOW_TOO_SHORT',
  WINDOW_TOO_FAR: 'ERRAND.WINDOW_TOO_FAR',
  /** Child pickup needs at least one approved helper first. */
  NO_TRUSTED_HELPERS: 'ERRAND.NO_TRUSTED_HELPERS',
  /** A helper chosen for the approved list is not a verified helper of the grid. */
  NOT_GRID_HELPER: 'ERRAND.NOT_GRID_HELPER',
  /** Another helper won the accept race. */
  TAKEN: 'ERRAND.TAKEN',
  OWN_ERRAND: 'ERRAND.OWN_ERRAND',
  OUTSIDE_GRID: 'ERRAND.OUTSIDE_GRID',
  /** Child pickup by someone not on the guardian's list. */
  NOT_APPROVED: 'ERRAND.NOT_APPROVED',
  BAD_STATE: 'ERRAND.BAD_STATE',
  CODE_REQUIRED: 'ERRAND.CODE_REQUIRED',
  CODE_WRONG: 'ERRAND.CODE_WRONG',
  CODE_LOCKED: 'ERRAND.CODE_LOCKED',
  REASON_REQUIRED: 'ERRAND.REASON_REQUIRED',
  ALREADY_THANKED: 'ERRAND.ALREADY_THANKED',
} as const

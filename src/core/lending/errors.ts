/** Lending failure codes (copy: ./copy.ts, registered by the lending subpackage). */
export const LendingErrors = {
  NO_HOUSEHOLD: 'LENDING.NO_HOUSEHOLD',
  /** The caller lives in another community than the item's. */
  OTHER_COMMUNITY: 'LENDING.OTHER_COMMUNITY',
  /** 7+ days overdue with a loan: no reservation until it is returned. */
  BLOCKED_OVERDUE: 'LENDING.BLOCKED_OVERDUE',
  ALREADY_HELD: 'LENDING.ALREADY_HELD',
  TOO_MANY_HOLDS: 'LENDING.TOO_MANY_HOLDS',
  NOT_LENDABLE: 'LENDING.NOT_LENDABLE',
  /** Fewer points than the item's pledge. */
  PLEDGE_SHORT: 'LENDING.PLEDGE_SHORT',
  /** The state changed: refresh. */
  BAD_STATE: 'LENDING.BAD_STATE',
  /** Pickup of a hold that is not first in line with its window running. */
  NOT_READY: 'LENDING.NOT_READY',
  /** Return of a loan that is not this item's open loan. */
  NOT_ON_LOAN: 'LENDING.NOT_ON_LOAN',
  RENEW_WAITING: 'LENDING.RENEW_WAITING',
  RENEW_LIMIT: 'LENDING.RENEW_LIMIT',
  BAD_ACCESSORIES: 'LENDING.BAD_ACCESSORIES',
  REASON_REQUIRED: 'LENDING.REASON_REQUIRED',
  TEXT_EMPTY: 'LENDING.TEXT_EMPTY',
  TEXT_TOO_LONG: 'LENDING.TEXT_TOO_LONG',
  BAD_NUMBER: 'LENDING.BAD_NUMBER',
  TOO_MANY_PHOTOS: 'LENDING.TOO_MANY_PHOTOS',
  PHOTO_INVALID: 'LENDING.PHOTO_INVALID',
  UNKNOWN_CODE: 'LENDING.UNKNOWN_CODE',
  BAD_KEEPER: 'LENDING.BAD_KEEPER',
} as const

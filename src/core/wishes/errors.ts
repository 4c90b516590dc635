export const WishErrors = {
  /** Posting needs a household of a grid (a resident), or, for staff posting for a family, a grid they are over. */
  NO_HOUSEHOLD: 'WISH.NO_HOUSEHOLD',
  /** Title or text empty or too long. */
  BAD_TEXT: 'WISH.BAD_TEXT',
  /** More photos than allowed. */
  TOO_MANY_PHOTOS: 'WISH.TOO_MANY_PHOTOS',
  /** A photo that is not the caller's upload for this wish, or not stored. */
  PHOTO_INVALID: 'WISH.PHOTO_INVALID',
  /** The family's contact when staff post for them: name and address required, phone well-formed. */
  BAD_CONTACT: 'WISH.BAD_CONTACT',
  /** A reason is required (declining, asking to redo). */
  REASON_REQUIRED: 'WISH.REASON_REQUIRED',
  /** Publishing: points or expiry out of range. */
  BAD_PUBLISH: 'WISH.BAD_PUBLISH',
  /** Someone else claimed it first. */
  TAKEN: 'WISH.TAKEN',
  /** One's own wish cannot be claimed. */
  OWN_WISH: 'WISH.OWN_WISH',
  /** Claiming needs a helper (党员帮办/志愿者) grant of the wish's grid. */
  NOT_HELPER: 'WISH.NOT_HELPER',
  /** A group claim: a name, 2..10 members, each a helper of the grid, the claimant among them. */
  BAD_GROUP: 'WISH.BAD_GROUP',
  /** Fulfilling needs at least one photo. */
  PHOTO_REQUIRED: 'WISH.PHOTO_REQUIRED',
  /** The move is not possible from the wish's state. */
  BAD_STATE: 'WISH.BAD_STATE',
  /** Only a suggestion can become a topic; only a need can be claimed. */
  WRONG_KIND: 'WISH.WRONG_KIND',
} as const

export type WishErrorCode = (typeof WishErrors)[keyof typeof WishErrors]

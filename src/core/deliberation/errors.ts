export const DeliberationErrors = {
  /** The caller lives in no household of a grid. */
  NO_HOUSEHOLD: 'DELIBERATION.NO_HOUSEHOLD',
  /** Title or text missing or too long. */
  BAD_TEXT: 'DELIBERATION.BAD_TEXT',
  /** A reason (reject) or a decision text is required. */
  REASON_REQUIRED: 'DELIBERATION.REASON_REQUIRED',
  /** The household is not in the topic's place: another grid, or another building of a building topic. */
  OTHER_PLACE: 'DELIBERATION.OTHER_PLACE',
  /** The move is not possible from the topic's step. */
  BAD_STEP: 'DELIBERATION.BAD_STEP',
  /** A vote's window is invalid (closing before opening, too long, in the past). */
  BAD_WINDOW: 'DELIBERATION.BAD_WINDOW',
  /** Ballots are taken only between the opening and closing time. */
  VOTE_NOT_OPEN: 'DELIBERATION.VOTE_NOT_OPEN',
  /** Closing a vote before its closing time. */
  VOTE_OPEN: 'DELIBERATION.VOTE_OPEN',
  /** A proxy ballot needs the resident's consent. */
  NO_CONSENT: 'DELIBERATION.NO_CONSENT',
  /** A paper or proxy ballot names a household outside the topic's place. */
  UNKNOWN_HOUSEHOLD: 'DELIBERATION.UNKNOWN_HOUSEHOLD',
  /** Finishing before every linked work order and activity is done. */
  WORK_OPEN: 'DELIBERATION.WORK_OPEN',
  /** Carrying out: no work named, too much work, or an activity that cannot be linked. */
  BAD_WORK: 'DELIBERATION.BAD_WORK',
  /** A topic's work order filed at a tier above the caller's own (a grid worker asking the street). */
  BAD_TIER: 'DELIBERATION.BAD_TIER',
  /** Closing the evaluation before its window ended. */
  EVALUATION_OPEN: 'DELIBERATION.EVALUATION_OPEN',
  /** Rating outside the evaluation window. */
  NOT_EVALUATING: 'DELIBERATION.NOT_EVALUATING',
  /** A community setting out of range. */
  BAD_CONFIG: 'DELIBERATION.BAD_CONFIG',
  /** An option vote's options: 2..6, each 1..20 characters, distinct; none for an owners' decision. */
  BAD_OPTIONS: 'DELIBERATION.BAD_OPTIONS',
  /** A ballot names an option the vote does not have (or neither an option nor abstain). */
  BAD_OPTION: 'DELIBERATION.BAD_OPTION',
  /** An option on a yes/no vote, or yes/no on an option vote. */
  WRONG_BALLOT: 'DELIBERATION.WRONG_BALLOT',
  /** An owners' decision needs every household's floor area (opening), or the voting household's (a ballot). */
  NO_AREA: 'DELIBERATION.NO_AREA',
  /** A topic's buildings: unknown, of another grid than the proposer's, or more than 10. */
  BAD_BUILDINGS: 'DELIBERATION.BAD_BUILDINGS',
  /** A topic's buildings leave out the proposer's own (their household is its first supporter). */
  OWN_BUILDING: 'DELIBERATION.OWN_BUILDING',
  /** Raising from orders: none, more than `SOURCES_MAX`, one named twice, or one that cannot be a source. */
  BAD_SOURCES: 'DELIBERATION.BAD_SOURCES',
  /** An order already raised as a topic (an order is the source of one topic only). */
  SOURCE_TAKEN: 'DELIBERATION.SOURCE_TAKEN',
  /** An order of another grid than the topic's. */
  SOURCE_OTHER_GRID: 'DELIBERATION.SOURCE_OTHER_GRID',
  /** An activity published for a topic of another community than the activity's. */
  OTHER_COMMUNITY: 'DELIBERATION.OTHER_COMMUNITY',
  /** An activity published for a topic that is not being carried out (实施中): 安排实施 first. */
  NOT_DOING: 'DELIBERATION.NOT_DOING',
  /** Photos of the work only while it is carried out or evaluated. */
  WORK_PHOTOS_STEP: 'DELIBERATION.WORK_PHOTOS_STEP',
} as const

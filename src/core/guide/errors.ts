export const GuideErrors = {
  /** The caller lives in no household and named no community. */
  NO_COMMUNITY: 'GUIDE.NO_COMMUNITY',
  BAD_FIELDS: 'GUIDE.BAD_FIELDS',
  TOO_MANY_MATERIALS: 'GUIDE.TOO_MANY_MATERIALS',
  BAD_LOCATION: 'GUIDE.BAD_LOCATION',
  BAD_CODE: 'GUIDE.BAD_CODE',
} as const

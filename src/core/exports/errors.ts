/** The exports' error codes (their copy: ./copy.ts, shipped with the exports subpackage). */
export const ExportErrors = {
  /** The kind of file asked for is not one of ExportKinds. */
  BAD_KIND: 'EXPORT.BAD_KIND',
  /** A day is not a real `YYYY-MM-DD` date. */
  BAD_DATE: 'EXPORT.BAD_DATE',
  /** The first day is after the last. */
  BAD_PERIOD: 'EXPORT.BAD_PERIOD',
  /** The period is longer than a year. */
  PERIOD_TOO_LONG: 'EXPORT.PERIOD_TOO_LONG',
  /** More rows than one file may hold (EXPORT_MAX_ROWS): nothing was written. */
  TOO_MANY_ROWS: 'EXPORT.TOO_MANY_ROWS',
} as const

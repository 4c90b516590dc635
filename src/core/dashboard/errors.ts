export const DashboardErrors = {
  /** A custom period with a bad day, the end before the start, in the future, or over a year. */
  BAD_PERIOD: 'DASHBOARD.BAD_PERIOD',
} as const

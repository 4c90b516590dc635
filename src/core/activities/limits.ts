/** The numbers of volunteer activities' rules: the publish form's limits, the check-in window, the export range. */

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

export const ACTIVITY_RULES = {
  titleMax: 60,
  teamMax: 40,
  placeMax: 60,
  descriptionMax: 1000,
  reasonMax: 100,
  maxLengthHours: 24,
  /** A start a little in the past is "now" (the form was open a while). */
  graceMinutes: 5,
  capacityMin: 1,
  capacityMax: 500,
  pointsMax: 100,
  hoursMin: 0.5,
  hoursMax: 12,
  /** Check-in opens this long before the start and closes at the end. */
  checkinOpensMinutes: 30,
  /** Longest export range. */
  exportMaxDays: 366,
} as const

/**
 * Volunteer activities store (src/core/activities): this module is its public face; each part lives
 * next door:
 * - `activities-base.ts`: the collections, loading an activity and a sign-up, the views;
 * - `activities-publish.ts`: publishing, and cancelling with the residents told;
 * - `activities-read.ts`: the lists and one activity;
 * - `activities-seats.ts`: signing up and withdrawing, one transaction per seat change;
 * - `activities-checkin.ts`: the check-in codes and checking in (a walk-in takes a seat);
 * - `activities-roster.ts`: the roster and confirming attendance (the points and the hours);
 * - `activities-hours.ts`: my volunteer hours and the hours export.
 */
export { type PublishRequest, publish, cancel } from './activities-publish'
export { list, get } from './activities-read'
export { signup, withdraw, withdrawSeat } from './activities-seats'
export { checkinCode, checkin } from './activities-checkin'
export { roster, confirm } from './activities-roster'
export { lineOf, mineHours, exportHours } from './activities-hours'

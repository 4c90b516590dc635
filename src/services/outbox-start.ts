/**
 * Starts the app-wide outbox at launch (reports saved offline are sent from any page). Taro picks
 * `outbox-start.h5.ts` for the H5 build; the WeChat build and the tests use this file: the outbox is
 * in the main package and starts at once.
 */
export { reportOutbox as startOutbox } from './drafts-report'

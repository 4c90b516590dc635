/**
 * The contract of a topic's meetings (议事会): schedule, read, list, close, cancel. Spread into
 * `deliberationActions` (./api.ts). The input caps here are loose on purpose: the limits a person
 * can meet (minutes ≤ 2000, ≤ 9 photos, ≤ 6 options…) are core's (./meeting.ts), answered with
 * their own clear codes rather than INPUT.INVALID.
 */
import * as v from 'valibot'
import { defineAction } from '../contract/define'
import { clientRequestId } from '../join/api'
import type { MeetingStatus } from './meeting'
import type { MeetingMove } from './meeting-machine'

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128))
const text = (max: number) => v.pipe(v.string(), v.maxLength(max))
const count = v.pipe(v.number(), v.finite())

export interface MeetingCard {
  readonly id: string
  readonly topicId: string
  readonly title: string
  readonly place: string
  readonly startsAt: string
  readonly status: MeetingStatus
  readonly statusLabel: string
  /** The decision options a held meeting came to (a household vote may start from them). */
  readonly options: readonly string[]
}

export interface MeetingView extends MeetingCard {
  readonly organiserName: string
  readonly minutes: string | null
  readonly attendance: { readonly households: number; readonly people: number } | null
  /** File ids (the page turns them into temporary URLs). */
  readonly photos: readonly string[]
  readonly options: readonly string[]
  readonly reason: string | null
  readonly closedAt: string | null
  /**
   * The moves the caller may make now (from the meeting machine); `close` only once it started.
   * `photos`: may the caller attach photos when closing (staff of the place, not the council).
   */
  readonly can: { readonly moves: readonly MeetingMove[]; readonly photos: boolean }
  /** For uploads: where photo n goes is `meetingPhotoPath(me, id, n)`. */
  readonly me: string
  readonly retried?: boolean
}

export interface MeetingList {
  readonly items: readonly MeetingCard[]
  /** Staff over the topic's place, or its grid's council, while it is on the agenda or voted on. */
  readonly canSchedule: boolean
}

export const meetingActions = {
  /** Staff over the topic's place or its grid's council: a meeting with a place and a time; the grid's households are invited. */
  'meeting.schedule': defineAction<MeetingView>()(
    v.strictObject({
      topicId: id,
      requestId: clientRequestId,
      place: text(200),
      startsAt: v.pipe(v.string(), v.isoTimestamp()),
      title: v.optional(text(200)),
    }),
  ),
  'meeting.get': defineAction<MeetingView>()(v.strictObject({ meetingId: id })),
  /** A topic's meetings, newest first (at most 20). */
  'meeting.list': defineAction<MeetingList>()(v.strictObject({ topicId: id })),
  /** The organiser, the grid's council or staff of the place, once it started: minutes, attendance, photos (staff), options. */
  'meeting.close': defineAction<MeetingView>()(
    v.strictObject({
      meetingId: id,
      minutes: text(20_000),
      households: count,
      people: count,
      photos: v.pipe(v.array(text(400)), v.maxLength(50)),
      options: v.pipe(v.array(text(200)), v.maxLength(50)),
    }),
  ),
  /** The organiser or staff of the place, with a public reason; the invited households are told. */
  'meeting.cancel': defineAction<MeetingView>()(v.strictObject({ meetingId: id, reason: text(2000) })),
}

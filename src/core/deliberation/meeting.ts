/**
 * The offline meeting of a topic (议事会 · 民议): staff over the topic's place schedule it with a
 * place and a time, and the grid's households are invited; the organiser (or staff of the place)
 * closes it with the minutes, the attendance, photos and the decision options it came to, or
 * cancels it with a reason. A meeting whose start passed without minutes reminds its organiser 3
 * and 7 days later (after Decidim's close-meeting form and reminders, field notes §1.1).
 *
 * Collection `topic_meetings`: one document per meeting, an opaque id, unique on
 * (organiserId, requestId), with an outbox. The machine is ./meeting-machine.ts, the deciders
 * ./meeting-decide.ts, the contract ./meeting-api.ts. Pure: no SDK, no valibot.
 */
import { isCouncilOf, isStaffOver } from '../access'
import type { WithOutbox } from '../effects'
import { DomainError } from '../errors'
import type { Actor } from '../roles'
import { checkUploads } from '../uploads'
import type { MeetingParty } from './meeting-machine'
import type { TopicPlace, TopicStatus } from './model'
import { TITLE_MAX } from './rules'

export const MeetingStatuses = ['scheduled', 'held', 'cancelled'] as const
export type MeetingStatus = (typeof MeetingStatuses)[number]

export const MeetingStatusLabel: Readonly<Record<MeetingStatus, string>> = {
  scheduled: '待召开',
  held: '已召开',
  cancelled: '已取消',
}

export const PLACE_MAX = 60
export const MINUTES_MAX = 2000
export const MEETING_PHOTOS_MAX = 9
export const OPTIONS_MAX = 6
export const OPTION_MAX = 20
/** A meeting is scheduled at most this far ahead. */
export const AHEAD_MAX_MS = 90 * 86_400_000
/** Attendance beyond this is a typing slip. */
export const ATTENDANCE_MAX = 100_000
/** The topic steps during which a meeting may be scheduled: on the agenda, or being voted on. */
export const MeetingSteps: readonly TopicStatus[] = ['confirmed', 'voting']

export const MeetingErrors = {
  /** The topic is not on the agenda (or already decided): no meeting now. */
  TOPIC_STEP: 'DELIBERATION.MEETING_TOPIC_STEP',
  /** Place missing or longer than 60 characters. */
  PLACE: 'DELIBERATION.MEETING_PLACE',
  /** A title longer than a topic's. */
  TITLE: 'DELIBERATION.MEETING_TITLE',
  /** The start is in the past or more than 90 days ahead. */
  TIME: 'DELIBERATION.MEETING_TIME',
  /** The meeting was already closed or cancelled. */
  DONE: 'DELIBERATION.MEETING_DONE',
  /** Closing a meeting before it started. */
  NOT_STARTED: 'DELIBERATION.MEETING_NOT_STARTED',
  MINUTES_REQUIRED: 'DELIBERATION.MINUTES_REQUIRED',
  MINUTES_TOO_LONG: 'DELIBERATION.MINUTES_TOO_LONG',
  /** Attendance not whole numbers ≥ 0, or more households than people. */
  BAD_ATTENDANCE: 'DELIBERATION.BAD_ATTENDANCE',
  TOO_MANY_PHOTOS: 'DELIBERATION.TOO_MANY_PHOTOS',
  /** A file id not under the organiser's own upload folder for this meeting. */
  PHOTO_INVALID: 'DELIBERATION.PHOTO_INVALID',
  /** Photos from a closer who is not staff of the place (a council member): no image check exists. */
  PHOTOS_STAFF: 'DELIBERATION.MEETING_PHOTOS_STAFF',
  /** More than 6 options, or one empty, longer than 20 characters, or twice. */
  BAD_OPTIONS: 'DELIBERATION.BAD_OPTIONS',
} as const

export interface Attendance {
  readonly households: number
  readonly people: number
}

export interface MeetingRecord extends WithOutbox {
  readonly _id: string
  readonly topicId: string
  /** The topic's place: who is invited, who may see it, which staff may act on it. */
  readonly path: TopicPlace
  /** The topic's buildings when it concerns some (their households are invited), else null/absent: the grid. */
  readonly buildingIds?: readonly string[] | null
  readonly requestId: string
  readonly title: string
  readonly place: string
  readonly startsAt: Date
  readonly organiserId: string
  /** Shown on the meeting (staff act under their name); ERASED_NAME once erased (me.delete). */
  readonly organiserName: string
  readonly status: MeetingStatus
  /** Set when held (closed with the minutes). */
  readonly minutes: string | null
  readonly attendance: Attendance | null
  /** File ids, uploaded by whoever closed it (`meetingPhotoPath`). */
  readonly photos: readonly string[]
  /** The decision options the meeting came to (pre-filling a later household vote). */
  readonly options: readonly string[]
  /** Why it was cancelled (public). */
  readonly reason: string | null
  /** Who closed or cancelled it, and when. */
  readonly closedBy: string | null
  readonly closedAt: Date | null
  /** Minutes reminders sent to the organiser: 0, 1 (+3 days), 2 (+7 days). */
  readonly reminded: number
  readonly version: number
  readonly createdAt: Date
  readonly updatedAt: Date
}

/** Where the client uploads photo n (1-based) of a meeting's minutes. */
export function meetingPhotoPath(userId: string, meetingId: string, n: number): string {
  return `meetings/${userId}/${meetingId}/${n}.jpg`
}

/** The caller's parties to a meeting. */
export function meetingParties(actor: Actor, m: Pick<MeetingRecord, 'organiserId' | 'path'>): MeetingParty[] {
  const out: MeetingParty[] = []
  if (m.organiserId === actor.userId) out.push('organiser')
  if (isCouncilOf(actor, m.path.gridId)) out.push('council')
  if (isStaffOver(actor, m.path)) out.push('staff')
  return out
}

const chars = (s: string) => [...s].length

/**
 * Who may attach photos when closing: staff over the place. There is no image check
 * (content-security.ts checks texts), and a staff member is the human check, as for reports; a
 * council member closes with the minutes, attendance and options only.
 */
export const mayAttachPhotos = (actor: Actor, place: TopicPlace): boolean => isStaffOver(actor, place)

/** Who may organise a meeting of a topic: staff over its place, or a member of its grid's council. */
export const mayOrganise = (actor: Actor, place: TopicPlace): boolean =>
  isStaffOver(actor, place) || isCouncilOf(actor, place.gridId)

/**
 * May the caller schedule a meeting of this topic: staff over its place or its grid's council,
 * while it is on the agenda or voted on.
 */
export function checkMaySchedule(
  actor: Actor,
  t: { readonly path: TopicPlace; readonly status: TopicStatus },
): void {
  if (!mayOrganise(actor, t.path))
    throw new DomainError('AUTH.FORBIDDEN', '只有本网格的工作人员或议事会成员可以安排议事会')
  if (!MeetingSteps.includes(t.status))
    throw new DomainError(MeetingErrors.TOPIC_STEP, '议题立项后、形成决议前才能安排议事会')
}

export interface ScheduleFields {
  readonly title: string
  readonly place: string
  readonly startsAt: Date
}

/** The schedule form's fields, trimmed (the title defaults to the topic's), or its clear code. */
export function checkSchedule(
  input: { readonly title?: string; readonly place: string; readonly startsAt: string },
  topicTitle: string,
  now: Date,
): ScheduleFields {
  const place = input.place.trim()
  if (!place || chars(place) > PLACE_MAX)
    throw new DomainError(MeetingErrors.PLACE, `请填写会议地点（不超过 ${PLACE_MAX} 字）`)
  const title = (input.title ?? '').trim() || topicTitle
  if (chars(title) > TITLE_MAX) throw new DomainError(MeetingErrors.TITLE, `会议名称不超过 ${TITLE_MAX} 字`)
  const startsAt = new Date(input.startsAt)
  const t = startsAt.getTime()
  if (Number.isNaN(t) || t <= now.getTime() || t > now.getTime() + AHEAD_MAX_MS)
    throw new DomainError(MeetingErrors.TIME, '会议时间应在现在之后、90 天之内')
  return { title, place, startsAt }
}

export interface CloseFields {
  readonly minutes: string
  readonly attendance: Attendance
  readonly photos: readonly string[]
  readonly options: readonly string[]
}

/**
 * The close form (Decidim's close-meeting form, field notes §1.1): the minutes (required, ≤ 2000),
 * the attendance in households and people (whole numbers ≥ 0, households ≤ people), photos the
 * closer uploaded for this meeting (≤ 9, the reports' rule; none unless `photos` allows them: see
 * `mayAttachPhotos`) and 0–6 options (each ≤ 20, distinct).
 */
export function checkClose(
  input: {
    readonly minutes: string
    readonly households: number
    readonly people: number
    readonly photos: readonly string[]
    readonly options: readonly string[]
  },
  closer: { readonly userId: string; readonly meetingId: string; readonly photos?: boolean },
): CloseFields {
  const minutes = input.minutes.trim()
  if (!minutes) throw new DomainError(MeetingErrors.MINUTES_REQUIRED, '请填写会议纪要')
  if (chars(minutes) > MINUTES_MAX)
    throw new DomainError(MeetingErrors.MINUTES_TOO_LONG, `会议纪要不超过 ${MINUTES_MAX} 字`)
  const { households, people } = input
  const whole = (n: number) => Number.isInteger(n) && n >= 0 && n <= ATTENDANCE_MAX
  if (!whole(households) || !whole(people) || households > people)
    throw new DomainError(MeetingErrors.BAD_ATTENDANCE, '请填写参会户数和人数（户数不多于人数）')
  if (closer.photos === false && input.photos.length > 0)
    throw new DomainError(MeetingErrors.PHOTOS_STAFF, '会议照片由本网格工作人员上传')
  checkUploads(
    input.photos,
    { folder: 'meetings', userId: closer.userId, key: closer.meetingId },
    MEETING_PHOTOS_MAX,
    { tooMany: MeetingErrors.TOO_MANY_PHOTOS, invalid: MeetingErrors.PHOTO_INVALID },
  )
  const options = input.options.map((o) => o.trim())
  if (
    options.length > OPTIONS_MAX ||
    options.some((o) => !o || chars(o) > OPTION_MAX) ||
    new Set(options).size !== options.length
  )
    throw new DomainError(
      MeetingErrors.BAD_OPTIONS,
      `决议选项最多 ${OPTIONS_MAX} 个，每个不超过 ${OPTION_MAX} 字，不能重复`,
    )
  return { minutes, attendance: { households, people }, photos: [...input.photos], options }
}

// ── Reminders to write the minutes ──

const DAY_MS = 86_400_000
/** Days after the start at which the organiser is reminded of missing minutes (reminder 1, 2). */
export const REMIND_AFTER_DAYS = [3, 7] as const
export const REMIND_FIRST_MS = REMIND_AFTER_DAYS[0] * DAY_MS

/**
 * The reminder due now (1: three days after the start, 2: seven days), or 0. A meeting still
 * scheduled (no minutes) is reminded once per step; one found late (past 7 days, never reminded)
 * gets the 7-day reminder only, never two at once.
 */
export function reminderDue(
  m: Pick<MeetingRecord, 'status' | 'startsAt' | 'reminded'>,
  now: Date,
): 0 | 1 | 2 {
  if (m.status !== 'scheduled') return 0
  const since = now.getTime() - new Date(m.startsAt).getTime()
  const step = since >= REMIND_AFTER_DAYS[1] * DAY_MS ? 2 : since >= REMIND_FIRST_MS ? 1 : 0
  return step > m.reminded ? step : 0
}

/**
 * Wire contract of volunteer activities (志愿活动) and the volunteer-hours record (志愿服务记录).
 * Pages: activities list / detail (sign up, withdraw, check in), check-in page opened by the on-site
 * code, staff: publish, roster + confirm, check-in code screen, hours export; my volunteer record.
 */
import * as v from 'valibot'
import { defineAction } from '../contract/define'
import { clientRequestId } from '../join/api'

export type ActivityStatus = 'published' | 'cancelled'
/** Where one resident stands with one activity. */
export type SignupStatus = 'signed' | 'withdrawn' | 'checked_in' | 'confirmed'

/** An activity as a list shows it. */
export interface ActivityCard {
  readonly activityId: string
  readonly communityId: string
  readonly title: string
  /** e.g. 彩虹桥·助老服务队 */
  readonly team: string
  readonly place: string
  readonly startAt: string
  readonly endAt: string
  readonly capacity: number
  readonly signedUp: number
  /** Points paid per confirmed attendance. */
  readonly points: number
  /** Volunteer hours credited per confirmed attendance. */
  readonly hours: number
  readonly status: ActivityStatus
  /** 报名中 / 已满员 / 进行中 / 已结束 / 已取消 — computed for the caller's clock. */
  readonly phaseLabel: string
  /** The caller's own sign-up, if any. */
  readonly mine: SignupStatus | null
}

/** What the caller may do now (the detail page's buttons). */
export type ActivityMove = 'signup' | 'withdraw' | 'checkin' | 'manage'

export interface ActivityDetail extends ActivityCard {
  readonly description: string
  readonly moves: readonly ActivityMove[]
  /** Window in which check-in is accepted: opens before the start, closes at the end. */
  readonly checkinFrom: string
  readonly checkinTo: string
  readonly checkedInAt: string | null
  readonly confirmedAt: string | null
  /** 民办: the deliberation topic this activity carries out (opens the topic). */
  readonly topicId: string | null
  /** True when the answer is a retried request: nothing new was written. */
  readonly retried: boolean
}

export interface ActivityPage {
  readonly items: readonly ActivityCard[]
  readonly cursor: string | null
}

/** The on-site check-in code, shown by staff on their phone or printed for the session. */
export interface CheckinCode {
  readonly activityId: string
  /** Short code; the scene of the wxacode is `c=<code>`. Rotating makes the previous one stop working. */
  readonly code: string
  readonly scene: string
  /** 1, 2, … : which rotation this is. */
  readonly session: number
  /** Temporary URL of the wxacode image; null when it could not be made yet (retry by asking again). */
  readonly imageUrl: string | null
  readonly validFrom: string
  readonly validTo: string
}

export interface RosterLine {
  readonly userId: string
  /** Full name: staff confirming attendance need to know who stood there. */
  readonly name: string
  readonly buildingName: string
  readonly status: SignupStatus
  readonly signedAt: string
  readonly checkedInAt: string | null
  readonly confirmedAt: string | null
  readonly confirmedByName: string | null
}

export interface Roster {
  readonly activity: ActivityCard
  readonly lines: readonly RosterLine[]
  /** Counts by status. */
  readonly counts: Readonly<Record<SignupStatus, number>>
}

export interface ConfirmResult {
  readonly roster: Roster
  /** Residents paid now (points + hours recorded by this call). */
  readonly paid: readonly string[]
  /** Residents already confirmed before: nothing new written for them. */
  readonly alreadyPaid: readonly string[]
  /** Residents not checked in (or withdrawn): nothing written, with why. */
  readonly skipped: readonly { readonly userId: string; readonly reason: string }[]
}

/** One line of the volunteer-hours record (志愿服务记录). */
export interface HoursLine {
  readonly activityId: string
  readonly title: string
  readonly team: string
  readonly place: string
  /** The activity's start (the service date). */
  readonly date: string
  readonly hours: number
  readonly points: number
  /** Who confirmed the attendance and the organisation that published it. */
  readonly confirmedByName: string
  readonly organisation: string
  readonly confirmedAt: string
}

export interface MyHours {
  readonly name: string
  readonly communityName: string
  readonly totalHours: number
  readonly count: number
  readonly lines: readonly HoursLine[]
  /** When this record was produced (shown on the printable page). */
  readonly issuedAt: string
}

export interface HoursExport {
  /** Cloud storage file id of the .xlsx and its temporary download URL. */
  readonly fileID: string
  readonly url: string
  readonly fileName: string
  readonly rows: number
}

/** Residents confirmed by one `activity.confirm` call. */
export const CONFIRM_BATCH = 50

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(160))
const iso = v.pipe(v.string(), v.maxLength(40))
const cursor = v.optional(v.pipe(v.string(), v.maxLength(200)))
/** Lengths and ranges are checked by core (ACTIVITY.*) so the form gets a specific code; the schema only bounds the wire. */
const text = (max: number) => v.pipe(v.string(), v.maxLength(max))
const byId = v.strictObject({ activityId: id })

export const activityActions = {
  /**
   * A community admin publishes an activity of their community, optionally for a topic being carried
   * out (linked both ways at once). Idempotent on requestId; text passes content security.
   */
  'activity.publish': defineAction<ActivityDetail>()(
    v.strictObject({
      requestId: clientRequestId,
      communityId: id,
      title: text(60),
      team: text(40),
      description: text(1000),
      place: text(60),
      startAt: iso,
      endAt: iso,
      capacity: v.number(),
      points: v.number(),
      /** Omitted: the activity's length rounded to half hours. */
      hours: v.optional(v.number()),
      /**
       * 民办: published for this deliberation topic of the community, being carried out; the topic
       * gains it in the same transaction (src/core/deliberation/spawn.ts).
       */
      topicId: v.optional(id),
    }),
  ),
  /** A community admin cancels a published activity (signed-up residents are notified); nothing is paid. */
  'activity.cancel': defineAction<ActivityDetail>()(v.strictObject({ activityId: id, reason: text(100) })),
  /**
   * Activities of my community (residents) or of the communities I manage (staff): `upcoming` by start
   * (not yet ended), `past` newest first, `mine` those I signed up for.
   */
  'activity.list': defineAction<ActivityPage>()(
    v.strictObject({ when: v.picklist(['upcoming', 'past', 'mine']), cursor }),
  ),
  'activity.get': defineAction<ActivityDetail>()(byId),
  /** A resident of the activity's community signs up; capacity holds under concurrency (ACTIVITY.FULL). */
  'activity.signup': defineAction<ActivityDetail>()(byId),
  /** Withdraw before the activity starts; the seat is freed. */
  'activity.withdraw': defineAction<ActivityDetail>()(byId),
  /**
   * Staff: the current check-in code (made on first ask); `rotate` starts a new session and the old
   * code stops working.
   */
  'activity.checkinCode': defineAction<CheckinCode>()(
    v.strictObject({ activityId: id, rotate: v.optional(v.boolean()) }),
  ),
  /**
   * A resident checks in with the scanned code (scene `c=<code>` or the code typed) inside the window;
   * not signed up → signed up on the spot while seats remain. Twice → ACTIVITY.ALREADY_CHECKED_IN.
   */
  'activity.checkin': defineAction<ActivityDetail>()(
    v.strictObject({ code: v.pipe(v.string(), v.maxLength(64)) }),
  ),
  /** Staff: who signed up / checked in / was confirmed. */
  'activity.roster': defineAction<Roster>()(byId),
  /**
   * Staff: confirm attendance of checked-in residents: points paid and hours recorded, once each.
   * At most CONFIRM_BATCH per call (one transaction per resident keeps a call well inside the
   * function timeout); the page sends a long roster in batches.
   */
  'activity.confirm': defineAction<ConfirmResult>()(
    v.strictObject({
      activityId: id,
      userIds: v.pipe(v.array(id), v.minLength(1), v.maxLength(CONFIRM_BATCH)),
    }),
  ),
  /** My volunteer-hours record (printable page). */
  'hours.mine': defineAction<MyHours>()(v.strictObject({})),
  /** A community admin exports the community's volunteer-hours record as an Excel (.xlsx) file. */
  'hours.export': defineAction<HoursExport>()(
    v.strictObject({ communityId: id, from: v.optional(iso), to: v.optional(iso) }),
  ),
}

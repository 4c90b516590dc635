/**
 * Volunteer activities (志愿活动) and the volunteer-hours record (志愿服务记录) as stored.
 *
 * - `activities`: one document per activity. `signedUp` counts the seats taken (signed, checked in
 *   or confirmed sign-ups) and is written in the same transaction as every sign-up, withdrawal and
 *   walk-in check-in, so two residents racing for the last seat conflict on it and capacity holds.
 *   `checkinCode` / `checkinSession` are the one pointer to the current on-site code: rotating
 *   moves the pointer, and a code the pointer no longer names stops working.
 * - `activity_signups`: `_id` `${activityId}.${userId}` — one per resident and activity.
 * - `activity_codes`: `_id` = the check-in code → its activity and session (what a scan resolves).
 * - `volunteer_hours`: `_id` `${activityId}.${userId}` — written with the confirmation, never changed.
 */
import type { WithOutbox } from '../effects'
import type { ActivityStatus, SignupStatus } from './api'

export const ACTIVITY_COLLECTIONS = {
  activities: 'activities',
  signups: 'activity_signups',
  codes: 'activity_codes',
  hours: 'volunteer_hours',
} as const

export interface ActivityRecord extends WithOutbox {
  readonly _id: string
  readonly communityId: string
  readonly title: string
  readonly team: string
  readonly description: string
  readonly place: string
  readonly startAt: Date
  readonly endAt: Date
  readonly capacity: number
  /** Seats taken: sign-ups that are signed, checked in or confirmed. */
  readonly signedUp: number
  readonly points: number
  readonly hours: number
  readonly status: ActivityStatus
  /** The publisher and the client request id: unique together, so a retried publish lands once. */
  readonly createdBy: string
  readonly requestId: string
  /** The current check-in code (null until staff first ask for one) and its rotation number. */
  readonly checkinCode: string | null
  readonly checkinSession: number
  readonly cancelReason: string | null
  readonly cancelledAt: Date | null
  readonly cancelledBy: string | null
  /** 民办: linked to the deliberation topic whose decision it carries out (set once, by the topic). */
  readonly topicId?: string | null
  readonly createdAt: Date
  readonly updatedAt: Date
}

export interface SignupRecord {
  readonly _id: string
  readonly activityId: string
  readonly userId: string
  readonly communityId: string
  readonly status: SignupStatus
  readonly signedAt: Date
  /** True when the resident signed up on the spot by checking in. */
  readonly walkIn: boolean
  readonly withdrawnAt: Date | null
  readonly checkedInAt: Date | null
  readonly confirmedAt: Date | null
  readonly confirmedBy: string | null
  readonly confirmedByName: string | null
  /** The ledger transfer of the points (null when the activity pays none). */
  readonly transferId: string | null
}

export interface CheckinCodeRecord {
  readonly _id: string
  readonly activityId: string
  readonly session: number
  readonly createdAt: Date
  readonly createdBy: string
  /** Cloud storage fileID of the wxacode image, once made. */
  readonly imageFileId: string | null
  readonly retiredAt: Date | null
}

export interface HoursRecord {
  readonly _id: string
  readonly userId: string
  readonly communityId: string
  readonly activityId: string
  readonly title: string
  readonly team: string
  readonly place: string
  /** The activity's start. */
  readonly date: Date
  readonly hours: number
  readonly points: number
  readonly confirmedBy: string
  readonly confirmedByName: string
  /** The community that published the activity (its name). */
  readonly organisation: string
  readonly confirmedAt: Date
}

/** Seat-holding statuses: what `signedUp` counts. */
export const HOLDS_SEAT: readonly SignupStatus[] = ['signed', 'checked_in', 'confirmed']

export const SignupStatusLabel: Readonly<Record<SignupStatus, string>> = {
  signed: '已报名',
  withdrawn: '已取消报名',
  checked_in: '已签到',
  confirmed: '已确认',
}

/** The check-in page the wxacode opens (scene `c=<code>`). */
export const CHECKIN_WXACODE = {
  page: 'features/activities/pages/checkin/index',
  width: 430,
  checkPath: false,
} as const

export function checkinImagePath(activityId: string, code: string): string {
  return `activity-codes/${activityId}/${code}.png`
}

export function exportPath(communityId: string, at: Date): string {
  return `exports/hours/${communityId}/${at.getTime()}.xlsx`
}

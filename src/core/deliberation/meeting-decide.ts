/**
 * The deciders of a topic's meeting (议事会): scheduling one, closing or cancelling it, and the
 * organiser's minutes reminders, each with what follows (who is told) as data. Pure: the store
 * writes what they return as one plan (src/core/plan.ts) through the one runner.
 */
import { CouncilRoles } from '../access'
import type { Effect, Notify } from '../effects'
import { DomainError, type ErrorCode } from '../errors'
import { beijingTime, clipThing } from '../notify/templates'
import {
  MeetingErrors,
  MeetingStatusLabel,
  REMIND_AFTER_DAYS,
  type CloseFields,
  type MeetingRecord,
  type ScheduleFields,
} from './meeting'
import { meetingMachine, type MeetingParty } from './meeting-machine'
import type { TopicRecord } from './model'
import { buildingsOf, placeAudience } from './rules'

export interface NewMeetingInput {
  readonly id: string
  readonly requestId: string
  readonly topic: Pick<TopicRecord, '_id' | 'path' | 'buildingIds'>
  readonly organiser: { readonly userId: string; readonly name: string }
  readonly fields: ScheduleFields
  readonly now: Date
}

export interface MeetingOutcome {
  readonly next: MeetingRecord
  readonly effects: readonly Effect[]
}

/** Every household of the topic's place, its grid or its buildings (only those holding a subscription receive it). */
const households = (m: Pick<MeetingRecord, 'path' | 'buildingIds'>) => placeAudience(m)

/**
 * A notice to the households of the topic's place (its grid or its buildings), then to the grid's council (议事会成员, who sit in the meeting whether
 * they live in the grid or not): one `once` group, so a member living there is told once, as a
 * household.
 */
function toGridAndCouncil(
  n: Omit<Notify, 'to' | 'once'>,
  m: Pick<MeetingRecord, 'path' | 'buildingIds'>,
): Notify[] {
  return [
    { ...n, to: households(m), once: n.key },
    { ...n, key: `${n.key}.council`, to: { staff: CouncilRoles, over: m.path }, once: n.key },
  ]
}

/** A scheduled meeting, and its invitation to every household of the topic's place. */
export function newMeeting(i: NewMeetingInput): MeetingOutcome {
  const next: MeetingRecord = {
    _id: i.id,
    topicId: i.topic._id,
    path: i.topic.path,
    buildingIds: buildingsOf(i.topic),
    requestId: i.requestId,
    title: i.fields.title,
    place: i.fields.place,
    startsAt: i.fields.startsAt,
    organiserId: i.organiser.userId,
    organiserName: i.organiser.name,
    status: 'scheduled',
    minutes: null,
    attendance: null,
    photos: [],
    options: [],
    reason: null,
    closedBy: null,
    closedAt: null,
    reminded: 0,
    version: 1,
    createdAt: i.now,
    updatedAt: i.now,
    outbox: [],
    outboxAt: null,
  }
  return {
    next,
    effects: toGridAndCouncil(
      {
        kind: 'notify',
        key: 'meeting.invite',
        except: [i.organiser.userId],
        template: 'meetingInvite',
        data: {
          thing1: { value: clipThing(next.title) },
          time2: { value: beijingTime(next.startsAt) },
          thing3: { value: clipThing(next.place) },
          thing4: { value: '欢迎参加议事会，共商本网格的事' },
        },
        // Not sent once it was cancelled meanwhile.
        onlyIf: { status: 'scheduled' },
      },
      next,
    ),
  }
}

export type MeetingMoveInput =
  | { readonly move: 'close'; readonly fields: CloseFields }
  | { readonly move: 'cancel'; readonly reason: string }

export interface MeetingMover {
  readonly userId: string
  readonly parties: readonly MeetingParty[]
}

/** Close (with the minutes, attendance, photos and options) or cancel (with a reason). */
export function moveMeeting(
  m: MeetingRecord,
  input: MeetingMoveInput,
  by: MeetingMover,
  now: Date,
): MeetingOutcome {
  const started = now.getTime() >= new Date(m.startsAt).getTime()
  const step = meetingMachine.next(m.status, input.move, by.parties, { started })
  if (!step.ok) {
    if (step.code === 'MACHINE.NOT_PARTY') throw new DomainError('AUTH.FORBIDDEN', '您不能办理这个会议')
    if (step.code === 'MACHINE.NO_MOVE')
      throw new DomainError(MeetingErrors.DONE, `会议${MeetingStatusLabel[m.status]}，请刷新`)
    throw new DomainError(step.code as ErrorCode, '会议开始后才能填写纪要')
  }
  const changes: Partial<MeetingRecord> =
    input.move === 'close'
      ? {
          minutes: input.fields.minutes,
          attendance: input.fields.attendance,
          photos: input.fields.photos,
          options: input.fields.options,
        }
      : { reason: input.reason }
  const next: MeetingRecord = {
    ...m,
    ...changes,
    status: step.to,
    closedBy: by.userId,
    closedAt: now,
    version: m.version + 1,
    updatedAt: now,
  }
  const effects: Effect[] =
    input.move === 'cancel' && step.effects.includes('tell')
      ? toGridAndCouncil(
          {
            kind: 'notify',
            key: 'meeting.cancel',
            except: [by.userId],
            template: 'meetingProgress',
            data: {
              thing1: { value: clipThing(m.title) },
              phrase2: { value: MeetingStatusLabel.cancelled },
              thing3: { value: clipThing(input.reason) },
              time4: { value: beijingTime(now) },
            },
          },
          m,
        )
      : []
  return { next, effects }
}

/** The minutes reminder `n` (1: +3 days, 2: +7 days) to the organiser, with the counter written with it. */
export function meetingReminderOf(m: MeetingRecord, n: 1 | 2, now: Date): MeetingOutcome {
  const days = REMIND_AFTER_DAYS[n - 1]
  return {
    next: { ...m, reminded: n, version: m.version + 1, updatedAt: now },
    effects: [
      {
        kind: 'notify',
        key: `meeting.remind${days}`,
        to: { users: [m.organiserId] },
        template: 'meetingProgress',
        data: {
          thing1: { value: clipThing(m.title) },
          phrase2: { value: '待填纪要' },
          thing3: { value: clipThing(`会议已过${days}天，请填写纪要`) },
          time4: { value: beijingTime(now) },
        },
        onlyIf: { status: 'scheduled' },
      },
    ],
  }
}

/**
 * The store of a topic's meetings (议事会, collection `topic_meetings`): it loads, asks core
 * (src/core/deliberation/meeting*.ts) and writes what core decides as plans through the one
 * runner; the invitations, the cancellation and the organiser's minutes reminders ride on the
 * meeting's own outbox (ADR 0019), which the sweep dispatches by itself (its `outbox` index).
 */
import { isoOrNull } from '../../../src/core/china-time'
import type { MeetingCard, MeetingList, MeetingView } from '../../../src/core/deliberation/meeting-api'
import {
  checkClose,
  checkMaySchedule,
  checkSchedule,
  mayAttachPhotos,
  mayOrganise,
  meetingParties,
  MeetingErrors,
  MeetingStatusLabel,
  MeetingSteps,
  REMIND_FIRST_MS,
  reminderDue,
  type MeetingRecord,
} from '../../../src/core/deliberation/meeting'
import {
  meetingReminderOf,
  moveMeeting,
  newMeeting,
  type MeetingMoveInput,
  type MeetingMover,
} from '../../../src/core/deliberation/meeting-decide'
import { meetingMachine } from '../../../src/core/deliberation/meeting-machine'
import { checkReason, mayView } from '../../../src/core/deliberation/rules'
import { entryOf } from '../../../src/core/effects'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import { updatePlan } from '../../../src/core/plan'
import type { Actor } from '../../../src/core/roles'
import { allStored } from '../files'
import { byRequest, isDuplicateKey, newId } from '../ids'
import { jsonLog, type CallContext } from '../kit'
import { nudge } from '../outbox'
import { decideAndRun, runPlan } from '../runner'
import { db } from '../sdk'
import { load as loadTopic, nameOf, visible as visibleTopic } from './deliberation-base'
import { getDoc, withoutId } from './docs'

export const MEETINGS = 'topic_meetings'
/** A topic's meetings listed at once (a topic has a few). */
export const MEETINGS_LISTED = 20

type Check = (text: string) => Promise<void>

const notFound = () => new DomainError(CommonErrorCodes.NOT_FOUND, '会议不存在')

async function load(meetingId: string): Promise<MeetingRecord> {
  const m = await getDoc<MeetingRecord>(MEETINGS, meetingId)
  if (!m) throw notFound()
  return { ...m, _id: meetingId }
}

/** Whoever may see the topic may see its meetings; anyone else is told there is none. */
function visible(actor: Actor, m: MeetingRecord): MeetingRecord {
  if (!mayView(actor, m)) throw notFound()
  return m
}

function cardOf(m: MeetingRecord): MeetingCard {
  return {
    id: m._id,
    topicId: m.topicId,
    title: m.title,
    place: m.place,
    startsAt: new Date(m.startsAt).toISOString(),
    status: m.status,
    statusLabel: MeetingStatusLabel[m.status],
    options: m.options ?? [],
  }
}

function viewOf(actor: Actor, m: MeetingRecord, now: Date, retried = false): MeetingView {
  const started = now.getTime() >= new Date(m.startsAt).getTime()
  return {
    ...cardOf(m),
    organiserName: m.organiserName,
    minutes: m.minutes,
    attendance: m.attendance,
    photos: m.photos,
    options: m.options,
    reason: m.reason,
    closedAt: isoOrNull(m.closedAt),
    can: {
      moves: meetingMachine.movesFor(m.status, meetingParties(actor, m), { started }),
      photos: mayAttachPhotos(actor, m.path),
    },
    me: actor.userId,
    ...(retried ? { retried: true } : {}),
  }
}

// ── Reads ──

export async function get(actor: Actor, meetingId: string, now: Date): Promise<MeetingView> {
  return viewOf(actor, visible(actor, await load(meetingId)), now)
}

/** meeting.list: a topic's meetings, newest first (index `topic_created`). */
export async function list(actor: Actor, topicId: string): Promise<MeetingList> {
  const t = visibleTopic(actor, await loadTopic(topicId))
  const res = await db()
    .collection(MEETINGS)
    .where({ topicId })
    .orderBy('createdAt', 'desc')
    .limit(MEETINGS_LISTED)
    .get()
  return {
    items: (res.data as MeetingRecord[]).map(cardOf),
    canSchedule: mayOrganise(actor, t.path) && MeetingSteps.includes(t.status),
  }
}

// ── Writes ──

/**
 * meeting.schedule: idempotent on requestId (unique organiserId + requestId). The meeting and its
 * invitation (every household of the grid) are one write; the dispatcher records and sends it.
 */
export async function schedule(
  ctx: CallContext,
  input: { topicId: string; requestId: string; place: string; startsAt: string; title?: string },
  now: Date,
  check: Check,
): Promise<MeetingView> {
  const { actor } = ctx
  const stored = () =>
    byRequest<MeetingRecord>(MEETINGS, { organiserId: actor.userId, requestId: input.requestId })
  const earlier = await stored()
  if (earlier) return viewOf(actor, earlier, now, true)
  const t = visibleTopic(actor, await loadTopic(input.topicId))
  checkMaySchedule(actor, t)
  const fields = checkSchedule(input, t.title, now)
  await check(fields.title === t.title ? fields.place : `${fields.title}\n${fields.place}`)
  const { next, effects } = newMeeting({
    id: newId('mt'),
    requestId: input.requestId,
    topic: t,
    organiser: { userId: actor.userId, name: nameOf(ctx) },
    fields,
    now,
  })
  const entry = entryOf('schedule', now, effects)
  try {
    await runPlan(
      {
        writes: [{ op: 'create', collection: MEETINGS, id: next._id, doc: withoutId(next) }],
        ...(entry ? { outbox: { on: { collection: MEETINGS, id: next._id }, entry } } : {}),
      },
      now,
    )
  } catch (err) {
    const again = isDuplicateKey(err) ? await stored() : null
    if (!again) throw err
    return viewOf(actor, again, now, true)
  }
  await nudge(MEETINGS, next._id, now)
  return viewOf(actor, next, now)
}

const moverOf = (actor: Actor, m: MeetingRecord): MeetingMover => ({
  userId: actor.userId,
  parties: meetingParties(actor, m),
})

/** A close or a cancel: core decides on the loaded meeting, the runner writes it on its version. */
async function moveAs(
  actor: Actor,
  meetingId: string,
  input: MeetingMoveInput,
  now: Date,
): Promise<MeetingView> {
  const next = await decideAndRun(
    () => load(meetingId),
    (m) => {
      const { next: after, effects } = moveMeeting(m, input, moverOf(actor, m), now)
      const {
        _id,
        topicId: _t,
        path: _p,
        requestId: _r,
        createdAt: _c,
        outbox: _o,
        outboxAt: _a,
        ...body
      } = after
      // An object replacing a null field is set whole (not merged field by field into the null).
      const set = body.attendance ? { ...body, attendance: db().command.set(body.attendance) } : body
      return {
        plan: updatePlan(
          MEETINGS,
          m._id,
          { version: m.version },
          set,
          entryOf(`v${after.version}`, now, effects),
        ),
        result: after,
      }
    },
    now,
  )
  return viewOf(actor, next, now)
}

/**
 * meeting.close: the minutes, attendance, photos and options. The form's limits and the move itself
 * are checked before anything is sent to content security; the texts pass it (risky → nothing
 * stored), and the photos must be in storage. Photos are uploaded by the staff member closing it,
 * into their own folder for this meeting: staff are the human check (as a staff member's release
 * marks a report's photos checked); there is no image check in content-security.ts.
 */
export async function close(
  ctx: CallContext,
  input: {
    meetingId: string
    minutes: string
    households: number
    people: number
    photos: string[]
    options: string[]
  },
  now: Date,
  check: { minutes: Check; words: Check },
): Promise<MeetingView> {
  const { actor } = ctx
  const m = visible(actor, await load(input.meetingId))
  const fields = checkClose(input, {
    userId: actor.userId,
    meetingId: m._id,
    photos: mayAttachPhotos(actor, m.path),
  })
  const move: MeetingMoveInput = { move: 'close', fields }
  moveMeeting(m, move, moverOf(actor, m), now) // the precise refusal first, before any check is paid for
  await check.minutes(fields.minutes)
  if (fields.options.length > 0) await check.words(fields.options.join('\n'))
  if (!(await allStored(fields.photos)))
    throw new DomainError(MeetingErrors.PHOTO_INVALID, '照片上传未完成，请重新添加')
  return moveAs(actor, m._id, move, now)
}

/** meeting.cancel: with a public reason (content-checked); the invited households are told. */
export async function cancel(
  ctx: CallContext,
  input: { meetingId: string; reason: string },
  now: Date,
  check: Check,
): Promise<MeetingView> {
  const { actor } = ctx
  const m = visible(actor, await load(input.meetingId))
  const move: MeetingMoveInput = { move: 'cancel', reason: checkReason(input.reason, '取消的理由') }
  moveMeeting(m, move, moverOf(actor, m), now)
  await check(move.reason)
  return moveAs(actor, m._id, move, now)
}

// ── The timer ──

/**
 * Meetings whose start passed 3 (and 7) days ago without minutes remind their organiser once per
 * step (index `minutes_due`). The reminder and its counter are one conditional write on the
 * meeting's version, so racing sweeps (or a close meanwhile) remind once.
 */
export async function remindMissingMinutes(now: Date, limit = 20): Promise<number> {
  const _ = db().command
  const res = await db()
    .collection(MEETINGS)
    .where({
      status: 'scheduled',
      startsAt: _.lte(new Date(now.getTime() - REMIND_FIRST_MS)),
      reminded: _.lt(2),
    })
    .orderBy('startsAt', 'asc')
    .limit(limit)
    .get()
  let reminded = 0
  for (const m of res.data as MeetingRecord[]) {
    const n = reminderDue(m, now)
    if (n === 0) continue
    try {
      const { next, effects } = meetingReminderOf(m, n, now)
      const plan = updatePlan(
        MEETINGS,
        m._id,
        { version: m.version },
        { reminded: next.reminded, version: next.version, updatedAt: now },
        entryOf(`remind${n}`, now, effects),
      )
      if (await runPlan(plan, now)) {
        await nudge(MEETINGS, m._id, now)
        reminded += 1
      }
    } catch (err) {
      jsonLog({ level: 'error', what: 'deliberation.meetingReminder', meetingId: m._id, error: String(err) })
    }
  }
  return reminded
}

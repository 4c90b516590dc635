import { chinaDay } from '@core/china-time'
import type { ApiInput } from '@core/api'
import { ActivityErrors } from '@core/activities/errors'
import { errorCopy } from '../../services/error-copy'

/** The publish form as typed: day and times in China time (what the pickers show), numbers as text. */
export interface PublishDraft {
  readonly title: string
  readonly team: string
  readonly description: string
  readonly place: string
  /** YYYY-MM-DD */
  readonly date: string
  /** HH:mm */
  readonly start: string
  readonly end: string
  readonly capacity: string
  readonly points: string
  /** Empty: the function credits the activity's length rounded to half hours. */
  readonly hours: string
}

/** The form's fields that can carry an error line. */
export type PublishField =
  'title' | 'team' | 'description' | 'place' | 'time' | 'capacity' | 'points' | 'hours'
export type PublishProblems = Partial<Record<PublishField, string>>

const chars = (s: string) => [...s.trim()].length

export { chinaDay }

/** The instant of a China day and time, as an ISO string ('' when not a time). */
export function isoOf(date: string, time: string): string {
  const t = Date.parse(`${date}T${time}:00+08:00`)
  return Number.isNaN(t) ? '' : new Date(t).toISOString()
}

/** A fresh form: tomorrow morning 09:00–11:00, 20 seats, 5 points, hours from the length. */
export function freshDraft(now: Date): PublishDraft {
  return {
    title: '',
    team: '',
    description: '',
    place: '',
    date: chinaDay(now, 1),
    start: '09:00',
    end: '11:00',
    capacity: '20',
    points: '5',
    hours: '',
  }
}

const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s.trim()))

/**
 * What is wrong with the form, by field (copy to show under it); empty when it may be sent. The
 * function checks the same rules again and answers ACTIVITY.* codes, placed by `fieldOfCode`.
 */
export function publishProblems(d: PublishDraft, now: Date): PublishProblems {
  const p: PublishProblems = {}
  if (chars(d.title) === 0) p.title = '请填写活动名称'
  else if (chars(d.title) > 60) p.title = '活动名称不超过 60 个字'
  if (chars(d.team) === 0) p.team = '请填写或选择服务队'
  else if (chars(d.team) > 40) p.team = '服务队名称不超过 40 个字'
  if (chars(d.description) > 1000) p.description = '活动介绍不超过 1000 个字'
  if (chars(d.place) === 0) p.place = '请填写活动地点'
  else if (chars(d.place) > 60) p.place = '活动地点不超过 60 个字'
  const start = Date.parse(isoOf(d.date, d.start))
  const end = Date.parse(isoOf(d.date, d.end))
  if (Number.isNaN(start) || Number.isNaN(end)) p.time = '请选择活动日期和时间'
  else if (end <= start) p.time = '结束时间应晚于开始时间'
  else if (start <= now.getTime()) p.time = '开始时间已经过去了，请重新选择'
  const capacity = num(d.capacity)
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 500)
    p.capacity = errorCopy(ActivityErrors.BAD_CAPACITY)
  const points = num(d.points)
  if (!Number.isInteger(points) || points < 0 || points > 100) p.points = '积分应为 0–100 的整数'
  if (d.hours.trim() !== '') {
    const hours = num(d.hours)
    if (!(hours >= 0.5 && hours <= 12 && Number.isInteger(hours * 2)))
      p.hours = '时长为 0.5–12 小时，按半小时计'
  }
  return p
}

/** How the message above the button names each field. */
const FIELD_NAME: Record<PublishField, string> = {
  title: '活动名称',
  team: '服务队',
  description: '活动介绍',
  place: '活动地点',
  time: '活动时间',
  capacity: '名额',
  points: '积分',
  hours: '志愿时长',
}

/** `请修改活动名称、活动地点后再发布`: the fields still wrong, by name; null when none is. */
export function problemsMessage(p: PublishProblems): string | null {
  const names = (Object.keys(FIELD_NAME) as PublishField[]).filter((f) => p[f]).map((f) => FIELD_NAME[f])
  return names.length > 0 ? `请修改${names.join('、')}后再发布` : null
}

/** The problems left once the person edits these draft fields (a time edit clears the time's). */
export function withoutEdited(p: PublishProblems, edited: readonly (keyof PublishDraft)[]): PublishProblems {
  const fields = new Set<string>(
    edited.map((k) => (k === 'date' || k === 'start' || k === 'end' ? 'time' : k)),
  )
  return Object.fromEntries(Object.entries(p).filter(([f]) => !fields.has(f))) as PublishProblems
}

/** Where the function's answer goes on the form (other codes show above the submit button). */
export function fieldOfCode(code: string): PublishField | null {
  switch (code) {
    case ActivityErrors.BAD_TEXT:
      return 'title'
    case ActivityErrors.BAD_TIME:
      return 'time'
    case ActivityErrors.BAD_CAPACITY:
      return 'capacity'
    case ActivityErrors.BAD_REWARD:
      return 'points'
    default:
      return null
  }
}

/**
 * activity.publish's input; an empty description is sent empty, empty hours are omitted; with a
 * topic (民办) the activity is published for it.
 */
export function publishInput(
  d: PublishDraft,
  communityId: string,
  requestId: string,
  topicId?: string,
): ApiInput<'activity.publish'> {
  return {
    ...(topicId ? { topicId } : {}),
    requestId,
    communityId,
    title: d.title.trim(),
    team: d.team.trim(),
    description: d.description.trim(),
    place: d.place.trim(),
    startAt: isoOf(d.date, d.start),
    endAt: isoOf(d.date, d.end),
    capacity: num(d.capacity),
    points: num(d.points),
    ...(d.hours.trim() !== '' ? { hours: num(d.hours) } : {}),
  }
}

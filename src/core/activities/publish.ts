/**
 * What a publish form may hold: its texts, times, seats and reward, checked and trimmed as the store
 * will keep them (or the first reason it may not be: ACTIVITY.BAD_*), and a cancellation's reason.
 */
import { DomainError } from '../errors'
import { ActivityErrors } from './errors'
import { ACTIVITY_RULES, HOUR, MINUTE } from './limits'
import type { ActivityRecord } from './model'

export interface PublishInput {
  readonly title: string
  readonly team: string
  readonly description: string
  readonly place: string
  readonly startAt: string
  readonly endAt: string
  readonly capacity: number
  readonly points: number
  readonly hours?: number | undefined
}

/** The form as the activity will keep it. */
export type CheckedPublish = Pick<
  ActivityRecord,
  'title' | 'team' | 'description' | 'place' | 'startAt' | 'endAt' | 'capacity' | 'points' | 'hours'
>

const badText = (what: string) => new DomainError(ActivityErrors.BAD_TEXT, what)

function textOf(value: string, max: number, label: string, required: boolean): string {
  const t = value.trim()
  if (required && !t) throw badText(`请填写${label}`)
  if ([...t].length > max) throw badText(`${label}不超过 ${max} 个字`)
  return t
}

/** An ISO date string as a Date, or null. */
export function parseDate(value: string | undefined): Date | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value.trim())) return null
  const ms = Date.parse(value.trim())
  return Number.isNaN(ms) ? null : new Date(ms)
}

/** The activity's length in hours, rounded to the nearest half hour, within 0.5–12. */
export function defaultHours(startAt: Date, endAt: Date): number {
  const halves = Math.round((endAt.getTime() - startAt.getTime()) / (HOUR / 2))
  return Math.min(Math.max(halves / 2, ACTIVITY_RULES.hoursMin), ACTIVITY_RULES.hoursMax)
}

export function isValidHours(hours: number): boolean {
  return (
    Number.isFinite(hours) &&
    hours >= ACTIVITY_RULES.hoursMin &&
    hours <= ACTIVITY_RULES.hoursMax &&
    Number.isInteger(hours * 2)
  )
}

/** The publish form as it will be stored, or the first reason it may not be (ACTIVITY.BAD_*). */
export function checkPublish(input: PublishInput, now: Date): CheckedPublish {
  const R = ACTIVITY_RULES
  const title = textOf(input.title, R.titleMax, '活动名称', true)
  const team = textOf(input.team, R.teamMax, '志愿服务队伍', true)
  const place = textOf(input.place, R.placeMax, '活动地点', true)
  const description = textOf(input.description, R.descriptionMax, '活动介绍', false)
  const startAt = parseDate(input.startAt)
  const endAt = parseDate(input.endAt)
  if (!startAt || !endAt || endAt.getTime() <= startAt.getTime()) {
    throw new DomainError(ActivityErrors.BAD_TIME, '结束时间应晚于开始时间')
  }
  if (endAt.getTime() - startAt.getTime() > R.maxLengthHours * HOUR) {
    throw new DomainError(ActivityErrors.BAD_TIME, `活动时长不能超过 ${R.maxLengthHours} 小时`)
  }
  if (startAt.getTime() < now.getTime() - R.graceMinutes * MINUTE) {
    throw new DomainError(ActivityErrors.BAD_TIME, '开始时间已经过去了，请重新选择')
  }
  const capacity = input.capacity
  if (!Number.isInteger(capacity) || capacity < R.capacityMin || capacity > R.capacityMax) {
    throw new DomainError(
      ActivityErrors.BAD_CAPACITY,
      `招募人数应为 ${R.capacityMin}–${R.capacityMax} 的整数`,
    )
  }
  if (!Number.isInteger(input.points) || input.points < 0 || input.points > R.pointsMax) {
    throw new DomainError(ActivityErrors.BAD_REWARD, `积分应为 0–${R.pointsMax} 的整数`)
  }
  const hours = input.hours ?? defaultHours(startAt, endAt)
  if (!isValidHours(hours)) {
    throw new DomainError(
      ActivityErrors.BAD_REWARD,
      `志愿时长应为 ${R.hoursMin}–${R.hoursMax} 小时，以半小时计`,
    )
  }
  return { title, team, description, place, startAt, endAt, capacity, points: input.points, hours }
}

/** A cancellation's reason, trimmed (required). */
export function checkReason(reason: string): string {
  return textOf(reason, ACTIVITY_RULES.reasonMax, '取消原因', true)
}

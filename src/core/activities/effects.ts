/** Who hears about an activity's cancellation, and what they read (src/core/effects.ts), written once. */
import { dayCount, personKey } from '../dashboard/days'
import type { Count, Effect } from '../effects'
import { beijingTime, clipThing } from '../notify/templates'
import type { SignupStatus } from './api'
import type { ActivityRecord } from './model'

/** The sign-ups that hold a seat and are told when the activity is cancelled. */
export const SeatHolding: readonly SignupStatus[] = ['signed', 'checked_in']

/** A cancellation: everyone holding a seat (at most `limit`, the roster's size) is told why. */
export function cancelEffects(
  a: Pick<ActivityRecord, '_id' | 'title' | 'startAt'>,
  reason: string,
  signups: string,
  limit: number,
): Effect[] {
  return [
    {
      kind: 'notify',
      key: 'activity.cancelled',
      to: {
        named: {
          collection: signups,
          match: { activityId: a._id, status: [...SeatHolding] },
          field: 'userId',
          limit,
        },
      },
      template: 'activityCancelled',
      data: {
        thing1: { value: clipThing(a.title) },
        time2: { value: beijingTime(new Date(a.startAt)) },
        thing3: { value: clipThing(reason) },
        thing4: { value: '活动已取消，感谢您的热心参与' },
      },
    },
  ]
}

/**
 * The activities' part of the per-day buckets (src/core/dashboard/days.ts, namespace `a`), in the
 * community's own bucket of the activity's day: `a.held`, activities held (a publish counts one, a
 * cancellation takes it back), and for each confirmed attendance `a.attended`, `a.hours` and
 * `a.people.<key>` (distinct volunteers, by an unreadable key: src/core/dashboard/days.ts personKey).
 */
export function heldCounts(a: Pick<ActivityRecord, 'communityId' | 'startAt'>, n: 1 | -1): Count[] {
  return dayCount({ communityId: a.communityId }, new Date(a.startAt), { 'a.held': n })
}

export function attendanceCounts(
  a: Pick<ActivityRecord, 'communityId' | 'startAt' | 'hours'>,
  userId: string,
): Count[] {
  return dayCount({ communityId: a.communityId }, new Date(a.startAt), {
    'a.attended': 1,
    'a.hours': a.hours,
    [`a.people.${personKey(userId)}`]: 1,
  })
}

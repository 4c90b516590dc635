/**
 * The contract of 民办 and 民评 (and the community's deliberation settings and metrics): staff
 * carry a decision out through work orders and volunteer activities linked to the topic, the
 * households rate the outcome, and staff read the counters.
 */
import * as v from 'valibot'
import { defineAction } from '../contract/define'
import { clientRequestId } from '../join/api'
import type { TopicDetail } from './api'
import { StartTiers, type StartTier } from '../orders/model'
import type { DeliberationConfig } from './carry'
import { Ratings, type Rating } from './model'
import type { TopicStats } from './stats'

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128))

export interface WorkItemView {
  readonly kind: 'order' | 'activity'
  readonly id: string
  readonly title: string
  /** Where it stands, as people say it (已受理, 已办结, 已结束, 已取消 …). */
  readonly state: string
  readonly done: boolean
  /** A cancelled activity no longer counts. */
  readonly counted: boolean
}

/** 民办 · 公示: the plan, who is responsible, and progress derived from the linked items. */
export interface WorkView {
  readonly plan: string
  readonly responsible: string
  readonly items: readonly WorkItemView[]
  readonly done: number
  readonly total: number
  readonly percent: number
  /** Photos of the work's progress or result (file ids; the page turns them into URLs), ≤ 9. */
  readonly photos: readonly string[]
}

export interface EvaluationView {
  readonly round: number
  readonly open: boolean
  readonly closesAt: string
  readonly result: {
    readonly rated: number
    readonly satisfied: number
    readonly basically: number
    readonly unsatisfied: number
    readonly reopened: boolean
    readonly sentence: string
  } | null
  /** My household's rating this round. */
  readonly mine: Rating | null
  /** Staff of the place: the households' comments (no names). */
  readonly comments: readonly string[]
}

export interface RatingReceipt {
  readonly topicId: string
  readonly rating: Rating
  readonly replaced: boolean
}

export interface TopicStatsView extends TopicStats {
  readonly level: 'grid' | 'community'
  readonly placeId: string
  /** Percent of the households that took part in closed votes; null before any. */
  readonly participation: number | null
  /** Percent 满意 or 基本满意 of the outcome ratings; null before any. */
  readonly satisfaction: number | null
}

/** What staff may link when carrying a topic out: the community's categories and its activities. */
export interface WorkOptions {
  readonly categories: readonly { readonly id: string; readonly name: string }[]
  /** Published activities of the community, not linked to a topic, from the last 30 days on. */
  readonly activities: readonly { readonly id: string; readonly title: string; readonly startAt: string }[]
  /** The tiers the caller may file work orders at (their own over the topic's place, or below), grid first. */
  readonly tiers: readonly StartTier[]
}

export const carryActions = {
  /** Staff of the topic's place: what the carry-out form offers. */
  'topic.workOptions': defineAction<WorkOptions>()(v.strictObject({ topicId: id })),
  /**
   * 民办: staff carry a decision out (the first time with the plan and the responsible people):
   * new work orders (a category, what to do, and the tier that should do it: the topic's grid by
   * default, or its community or street for a caller of that tier — `DELIBERATION.BAD_TIER` above
   * their own; they follow the escalation ladder from there) and/or existing volunteer activities of
   * the community, linked both ways. Idempotent on requestId.
   */
  'topic.carry': defineAction<TopicDetail>()(
    v.strictObject({
      topicId: id,
      requestId: clientRequestId,
      plan: v.optional(v.pipe(v.string(), v.maxLength(2000))),
      responsible: v.optional(v.pipe(v.string(), v.maxLength(200))),
      orders: v.optional(
        v.pipe(
          v.array(
            v.strictObject({
              category: id,
              text: v.pipe(v.string(), v.maxLength(1000)),
              tier: v.optional(v.picklist(StartTiers)),
            }),
          ),
          v.maxLength(12),
        ),
        [],
      ),
      activityIds: v.optional(v.pipe(v.array(id), v.maxLength(12)), []),
    }),
  ),
  /**
   * 民办 · 公示: staff over the topic's place add or remove photos of the work while it is carried out
   * or evaluated (≤ 9 in all, each uploaded to their own folder for the topic: `workPhotoPath`).
   * Adding what is shown or removing what is not changes nothing.
   */
  'topic.workPhotos': defineAction<TopicDetail>()(
    v.strictObject({
      topicId: id,
      add: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(400))), v.maxLength(50)), []),
      remove: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(400))), v.maxLength(50)), []),
    }),
  ),
  /** 民评: a household rates the outcome while the evaluation is open; its later rating replaces it. */
  'topic.rate': defineAction<RatingReceipt>()(
    v.strictObject({
      topicId: id,
      rating: v.picklist(Ratings),
      comment: v.optional(v.pipe(v.string(), v.maxLength(400))),
    }),
  ),
  /** Metrics of a grid or a community (staff over it): counters only. */
  'topic.stats': defineAction<TopicStatsView>()(
    v.strictObject({ gridId: v.optional(id), communityId: v.optional(id) }),
  ),
  /** A community's deliberation settings (its staff). */
  'deliberation.config': defineAction<DeliberationConfig>()(v.strictObject({ communityId: id })),
  /** Community admins set the support threshold, the evaluation window and the reopen share. */
  'deliberation.configure': defineAction<DeliberationConfig>()(
    v.strictObject({
      communityId: id,
      supportPct: v.optional(v.number()),
      evaluationDays: v.optional(v.number()),
      reopenPct: v.optional(v.number()),
    }),
  ),
}

/**
 * The deliberation contract (五步议事): topics of a grid, proposing and supporting one, the staff's
 * moves, and household votes.
 */
import * as v from 'valibot'
import { defineAction } from '../contract/define'
import { clientRequestId } from '../join/api'
import { carryActions, type EvaluationView, type WorkView } from './carry-api'
import { commentActions } from './comments-api'
import type { TopicMove } from './machine'
import { meetingActions } from './meeting-api'
import { raiseActions, type SourcesView } from './raise-api'
import {
  TopicSteps,
  BallotChannels,
  BUILDINGS_MAX,
  Choices,
  VoteRules,
  type AreaCount,
  type BallotChoice,
  type OptionCount,
  type TopicStatus,
  type VoteRule,
} from './model'

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128))
const iso = v.pipe(v.string(), v.isoTimestamp())

export interface TopicCard {
  readonly id: string
  readonly title: string
  readonly status: TopicStatus
  readonly statusLabel: string
  readonly placeName: string
  readonly supports: number
  readonly threshold: number
  readonly createdAt: string
}

export interface TopicPage {
  /** The grid whose hall this is, or null for a community's hall. */
  readonly gridId: string | null
  readonly communityId: string
  /** The caller is staff over this hall's place (sees the metrics). */
  readonly staff: boolean
  /** The caller may change the community's deliberation settings (议事设置). */
  readonly canConfigure: boolean
  /** The caller lives in this grid and may raise a topic here. */
  readonly canPropose: boolean
  /** The caller is staff over this grid and may raise a topic from its work orders. */
  readonly canRaise: boolean
  readonly items: readonly TopicCard[]
  readonly cursor: string | null
}

export interface TopicEventView {
  readonly at: string
  readonly what: string
  readonly byName: string
  readonly note: string | null
}

export interface VoteView {
  readonly rule: VoteRule
  readonly ruleLabel: string
  /** The rule in one sentence, shown to voters. */
  readonly ruleSentence: string
  readonly opensAt: string
  readonly closesAt: string
  readonly electorate: number
  /** An option vote's options (a ballot names one by index), or null for yes/no. */
  readonly options: readonly string[] | null
  /** `owners`: a major matter (¾), and the electorate's floor area in m². */
  readonly major: boolean
  readonly area: number | null
  /** Households that have voted so far (a count only). */
  readonly participated: number
  readonly open: boolean
}

export interface ResultView {
  readonly participated: number
  readonly electorate: number
  readonly yes: number
  readonly no: number
  readonly abstain: number
  readonly byChannel: { readonly app: number; readonly paper: number; readonly proxy: number }
  readonly quorumMet: boolean
  /** A yes/no vote passed, or an option vote adopted an option. */
  readonly passed: boolean
  /** Option votes: votes per option, in order, and the adopted one's index (null: none). */
  readonly options: readonly OptionCount[] | null
  readonly adopted: number | null
  /** `owners`: the floor areas counted alongside the households. */
  readonly area: AreaCount | null
  readonly sentence: string
}

export interface TopicDetail extends TopicCard {
  readonly gridId: string
  readonly communityId: string
  /** The caller's id: where their uploads for this topic go (`workPhotoPath(me, id, n)`). */
  readonly me: string
  /** The buildings of the grid the topic concerns (its households support, vote and rate), or null: the whole grid. */
  readonly buildingIds: readonly string[] | null
  readonly text: string
  readonly proposerShown: string
  /** The proposer's photos (file ids) when the caller may see them (./photos.ts), else empty. */
  readonly photos: readonly string[]
  readonly photoCount: number
  /** Raised by staff from work orders: how many, of which categories, and the cells the caller may open. */
  readonly sources: SourcesView | null
  /** Promoted from a suggestion on the wish wall: that wish (its page opens with this id). */
  readonly wishId: string | null
  readonly households: number
  readonly reason: string | null
  readonly decision: string | null
  /** My household supports it. */
  readonly supported: boolean
  readonly vote: VoteView | null
  /** My household's ballot, while the vote runs or after: yes/no/abstain, or an option's index. */
  readonly myBallot: BallotChoice | null
  readonly result: ResultView | null
  /** 民办: the plan, the responsible people and the linked work with its progress. */
  readonly work: WorkView | null
  /** 民评: the households' rating of the outcome. */
  readonly evaluation: EvaluationView | null
  readonly timeline: readonly TopicEventView[]
  /** The moves I may make now (from the topic machine), and whether I may support or vote. */
  readonly can: {
    readonly moves: readonly TopicMove[]
    readonly support: boolean
    readonly vote: boolean
    /** Staff of the place while the vote is open: enter paper ballots and proxy ballots. */
    readonly enter: boolean
    /** Staff of the place: carry the decision out, or add work while it is carried out. */
    readonly carry: boolean
    /** My household may rate the outcome now. */
    readonly rate: boolean
    /** A community admin of the topic's community while it is carried out: publish an activity for it. */
    readonly publishActivity: boolean
    /** Staff of the place while it is carried out or evaluated: add or remove photos of the work. */
    readonly workPhotos: boolean
  }
  readonly retried?: boolean
}

export interface BallotReceipt {
  readonly topicId: string
  readonly choice: BallotChoice
  /** True when this household had voted before: the new ballot replaced it. */
  readonly replaced: boolean
  readonly participated: number
}

export const deliberationActions = {
  ...meetingActions,
  /**
   * The topics of my grid (residents), of a grid I work for (staff, `gridId`) or of a community I
   * work for (`communityId`), newest first, 20 a page; `step` keeps one of the five steps.
   */
  'topic.list': defineAction<TopicPage>()(
    v.strictObject({
      gridId: v.optional(id),
      communityId: v.optional(id),
      step: v.optional(v.picklist(TopicSteps)),
      cursor: v.optional(v.pipe(v.string(), v.maxLength(200))),
    }),
  ),
  'topic.get': defineAction<TopicDetail>()(v.strictObject({ topicId: id })),
  /**
   * 民事民提: a resident raises a topic for their grid (content-checked); their household supports it.
   * `buildingIds`: it concerns these 1..10 buildings of the grid (including the proposer's own),
   * not the whole grid (DELIBERATION.BAD_BUILDINGS, DELIBERATION.OWN_BUILDING).
   */
  'topic.propose': defineAction<TopicDetail>()(
    v.strictObject({
      requestId: clientRequestId,
      title: v.pipe(v.string(), v.maxLength(200)),
      text: v.pipe(v.string(), v.maxLength(4000)),
      buildingIds: v.optional(v.pipe(v.array(id), v.minLength(1), v.maxLength(BUILDINGS_MAX))),
      /** Up to 9 photos uploaded to `topicPhotoPath(me, requestId, n)` (more: DELIBERATION.TOO_MANY_PHOTOS). */
      photos: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(400))), v.maxLength(50)), []),
    }),
  ),
  /** One support per household; enough households put it on the agenda. */
  'topic.support': defineAction<TopicDetail>()(v.strictObject({ topicId: id })),
  /**
   * Staff: confirm, reject (with a public reason), decide (a committee decision), finish (once every
   * linked item is done: the evaluation opens), close_evaluation (after its window: counted); the
   * proposer: withdraw.
   */
  'topic.move': defineAction<TopicDetail>()(
    v.strictObject({
      topicId: id,
      move: v.picklist(['confirm', 'reject', 'withdraw', 'decide', 'finish', 'close_evaluation'] as const),
      reason: v.optional(v.pipe(v.string(), v.maxLength(2000))),
    }),
  ),
  /**
   * Staff: open a household vote with a rule preset and a window; yes/no, or 2..6 options
   * (content-checked; not for `owners`). `owners` fixes the grid's households and their floor
   * area (every household needs one: DELIBERATION.NO_AREA); `major` asks ¾ of both.
   */
  'topic.openVote': defineAction<TopicDetail>()(
    v.strictObject({
      topicId: id,
      rule: v.picklist(VoteRules),
      quorumPct: v.optional(v.number()),
      options: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(100))), v.maxLength(20))),
      major: v.optional(v.boolean()),
      opensAt: iso,
      closesAt: iso,
    }),
  ),
  /** Staff (after the closing time): count the ballots and publish the result. */
  'topic.closeVote': defineAction<TopicDetail>()(v.strictObject({ topicId: id })),
  /**
   * A household's ballot: in the app by a member; on paper or by proxy by staff, naming the
   * household by unit and room (a proxy needs the resident's consent). The last ballot counts.
   * A yes/no vote takes `choice`; an option vote `option` (the index) or `choice: 'abstain'`.
   */
  'ballot.cast': defineAction<BallotReceipt>()(
    v.strictObject({
      topicId: id,
      choice: v.optional(v.picklist(Choices)),
      option: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(99))),
      channel: v.optional(v.picklist(BallotChannels)),
      unitId: v.optional(id),
      room: v.optional(v.pipe(v.string(), v.maxLength(16))),
      consent: v.optional(v.boolean()),
    }),
  ),
  ...carryActions,
  ...commentActions,
  ...raiseActions,
}

/**
 * Five-step deliberation (五步议事 · 一组一会): residents raise a topic (民事民提), it is put on the
 * agenda by staff or by enough households supporting it (确定议题), discussed (民议), decided by a
 * household vote or a recorded committee decision (民决), carried out (民办) and judged (民评).
 * Collection `topics` (one document per topic, its timeline inside), `topic_supports` (one per
 * household and topic) and `ballots` (one per household and topic; the last one cast counts).
 * The topic machine is ./machine.ts; thresholds and the vote presets are ./rules.ts and ./vote.ts.
 */
import type { WithOutbox } from '../effects'

export const TopicStatuses = [
  'proposed',
  'confirmed',
  'rejected',
  'withdrawn',
  'voting',
  'decided',
  'doing',
  'evaluating',
  'evaluated',
] as const
export type TopicStatus = (typeof TopicStatuses)[number]

export const TopicStatusLabel: Readonly<Record<TopicStatus, string>> = {
  proposed: '征集支持',
  confirmed: '已立项',
  rejected: '未立项',
  withdrawn: '已撤回',
  voting: '投票中',
  decided: '已形成决议',
  doing: '实施中',
  evaluating: '评价中',
  evaluated: '已办结',
}

/** The hall's tabs: the five steps (收集议题 … 反馈结果), each a group of statuses. */
export const TopicSteps = ['collect', 'discuss', 'decide', 'do', 'judge'] as const
export type TopicStep = (typeof TopicSteps)[number]
export const TopicStepStatuses: Readonly<Record<TopicStep, readonly TopicStatus[]>> = {
  collect: ['proposed', 'rejected', 'withdrawn'],
  discuss: ['confirmed', 'voting'],
  decide: ['decided'],
  do: ['doing'],
  judge: ['evaluating', 'evaluated'],
}
export const TopicStepLabel: Readonly<Record<TopicStep, string>> = {
  collect: '收集议题',
  discuss: '研究讨论',
  decide: '形成决议',
  do: '民办实施',
  judge: '评价反馈',
}

/** How a vote is decided, chosen when it opens and shown to voters (./vote.ts). */
export const VoteRules = ['residents_meeting', 'simple', 'owners'] as const
export type VoteRule = (typeof VoteRules)[number]

export const Choices = ['yes', 'no', 'abstain'] as const
export type Choice = (typeof Choices)[number]
export const ChoiceLabel: Readonly<Record<Choice, string>> = { yes: '同意', no: '不同意', abstain: '弃权' }
/**
 * A stored ballot's choice: `yes`, `no` or `abstain` on a yes/no vote; an option's index (0-based)
 * or `abstain` on an option vote. Ballots stored before options existed are yes/no.
 */
export type BallotChoice = Choice | number
/** An option vote has 2..6 options of at most 20 characters each. */
export const OPTIONS_MIN = 2
export const OPTIONS_MAX = 6
export const OPTION_TEXT_MAX = 20

/** How a ballot was cast: in the app, on paper at the meeting (entered by staff), or by staff for an elderly resident with consent. */
export const BallotChannels = ['app', 'paper', 'proxy'] as const
export type BallotChannel = (typeof BallotChannels)[number]

export interface TopicPlace {
  readonly streetId: string
  readonly communityId: string
  readonly gridId: string
}

/** A topic may concern 1..10 buildings of its grid instead of the whole grid. */
export const BUILDINGS_MAX = 10
/** Between the grid's name and the buildings' in a topic's `placeName`: `新华社区第1网格 · 3号楼、5号楼`. */
export const PLACE_SEPARATOR = ' · '

/** Where a household lives, as far as a topic's place asks: its grid and its building. */
export interface HouseholdPlace {
  readonly gridId: string
  readonly buildingId?: string | null
}

export interface VoteSpec {
  readonly rule: VoteRule
  /** `simple` only: the share of households that must take part, in percent. */
  readonly quorumPct: number | null
  readonly opensAt: Date
  readonly closesAt: Date
  /** Households of the place when the vote opened: the denominator of participation. */
  readonly electorate: number
  /** An option vote's options, in order (a ballot names one by index); absent or null: yes/no. */
  readonly options?: readonly string[] | null
  /** `owners` only: a listed major matter (Art. 278: ¾ of the participating households and area). */
  readonly major?: boolean
  /** `owners` only: the electorate's total floor area in m², fixed when the vote opens. */
  readonly area?: number | null
  /** When the households were reminded that the vote closes soon (once). */
  readonly remindedAt?: Date | null
}

export interface VoteResult {
  readonly rule: VoteRule
  readonly electorate: number
  readonly participated: number
  readonly yes: number
  readonly no: number
  readonly abstain: number
  readonly byChannel: Readonly<Record<BallotChannel, number>>
  readonly quorumMet: boolean
  /** A yes/no vote passed, or an option vote adopted an option. */
  readonly passed: boolean
  readonly countedAt: Date
  /** Option votes: each option's text and votes, in order (yes and no are 0); absent: yes/no. */
  readonly options?: readonly OptionCount[] | null
  /** Option votes: the adopted option's index, or null when none was. */
  readonly adopted?: number | null
  /** `owners`: a major matter (¾), and the floor areas counted alongside the households. */
  readonly major?: boolean
  readonly area?: AreaCount | null
}

export interface OptionCount {
  readonly text: string
  readonly votes: number
}

/** Floor area in m² (two decimals): the electorate's, and the participating households' by choice. */
export interface AreaCount {
  readonly electorate: number
  readonly participated: number
  readonly yes: number
  readonly no: number
  readonly abstain: number
}

export interface TopicEvent {
  readonly at: Date
  readonly move: string
  /** A user id, or 'system'. */
  readonly by: string
  readonly byName: string
  readonly note?: string
}

/** 民办: one piece of the decided work, linked both ways (the order or activity carries `topicId`). */
export interface WorkLink {
  readonly kind: 'order' | 'activity'
  readonly id: string
  readonly title: string
  readonly at: Date
}

/** 民办 · 公示: what was decided to be done, by whom, and the linked work. */
export interface TopicWork {
  /** 实施方案 and 责任人, public. */
  readonly plan: string
  readonly responsible: string
  readonly items: readonly WorkLink[]
  /**
   * Linked work orders not yet done (closed, or replied as handled): kept by the orders' own
   * effects (a count on this topic, exactly once), so finishing needs no scan.
   */
  readonly ordersLeft: number
  /** The latest end of a linked activity (or when the work began): ready once it passed. */
  readonly readyAfter: Date
  /** The requests that added work (a retried request adds nothing twice). */
  readonly requests: readonly string[]
}

export const Ratings = ['satisfied', 'basically', 'unsatisfied'] as const
export type Rating = (typeof Ratings)[number]
export const RatingLabel: Readonly<Record<Rating, string>> = {
  satisfied: '满意',
  basically: '基本满意',
  unsatisfied: '不满意',
}

export interface EvaluationResult {
  readonly rated: number
  readonly satisfied: number
  readonly basically: number
  readonly unsatisfied: number
  /** 不满意 above the community's share: the topic goes back to the council. */
  readonly reopened: boolean
  readonly countedAt: Date
}

/** 民评: households of the place rate the outcome for a window; round n after n-1 reopenings. */
export interface Evaluation {
  readonly round: number
  readonly opensAt: Date
  readonly closesAt: Date
  /** 不满意 above this share of the ratings (percent) reopens the topic. */
  readonly reopenPct: number
  readonly result: EvaluationResult | null
}

/** Collection `topic_ratings`: one per (topic, round, household); a later rating replaces it. */
export interface RatingRecord {
  readonly _id: string
  readonly topicId: string
  readonly round: number
  readonly householdId: string
  readonly userId: string
  readonly rating: Rating
  readonly comment: string | null
  readonly replaced: number
  readonly ratedAt: Date
}

/**
 * 民事民提 from reports: a work order (issue #15 item 1) a topic was raised from. The order carries
 * `raisedTopicId` back. No text and no reporter here: the order keeps those (staff read it there).
 */
export interface TopicSource {
  readonly kind: 'order'
  readonly id: string
  readonly categoryId: string
  readonly categoryName: string
}

export interface TopicRecord extends WithOutbox {
  readonly _id: string
  readonly requestId: string
  readonly proposerId: string
  /** The proposer's name as others see it (masked, e.g. 王**): topics are public in the grid. */
  readonly proposerShown: string
  readonly path: TopicPlace
  /**
   * The buildings of the grid the topic concerns (its affected place), in name order; absent or
   * null: the whole grid (every topic stored before buildings existed). Who may support, vote and
   * rate is the households of the place; who may see and comment stays the whole grid.
   */
  readonly buildingIds?: readonly string[] | null
  /** The grid's name, and the buildings' when it concerns some: `新华社区第1网格 · 3号楼、5号楼`. */
  readonly placeName: string
  readonly title: string
  readonly text: string
  readonly status: TopicStatus
  /** Households of the place (grid or buildings) when proposed, and the supporting households that put it on the agenda. */
  readonly households: number
  readonly threshold: number
  readonly supports: number
  /** Why it was not put on the agenda (public), or the committee's decision. */
  readonly reason: string | null
  readonly vote: VoteSpec | null
  readonly result: VoteResult | null
  /** A committee decision (no vote): what was decided, recorded with who decided (events). */
  readonly decision: string | null
  /** Photos the proposer attached (file ids, `topicPhotoPath`): others see them once staff looked (./photos.ts). */
  readonly photos?: readonly string[]
  /** A staff member moved the topic on with its photos before them: they are shown to the grid. */
  readonly photosChecked?: boolean
  /** Raised by staff from work orders (./raise.ts): the orders, at most `SOURCES_MAX`. */
  readonly sources?: readonly TopicSource[]
  /** Promoted from a suggestion on the wish wall: the wish (it carries this topic's id as `topicId`). */
  readonly wishId?: string | null
  /** The source orders' reporters: told of the topic's announcements even beyond the grid's households. */
  readonly followerIds?: readonly string[]
  /** 民办: the work the decision spawned (null until it is carried out). */
  readonly work?: TopicWork | null
  /** 民办 · 公示: photos of the work's progress or result (≤ 9, file ids), attached by staff (./spawn.ts). */
  readonly workPhotos?: readonly string[]
  /** 民评: the current (or last) evaluation. */
  readonly evaluation?: Evaluation | null
  readonly version: number
  readonly events: readonly TopicEvent[]
  readonly createdAt: Date
  readonly updatedAt: Date
}

/** Collection `topic_supports`: one per (topic, household), unique. The id is opaque. */
export interface SupportRecord {
  readonly _id: string
  readonly topicId: string
  readonly householdId: string
  readonly userId: string
  readonly createdAt: Date
}

/** Collection `ballots`: one per (topic, household), unique; a household's later ballot replaces it. */
export interface BallotRecord {
  readonly _id: string
  readonly topicId: string
  readonly householdId: string
  readonly choice: BallotChoice
  /** `owners` votes: the household's floor area in m² when the ballot was cast (the count reads it here). */
  readonly area?: number | null
  readonly channel: BallotChannel
  /** Who cast it: the member in the app, or the staff member who entered a paper or proxy ballot. */
  readonly castBy: string
  /** Proxy ballots: the resident consented (a staff member ticked it, logged with who cast it). */
  readonly consent: boolean
  /** How many times this household's ballot was replaced. */
  readonly replaced: number
  readonly castAt: Date
}

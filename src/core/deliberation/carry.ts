/**
 * 民办 and 民评, the pure rules: a decision to act is carried out through linked work orders and
 * volunteer activities; progress is derived from them (never typed by hand); once every item is
 * done the households of the place rate the outcome for a window, and too many 不满意 send the topic
 * back to the council.
 */
import { holdsOver, isStaffOver, type Holder, type Place } from '../access'
import { CommonErrorCodes, DomainError } from '../errors'
import { TierHandlers, TierSupervisors } from '../orders/decide'
import { StartTiers, type StartTier } from '../orders/model'
import { DeliberationErrors } from './errors'
import type { TopicMoveContext } from './machine'
import type { Evaluation, EvaluationResult, Rating, TopicRecord, TopicWork, WorkLink } from './model'

/** At most this many work orders and activities per topic (a topic's work is a short list). */
export const WORK_MAX = 12
export const PLAN_MAX = 1000
export const RESPONSIBLE_MAX = 60
/** With the 【居民议事：…】 prefix (title ≤ 40) it stays within a work order's 500 characters. */
export const ORDER_TEXT_MAX = 400
export const COMMENT_MAX = 200

/** Community settings (collection `deliberation_config`, `_id` = communityId), with their defaults. */
export interface DeliberationConfig {
  /** Supporting households (percent of the place's) that put a topic on the agenda. */
  readonly supportPct: number
  /** Days households have to rate the outcome. */
  readonly evaluationDays: number
  /** 不满意 above this percent of the ratings reopens the topic. */
  readonly reopenPct: number
}

export const DefaultDeliberationConfig: DeliberationConfig = {
  supportPct: 10,
  evaluationDays: 7,
  reopenPct: 30,
}

export const ConfigBounds: Readonly<Record<keyof DeliberationConfig, readonly [number, number]>> = {
  supportPct: [1, 50],
  evaluationDays: [1, 30],
  reopenPct: [10, 90],
}

/** A community's settings, each an integer within its bounds, or DELIBERATION.BAD_CONFIG. */
export function checkConfig(
  input: Partial<DeliberationConfig>,
  base: DeliberationConfig,
): DeliberationConfig {
  const out = { ...base }
  for (const key of Object.keys(ConfigBounds) as (keyof DeliberationConfig)[]) {
    const v = input[key]
    if (v === undefined) continue
    const [lo, hi] = ConfigBounds[key]
    if (!Number.isInteger(v) || v < lo || v > hi)
      throw new DomainError(DeliberationErrors.BAD_CONFIG, `设置超出范围（${lo}–${hi}）`)
    out[key] = v
  }
  return out
}

/** Was it decided to act: a vote that passed, or a committee decision. */
export function adopted(t: Pick<TopicRecord, 'status' | 'result' | 'decision'>): boolean {
  return t.result ? t.result.passed : t.decision !== null
}

/** A linked activity is done once it ended; a cancelled one no longer counts. */
export function activityDone(a: { readonly status: string; readonly endAt: Date }, now: Date): boolean {
  return a.status !== 'cancelled' && new Date(a.endAt).getTime() <= now.getTime()
}

/** Is every linked item done (and is there any): the stored count and the activities' ends. */
export function workDone(work: TopicWork | null | undefined, now: Date): boolean {
  return (
    !!work &&
    work.items.length > 0 &&
    work.ordersLeft <= 0 &&
    new Date(work.readyAfter).getTime() <= now.getTime()
  )
}

/** The machine's context for a topic now (./machine.ts). */
export function contextOf(t: TopicRecord, now: Date): TopicMoveContext {
  const e = t.evaluation
  return {
    voteOver: t.vote !== null && now >= new Date(t.vote.closesAt),
    adopted: adopted(t),
    workDone: workDone(t.work, now),
    evaluationOver: !!e && now >= new Date(e.closesAt),
    dissatisfied: !!e?.result?.reopened,
  }
}

/** A work order as staff ask for it when carrying a topic out: a category, what to do, which tier. */
export interface WorkOrderDraft {
  readonly category: string
  readonly text: string
  readonly tier?: StartTier
}

export interface NewWork {
  readonly orders: readonly { readonly id: string; readonly title: string }[]
  readonly activities: readonly { readonly id: string; readonly title: string; readonly endAt: Date }[]
}

/**
 * The topic's work after adding these items (the first time with its plan and responsible people):
 * items appended, the orders still to do counted up, ready after the latest activity ends.
 */
export function withWork(
  t: Pick<TopicRecord, 'work'>,
  add: NewWork,
  request: string,
  now: Date,
  first?: { readonly plan: string; readonly responsible: string },
): TopicWork {
  const before = t.work ?? null
  const count = add.orders.length + add.activities.length
  if (count === 0) throw new DomainError(DeliberationErrors.BAD_WORK, '请至少安排一项工单或志愿活动')
  if ((before?.items.length ?? 0) + count > WORK_MAX)
    throw new DomainError(DeliberationErrors.BAD_WORK, `一个议题最多关联 ${WORK_MAX} 项工作`)
  const items: WorkLink[] = [
    ...(before?.items ?? []),
    ...add.orders.map((o) => ({ kind: 'order' as const, id: o.id, title: o.title, at: now })),
    ...add.activities.map((a) => ({ kind: 'activity' as const, id: a.id, title: a.title, at: now })),
  ]
  const ends = [before?.readyAfter ?? now, ...add.activities.map((a) => a.endAt)].map((d) =>
    new Date(d).getTime(),
  )
  return {
    plan: first?.plan ?? before?.plan ?? '',
    responsible: first?.responsible ?? before?.responsible ?? '',
    items,
    ordersLeft: (before?.ordersLeft ?? 0) + add.orders.length,
    readyAfter: new Date(Math.max(...ends)),
    requests: [...(before?.requests ?? []), request],
  }
}

/** 民评 opens: round n (after n-1 reopenings), for the community's number of days. */
export function openEvaluation(
  t: Pick<TopicRecord, 'evaluation'>,
  config: DeliberationConfig,
  now: Date,
): Evaluation {
  return {
    round: (t.evaluation?.round ?? 0) + 1,
    opensAt: now,
    closesAt: new Date(now.getTime() + config.evaluationDays * 86_400_000),
    reopenPct: config.reopenPct,
    result: null,
  }
}

/** Is the evaluation open for ratings now? */
export function evaluationOpen(t: Pick<TopicRecord, 'status' | 'evaluation'>, now: Date): boolean {
  const e = t.evaluation
  return t.status === 'evaluating' && !!e && now >= new Date(e.opensAt) && now < new Date(e.closesAt)
}

/**
 * The count of the households' last ratings: 不满意 strictly above `reopenPct`% of the ratings
 * reopens the topic (no rating at all reopens nothing).
 */
export function rate(
  ratings: readonly { readonly rating: Rating }[],
  reopenPct: number,
  countedAt: Date,
): EvaluationResult {
  const n = (r: Rating) => ratings.filter((x) => x.rating === r).length
  const rated = ratings.length
  const unsatisfied = n('unsatisfied')
  return {
    rated,
    satisfied: n('satisfied'),
    basically: n('basically'),
    unsatisfied,
    reopened: rated > 0 && unsatisfied * 100 > reopenPct * rated,
    countedAt,
  }
}

/** The evaluation's result in words. */
export function evaluationSentence(r: EvaluationResult): string {
  const head = `${r.rated} 户参与评价：满意 ${r.satisfied}、基本满意 ${r.basically}、不满意 ${r.unsatisfied}。`
  return r.reopened ? `${head}不满意较多，议题退回议事会重新研究。` : `${head}议题办结。`
}

/** A linked work order's text, with where it came from. */
export function workOrderText(title: string, text: string): string {
  const body = text.trim()
  if (!body || [...body].length > ORDER_TEXT_MAX)
    throw new DomainError(DeliberationErrors.BAD_WORK, `请填写工单内容（不超过 ${ORDER_TEXT_MAX} 字）`)
  return `【居民议事：${title}】${body}`
}

/**
 * The tiers a caller may file a topic's work orders at (民办: "to the right tier"): their own tier
 * over the topic's place or below, that is the tiers whose handlers or supervisors they are there —
 * a grid worker the grid; a community admin the grid or the community; a street admin any of the
 * three. Nobody else files any (an outside department is reached by escalating only).
 */
export function orderTiersFor(h: Holder, place: Place): StartTier[] {
  return StartTiers.filter((t) => holdsOver(h, [...TierHandlers[t], ...TierSupervisors[t]], place))
}

/**
 * May the caller file a work order at `tier` (default the grid) for a topic of `place`: staff over
 * it, else AUTH.FORBIDDEN; at a tier above their own, DELIBERATION.BAD_TIER.
 */
export function checkOrderTier(h: Holder, place: Place, tier: StartTier = 'grid'): StartTier {
  if (!isStaffOver(h, place))
    throw new DomainError(CommonErrorCodes.FORBIDDEN, '只有本网格的工作人员可以安排实施')
  if (!orderTiersFor(h, place).includes(tier))
    throw new DomainError(DeliberationErrors.BAD_TIER, '只能把工单交给本级或下级办理')
  return tier
}

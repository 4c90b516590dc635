/**
 * The pure rules of deliberation: who the caller is to a topic, whose household may support and
 * vote, the support threshold in households, the texts, and a vote's window. The store and the
 * routes only load, save and send.
 */
import { grantOver, isCouncilOf, isStaffOver } from '../access'
import type { Audience } from '../effects'
import { DomainError } from '../errors'
import type { Actor } from '../roles'
import { DeliberationErrors } from './errors'
import type { TopicParty } from './machine'
import {
  BUILDINGS_MAX,
  OPTION_TEXT_MAX,
  OPTIONS_MAX,
  OPTIONS_MIN,
  PLACE_SEPARATOR,
  type BallotChannel,
  type BallotChoice,
  type Choice,
  type HouseholdPlace,
  type TopicPlace,
  type TopicRecord,
  type VoteRule,
  type VoteSpec,
} from './model'

export const TITLE_MAX = 40
export const TEXT_MAX = 1000
export const REASON_MAX = 300
/** Share of the place's households whose support puts a topic on the agenda (民事民提 → 确定议题). */
export const DEFAULT_SUPPORT_PCT = 10
/** A vote lasts at least an hour and at most 30 days. */
export const VOTE_MIN_MS = 3_600_000
export const VOTE_MAX_MS = 30 * 86_400_000

/** The caller's household, its grid and its building (topics, supports and ballots are per household). */
export interface Home {
  readonly householdId: string
  readonly place: TopicPlace
  readonly buildingId: string | null
}

export function homeOf(actor: Actor): Home {
  const g = grantOver(actor, 'resident')
  const s = g?.scope
  if (!s?.householdId || !s.gridId || !s.communityId)
    throw new DomainError(DeliberationErrors.NO_HOUSEHOLD, '请先加入网格')
  return {
    householdId: s.householdId,
    place: { streetId: s.streetId, communityId: s.communityId, gridId: s.gridId },
    buildingId: s.buildingId ?? null,
  }
}

// ── The topic's place: its grid, or 1..10 buildings of it ──

type Placed = Pick<TopicRecord, 'path' | 'buildingIds'>

/** The buildings a topic concerns, or null for the whole grid (topics stored before buildings: null). */
export const buildingsOf = (t: Pick<TopicRecord, 'buildingIds'>): readonly string[] | null =>
  t.buildingIds && t.buildingIds.length > 0 ? t.buildingIds : null

/**
 * Is this household in the topic's place: in its grid and, for a topic of buildings, in one of
 * them. The one test of who may support, vote (app, paper, proxy) and rate; seeing and commenting
 * stay the whole grid's (`mayView`).
 */
export function inTopicPlace(h: HouseholdPlace | null | undefined, t: Placed): boolean {
  if (!h || h.gridId !== t.path.gridId) return false
  const buildings = buildingsOf(t)
  return buildings === null || (!!h.buildingId && buildings.includes(h.buildingId))
}

/** Who the place's households are, in words: 本网格 or 议题涉及楼栋. */
export const placeWord = (t: Pick<TopicRecord, 'buildingIds'>): string =>
  buildingsOf(t) ? '议题涉及楼栋' : '本网格'

/** The caller's household may `what` (支持, 评价…) this topic, or DELIBERATION.OTHER_PLACE. */
export function checkInPlace(home: Home, t: Placed, what: string): void {
  if (!inTopicPlace({ gridId: home.place.gridId, buildingId: home.buildingId }, t))
    throw new DomainError(DeliberationErrors.OTHER_PLACE, `只有${placeWord(t)}的居民户可以${what}`)
}

/** Every household of the topic's place (only those holding a subscription receive a message). */
export function placeAudience(t: Placed): Audience {
  const buildings = buildingsOf(t)
  return { residents: t.path, ...(buildings ? { buildingIds: [...buildings] } : {}), limit: 2000 }
}

/**
 * The buildings a resident proposes a topic for, or null for the whole grid: 1..10 distinct
 * buildings, each found and of the proposer's grid (else DELIBERATION.BAD_BUILDINGS), including the
 * proposer's own (DELIBERATION.OWN_BUILDING: their household is the topic's first supporter). In
 * name order (2号楼 before 10号楼).
 */
export function checkBuildings(
  ids: readonly string[] | undefined,
  found: readonly { readonly _id: string; readonly name: string; readonly gridId: string }[],
  home: Home,
): { id: string; name: string }[] | null {
  if (!ids || ids.length === 0) return null
  const unique = [...new Set(ids)]
  if (unique.length > BUILDINGS_MAX)
    throw new DomainError(DeliberationErrors.BAD_BUILDINGS, `最多选择 ${BUILDINGS_MAX} 栋楼`)
  const chosen = unique.map((id) => found.find((b) => b._id === id))
  if (chosen.some((b) => !b || b.gridId !== home.place.gridId))
    throw new DomainError(DeliberationErrors.BAD_BUILDINGS, '所选楼栋不在本网格，请重新选择')
  if (!home.buildingId || !unique.includes(home.buildingId))
    throw new DomainError(DeliberationErrors.OWN_BUILDING, '所选楼栋须包括您家所在的楼栋')
  return chosen
    .map((b) => ({ id: (b as { _id: string })._id, name: (b as { name: string }).name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true }))
}

/** A topic's place in words: the grid's name, and its buildings' when it concerns some. */
export function topicPlaceName(
  gridName: string,
  buildings: readonly { readonly name: string }[] | null,
): string {
  return buildings && buildings.length > 0
    ? `${gridName}${PLACE_SEPARATOR}${buildings.map((b) => b.name).join('、')}`
    : gridName
}

/** Supporting households needed: `pct`% of the place's households, at least one. */
export function supportThreshold(households: number, pct = DEFAULT_SUPPORT_PCT): number {
  return Math.max(1, Math.ceil((households * pct) / 100))
}

/** The caller's parties to a topic: its proposer, a member of its grid's council, staff over it. */
export function partiesOf(actor: Actor, t: Pick<TopicRecord, 'proposerId' | 'path'>): TopicParty[] {
  const out: TopicParty[] = []
  if (t.proposerId === actor.userId) out.push('proposer')
  if (isCouncilOf(actor, t.path.gridId)) out.push('council')
  if (isStaffOver(actor, t.path)) out.push('staff')
  return out
}

/** May the caller see the topic: a resident of its grid, a member of its council, or staff over it. */
export function mayView(actor: Actor, t: Pick<TopicRecord, 'path'>): boolean {
  if (isStaffOver(actor, t.path) || isCouncilOf(actor, t.path.gridId)) return true
  const g = grantOver(actor, 'resident')
  return g?.scope.gridId === t.path.gridId
}

function textOf(raw: string, max: number, what: string): string {
  const s = raw.trim()
  if (!s || [...s].length > max)
    throw new DomainError(DeliberationErrors.BAD_TEXT, `请填写${what}（不超过 ${max} 字）`)
  return s
}

export function checkTopicText(input: { title: string; text: string }): { title: string; text: string } {
  return { title: textOf(input.title, TITLE_MAX, '议题标题'), text: textOf(input.text, TEXT_MAX, '议题内容') }
}

export function checkReason(raw: string | undefined, what: string): string {
  const s = (raw ?? '').trim()
  if (!s || [...s].length > REASON_MAX)
    throw new DomainError(DeliberationErrors.REASON_REQUIRED, `请填写${what}（不超过 ${REASON_MAX} 字）`)
  return s
}

/** A vote's window, or DELIBERATION.BAD_WINDOW. */
export function checkWindow(opensAt: Date, closesAt: Date, now: Date): void {
  const span = closesAt.getTime() - opensAt.getTime()
  if (
    Number.isNaN(span) ||
    span < VOTE_MIN_MS ||
    span > VOTE_MAX_MS ||
    closesAt.getTime() <= now.getTime() ||
    opensAt.getTime() < now.getTime() - 60_000
  )
    throw new DomainError(DeliberationErrors.BAD_WINDOW, '投票时间应在现在之后，至少 1 小时、至多 30 天')
}

/**
 * May this ballot be cast now: the vote is open, the household lies in the topic's place (its grid,
 * or its buildings), and the channel fits the caster (a member in the app; staff over the place on
 * paper or by proxy, the proxy with the resident's consent).
 */
export function checkBallot(
  t: Pick<TopicRecord, 'status' | 'vote' | 'path' | 'buildingIds'>,
  ballot: { channel: BallotChannel; consent: boolean; household: HouseholdPlace | null },
  caster: { actor: Actor },
  now: Date,
): void {
  const v = t.vote
  if (t.status !== 'voting' || !v || now < new Date(v.opensAt) || now >= new Date(v.closesAt))
    throw new DomainError(DeliberationErrors.VOTE_NOT_OPEN, '不在投票时间内')
  if (ballot.channel !== 'app' && !isStaffOver(caster.actor, t.path))
    throw new DomainError('AUTH.FORBIDDEN', '只有本网格的工作人员可以录入纸质票或代投')
  if (ballot.channel === 'proxy' && !ballot.consent)
    throw new DomainError(DeliberationErrors.NO_CONSENT, '代投需要居民本人同意')
  if (!inTopicPlace(ballot.household, t))
    throw new DomainError(
      ballot.channel === 'app' ? DeliberationErrors.OTHER_PLACE : DeliberationErrors.UNKNOWN_HOUSEHOLD,
      ballot.channel === 'app' ? `只有${placeWord(t)}的居民户可以投票` : `该户不在${placeWord(t)}`,
    )
}

/** A vote's rule: the quorum in percent (`simple`), or null. */
export function checkRule(rule: VoteRule, quorumPct: number | undefined): number | null {
  if (rule !== 'simple') return null
  if (quorumPct === undefined || !Number.isInteger(quorumPct) || quorumPct < 1 || quorumPct > 100)
    throw new DomainError(DeliberationErrors.BAD_WINDOW, '简单多数请填写 1–100 的参加比例')
  return quorumPct
}

/**
 * An option vote's options, trimmed: 2..6 distinct texts of 1..20 characters; none (or an empty
 * list) is a yes/no vote. An owners' decision (Art. 278) approves or rejects one proposal: yes/no only.
 */
export function checkOptions(raw: readonly string[] | undefined, rule: VoteRule): string[] | null {
  if (!raw || raw.length === 0) return null
  const bad = (message: string) => new DomainError(DeliberationErrors.BAD_OPTIONS, message)
  if (rule === 'owners') throw bad('业主共同决定只表决同意或不同意，不设方案')
  const options = raw.map((o) => o.trim())
  if (options.length < OPTIONS_MIN || options.length > OPTIONS_MAX)
    throw bad(`请填写 ${OPTIONS_MIN}–${OPTIONS_MAX} 个方案`)
  if (options.some((o) => !o || [...o].length > OPTION_TEXT_MAX))
    throw bad(`每个方案请填写 1–${OPTION_TEXT_MAX} 个字`)
  if (new Set(options).size !== options.length) throw bad('方案不能重复')
  return options
}

/**
 * A ballot's choice as stored: on a yes/no vote 同意/不同意/弃权; on an option vote an option's
 * index or 弃权. Exactly one of `choice` and `option` is given.
 */
export function checkChoice(
  vote: Pick<VoteSpec, 'options'>,
  input: { readonly choice?: Choice; readonly option?: number },
): BallotChoice {
  const options = vote.options ?? []
  const { choice, option } = input
  if ((choice === undefined) === (option === undefined))
    throw new DomainError(DeliberationErrors.BAD_OPTION, '请选择一个意见：方案或弃权，二者选一')
  if (options.length === 0) {
    if (option !== undefined)
      throw new DomainError(DeliberationErrors.WRONG_BALLOT, '本次投票请选择同意、不同意或弃权')
    return choice as Choice
  }
  if (choice !== undefined && choice !== 'abstain')
    throw new DomainError(DeliberationErrors.WRONG_BALLOT, '本次投票请选择一个方案或弃权')
  if (option === undefined) return 'abstain'
  if (!Number.isInteger(option) || option < 0 || option >= options.length)
    throw new DomainError(DeliberationErrors.BAD_OPTION, `本次投票只有 ${options.length} 个方案`)
  return option
}

/**
 * An owners' decision's electorate: the households of the topic's place (grid or buildings) and
 * their total floor area (m², two decimals). Every household needs its area; a place without
 * households has no area to divide by. `where` names the place (本网格, 议题涉及楼栋).
 */
export function ownersElectorate(
  households: readonly { readonly area?: number | null }[],
  where = '本网格',
): {
  electorate: number
  area: number
} {
  const missing = households.filter((h) => !(typeof h.area === 'number' && h.area > 0)).length
  if (households.length === 0)
    throw new DomainError(DeliberationErrors.NO_AREA, `${where}还没有住户，无法按面积表决`)
  if (missing > 0)
    throw new DomainError(
      DeliberationErrors.NO_AREA,
      `${where}有 ${missing} 户未登记建筑面积，请先登记后再按业主共同决定表决`,
      [{ path: 'missing', message: String(missing) }],
    )
  const centi = households.reduce((s, h) => s + Math.round((h.area as number) * 100), 0)
  return { electorate: households.length, area: centi / 100 }
}

/**
 * The pure rules of deliberation: who the caller is to a topic, whose household may support and
 * vote, the support threshold in households, the texts, and a vote's window. The store and the
 * routes only load, save and send.
 */
import { grantOver, isStaffOver } from '../access'
import { DomainError } from '../errors'
import type { Actor } from '../roles'
import { DeliberationErrors } from './errors'
import type { TopicParty } from './machine'
import type { BallotChannel, TopicPlace, TopicRecord, VoteRule } from './model'

export const TITLE_MAX = 40
export const TEXT_MAX = 1000
export const REASON_MAX = 300
/** Share of the place's households whose support puts a topic on the agenda (民事民提 → 确定议题). */
export const DEFAULT_SUPPORT_PCT = 10
/** A vote lasts at least an hour and at most 30 days. */
export const VOTE_MIN_MS = 3_600_000
export const VOTE_MAX_MS = 30 * 86_400_000

/** The caller's household and its grid (topics, supports and ballots are per household). */
export interface Home {
  readonly householdId: string
  readonly place: TopicPlace
}

export function homeOf(actor: Actor): Home {
  const g = grantOver(actor, 'resident')
  const s = g?.scope
  if (!s?.householdId || !s.gridId || !s.communityId)
    throw new DomainError(DeliberationErrors.NO_HOUSEHOLD, '请先加入网格')
  return {
    householdId: s.householdId,
    place: { streetId: s.streetId, communityId: s.communityId, gridId: s.gridId },
  }
}

/** Supporting households needed: `pct`% of the place's households, at least one. */
export function supportThreshold(households: number, pct = DEFAULT_SUPPORT_PCT): number {
  return Math.max(1, Math.ceil((households * pct) / 100))
}

/** The caller's parties to a topic. */
export function partiesOf(actor: Actor, t: Pick<TopicRecord, 'proposerId' | 'path'>): TopicParty[] {
  const out: TopicParty[] = []
  if (t.proposerId === actor.userId) out.push('proposer')
  if (isStaffOver(actor, t.path)) out.push('staff')
  return out
}

/** May the caller see the topic: a resident of its grid, or staff over it. */
export function mayView(actor: Actor, t: Pick<TopicRecord, 'path'>): boolean {
  if (isStaffOver(actor, t.path)) return true
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

export function checkRule(rule: VoteRule, quorumPct: number | undefined): number | null {
  if (rule === 'residents_meeting') return null
  if (quorumPct === undefined || !Number.isInteger(quorumPct) || quorumPct < 1 || quorumPct > 100)
    throw new DomainError(DeliberationErrors.BAD_WINDOW, '简单多数请填写 1–100 的参加比例')
  return quorumPct
}

/**
 * May this ballot be cast now: the vote is open, the household lies in the topic's grid, and the
 * channel fits the caster (a member in the app; staff over the place on paper or by proxy, the
 * proxy with the resident's consent).
 */
export function checkBallot(
  t: Pick<TopicRecord, 'status' | 'vote' | 'path'>,
  ballot: { channel: BallotChannel; consent: boolean; household: TopicPlace | null },
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
  if (!ballot.household || ballot.household.gridId !== t.path.gridId)
    throw new DomainError(
      ballot.channel === 'app' ? DeliberationErrors.OTHER_PLACE : DeliberationErrors.UNKNOWN_HOUSEHOLD,
      ballot.channel === 'app' ? '只有本网格的居民户可以投票' : '该户不在本网格',
    )
}

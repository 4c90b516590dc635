/**
 * Household votes: the rule presets and the count, computed here from the ballots alone, so a
 * recount from the stored ballots always equals the published result. Results are counts only:
 * never who voted what.
 *
 * - 居民会议 (`residents_meeting`, after the Urban Residents' Committee Organisation Law, Art. 9: one
 *   representative per household): more than half of the households take part, and the proposal
 *   passes by more than half of those taking part (abstentions take part).
 * - 简单多数 (`simple`): at least `quorumPct`% of the households take part, and more agree than
 *   disagree (abstentions take part but are not counted either way).
 * The owners' decision of Civil Code Art. 278 (heads and floor area) needs floor area per household,
 * which households do not carry yet: not offered.
 */
import type { BallotChannel, Choice, VoteResult, VoteRule, VoteSpec } from './model'

export const VoteRuleLabel: Readonly<Record<VoteRule, string>> = {
  residents_meeting: '居民会议规则',
  simple: '简单多数',
}

/** The rule in one sentence, as the ballot page shows it. */
export function ruleSentence(spec: Pick<VoteSpec, 'rule' | 'quorumPct' | 'electorate'>): string {
  if (spec.rule === 'residents_meeting')
    return `本网格 ${spec.electorate} 户中过半数户参加投票，且参加户中过半数同意，即为通过。每户一票。`
  return `本网格 ${spec.electorate} 户中至少 ${spec.quorumPct ?? 0}% 的户参加投票，且同意多于不同意，即为通过。每户一票。`
}

/** How many households must take part for the vote to count. */
export function quorumOf(spec: Pick<VoteSpec, 'rule' | 'quorumPct' | 'electorate'>): number {
  if (spec.rule === 'residents_meeting') return Math.floor(spec.electorate / 2) + 1
  return Math.ceil((spec.electorate * (spec.quorumPct ?? 0)) / 100)
}

/** The count of one household's last ballots. */
export function tally(
  ballots: readonly { readonly choice: Choice; readonly channel: BallotChannel }[],
  spec: Pick<VoteSpec, 'rule' | 'quorumPct' | 'electorate'>,
  countedAt: Date,
): VoteResult {
  const n = (c: Choice) => ballots.filter((b) => b.choice === c).length
  const byChannel = { app: 0, paper: 0, proxy: 0 }
  for (const b of ballots) byChannel[b.channel] += 1
  const participated = ballots.length
  const yes = n('yes')
  const no = n('no')
  const quorumMet = participated >= quorumOf(spec) && participated > 0
  const passed = quorumMet && (spec.rule === 'residents_meeting' ? yes * 2 > participated : yes > no)
  return {
    rule: spec.rule,
    electorate: spec.electorate,
    participated,
    yes,
    no,
    abstain: n('abstain'),
    byChannel,
    quorumMet,
    passed,
    countedAt,
  }
}

/** The published result in words. */
export function resultSentence(r: VoteResult): string {
  const share = r.electorate > 0 ? Math.round((r.participated / r.electorate) * 100) : 0
  const head = `${r.electorate} 户中 ${r.participated} 户参加（${share}%），同意 ${r.yes}、不同意 ${r.no}、弃权 ${r.abstain}。`
  if (!r.quorumMet) return `${head}参加户数不足，表决无效。`
  return `${head}${r.passed ? '表决通过。' : '未获通过。'}`
}

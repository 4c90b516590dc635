/**
 * Household votes: the rule presets and the count, computed here from the ballots alone, so a
 * recount from the stored ballots always equals the published result. Results are counts only:
 * never who voted what.
 *
 * A vote is yes/no (同意/不同意/弃权) or between 2..6 options (one option or 弃权 per household).
 * - 居民会议 (`residents_meeting`, after the Urban Residents' Committee Organisation Law, Art. 9: one
 *   representative per household): more than half of the households take part, and the proposal
 *   (or an option) is chosen by more than half of those taking part (abstentions take part).
 * - 简单多数 (`simple`): at least `quorumPct`% of the households take part; more agree than disagree,
 *   or the option with the most votes is adopted (a tie for first adopts none). Abstentions take
 *   part but are counted for nothing.
 * - 业主共同决定 (`owners`, Civil Code Art. 278; yes/no only): two denominators, households and floor
 *   area (fixed when the vote opens; each ballot carries its household's area). At least 2/3 of the
 *   households AND of the area take part; more than half of the participating households AND of the
 *   participating area agree, or for a major matter (`major`: 使用维修资金, 改建重建…) at least 3/4 of
 *   both. Areas are compared in hundredths of m² (integers), so no boundary is lost to rounding.
 */
import type {
  AreaCount,
  BallotChannel,
  BallotChoice,
  BallotRecord,
  VoteResult,
  VoteRule,
  VoteSpec,
} from './model'
import { ChoiceLabel } from './model'

export const VoteRuleLabel: Readonly<Record<VoteRule, string>> = {
  residents_meeting: '居民会议规则',
  simple: '简单多数',
  owners: '业主共同决定',
}

type Spec = Pick<VoteSpec, 'rule' | 'quorumPct' | 'electorate' | 'options' | 'major' | 'area'>

/** The rule's label, with 重大事项 for a major owners' matter. */
export function ruleLabelOf(spec: Pick<VoteSpec, 'rule' | 'major'>): string {
  return spec.rule === 'owners' && spec.major ? '业主共同决定（重大事项）' : VoteRuleLabel[spec.rule]
}

/** Floor area shown to people: m² with at most two decimals. */
export const m2 = (centi: number) => Math.round(centi) / 100
/** Floor area as counted: hundredths of m², an integer. */
const centi = (area: number | null | undefined) => Math.round((area ?? 0) * 100)

const isOptionVote = (spec: Pick<VoteSpec, 'options'>) => (spec.options?.length ?? 0) > 0

/** The rule in one sentence, as the ballot page shows it; `where` names the place (本网格, 议题涉及楼栋). */
export function ruleSentence(spec: Spec, where = '本网格'): string {
  const n = spec.electorate
  if (spec.rule === 'owners') {
    const pass = spec.major ? '均达四分之三以上同意' : '均过半数同意'
    return `${where} ${n} 户（共 ${m2(centi(spec.area))} 平方米）中参加表决的户数和面积均达三分之二以上，且参加的户数和面积${pass}，即为通过。每户一票。`
  }
  if (isOptionVote(spec)) {
    if (spec.rule === 'residents_meeting')
      return `${where} ${n} 户中过半数户参加投票，且某一方案获参加户过半数选择，即选定该方案。每户选一个方案或弃权。`
    return `${where} ${n} 户中至少 ${spec.quorumPct ?? 0}% 的户参加投票，得票最多的方案即选定（并列第一则不选定）。每户选一个方案或弃权。`
  }
  if (spec.rule === 'residents_meeting')
    return `${where} ${n} 户中过半数户参加投票，且参加户中过半数同意，即为通过。每户一票。`
  return `${where} ${n} 户中至少 ${spec.quorumPct ?? 0}% 的户参加投票，且同意多于不同意，即为通过。每户一票。`
}

/** How many households must take part for the vote to count. */
export function quorumOf(spec: Pick<VoteSpec, 'rule' | 'quorumPct' | 'electorate'>): number {
  if (spec.rule === 'residents_meeting') return Math.floor(spec.electorate / 2) + 1
  if (spec.rule === 'owners') return Math.ceil((spec.electorate * 2) / 3)
  return Math.ceil((spec.electorate * (spec.quorumPct ?? 0)) / 100)
}

/** The option adopted from the votes per option, or null. */
function adoptedOf(rule: VoteRule, votes: readonly number[], participated: number): number | null {
  if (rule === 'simple') {
    const top = Math.max(0, ...votes)
    const first = votes.flatMap((n, i) => (n === top ? [i] : []))
    return top > 0 && first.length === 1 ? (first[0] as number) : null
  }
  const i = votes.findIndex((n) => n * 2 > participated)
  return i >= 0 ? i : null
}

type Counted = Pick<BallotRecord, 'choice' | 'channel'> & { readonly area?: number | null }

/** The count of the households' last ballots (one per household: the store keeps only the last). */
export function tally(ballots: readonly Counted[], spec: Spec, countedAt: Date): VoteResult {
  const n = (c: BallotChoice) => ballots.filter((b) => b.choice === c).length
  const byChannel: Record<BallotChannel, number> = { app: 0, paper: 0, proxy: 0 }
  for (const b of ballots) byChannel[b.channel] += 1
  const participated = ballots.length
  const base = {
    rule: spec.rule,
    electorate: spec.electorate,
    participated,
    abstain: n('abstain'),
    byChannel,
    countedAt,
  }
  const options = spec.options ?? []
  if (options.length > 0) {
    const votes = options.map((_o, i) => n(i))
    const quorumMet = participated > 0 && participated >= quorumOf(spec)
    const adopted = quorumMet ? adoptedOf(spec.rule, votes, participated) : null
    return {
      ...base,
      yes: 0,
      no: 0,
      quorumMet,
      passed: adopted !== null,
      options: options.map((text, i) => ({ text, votes: votes[i] ?? 0 })),
      adopted,
    }
  }
  const yes = n('yes')
  const no = n('no')
  if (spec.rule === 'owners') {
    const areaOf = (c?: BallotChoice) =>
      ballots.filter((b) => c === undefined || b.choice === c).reduce((s, b) => s + centi(b.area), 0)
    const total = centi(spec.area)
    const [pa, ya] = [areaOf(), areaOf('yes')]
    const quorumMet =
      participated > 0 && total > 0 && participated * 3 >= spec.electorate * 2 && pa * 3 >= total * 2
    const agree = (part: number, whole: number) => (spec.major ? part * 4 >= whole * 3 : part * 2 > whole)
    const area: AreaCount = {
      electorate: m2(total),
      participated: m2(pa),
      yes: m2(ya),
      no: m2(areaOf('no')),
      abstain: m2(areaOf('abstain')),
    }
    return {
      ...base,
      yes,
      no,
      quorumMet,
      passed: quorumMet && agree(yes, participated) && agree(ya, pa),
      major: spec.major === true,
      area,
    }
  }
  const quorumMet = participated >= quorumOf(spec) && participated > 0
  const passed = quorumMet && (spec.rule === 'residents_meeting' ? yes * 2 > participated : yes > no)
  return { ...base, yes, no, quorumMet, passed }
}

/** The published result in words: what was adopted, or that nothing was and why. */
export function resultSentence(r: VoteResult): string {
  const share = r.electorate > 0 ? Math.round((r.participated / r.electorate) * 100) : 0
  const opts = r.options ?? []
  if (opts.length > 0) {
    const counts = opts.map((o) => `“${o.text}”${o.votes} 票`).join('、')
    const head = `${r.electorate} 户中 ${r.participated} 户参加（${share}%），${counts}、弃权 ${r.abstain}。`
    if (!r.quorumMet) return `${head}参加户数不足，表决无效，未选定方案。`
    const adopted = r.adopted === null || r.adopted === undefined ? undefined : opts[r.adopted]
    if (adopted) return `${head}选定“${adopted.text}”。`
    if (r.rule !== 'simple') return `${head}没有方案获得参加户过半数，未选定方案。`
    const top = Math.max(...opts.map((o) => o.votes))
    if (top === 0) return `${head}没有方案得票，未选定方案。`
    const tied = opts.filter((o) => o.votes === top).map((o) => `“${o.text}”`)
    return `${head}${tied.join('与')}票数相同并列第一，未选定方案。`
  }
  if (r.rule === 'owners' && r.area) {
    const a = r.area
    const head =
      `${r.electorate} 户（${a.electorate} 平方米）中 ${r.participated} 户（${a.participated} 平方米）参加，` +
      `同意 ${r.yes} 户（${a.yes} 平方米）、不同意 ${r.no} 户（${a.no} 平方米）、弃权 ${r.abstain} 户（${a.abstain} 平方米）。`
    if (!r.quorumMet) return `${head}参加的户数或面积不足三分之二，表决无效。`
    if (r.passed) return `${head}表决通过。`
    return `${head}同意的户数或面积未${r.major ? '达到参加的四分之三' : '超过参加的半数'}，未获通过。`
  }
  const head = `${r.electorate} 户中 ${r.participated} 户参加（${share}%），同意 ${r.yes}、不同意 ${r.no}、弃权 ${r.abstain}。`
  if (!r.quorumMet) return `${head}参加户数不足，表决无效。`
  return `${head}${r.passed ? '表决通过。' : '未获通过。'}`
}

/** A ballot's choice in words: 同意/不同意/弃权, or the option's text. */
export function choiceText(choice: BallotChoice, options: readonly string[] | null | undefined): string {
  if (typeof choice === 'number') return options?.[choice] ?? `方案 ${choice + 1}`
  return ChoiceLabel[choice]
}

/** What a household's ballot cast now makes of its earlier one: the same record, replaced (never a second). */
export function castBallot(
  earlier: BallotRecord | null,
  cast: Omit<BallotRecord, 'replaced' | '_id'> & { readonly newId: string },
): BallotRecord {
  const { newId, ...fields } = cast
  return { ...fields, _id: earlier?._id ?? newId, replaced: earlier ? earlier.replaced + 1 : 0 }
}

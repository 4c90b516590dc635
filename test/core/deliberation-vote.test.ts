/**
 * Household votes with options, and the owners' decision (业主共同决定, Civil Code Art. 278), against
 * expectations worked out by hand: each case's households, areas and votes are written out, and the
 * expected outcome follows from the law's wording, not from the code's arithmetic.
 */
import { ownersElectorate, checkChoice, checkOptions } from '../../src/core/deliberation/rules'
import type { BallotChannel, BallotChoice, BallotRecord } from '../../src/core/deliberation/model'
import { castBallot, resultSentence, ruleSentence, tally } from '../../src/core/deliberation/vote'
import { isDomainError } from '../../src/core/errors'

const T0 = new Date('2026-12-07T02:00:00Z')
const codeOf = (fn: () => unknown) => {
  try {
    const r = fn()
    return r === undefined ? 'ok' : r
  } catch (err) {
    return isDomainError(err) ? err.code : String(err)
  }
}
type B = { choice: BallotChoice; channel: BallotChannel; area?: number }
/** Ballots for options: `votes[i]` households choose option i, then `abstain` households abstain. */
const picks = (votes: number[], abstain = 0): B[] => [
  ...votes.flatMap((n, i) => Array.from({ length: n }, () => ({ choice: i, channel: 'app' as const }))),
  ...Array.from({ length: abstain }, () => ({ choice: 'abstain' as const, channel: 'app' as const })),
]
const THREE = ['充电桩装在3号楼东侧', '5号楼北侧', '不装在楼旁']

describe('居民会议 with options: more than half take part; an option chosen by more than half of them', () => {
  const spec = (electorate: number) => ({
    rule: 'residents_meeting' as const,
    quorumPct: null,
    electorate,
    options: THREE,
  })
  it.each([
    ['exactly half take part: no quorum, nothing adopted', 10, picks([5, 0, 0]), false, null],
    ['6 of 10 take part, 4 choose the first', 10, picks([4, 1, 1]), true, 0],
    ['exactly half of those taking part is not more than half', 10, picks([3, 2, 1]), true, null],
    ['abstentions take part: 3 of 6 is not a majority', 10, picks([3, 0, 0], 3), true, null],
    ['4 of 7 taking part with an abstention', 10, picks([0, 4, 2], 1), true, 1],
    ['a tie for first among 6', 10, picks([3, 3, 0]), true, null],
    ['nobody votes', 10, [], false, null],
    ['no households at all', 0, [], false, null],
  ])('%s', (_n, electorate, bs, quorumMet, adopted) => {
    const r = tally(bs, spec(electorate), T0)
    expect(r).toMatchObject({ quorumMet, adopted, passed: adopted !== null, participated: bs.length })
  })
})

describe('简单多数 with options: the quorum, then the most votes; a tie for first adopts none', () => {
  // 30% of 10 households: 3 must take part.
  const spec = { rule: 'simple' as const, quorumPct: 30, electorate: 10, options: THREE }
  it.each([
    ['the quorum exactly met, a clear first', picks([2, 1, 0]), true, 0],
    ['one short of the quorum', picks([2, 0, 0]), false, null],
    ['a tie for first between two options', picks([1, 2, 2]), true, null],
    ['a tie for first with an abstention', picks([1, 1, 0], 1), true, null],
    ['the last option first, without a majority', picks([1, 0, 2], 1), true, 2],
    ['everyone abstains: no option has a vote', picks([0, 0, 0], 3), true, null],
  ])('%s', (_n, bs, quorumMet, adopted) => {
    expect(tally(bs, spec, T0)).toMatchObject({ quorumMet, adopted })
  })
  it('counts per option, abstentions and channels, counts only; the sentence names the adopted option', () => {
    const bs: B[] = [...picks([2, 1, 0], 1), { choice: 0, channel: 'paper' }, { choice: 1, channel: 'proxy' }]
    const r = tally(bs, spec, T0)
    expect(r.options).toEqual([
      { text: '充电桩装在3号楼东侧', votes: 3 },
      { text: '5号楼北侧', votes: 2 },
      { text: '不装在楼旁', votes: 0 },
    ])
    expect(r).toMatchObject({ abstain: 1, participated: 6, byChannel: { app: 4, paper: 1, proxy: 1 } })
    expect(resultSentence(r)).toBe(
      '10 户中 6 户参加（60%），“充电桩装在3号楼东侧”3 票、“5号楼北侧”2 票、“不装在楼旁”0 票、弃权 1。选定“充电桩装在3号楼东侧”。',
    )
  })
  it('says why none was adopted', () => {
    expect(resultSentence(tally(picks([1, 2, 2]), spec, T0))).toMatch(
      /“5号楼北侧”与“不装在楼旁”票数相同并列第一，未选定方案。$/,
    )
    expect(resultSentence(tally(picks([2]), spec, T0))).toMatch(/参加户数不足，表决无效，未选定方案。$/)
    expect(resultSentence(tally(picks([0, 0, 0], 3), spec, T0))).toMatch(/没有方案得票，未选定方案。$/)
    const rm = { ...spec, rule: 'residents_meeting' as const, quorumPct: null }
    expect(resultSentence(tally(picks([3, 2, 1]), rm, T0))).toMatch(/没有方案获得参加户过半数，未选定方案。$/)
  })
})

describe('业主共同决定: ≥2/3 of households and of area take part; a majority (major: ≥3/4) of both agree', () => {
  /** Ballots of households with these areas: y yes, n no, a abstain, in that order. */
  const owners = (areas: number[], y: number, n: number): B[] =>
    areas.map((area, i) => ({ choice: i < y ? 'yes' : i < y + n ? 'no' : 'abstain', channel: 'app', area }))
  const spec = (electorate: number, area: number, major = false) => ({
    rule: 'owners' as const,
    quorumPct: null,
    electorate,
    area,
    major,
  })
  it.each([
    // 6 households, 100+100+100+100+50+50 = 500 m²: 4 households and 333.34 m² must take part.
    [
      '4 of 6 households, 350 of 500 m²; 3 households, 300 m² agree',
      spec(6, 500),
      owners([100, 100, 100, 50], 3, 1),
      true,
      true,
    ],
    [
      'enough households but 300 of 500 m² (< 2/3)',
      spec(6, 500),
      owners([100, 50, 50, 100], 4, 0),
      false,
      false,
    ],
    ['300 m² but 3 of 6 households (< 2/3)', spec(6, 500), owners([100, 100, 100], 3, 0), false, false],
    [
      'exactly half of the participating households agree',
      spec(6, 500),
      owners([100, 100, 100, 100], 2, 2),
      true,
      false,
    ],
    // 6 households, 120+120+60+60+60+60 = 480 m².
    [
      'a majority of heads (3 of 5) but 180 of 420 m²',
      spec(6, 480),
      owners([60, 60, 60, 120, 120], 3, 2),
      true,
      false,
    ],
    [
      'a majority of area (240 of 360 m²) but 2 of 4 heads',
      spec(6, 480),
      owners([120, 120, 60, 60], 2, 2),
      true,
      false,
    ],
    [
      'abstentions take part: 2 yes, 1 no, 1 abstain of 4 equal flats',
      spec(4, 400),
      owners([100, 100, 100, 100], 2, 1),
      true,
      false,
    ],
    // 2/3 boundaries: 2 of 3 households and 200 of 300 m² is exactly 2/3 of both.
    ['exactly 2/3 of households and of area', spec(3, 300), owners([100, 100], 2, 0), true, true],
    ['0.01 m² short of 2/3 of the area', spec(3, 300.01), owners([100, 100], 2, 0), false, false],
    ['zero floor area never divides: nothing counts', spec(0, 0), [], false, false],
    ['zero total area with ballots: no quorum', spec(2, 0), owners([0, 0], 2, 0), false, false],
  ])('%s', (_n, s, bs, quorumMet, passed) => {
    const r = tally(bs, s, T0)
    expect(r).toMatchObject({ quorumMet, passed })
    expect(resultSentence(r)).not.toMatch(/NaN|Infinity/)
  })
  it.each([
    // Major matter, 4 households 130+90+90+90 = 400 m², all take part: ≥ 3 households and ≥ 300 m² must agree.
    ['3 of 4 households, 310 of 400 m²', owners([130, 90, 90, 90], 3, 1), true],
    ['3 of 4 households but 270 of 400 m²', owners([90, 90, 90, 130], 3, 1), false],
    ['2 of 4 households, 220 m²', owners([130, 90, 90, 90], 2, 2), false],
    ['3 yes and 1 abstention: 3/4 exactly', owners([100, 100, 100, 100], 3, 0), true],
  ])('a major matter: %s', (_n, bs, passed) => {
    const s = spec(4, 400, true)
    expect(tally(bs, s, T0)).toMatchObject({ quorumMet: true, passed, major: true })
  })
  it('counts the areas and says both denominators', () => {
    const r = tally(owners([88.5, 60.25, 100], 2, 1), spec(4, 348.75), T0)
    expect(r.area).toEqual({ electorate: 348.75, participated: 248.75, yes: 148.75, no: 100, abstain: 0 })
    expect(r.passed).toBe(true)
    expect(resultSentence(r)).toBe(
      '4 户（348.75 平方米）中 3 户（248.75 平方米）参加，同意 2 户（148.75 平方米）、不同意 1 户（100 平方米）、弃权 0 户（0 平方米）。表决通过。',
    )
    expect(resultSentence(tally(owners([100, 100], 2, 0), spec(4, 400), T0))).toMatch(
      /不足三分之二，表决无效。$/,
    )
    const major = tally(owners([90, 90, 90, 130], 3, 1), spec(4, 400, true), T0)
    expect(resultSentence(major)).toMatch(/未达到参加的四分之三，未获通过。$/)
  })
  it('fixes the electorate: every household needs its area; none means nothing to count', () => {
    expect(ownersElectorate([{ area: 88.5 }, { area: 60.25 }])).toEqual({ electorate: 2, area: 148.75 })
    expect(ownersElectorate([{ area: 0.1 }, { area: 0.2 }])).toEqual({ electorate: 2, area: 0.3 })
    expect(codeOf(() => ownersElectorate([]))).toBe('DELIBERATION.NO_AREA')
    expect(codeOf(() => ownersElectorate([{ area: 80 }, {}, { area: 0 }]))).toBe('DELIBERATION.NO_AREA')
    try {
      ownersElectorate([{ area: 80 }, {}, { area: 0 }])
    } catch (err) {
      expect(String((err as Error).message)).toContain('2 户未登记')
    }
  })
})

describe('one ballot per household, the last one counts', () => {
  const cast = (
    box: Map<string, BallotRecord>,
    householdId: string,
    choice: BallotChoice,
    channel: BallotChannel,
    castBy: string,
  ) => {
    const next = castBallot(box.get(householdId) ?? null, {
      newId: `bl-${box.size}`,
      topicId: 't',
      householdId,
      choice,
      channel,
      castBy,
      consent: channel === 'proxy',
      castAt: T0,
    })
    box.set(householdId, next)
  }
  const spec = { rule: 'residents_meeting' as const, quorumPct: null, electorate: 5, options: THREE }

  it('two members of a household: one ballot, the later one; a proxy ballot then the member’s own', () => {
    const box = new Map<string, BallotRecord>()
    cast(box, 'h1', 0, 'app', 'member-a')
    cast(box, 'h1', 1, 'app', 'member-b')
    cast(box, 'h2', 0, 'proxy', 'worker')
    cast(box, 'h2', 'abstain', 'app', 'member-c')
    cast(box, 'h3', 1, 'paper', 'worker')
    expect(box.size).toBe(3)
    expect(box.get('h1')).toMatchObject({ _id: 'bl-0', choice: 1, castBy: 'member-b', replaced: 1 })
    expect(box.get('h2')).toMatchObject({
      choice: 'abstain',
      channel: 'app',
      castBy: 'member-c',
      replaced: 1,
    })
    const r = tally([...box.values()], spec, T0)
    // 3 of 5 take part (more than half); option 1 has 2 of 3.
    expect(r).toMatchObject({
      participated: 3,
      abstain: 1,
      adopted: 1,
      byChannel: { app: 2, paper: 1, proxy: 0 },
    })
    expect(r.options?.map((o) => o.votes)).toEqual([0, 2, 0])
  })

  it('the recount of the stored ballots, in any order, equals the published result', () => {
    const box = new Map<string, BallotRecord>()
    ;['h1', 'h2', 'h3', 'h4'].forEach((h, i) => cast(box, h, i % 3, 'app', h))
    cast(box, 'h4', 2, 'paper', 'worker')
    const stored = [...box.values()]
    const published = tally(stored, spec, T0)
    expect(tally([...stored].reverse(), spec, T0)).toEqual(published)
    expect(resultSentence(tally([...stored].reverse(), spec, T0))).toBe(resultSentence(published))
  })
})

describe('a ballot’s choice fits its vote', () => {
  const yesNo = { options: null }
  const two = { options: ['3号楼东侧', '5号楼北侧'] }
  it.each([
    ['yes on a yes/no vote', yesNo, { choice: 'yes' as const }, 'yes'],
    ['an option on a yes/no vote', yesNo, { option: 0 }, 'DELIBERATION.WRONG_BALLOT'],
    ['nothing', yesNo, {}, 'DELIBERATION.BAD_OPTION'],
    [
      'both a choice and an option',
      two,
      { choice: 'abstain' as const, option: 0 },
      'DELIBERATION.BAD_OPTION',
    ],
    ['the second option', two, { option: 1 }, 1],
    ['the first option', two, { option: 0 }, 0],
    ['an option out of range', two, { option: 2 }, 'DELIBERATION.BAD_OPTION'],
    ['abstaining on an option vote', two, { choice: 'abstain' as const }, 'abstain'],
    ['yes on an option vote', two, { choice: 'yes' as const }, 'DELIBERATION.WRONG_BALLOT'],
  ])('%s', (_n, vote, input, want) => {
    expect(codeOf(() => checkChoice(vote, input))).toBe(want)
  })
})

describe('an option vote’s options', () => {
  it.each([
    ['none: a yes/no vote', undefined, 'residents_meeting', null],
    ['an empty list: a yes/no vote', [], 'simple', null],
    ['two, trimmed', [' 3号楼东侧 ', '5号楼北侧'], 'residents_meeting', ['3号楼东侧', '5号楼北侧']],
    ['one only', ['3号楼东侧'], 'simple', 'DELIBERATION.BAD_OPTIONS'],
    ['seven', ['1', '2', '3', '4', '5', '6', '7'], 'simple', 'DELIBERATION.BAD_OPTIONS'],
    ['six', ['1', '2', '3', '4', '5', '6'], 'simple', ['1', '2', '3', '4', '5', '6']],
    ['the same after trimming', ['东侧', ' 东侧'], 'simple', 'DELIBERATION.BAD_OPTIONS'],
    ['an empty one', ['东侧', '  '], 'simple', 'DELIBERATION.BAD_OPTIONS'],
    ['21 characters', ['一'.repeat(21), '东侧'], 'simple', 'DELIBERATION.BAD_OPTIONS'],
    ['20 characters', ['一'.repeat(20), '东侧'], 'simple', ['一'.repeat(20), '东侧']],
    ['options for an owners’ decision', ['东侧', '北侧'], 'owners', 'DELIBERATION.BAD_OPTIONS'],
  ] as const)('%s', (_n, raw, rule, want) => {
    const got = codeOf(() => checkOptions(raw, rule))
    expect(got === 'ok' ? null : got).toEqual(want)
  })
})

describe('the rule in one sentence', () => {
  it.each([
    [
      { rule: 'residents_meeting' as const, quorumPct: null, electorate: 48, options: THREE },
      '本网格 48 户中过半数户参加投票，且某一方案获参加户过半数选择，即选定该方案。每户选一个方案或弃权。',
    ],
    [
      { rule: 'simple' as const, quorumPct: 30, electorate: 48, options: THREE },
      '本网格 48 户中至少 30% 的户参加投票，得票最多的方案即选定（并列第一则不选定）。每户选一个方案或弃权。',
    ],
    [
      { rule: 'owners' as const, quorumPct: null, electorate: 48, area: 4321.5, major: false },
      '本网格 48 户（共 4321.5 平方米）中参加表决的户数和面积均达三分之二以上，且参加的户数和面积均过半数同意，即为通过。每户一票。',
    ],
    [
      { rule: 'owners' as const, quorumPct: null, electorate: 48, area: 4321.5, major: true },
      '本网格 48 户（共 4321.5 平方米）中参加表决的户数和面积均达三分之二以上，且参加的户数和面积均达四分之三以上同意，即为通过。每户一票。',
    ],
    [
      { rule: 'residents_meeting' as const, quorumPct: null, electorate: 48 },
      '本网格 48 户中过半数户参加投票，且参加户中过半数同意，即为通过。每户一票。',
    ],
  ])('%#', (spec, want) => {
    expect(ruleSentence(spec)).toBe(want)
  })
})

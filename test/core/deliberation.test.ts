/**
 * Deliberation's rules (src/core/deliberation), against expectations written by hand from issue #15
 * and the law the presets follow (居委会组织法 Art. 9: more than half of the households take part,
 * more than half of those taking part agree).
 */
import {
  dueForReminder,
  moveTopic,
  newTopic,
  reminderOf,
  type Mover,
} from '../../src/core/deliberation/decide'
import { topicMachine, TopicMoves, TopicParties } from '../../src/core/deliberation/machine'
import { TopicStatuses, type BallotChannel, type Choice } from '../../src/core/deliberation/model'
import {
  checkBallot,
  checkWindow,
  mayView,
  partiesOf,
  supportThreshold,
} from '../../src/core/deliberation/rules'
import { quorumOf, resultSentence, tally } from '../../src/core/deliberation/vote'
import type { Actor } from '../../src/core/roles'
import { GRID, H, T0, codeOf, proposedTopic } from './deliberation-fixtures'

describe('the topic machine: state × move × party', () => {
  // Written out by hand: where each move by each party takes each state (— : not possible).
  // Written out by hand: where each move by each party takes each state (— : not possible).
  // `council`: a member of the topic's grid's residents' council (议事会成员).
  const expected: Record<string, Record<string, Record<string, string>>> = {
    proposed: {
      confirm: { proposer: '—', council: 'confirmed', staff: 'confirmed', system: 'confirmed' },
      reject: { proposer: '—', council: 'rejected', staff: 'rejected', system: '—' },
      withdraw: { proposer: 'withdrawn', council: '—', staff: '—', system: '—' },
      open_vote: { proposer: '—', council: '—', staff: '—', system: '—' },
      close_vote: { proposer: '—', council: '—', staff: '—', system: '—' },
      decide: { proposer: '—', council: '—', staff: '—', system: '—' },
    },
    confirmed: {
      confirm: { proposer: '—', council: '—', staff: '—', system: '—' },
      reject: { proposer: '—', council: '—', staff: '—', system: '—' },
      withdraw: { proposer: '—', council: '—', staff: '—', system: '—' },
      open_vote: { proposer: '—', council: 'voting', staff: 'voting', system: '—' },
      close_vote: { proposer: '—', council: '—', staff: '—', system: '—' },
      decide: { proposer: '—', council: 'decided', staff: 'decided', system: '—' },
    },
    voting: {
      confirm: { proposer: '—', council: '—', staff: '—', system: '—' },
      reject: { proposer: '—', council: '—', staff: '—', system: '—' },
      withdraw: { proposer: '—', council: '—', staff: '—', system: '—' },
      open_vote: { proposer: '—', council: '—', staff: '—', system: '—' },
      // Closing stays with staff (and the timer): whoever opened it, the count is published by them.
      close_vote: { proposer: '—', council: '—', staff: 'decided', system: 'decided' },
      decide: { proposer: '—', council: '—', staff: '—', system: '—' },
    },
    // 民办 / 民评 (guards, asked in ./deliberation-carry.test.ts: carry only a decision to act;
    // finish once the work is done; an evaluation closes to evaluated, or back to confirmed).
    // Carrying out files work orders and links activities: staff only, never the council.
    decided: { carry: { proposer: '—', council: '—', staff: 'doing', system: '—' } },
    doing: {
      add_work: { proposer: '—', council: '—', staff: 'doing', system: '—' },
      finish: { proposer: '—', council: '—', staff: 'evaluating', system: 'evaluating' },
    },
    evaluating: {
      close_evaluation: { proposer: '—', council: '—', staff: 'evaluated', system: 'evaluated' },
    },
  }
  for (const state of TopicStatuses) {
    for (const move of TopicMoves) {
      for (const party of TopicParties) {
        const want = expected[state]?.[move]?.[party] ?? '—'
        it(`${state} · ${move} · ${party} → ${want}`, () => {
          expect(topicMachine.target(state, move, party) ?? '—').toBe(want)
        })
      }
    }
  }
  it('closes a vote only once its closing time passed', () => {
    const ctx = { adopted: false, workDone: false, evaluationOver: false, dissatisfied: false }
    expect(topicMachine.next('voting', 'close_vote', 'staff', { ...ctx, voteOver: false })).toEqual({
      ok: false,
      code: 'DELIBERATION.VOTE_OPEN',
    })
    expect(topicMachine.next('voting', 'close_vote', 'staff', { ...ctx, voteOver: true })).toMatchObject({
      ok: true,
    })
  })
})

describe('the support threshold, in households', () => {
  it.each([
    [0, 10, 1],
    [1, 10, 1],
    [9, 10, 1],
    [10, 10, 1],
    [11, 10, 2],
    [100, 10, 10],
    [101, 10, 11],
    [240, 20, 48],
  ])('%i households at %i%% need %i', (households, pct, need) => {
    expect(supportThreshold(households, pct)).toBe(need)
  })
})

type B = { choice: Choice; channel: BallotChannel }
const ballots = (yes: number, no: number, abstain = 0, channel: BallotChannel = 'app'): B[] => [
  ...Array.from({ length: yes }, () => ({ choice: 'yes' as const, channel })),
  ...Array.from({ length: no }, () => ({ choice: 'no' as const, channel })),
  ...Array.from({ length: abstain }, () => ({ choice: 'abstain' as const, channel })),
]

describe('居民会议: more than half take part, more than half of them agree', () => {
  const spec = (electorate: number) => ({ rule: 'residents_meeting' as const, quorumPct: null, electorate })
  it.each([
    ['exactly half take part: no quorum', 10, ballots(5, 0), false, false],
    ['one more than half take part and all agree', 10, ballots(6, 0), true, true],
    ['a tie among those taking part fails', 10, ballots(3, 3), true, false],
    ['abstentions take part and count against a majority', 10, ballots(3, 1, 2), true, false],
    ['a majority with abstentions', 10, ballots(4, 1, 1), true, true],
    ['nobody votes', 10, [], false, false],
    ['no households at all', 0, [], false, false],
    ['an odd electorate: 4 of 7 is more than half', 7, ballots(3, 1), true, true],
  ])('%s', (_n, electorate, bs, quorumMet, passed) => {
    expect(tally(bs, spec(electorate), T0)).toMatchObject({ quorumMet, passed, participated: bs.length })
  })
  it('needs floor(n/2)+1 households', () => {
    expect([0, 1, 2, 9, 10, 11].map((n) => quorumOf(spec(n)))).toEqual([1, 1, 2, 5, 6, 6])
  })
})

describe('简单多数 with a quorum in percent', () => {
  const spec = (electorate: number, quorumPct: number) => ({ rule: 'simple' as const, quorumPct, electorate })
  it.each([
    ['the quorum exactly met, more yes than no', 10, 30, ballots(2, 1), true, true],
    ['one short of the quorum', 10, 30, ballots(2, 0), false, false],
    ['a tie fails', 10, 20, ballots(1, 1), true, false],
    ['abstentions count toward the quorum, not the result', 10, 30, ballots(1, 0, 2), true, true],
    ['a quorum of 25% of 10 households is 3', 10, 25, ballots(2, 0), false, false],
  ])('%s', (_n, electorate, pct, bs, quorumMet, passed) => {
    expect(tally(bs, spec(electorate, pct), T0)).toMatchObject({ quorumMet, passed })
  })
})

describe('the count', () => {
  it('counts by channel and says the result in words, counts only', () => {
    const r = tally(
      [...ballots(3, 0, 0, 'app'), ...ballots(1, 1, 0, 'paper'), ...ballots(1, 0, 0, 'proxy')],
      { rule: 'residents_meeting', quorumPct: null, electorate: 10 },
      T0,
    )
    expect(r.byChannel).toEqual({ app: 3, paper: 2, proxy: 1 })
    expect(resultSentence(r)).toBe('10 户中 6 户参加（60%），同意 5、不同意 1、弃权 0。表决通过。')
  })
  it('a recount of the same ballots in any order equals the result', () => {
    const bs = [...ballots(7, 4, 2, 'app'), ...ballots(2, 1, 0, 'paper')]
    const spec = { rule: 'residents_meeting' as const, quorumPct: null, electorate: 20 }
    expect(tally([...bs].reverse(), spec, T0)).toEqual(tally(bs, spec, T0))
  })
})

describe('who may cast a ballot, and when', () => {
  const voting = {
    status: 'voting' as const,
    path: GRID,
    vote: {
      rule: 'residents_meeting' as const,
      quorumPct: null,
      opensAt: T0,
      closesAt: new Date(T0.getTime() + 24 * H),
      electorate: 10,
    },
  }
  const worker: Actor = { userId: 'w', grants: [{ role: 'grid_worker', scope: GRID }] }
  const resident: Actor = {
    userId: 'r',
    grants: [{ role: 'resident', scope: { ...GRID, householdId: 'h1' } }],
  }
  const councillor: Actor = { userId: 'k', grants: [{ role: 'council_member', scope: GRID }] }
  const at = (h: number) => new Date(T0.getTime() + h * H)
  it.each([
    ['a member in the app, during the vote', resident, 'app', false, GRID, at(1), 'ok'],
    ['before it opens', resident, 'app', false, GRID, at(-1), 'DELIBERATION.VOTE_NOT_OPEN'],
    ['at the closing time', resident, 'app', false, GRID, at(24), 'DELIBERATION.VOTE_NOT_OPEN'],
    [
      'a household of another grid',
      resident,
      'app',
      false,
      { ...GRID, gridId: 'g2' },
      at(1),
      'DELIBERATION.OTHER_PLACE',
    ],
    ['staff entering a paper ballot', worker, 'paper', false, GRID, at(1), 'ok'],
    ['a resident entering a paper ballot', resident, 'paper', false, GRID, at(1), 'AUTH.FORBIDDEN'],
    ['a council member entering a paper ballot', councillor, 'paper', false, GRID, at(1), 'AUTH.FORBIDDEN'],
    ['a council member casting a proxy ballot', councillor, 'proxy', true, GRID, at(1), 'AUTH.FORBIDDEN'],
    ['a proxy ballot with consent', worker, 'proxy', true, GRID, at(1), 'ok'],
    ['a proxy ballot without consent', worker, 'proxy', false, GRID, at(1), 'DELIBERATION.NO_CONSENT'],
    [
      'a paper ballot of an unknown household',
      worker,
      'paper',
      false,
      null,
      at(1),
      'DELIBERATION.UNKNOWN_HOUSEHOLD',
    ],
  ] as const)('%s', (_n, actor, channel, consent, household, now, want) => {
    expect(codeOf(() => checkBallot(voting, { channel, consent, household }, { actor }, now))).toBe(want)
  })
  it('a closed topic takes no ballot', () => {
    expect(
      codeOf(() =>
        checkBallot(
          { ...voting, status: 'decided' },
          { channel: 'app', consent: false, household: GRID },
          { actor: resident },
          at(1),
        ),
      ),
    ).toBe('DELIBERATION.VOTE_NOT_OPEN')
  })
  it.each([
    ['an hour from now', 0, 1, 'ok'],
    ['shorter than an hour', 0, 0.5, 'DELIBERATION.BAD_WINDOW'],
    ['longer than 30 days', 0, 24 * 31, 'DELIBERATION.BAD_WINDOW'],
    ['opening in the past', -2, 1, 'DELIBERATION.BAD_WINDOW'],
  ])('a vote window %s', (_n, open, close, want) => {
    expect(codeOf(() => checkWindow(at(open), at(open + close), T0))).toBe(want)
  })
})

describe('moving a topic', () => {
  const topic = proposedTopic
  const staff: Mover = { kind: 'person', userId: 'w', name: '网格员', parties: ['staff'] }
  it('a new topic needs 10% of the households and shows its proposer masked', () => {
    expect(topic()).toMatchObject({ status: 'proposed', threshold: 4, supports: 1, proposerShown: '王**' })
  })
  it('a rejection carries its public reason, tells the supporters, and bumps the version', () => {
    const { next, effects } = moveTopic(topic(), { move: 'reject', reason: '属于物业职责' }, staff, T0)
    expect(next).toMatchObject({ status: 'rejected', reason: '属于物业职责', version: 2 })
    expect(next.events.at(-1)).toMatchObject({ move: 'reject', by: 'w', note: '属于物业职责' })
    expect(effects).toEqual([
      expect.objectContaining({
        kind: 'notify',
        key: 'topic.reject.v2',
        to: {
          named: { collection: 'topic_supports', match: { topicId: 'tp1' }, field: 'userId', limit: 1000 },
        },
        except: ['w'],
        template: 'topicProgress',
      }),
    ])
  })
  it('putting it on the agenda tells every household of the grid', () => {
    const { effects: all } = moveTopic(topic(), { move: 'confirm' }, { kind: 'system' }, T0)
    // (the metrics' counts come first: ./deliberation-carry.test.ts)
    const effects = all.filter((e) => e.kind === 'notify')
    expect(effects).toEqual([
      expect.objectContaining({
        key: 'topic.confirm.v2',
        to: { residents: GRID, limit: 2000 },
        template: 'topicProgress',
      }),
    ])
    expect(effects[0]).not.toHaveProperty('except')
  })

  it('the proposer cannot confirm their own topic, and a withdrawn one tells nobody', () => {
    const proposer: Mover = { kind: 'person', userId: 'r', name: '王秀英', parties: ['proposer'] }
    expect(codeOf(() => moveTopic(topic(), { move: 'confirm' }, proposer, T0))).toBe('AUTH.FORBIDDEN')
    expect(moveTopic(topic(), { move: 'withdraw' }, proposer, T0).effects).toEqual([])
    expect(codeOf(() => moveTopic(topic({ status: 'decided' }), { move: 'confirm' }, staff, T0))).toBe(
      'DELIBERATION.BAD_STEP',
    )
  })
})

describe('who the caller is to a topic (the council: 议事会成员 of its grid)', () => {
  const t = { proposerId: 'r', path: GRID }
  const grid2 = { ...GRID, gridId: 'g2' }
  const who = (userId: string, ...grants: Actor['grants']): Actor => ({ userId, grants })
  it.each<[string, Actor, string[], boolean]>([
    [
      'its proposer, a resident',
      who('r', { role: 'resident', scope: { ...GRID, householdId: 'h1' } }),
      ['proposer'],
      true,
    ],
    [
      'a resident of the grid',
      who('x', { role: 'resident', scope: { ...GRID, householdId: 'h2' } }),
      [],
      true,
    ],
    ['a member of the grid’s council', who('k', { role: 'council_member', scope: GRID }), ['council'], true],
    [
      'the secretary, living in the grid (a title: the same party)',
      who(
        'y',
        { role: 'resident', scope: { ...GRID, householdId: 'h3' } },
        { role: 'council_member', scope: GRID, title: '党支部书记' },
      ),
      ['council'],
      true,
    ],
    ['a member of another grid’s council', who('k2', { role: 'council_member', scope: grid2 }), [], false],
    ['the grid worker', who('w', { role: 'grid_worker', scope: GRID }), ['staff'], true],
    [
      'a council member who proposed it',
      who(
        'r',
        { role: 'resident', scope: { ...GRID, householdId: 'h1' } },
        { role: 'council_member', scope: GRID },
      ),
      ['proposer', 'council'],
      true,
    ],
  ])('%s', (_n, actor, parties, sees) => {
    expect(partiesOf(actor, t)).toEqual(parties)
    expect(mayView(actor, t)).toBe(sees)
  })
})

describe('the council moving a topic', () => {
  const topic = proposedTopic
  const council: Mover = { kind: 'person', userId: 'k', name: '杨丽华', parties: ['council'] }
  it('confirms, with the grid told and the member named on the timeline', () => {
    const { next, effects } = moveTopic(topic(), { move: 'confirm' }, council, T0)
    expect(next).toMatchObject({ status: 'confirmed', version: 2 })
    expect(next.events.at(-1)).toMatchObject({ move: 'confirm', by: 'k', byName: '杨丽华' })
    expect(effects.filter((e) => e.kind === 'notify')).toEqual([
      expect.objectContaining({
        key: 'topic.confirm.v2',
        to: { residents: GRID, limit: 2000 },
        except: ['k'],
      }),
    ])
  })
  it('records a committee decision with who decided', () => {
    const { next } = moveTopic(
      topic({ status: 'confirmed' }),
      { move: 'decide', decision: '同意安装' },
      council,
      T0,
    )
    expect(next).toMatchObject({ status: 'decided', decision: '同意安装' })
    expect(next.events.at(-1)).toMatchObject({ move: 'decide', by: 'k', note: '同意安装' })
  })
  it('neither closes a vote nor carries a decision out (staff do)', () => {
    const over = new Date(T0.getTime() + 48 * H)
    const voting = topic({
      status: 'voting',
      vote: {
        rule: 'residents_meeting',
        quorumPct: null,
        opensAt: T0,
        closesAt: new Date(T0.getTime() + H),
        electorate: 40,
      },
    })
    const result = tally([], voting.vote!, over)
    expect(codeOf(() => moveTopic(voting, { move: 'close_vote', result }, council, over))).toBe(
      'AUTH.FORBIDDEN',
    )
    const work = {
      plan: '安装',
      people: '物业',
      orderIds: [],
      activityIds: [],
      requests: [],
      ordersLeft: 0,
      readyAfter: null,
    }
    expect(
      codeOf(() =>
        moveTopic(
          topic({ status: 'decided', decision: '同意' }),
          { move: 'carry', work } as never,
          council,
          T0,
        ),
      ),
    ).toBe('AUTH.FORBIDDEN')
  })
})

describe('the "closing soon" reminder', () => {
  const vote = (openH: number, closeH: number, remindedAt: Date | null = null) => ({
    status: 'voting' as const,
    vote: {
      rule: 'residents_meeting' as const,
      quorumPct: null,
      opensAt: new Date(T0.getTime() + openH * H),
      closesAt: new Date(T0.getTime() + closeH * H),
      electorate: 10,
      remindedAt,
    },
  })
  it.each([
    ['a 3-day vote with 20 hours left', vote(-52, 20), true],
    ['a 3-day vote with exactly 24 hours left', vote(-48, 24), true],
    ['a 3-day vote with 30 hours left', vote(-42, 30), false],
    ['a vote already reminded', vote(-52, 20, T0), false],
    ['a one-day vote (its opening message is recent)', vote(-4, 20), false],
    ['a vote past its closing time', vote(-72, 0), false],
  ])('%s → %s', (_n, t, due) => {
    expect(dueForReminder(t, T0)).toBe(due)
  })
  it('tells every household of the grid when it closes, once (recorded on the vote)', () => {
    const t = {
      ...newTopic({
        id: 'tp9',
        requestId: 'req-00009',
        proposer: { userId: 'r', name: '王秀英' },
        place: GRID,
        placeName: '第一网格',
        title: '议题',
        text: '内容',
        households: 10,
        now: T0,
      }),
      ...vote(-52, 20),
    }
    const { next, effects } = reminderOf(t, T0)
    expect(next.vote?.remindedAt).toEqual(T0)
    expect(dueForReminder(next, T0)).toBe(false)
    expect(effects).toEqual([
      expect.objectContaining({
        key: `topic.closing.v${next.version}`,
        to: { residents: GRID, limit: 2000 },
      }),
    ])
  })
})

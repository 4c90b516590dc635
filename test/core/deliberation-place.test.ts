/**
 * A topic's place (issue #15 items 1, 2 and 4): its grid, or 1..10 buildings of it. Who may support,
 * vote and rate is the households of the place; who may see and comment stays the whole grid. Written
 * out by hand: household × topic place, thresholds over the buildings' households, and who is told.
 */
import { moveTopic, newTopic, reminderOf, type Mover } from '../../src/core/deliberation/decide'
import { newMeeting } from '../../src/core/deliberation/meeting-decide'
import type { HouseholdPlace, TopicRecord } from '../../src/core/deliberation/model'
import {
  checkBallot,
  checkBuildings,
  checkInPlace,
  inTopicPlace,
  mayView,
  ownersElectorate,
  placeAudience,
  supportThreshold,
  topicPlaceName,
  type Home,
} from '../../src/core/deliberation/rules'
import { ruleSentence } from '../../src/core/deliberation/vote'
import type { Actor } from '../../src/core/roles'
import { isDomainError } from '../../src/core/errors'
import { GRID, H, T0, codeOf } from './deliberation-fixtures'

const topic = (buildingIds: readonly string[] | null | undefined, over: Partial<TopicRecord> = {}) => {
  const t = newTopic({
    id: 'tp1',
    requestId: 'req-00001',
    proposer: { userId: 'r', name: '王秀英' },
    place: GRID,
    ...(buildingIds !== undefined ? { buildingIds } : {}),
    placeName: '第1网格',
    title: '3号楼楼道改造',
    text: '楼道灯和扶手',
    households: 40,
    now: T0,
  })
  return { ...t, ...over }
}
/** A topic stored before buildings existed: no `buildingIds` field at all. */
const legacy = (): TopicRecord => {
  const { buildingIds: _gone, ...rest } = topic(null)
  return rest as TopicRecord
}

describe('is this household in the topic’s place', () => {
  const places = {
    grid: topic(null),
    'a stored grid topic (no field)': legacy(),
    '3号楼': topic(['b3']),
    '3号楼 and 5号楼': topic(['b3', 'b5']),
  } as const
  const households: Record<string, HouseholdPlace | null> = {
    '3号楼 of g1': { gridId: 'g1', buildingId: 'b3' },
    '5号楼 of g1': { gridId: 'g1', buildingId: 'b5' },
    '1号楼 of g1': { gridId: 'g1', buildingId: 'b1' },
    'g1 without a building': { gridId: 'g1' },
    '3号楼 id in another grid': { gridId: 'g2', buildingId: 'b3' },
    none: null,
  }
  // Written out by hand: household × place.
  const expected: Record<string, Record<keyof typeof places, boolean>> = {
    '3号楼 of g1': {
      grid: true,
      'a stored grid topic (no field)': true,
      '3号楼': true,
      '3号楼 and 5号楼': true,
    },
    '5号楼 of g1': {
      grid: true,
      'a stored grid topic (no field)': true,
      '3号楼': false,
      '3号楼 and 5号楼': true,
    },
    '1号楼 of g1': {
      grid: true,
      'a stored grid topic (no field)': true,
      '3号楼': false,
      '3号楼 and 5号楼': false,
    },
    'g1 without a building': {
      grid: true,
      'a stored grid topic (no field)': true,
      '3号楼': false,
      '3号楼 and 5号楼': false,
    },
    '3号楼 id in another grid': {
      grid: false,
      'a stored grid topic (no field)': false,
      '3号楼': false,
      '3号楼 and 5号楼': false,
    },
    none: { grid: false, 'a stored grid topic (no field)': false, '3号楼': false, '3号楼 and 5号楼': false },
  }
  const rows = Object.entries(expected).flatMap(([h, byPlace]) =>
    Object.entries(byPlace).map(([p, want]) => [h, p, want] as const),
  )
  it.each(rows)('%s × %s → %s', (h, p, want) => {
    expect(inTopicPlace(households[h], places[p as keyof typeof places])).toBe(want)
  })

  const home = (buildingId: string | null): Home => ({ householdId: 'h', place: GRID, buildingId })
  it.each([
    ['3号楼 supports a 3号楼 topic', 'b3', ['b3'], 'ok'],
    ['1号楼 cannot support a 3号楼 topic', 'b1', ['b3'], 'DELIBERATION.OTHER_PLACE'],
    ['1号楼 supports a grid topic', 'b1', null, 'ok'],
  ] as const)('%s', (_n, b, ids, want) => {
    expect(codeOf(() => checkInPlace(home(b), topic(ids), '支持'))).toBe(want)
  })
  it('says which place may: the buildings, not the grid', () => {
    expect(() => checkInPlace(home('b1'), topic(['b3']), '评价')).toThrow('只有议题涉及楼栋的居民户可以评价')
    expect(() =>
      checkInPlace({ ...home('b1'), place: { ...GRID, gridId: 'g2' } }, topic(null), '支持'),
    ).toThrow('只有本网格的居民户可以支持')
  })

  it('seeing (and so commenting) stays the whole grid’s', () => {
    const resident = (buildingId: string, gridId = 'g1'): Actor => ({
      userId: 'u',
      grants: [{ role: 'resident', scope: { ...GRID, gridId, buildingId, unitId: 'u1', householdId: 'h' } }],
    })
    expect(mayView(resident('b1'), topic(['b3']))).toBe(true)
    expect(mayView(resident('b3', 'g2'), topic(['b3']))).toBe(false)
  })
})

describe('ballots of a building topic: app, paper, proxy', () => {
  const voting = topic(['b3'], {
    status: 'voting',
    vote: {
      rule: 'residents_meeting',
      quorumPct: null,
      opensAt: T0,
      closesAt: new Date(T0.getTime() + 48 * H),
      electorate: 12,
    },
  })
  const resident: Actor = { userId: 'r', grants: [] }
  const worker: Actor = { userId: 'w', grants: [{ role: 'grid_worker', scope: GRID }] }
  const at = new Date(T0.getTime() + H)
  it.each([
    ['a 3号楼 household in the app', resident, 'app', false, { gridId: 'g1', buildingId: 'b3' }, 'ok'],
    [
      'a 1号楼 household in the app',
      resident,
      'app',
      false,
      { gridId: 'g1', buildingId: 'b1' },
      'DELIBERATION.OTHER_PLACE',
    ],
    ['a 3号楼 paper ballot', worker, 'paper', false, { gridId: 'g1', buildingId: 'b3' }, 'ok'],
    [
      'a 1号楼 paper ballot',
      worker,
      'paper',
      false,
      { gridId: 'g1', buildingId: 'b1' },
      'DELIBERATION.UNKNOWN_HOUSEHOLD',
    ],
    [
      'a 1号楼 proxy ballot',
      worker,
      'proxy',
      true,
      { gridId: 'g1', buildingId: 'b1' },
      'DELIBERATION.UNKNOWN_HOUSEHOLD',
    ],
    ['a 3号楼 proxy ballot', worker, 'proxy', true, { gridId: 'g1', buildingId: 'b3' }, 'ok'],
  ] as const)('%s → %s', (_n, actor, channel, consent, household, want) => {
    expect(codeOf(() => checkBallot(voting, { channel, consent, household }, { actor }, at))).toBe(want)
  })
})

describe('thresholds and electorates over the buildings’ households', () => {
  // Households of the affected buildings × the community's support share → supporting households needed.
  it.each([
    [12, 10, 2],
    [12, 5, 1],
    [24, 10, 3],
    [30, 50, 15],
    [0, 10, 1],
  ])('%i households at %i%% → %i', (households, pct, need) => {
    expect(supportThreshold(households, pct)).toBe(need)
  })
  it('a building topic’s threshold is counted over its households', () => {
    const t = newTopic({
      id: 'tp2',
      requestId: 'req-00002',
      proposer: { userId: 'r', name: '王秀英' },
      place: GRID,
      buildingIds: ['b3'],
      placeName: '第1网格 · 3号楼',
      title: '3号楼楼道改造',
      text: '楼道灯',
      households: 12,
      supportPct: 20,
      now: T0,
    })
    expect(t).toMatchObject({ buildingIds: ['b3'], households: 12, threshold: 3, supports: 1 })
  })
  it('an empty list of buildings is the whole grid', () => {
    expect(topic([]).buildingIds).toBeNull()
  })
  it('the rule and the owners’ area name the place', () => {
    const spec = { rule: 'residents_meeting' as const, quorumPct: null, electorate: 12 }
    expect(ruleSentence(spec, '议题涉及楼栋')).toMatch(/^议题涉及楼栋 12 户中过半数户参加投票/)
    expect(ruleSentence(spec)).toMatch(/^本网格 12 户/)
    expect(() => ownersElectorate([{ area: 80 }, {}], '议题涉及楼栋')).toThrow(
      '议题涉及楼栋有 1 户未登记建筑面积',
    )
    expect(ownersElectorate([{ area: 80.5 }, { area: 60.25 }], '议题涉及楼栋')).toEqual({
      electorate: 2,
      area: 140.75,
    })
  })
})

describe('choosing the buildings when proposing', () => {
  const home: Home = { householdId: 'h', place: GRID, buildingId: 'b3' }
  const found = [
    { _id: 'b3', name: '3号楼', gridId: 'g1' },
    { _id: 'b10', name: '10号楼', gridId: 'g1' },
    { _id: 'b5', name: '5号楼', gridId: 'g1' },
    { _id: 'bx', name: '13号楼', gridId: 'g2' },
  ]
  it.each([
    ['none: the whole grid', undefined, 'null'],
    ['an empty list: the whole grid', [], 'null'],
    ['my own building', ['b3'], '3号楼'],
    ['mine and others, in name order, once each', ['b10', 'b3', 'b5', 'b3'], '3号楼、5号楼、10号楼'],
    ['an unknown building', ['b3', 'nope'], 'DELIBERATION.BAD_BUILDINGS'],
    ['a building of another grid', ['b3', 'bx'], 'DELIBERATION.BAD_BUILDINGS'],
    ['others without mine', ['b5'], 'DELIBERATION.OWN_BUILDING'],
    ['eleven buildings', Array.from({ length: 11 }, (_v, i) => `b${i}`), 'DELIBERATION.BAD_BUILDINGS'],
  ] as const)('%s', (_n, ids, want) => {
    let got: string
    try {
      const b = checkBuildings(ids, found, home)
      got = b === null ? 'null' : b.map((x) => x.name).join('、')
    } catch (err) {
      got = isDomainError(err) ? err.code : String(err)
    }
    expect(got).toBe(want)
  })
  it('names the place: the grid, and its buildings', () => {
    expect(topicPlaceName('新华社区第1网格', null)).toBe('新华社区第1网格')
    expect(topicPlaceName('新华社区第1网格', [{ name: '3号楼' }, { name: '5号楼' }])).toBe(
      '新华社区第1网格 · 3号楼、5号楼',
    )
  })
})

describe('who is told: the place’s households', () => {
  const staff: Mover = { kind: 'person', userId: 'w', name: '网格员', parties: ['staff'] }
  const toOf = (t: TopicRecord) => {
    const { effects } = moveTopic(t, { move: 'confirm' }, staff, T0)
    const n = effects.find((e) => e.kind === 'notify')
    return n && n.kind === 'notify' ? n.to : null
  }
  it.each([
    ['a grid topic: the grid', topic(null), { residents: GRID, limit: 2000 }],
    ['a stored grid topic: the grid', legacy(), { residents: GRID, limit: 2000 }],
    ['a 3号楼 topic: its residents', topic(['b3']), { residents: GRID, buildingIds: ['b3'], limit: 2000 }],
  ] as const)('%s', (_n, t, want) => {
    expect(toOf(t)).toEqual(want)
    expect(placeAudience(t)).toEqual(want)
  })
  it('the closing-soon reminder and the meeting invitation go to the same households', () => {
    const t = topic(['b3', 'b5'], {
      status: 'voting',
      vote: {
        rule: 'simple',
        quorumPct: 20,
        opensAt: T0,
        closesAt: new Date(T0.getTime() + 48 * H),
        electorate: 24,
      },
    })
    const want = { residents: GRID, buildingIds: ['b3', 'b5'], limit: 2000 }
    const reminder = reminderOf(t, new Date(T0.getTime() + 30 * H)).effects[0]
    expect(reminder && reminder.kind === 'notify' ? reminder.to : null).toEqual(want)
    const m = newMeeting({
      id: 'mt_1',
      requestId: 'req-1',
      topic: t,
      organiser: { userId: 'w', name: '李网格' },
      fields: { title: '3号楼改造', place: '3号楼下', startsAt: new Date(T0.getTime() + 24 * H) },
      now: T0,
    })
    expect(m.next.buildingIds).toEqual(['b3', 'b5'])
    const invite = m.effects[0]
    expect(invite && invite.kind === 'notify' ? invite.to : null).toEqual(want)
    const gridMeeting = newMeeting({
      id: 'mt_2',
      requestId: 'req-2',
      topic: { _id: 'tp_1', path: GRID },
      organiser: { userId: 'w', name: '李网格' },
      fields: { title: '充电桩', place: '会议室', startsAt: new Date(T0.getTime() + 24 * H) },
      now: T0,
    })
    expect(gridMeeting.effects[0]).toMatchObject({ to: { residents: GRID, limit: 2000 } })
    expect(gridMeeting.next.buildingIds).toBeNull()
  })
})

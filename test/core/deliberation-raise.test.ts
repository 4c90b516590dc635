/**
 * 民事民提 from reports and a proposed topic's photos (src/core/deliberation/raise.ts, photos.ts),
 * against expectations written by hand from issue #15 item 1: which orders may raise a topic of
 * which grid, who follows it and is told (each once), what each caller sees of its sources, and who
 * sees its photos, by party × status.
 */
import { moveTopic, newTopic, type MoveInput, type Mover } from '../../src/core/deliberation/decide'
import { TopicParties, type TopicMove, type TopicParty } from '../../src/core/deliberation/machine'
import { TopicStatuses, type TopicRecord } from '../../src/core/deliberation/model'
import {
  checksPhotos,
  checkTopicPhotos,
  photosVisible,
  topicPhotoPath,
} from '../../src/core/deliberation/photos'
import {
  checkSources,
  draftFromOrders,
  followersOf,
  newRaisedTopic,
  sourcesSeen,
  SOURCES_MAX,
  type SourceOrder,
} from '../../src/core/deliberation/raise'
import type { Notify } from '../../src/core/effects'
import { raisable } from '../../src/core/orders/model'
import { GRID, T0, codeOf, proposedTopic } from './deliberation-fixtures'

const order = (id: string, over: Partial<SourceOrder> = {}): SourceOrder => ({
  _id: id,
  reporterId: `u-${id}`,
  onBehalfOf: null,
  categoryId: 'safety',
  categoryName: '安全隐患',
  text: `${id} 楼道飞线充电`,
  held: false,
  topicId: null,
  raisedTopicId: null,
  path: { gridId: 'g1' },
  ...over,
})

describe('which orders may raise a topic of a grid', () => {
  const ok = [order('a'), order('b')]
  it.each<[string, string[], SourceOrder[], string]>([
    ['two open orders of the grid', ['a', 'b'], ok, 'ok'],
    ['one order', ['a'], ok, 'ok'],
    ['no order', [], ok, 'DELIBERATION.BAD_SOURCES'],
    [
      `more than ${SOURCES_MAX}`,
      Array.from({ length: SOURCES_MAX + 1 }, (_x, i) => `o${i}`),
      Array.from({ length: SOURCES_MAX + 1 }, (_x, i) => order(`o${i}`)),
      'DELIBERATION.BAD_SOURCES',
    ],
    [
      `exactly ${SOURCES_MAX}`,
      Array.from({ length: SOURCES_MAX }, (_x, i) => `o${i}`),
      Array.from({ length: SOURCES_MAX }, (_x, i) => order(`o${i}`)),
      'ok',
    ],
    ['one named twice', ['a', 'a'], ok, 'DELIBERATION.BAD_SOURCES'],
    ['an unknown order', ['a', 'zz'], ok, 'DATA.NOT_FOUND'],
    [
      'an order of another grid',
      ['a', 'c'],
      [...ok, order('c', { path: { gridId: 'g2' } })],
      'DELIBERATION.SOURCE_OTHER_GRID',
    ],
    [
      'an order raised already',
      ['a', 'c'],
      [...ok, order('c', { raisedTopicId: 'tp0' })],
      'DELIBERATION.SOURCE_TAKEN',
    ],
    ['an order carrying out a topic', ['c'], [order('c', { topicId: 'tp0' })], 'DELIBERATION.BAD_SOURCES'],
    ['an order held for review', ['c'], [order('c', { held: true })], 'DELIBERATION.BAD_SOURCES'],
    ['a closed order (a problem that keeps coming back)', ['a'], ok, 'ok'],
  ])('%s → %s', (_n, ids, found, want) => {
    expect(codeOf(() => checkSources(ids, found, 'g1'))).toBe(want)
  })

  it('answers the orders in the order named', () => {
    expect(checkSources(['b', 'a'], [order('a'), order('b')], 'g1').map((o) => o._id)).toEqual(['b', 'a'])
  })

  it.each([
    [{}, true],
    [{ raisedTopicId: 'tp1' }, false],
    [{ topicId: 'tp1' }, false],
    [{ held: true }, false],
  ])('the order detail offers 转为议题 for %j: %s', (over, want) => {
    expect(raisable({ held: false, ...over })).toBe(want)
  })
})

describe('the raised topic', () => {
  const by = { userId: 'w', name: '张伟', role: 'grid_worker' as const }
  const raised = (
    orders = [order('a'), order('b', { reporterId: 'u-a' }), order('c', { onBehalfOf: { name: '李' } })],
  ) =>
    newRaisedTopic({
      id: 'tp1',
      requestId: 'req-00001',
      by,
      orders,
      place: GRID,
      placeName: '第一网格',
      title: '集中解决飞线充电',
      text: '多位居民反映',
      households: 40,
      now: T0,
    })

  it('starts proposed without supporters, shown as raised by its staff member, with its sources', () => {
    const t = raised()
    expect(t).toMatchObject({
      status: 'proposed',
      supports: 0,
      threshold: 4,
      proposerId: 'w',
      proposerShown: '网格员 张*',
      sources: [
        { kind: 'order', id: 'a', categoryId: 'safety', categoryName: '安全隐患' },
        { kind: 'order', id: 'b', categoryId: 'safety', categoryName: '安全隐患' },
        { kind: 'order', id: 'c', categoryId: 'safety', categoryName: '安全隐患' },
      ],
      events: [{ move: 'raise', by: 'w', byName: '网格员 张*', note: '据 3 件居民上报' }],
    })
    // No text and no reporter of an order on the topic.
    expect(JSON.stringify(t.sources)).not.toContain('飞线')
  })

  it('its followers are the reporters, each once; a walk-in registered by staff is nobody to follow', () => {
    expect(
      followersOf([
        order('a'),
        order('b', { reporterId: 'u-a' }),
        order('c', { onBehalfOf: { name: '李' } }),
      ]),
    ).toEqual(['u-a'])
    expect(raised().followerIds).toEqual(['u-a'])
  })

  it('is counted as raised and tells the reporters, never the raiser', () => {
    const effects =
      raised([order('a'), order('b'), order('w', { reporterId: 'w' })]).outbox?.[0]?.effects ?? []
    expect(effects.filter((e) => e.kind === 'count').map((e) => e.kind === 'count' && e.incs)).toEqual([
      { raised: 1 },
      { raised: 1 },
      { 't.raised': 1 },
    ])
    expect(effects.filter((e) => e.kind === 'notify')).toEqual([
      expect.objectContaining({ key: 'topic.raise', to: { users: ['u-a', 'u-b', 'w'] }, except: ['w'] }),
    ])
    // Raised only from the raiser's own intake: nobody to tell.
    expect(
      raised([order('x', { onBehalfOf: { name: '李' } })]).outbox?.[0]?.effects.some(
        (e) => e.kind === 'notify',
      ),
    ).toBe(false)
  })

  it('drafts the form from the orders within the topic’s limits', () => {
    expect(draftFromOrders([{ categoryName: '意见建议', text: ' 建议增设充电桩 ' }])).toEqual({
      title: '意见建议',
      text: '建议增设充电桩',
    })
    const many = draftFromOrders([
      { categoryName: '安全隐患', text: '飞线' },
      { categoryName: '意见建议', text: '充电桩' },
    ])
    expect(many).toEqual({ title: '安全隐患、意见建议（2 件居民上报）', text: '1. 飞线\n2. 充电桩' })
    const long = draftFromOrders(
      Array.from({ length: 20 }, () => ({ categoryName: '安全隐患', text: '很'.repeat(200) })),
    )
    expect([...long.text].length).toBe(1000)
    expect(long.text.endsWith('…')).toBe(true)
  })
})

describe('who is told of a topic’s announcements: the grid or its supporters, and its followers, once', () => {
  const staff: Mover = { kind: 'person', userId: 'w', name: '网格员', parties: ['staff'] }
  const base = proposedTopic
  const notices = (t: TopicRecord, input: MoveInput, by: Mover) =>
    moveTopic(t, input, by, T0).effects.filter((e): e is Notify => e.kind === 'notify')
  const residents = { residents: GRID, limit: 2000 }
  const supporters = {
    named: { collection: 'topic_supports', match: { topicId: 'tp1' }, field: 'userId', limit: 1000 },
  }

  it.each<[string, Partial<TopicRecord>, MoveInput, Mover, object[]]>([
    [
      'confirm by staff, with followers',
      { followerIds: ['u1', 'u2'] },
      { move: 'confirm' },
      staff,
      [residents, { users: ['u1', 'u2'] }],
    ],
    [
      'confirm by the system, with followers',
      { followerIds: ['u1'] },
      { move: 'confirm' },
      { kind: 'system' },
      [residents, { users: ['u1'] }],
    ],
    [
      'reject, with followers',
      { followerIds: ['u1'] },
      { move: 'reject', reason: '属于物业职责' },
      staff,
      [supporters, { users: ['u1'] }],
    ],
    ['confirm without followers', {}, { move: 'confirm' }, staff, [residents]],
    ['confirm with an empty list of followers', { followerIds: [] }, { move: 'confirm' }, staff, [residents]],
    [
      'a decision, with followers',
      { status: 'confirmed', followerIds: ['u1'] },
      { move: 'decide', decision: '同意' },
      staff,
      [residents, { users: ['u1'] }],
    ],
  ])('%s', (_n, over, input, by, audiences) => {
    const ns = notices(base(over), input, by)
    expect(ns.map((n) => n.to)).toEqual(audiences)
    // One key and one `once` group: a follower who is also a household of the grid is told once.
    expect(new Set(ns.map((n) => n.key)).size).toBe(1)
    expect(ns.every((n) => n.once === n.key)).toBe(true)
    for (const n of ns) expect(n.except).toEqual(by.kind === 'person' ? [by.userId] : undefined)
  })

  it('a withdrawal tells nobody, followers included', () => {
    const proposer: Mover = { kind: 'person', userId: 'r', name: '王秀英', parties: ['proposer'] }
    expect(notices(base({ followerIds: ['u1'] }), { move: 'withdraw' }, proposer)).toEqual([])
  })
})

describe('a proposed topic’s photos', () => {
  it.each([
    [0, 'ok'],
    [9, 'ok'],
    [10, 'DELIBERATION.TOO_MANY_PHOTOS'],
  ])('%i photos → %s', (n, want) => {
    const photos = Array.from(
      { length: n },
      (_x, i) => `cloud://env/${topicPhotoPath('u1', 'req-1', (i % 9) + 1)}`,
    )
    expect(codeOf(() => checkTopicPhotos(n === 10 ? photos : [...new Set(photos)], 'u1', 'req-1'))).toBe(want)
  })
  it.each([
    ['someone else’s folder', 'cloud://env/topics/u2/req-1/1.jpg'],
    ['another request', 'cloud://env/topics/u1/req-2/1.jpg'],
    ['a report’s folder', 'cloud://env/reports/u1/req-1/1.jpg'],
  ])('refuses a photo in %s', (_n, p) => {
    expect(codeOf(() => checkTopicPhotos([p], 'u1', 'req-1'))).toBe('DELIBERATION.PHOTO_INVALID')
  })

  // Who sees them: the proposer and staff always; anyone else once a staff member looked.
  // (The council, like a neighbour, waits for staff: staff are the image check.)
  const parties: [string, TopicParty[], boolean][] = [
    ['a neighbour', [], false],
    ['the proposer', ['proposer'], true],
    ['staff', ['staff'], true],
    ['the council', ['council'], false],
  ]
  for (const status of TopicStatuses)
    for (const checked of [false, true])
      for (const [who, ps, always] of parties) {
        const want = always || checked
        it(`${status} · ${checked ? 'looked at' : 'not looked at'} · ${who} → ${want ? 'sees' : 'does not see'}`, () => {
          expect(photosVisible({ photosChecked: checked }, ps)).toBe(want)
        })
      }

  // Which moves publish them (a staff member had them before them): every staff move but a rejection
  // (and a withdrawal, the proposer's). The council's moves do not: staff are the image check.
  const publishes: Record<TopicMove, Record<TopicParty, boolean>> = {
    confirm: { proposer: false, council: false, staff: true, system: false },
    reject: { proposer: false, council: false, staff: false, system: false },
    withdraw: { proposer: false, council: false, staff: false, system: false },
    open_vote: { proposer: false, council: false, staff: true, system: false },
    close_vote: { proposer: false, council: false, staff: true, system: false },
    decide: { proposer: false, council: false, staff: true, system: false },
    carry: { proposer: false, council: false, staff: true, system: false },
    add_work: { proposer: false, council: false, staff: true, system: false },
    finish: { proposer: false, council: false, staff: true, system: false },
    close_evaluation: { proposer: false, council: false, staff: true, system: false },
  }
  for (const [move, row] of Object.entries(publishes) as [TopicMove, Record<TopicParty, boolean>][])
    for (const party of TopicParties)
      it(`${move} by ${party} ${row[party] ? 'publishes' : 'does not publish'} the photos`, () => {
        expect(checksPhotos(move, [party])).toBe(row[party])
      })

  const withPhotos = (): TopicRecord =>
    newTopic({
      id: 'tp1',
      requestId: 'req-1',
      proposer: { userId: 'r', name: '王秀英' },
      place: GRID,
      placeName: '第一网格',
      title: '健身器材更新',
      text: '器材老旧',
      households: 40,
      photos: ['cloud://env/topics/r/req-1/1.jpg'],
      now: T0,
    })
  const staff: Mover = { kind: 'person', userId: 'w', name: '网格员', parties: ['staff'] }

  it('stay unpublished through the households’ confirmation, until the next staff move', () => {
    const t = withPhotos()
    expect(t.photosChecked).toBe(false)
    const bySystem = moveTopic(t, { move: 'confirm' }, { kind: 'system' }, T0).next
    expect(bySystem.photosChecked).toBe(false)
    expect(moveTopic(bySystem, { move: 'decide', decision: '同意' }, staff, T0).next.photosChecked).toBe(true)
    expect(moveTopic(t, { move: 'confirm' }, staff, T0).next.photosChecked).toBe(true)
    expect(moveTopic(t, { move: 'reject', reason: '不属于本网格' }, staff, T0).next.photosChecked).toBe(false)
  })
  it('a topic without photos carries no photo fields', () => {
    const t = newTopic({
      id: 'tp2',
      requestId: 'req-2',
      proposer: { userId: 'r', name: '王秀英' },
      place: GRID,
      placeName: '第一网格',
      title: '楼道灯',
      text: '不亮',
      households: 40,
      now: T0,
    })
    expect(t).not.toHaveProperty('photos')
    expect(moveTopic(t, { move: 'confirm' }, staff, T0).next).not.toHaveProperty('photosChecked')
  })
})

describe('what a caller sees of a topic’s sources', () => {
  const t = {
    sources: [
      { kind: 'order' as const, id: 'a', categoryId: 'safety', categoryName: '安全隐患' },
      { kind: 'order' as const, id: 'b', categoryId: 'suggestion', categoryName: '意见建议' },
      { kind: 'order' as const, id: 'c', categoryId: 'safety', categoryName: '安全隐患' },
    ],
  }
  it.each<[string, 'staff' | 'other', string[], string[]]>([
    ['staff: every source', 'staff', [], ['a', 'b', 'c']],
    ['a reporter: their own', 'other', ['b'], ['b']],
    ['a neighbour: none', 'other', [], []],
  ])('%s', (_n, viewer, mine, listed) => {
    const seen = sourcesSeen(t, viewer, (id) => mine.includes(id))
    expect(seen).toEqual({
      count: 3,
      categories: ['安全隐患', '意见建议'],
      listed: t.sources.filter((s) => listed.includes(s.id)),
    })
  })
  it('a topic proposed by a resident has none', () => {
    expect(sourcesSeen({}, 'staff', () => true)).toEqual({ count: 0, categories: [], listed: [] })
  })
})

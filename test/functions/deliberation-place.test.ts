/**
 * A topic of buildings (issue #15 items 1, 2 and 4) through the built `api` function in the local
 * CloudBase (real SDKs): a 7号楼 topic counts its threshold, electorate and owners' area over 7号楼's
 * households only; a household of another building of the grid sees and comments but may not
 * support, vote or rate; announcements and the meeting invitation reach 7号楼's residents only; a
 * building of another grid, an unknown one, or a choice leaving out the proposer's own is refused.
 */
import { codeOf, isoInMin, ok, requestIds, useApi } from '../support/api-test'
import { WANG, XINHUA_01_WORKER as WORKER } from '../support/demo-people'
import { addHouseholds, buildingOf, unitOf, type TestHousehold } from '../support/households'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any

const { call, db, docOf, count } = useApi()
const rid = requestIds('place')
const B7 = buildingOf(7)
const B8 = buildingOf(8)

let seven: TestHousehold[] = []
let eight: TestHousehold[] = []
let one: TestHousehold[] = []
beforeAll(async () => {
  seven = await addHouseholds(db, 12, 'P', 7)
  eight = await addHouseholds(db, 3, 'R', 8)
  one = await addHouseholds(db, 4, 'Q', 1)
})

const propose = (openid: string, buildingIds: string[] | undefined, title = '7号楼楼道灯和扶手改造') =>
  call(openid, 'topic.propose', {
    requestId: rid(),
    title,
    text: '楼道灯常年不亮，老人上下楼不便',
    ...(buildingIds ? { buildingIds } : {}),
  })

/** Who was told `kind` about `sourceId` (one record per recipient). */
const told = async (sourceId: string, kind: string): Promise<string[]> => {
  const res = await db().collection('notifications').where({ sourceId }).limit(1000).get()
  return (res.data as Any[]).filter((n) => n.kind.startsWith(kind)).map((n) => n.recipientId as string)
}

describe('proposing a topic of buildings', () => {
  it('its threshold is counted over the chosen buildings’ households, and it shows its place', async () => {
    const t = ok(await propose(seven[0]!.openid, [B7]))
    expect(t).toMatchObject({
      buildingIds: [B7],
      placeName: '新华社区第1网格 · 7号楼',
      households: 12,
      threshold: 2,
      supports: 1,
      supported: true,
    })
    const two = ok(await propose(seven[0]!.openid, [B8, B7, B7], '7号楼和8号楼之间的车棚翻建'))
    expect(two).toMatchObject({
      buildingIds: [B7, B8],
      placeName: '新华社区第1网格 · 7号楼、8号楼',
      households: 15,
    })
    const grid = ok(await propose(seven[0]!.openid, undefined, '网格内增设充电桩'))
    expect(grid).toMatchObject({ buildingIds: null, placeName: '新华社区第1网格' })
    expect(grid.households).toBeGreaterThanOrEqual(19)
    expect((await docOf('topics', grid.id)).buildingIds).toBeNull()
  })

  it.each([
    ['a building of another grid', () => [B7, 'bd-xinhua-02-01'], 'DELIBERATION.BAD_BUILDINGS'],
    ['an unknown building', () => [B7, 'bd-nowhere'], 'DELIBERATION.BAD_BUILDINGS'],
    ['others without my own', () => [B8], 'DELIBERATION.OWN_BUILDING'],
    ['eleven buildings', () => Array.from({ length: 11 }, (_v, i) => buildingOf(i + 1)), 'INPUT.INVALID'],
    ['an empty list', () => [], 'INPUT.INVALID'],
  ] as const)('refuses %s and stores nothing', async (_n, ids, code) => {
    const before = await count('topics', { proposerId: seven[1]!.userId })
    expect(codeOf(await propose(seven[1]!.openid, [...ids()]))).toBe(code)
    expect(await count('topics', { proposerId: seven[1]!.userId })).toBe(before)
    expect(await count('topic_supports', { userId: seven[1]!.userId })).toBe(0)
  })
})

describe('a 7号楼 topic: the grid follows it, 7号楼 decides it', () => {
  let topicId = ''
  beforeAll(async () => {
    topicId = ok(await propose(seven[2]!.openid, [B7], '7号楼外墙渗水维修')).id
  })

  it('a 1号楼 household sees and comments, but may not support', async () => {
    const seen = ok(await call(one[0]!.openid, 'topic.get', { topicId }))
    expect(seen).toMatchObject({ placeName: '新华社区第1网格 · 7号楼', can: { support: false } })
    ok(await call(one[0]!.openid, 'comment.post', { topicId, requestId: rid(), text: '我们楼也有类似问题' }))
    expect(codeOf(await call(one[0]!.openid, 'topic.support', { topicId }))).toBe('DELIBERATION.OTHER_PLACE')
    expect(codeOf(await call(WANG, 'topic.support', { topicId }))).toBe('DELIBERATION.OTHER_PLACE')
    expect(await count('topic_supports', { topicId })).toBe(1)
    expect(ok(await call(seven[3]!.openid, 'topic.get', { topicId })).can.support).toBe(true)
  })

  it('a second 7号楼 household puts it on the agenda; only 7号楼 hears it', async () => {
    const confirmed = ok(await call(seven[3]!.openid, 'topic.support', { topicId }))
    expect(confirmed).toMatchObject({ status: 'confirmed', supports: 2 })
    const to = await told(topicId, 'topic.confirm')
    const sevens = seven.map((h) => h.userId)
    // The system confirmed it: every household of 7号楼 is told, nobody else of the grid.
    expect([...to].sort()).toEqual([...sevens].sort())
  })

  it('the meeting invitation reaches 7号楼 only', async () => {
    const m = ok(
      await call(WORKER, 'meeting.schedule', {
        topicId,
        requestId: rid(),
        place: '7号楼下凉亭',
        startsAt: isoInMin(24 * 60),
      }),
    )
    expect((await docOf('topic_meetings', m.id)).buildingIds).toEqual([B7])
    const to = await told(m.id, 'meeting.invite')
    // 7号楼's households, and the grid's council (杨丽华, who sits in every meeting of the grid).
    expect([...to].sort()).toEqual([...seven.map((h) => h.userId), 'user-helper-yang'].sort())
  })

  it('the vote’s electorate is 7号楼’s households; other buildings’ ballots are refused in every channel', async () => {
    const opened = ok(
      await call(WORKER, 'topic.openVote', {
        topicId,
        rule: 'residents_meeting',
        opensAt: new Date(Date.now() - 10_000).toISOString(),
        closesAt: isoInMin(24 * 60),
      }),
    )
    expect(opened.vote).toMatchObject({ electorate: 12, open: true })
    expect(opened.vote.ruleSentence).toMatch(/^议题涉及楼栋 12 户中过半数户参加投票/)
    expect((await told(topicId, 'topic.open_vote')).every((u) => seven.some((h) => h.userId === u))).toBe(
      true,
    )
    expect(ok(await call(one[1]!.openid, 'topic.get', { topicId })).can.vote).toBe(false)
    expect(codeOf(await call(one[1]!.openid, 'ballot.cast', { topicId, choice: 'yes' }))).toBe(
      'DELIBERATION.OTHER_PLACE',
    )
    for (const channel of ['paper', 'proxy'] as const)
      expect(
        codeOf(
          await call(WORKER, 'ballot.cast', {
            topicId,
            choice: 'yes',
            channel,
            unitId: unitOf(1),
            room: one[1]!.room,
            consent: true,
          }),
        ),
      ).toBe('DELIBERATION.UNKNOWN_HOUSEHOLD')
    ok(await call(seven[4]!.openid, 'ballot.cast', { topicId, choice: 'yes' }))
    ok(
      await call(WORKER, 'ballot.cast', {
        topicId,
        choice: 'no',
        channel: 'paper',
        unitId: unitOf(7),
        room: seven[5]!.room,
      }),
    )
    expect(await count('ballots', { topicId })).toBe(2)
  })

  it('rating: a 1号楼 household may not, a 7号楼 household may', async () => {
    const now = Date.now()
    await db()
      .collection('topics')
      .doc(topicId)
      .update({
        status: 'evaluating',
        evaluation: {
          round: 1,
          opensAt: new Date(now - 60_000),
          closesAt: new Date(now + 86_400_000),
          reopenPct: 30,
          result: null,
        },
      })
    expect(codeOf(await call(one[2]!.openid, 'topic.rate', { topicId, rating: 'satisfied' }))).toBe(
      'DELIBERATION.OTHER_PLACE',
    )
    expect(ok(await call(one[2]!.openid, 'topic.get', { topicId })).can.rate).toBe(false)
    ok(await call(seven[6]!.openid, 'topic.rate', { topicId, rating: 'satisfied' }))
    expect(await count('topic_ratings', { topicId })).toBe(1)
  })
})

describe('an owners’ decision of 7号楼 and 8号楼', () => {
  it('fixes the buildings’ households and their area, whatever other buildings lack', async () => {
    const both = [...seven, ...eight]
    for (const [i, h] of both.entries())
      await db()
        .collection('households')
        .doc(h.householdId)
        .update({ area: 80 + i / 4 })
    const t = ok(await propose(eight[0]!.openid, [B7, B8], '7号楼和8号楼加装电梯'))
    ok(await call(WORKER, 'topic.move', { topicId: t.id, move: 'confirm' }))
    const opened = ok(
      await call(WORKER, 'topic.openVote', {
        topicId: t.id,
        rule: 'owners',
        major: true,
        opensAt: new Date(Date.now() - 10_000).toISOString(),
        closesAt: isoInMin(24 * 60),
      }),
    )
    const area = both.reduce((s, _h, i) => s + (80 + i / 4) * 100, 0) / 100
    expect(opened.vote).toMatchObject({ rule: 'owners', electorate: 15, area })
    const opens = await told(t.id, 'topic.open_vote')
    expect([...opens].sort()).toEqual(both.map((h) => h.userId).sort())
  })
})

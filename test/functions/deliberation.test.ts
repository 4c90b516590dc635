/**
 * Five-step deliberation through the built `api` function in the local CloudBase (real SDKs):
 * proposing, households supporting until the topic is on the agenda, staff moves, and a household
 * vote with app, paper and proxy ballots, counted from the stored ballots.
 */
import { codeOf, ok, requestIds, useApi } from '../support/api-test'
import { addHouseholds as addTestHouseholds, UNIT } from '../support/households'
import {
  CHEN,
  DONGSHAN_01_WORKER,
  LI,
  WANG,
  XINHUA_01,
  XINHUA_01_WORKER as WORKER,
  XINHUA_ADMIN,
} from '../support/demo-people'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any

const { emu, call, db, docOf, count } = useApi()
const rid = requestIds('topic')

const addHouseholds = (n: number, prefix: string) => addTestHouseholds(db, n, prefix)

const propose = async (openid: string, title = '在3号楼旁安装充电桩') =>
  call(openid, 'topic.propose', { requestId: rid(), title, text: '飞线充电太危险，希望集中安装充电桩' })

let residents: { openid: string; room: string }[] = []
beforeAll(async () => {
  residents = await addHouseholds(40, 'T')
})

describe('民事民提: proposing a topic', () => {
  it('a resident proposes for their grid; their household supports it; a retry answers the same topic', async () => {
    const input = { requestId: rid(), title: ' 楼道灯改造 ', text: '3号楼楼道灯常年不亮' }
    const first = ok(await call(WANG, 'topic.propose', input))
    expect(first).toMatchObject({
      title: '楼道灯改造',
      status: 'proposed',
      supports: 1,
      supported: true,
      proposerShown: '王**',
      can: { support: false },
    })
    expect(first.threshold).toBe(Math.ceil((first.households * 10) / 100))
    expect(first.households).toBeGreaterThanOrEqual(40)
    const again = ok(await call(WANG, 'topic.propose', input))
    expect(again).toMatchObject({ id: first.id, retried: true })
    expect(await count('topics', { proposerId: 'user-resident-wang', requestId: input.requestId })).toBe(1)
    const stored = await docOf('topics', first.id)
    expect(stored.proposerId).toBe('user-resident-wang')
    expect(JSON.stringify(stored)).not.toContain('王秀英')
  })

  it.each([
    ['an empty title', { title: ' ', text: '内容' }, 'DELIBERATION.BAD_TEXT'],
    ['a risky text', { title: '建议', text: '欢迎访问赌博网站' }, 'CONTENT.RISKY'],
  ])('refuses %s and stores nothing', async (_n, fields, code) => {
    const before = await count('topics', { proposerId: 'user-resident-li' })
    expect(codeOf(await call(LI, 'topic.propose', { requestId: rid(), ...fields }))).toBe(code)
    expect(await count('topics', { proposerId: 'user-resident-li' })).toBe(before)
  })

  it('staff cannot propose, and a resident of another grid neither sees nor supports it', async () => {
    expect(codeOf(await propose(WORKER))).toBe('AUTH.FORBIDDEN')
    const t = ok(await propose(CHEN, '小区路面修补'))
    expect(codeOf(await call(DONGSHAN_01_WORKER, 'topic.get', { topicId: t.id }))).toBe('DATA.NOT_FOUND')
    const list = ok(await call(WANG, 'topic.list', {}))
    expect(list.items.map((i: Any) => i.id)).toContain(t.id)
    expect(codeOf(await call(DONGSHAN_01_WORKER, 'topic.list', { gridId: XINHUA_01.gridId }))).toBe(
      'AUTH.FORBIDDEN',
    )
    // Staff without a home open the hall of a grid they work for (the workbench's link).
    expect(ok(await call(WORKER, 'topic.list', {})).gridId).toBe(XINHUA_01.gridId)
    expect(ok(await call(XINHUA_ADMIN, 'topic.list', {})).gridId).toMatch(/^gr-xinhua-/)
  })
})

describe('确定议题: households support it onto the agenda', () => {
  it('counts one support per household and confirms it at the threshold, telling the supporters', async () => {
    const t = ok(await propose(residents[0]!.openid, '增设电动车充电棚'))
    const need = t.threshold as number
    expect(need).toBeGreaterThan(2)
    // The same household twice changes nothing.
    expect(ok(await call(residents[0]!.openid, 'topic.support', { topicId: t.id }))).toMatchObject({
      supports: 1,
      retried: true,
    })
    for (let i = 1; i < need - 1; i += 1)
      ok(await call(residents[i]!.openid, 'topic.support', { topicId: t.id }))
    expect((await docOf('topics', t.id)).status).toBe('proposed')
    // The last supports arrive at once: exactly one confirmation; one that comes after it is refused.
    const last = await Promise.all(
      [need - 1, need, need + 1].map((i) => call(residents[i]!.openid, 'topic.support', { topicId: t.id })),
    )
    expect(
      last
        .map((r) => (r.ok ? 'ok' : r.error?.code))
        .filter((c) => c !== 'ok' && c !== 'DELIBERATION.BAD_STEP'),
    ).toEqual([])
    const stored = await docOf('topics', t.id)
    const supports = await count('topic_supports', { topicId: t.id })
    expect(supports).toBeGreaterThanOrEqual(need)
    expect(stored).toMatchObject({ status: 'confirmed', supports })
    expect(stored.events.filter((e: Any) => e.move === 'confirm')).toEqual([
      expect.objectContaining({ by: 'system' }),
    ])
    const notes = (await db().collection('notifications').where({ sourceId: t.id }).get()).data as Any[]
    expect(notes.filter((n) => n.kind.startsWith('topic.confirm')).length).toBeGreaterThanOrEqual(need)
    expect(notes[0].page).toBe(`features/deliberation/pages/topic/index?id=${t.id}`)
    // Every household of the grid hears it is on the agenda, not only its supporters.
    expect(notes.some((n) => n.kind.startsWith('topic.confirm') && n.recipientId === 'user-topic-T-39')).toBe(
      true,
    )
    // Supports are closed once it is on the agenda.
    expect(codeOf(await call(residents[need + 3]!.openid, 'topic.support', { topicId: t.id }))).toBe(
      'DELIBERATION.BAD_STEP',
    )
  })

  it('staff reject with a public reason; a resident may not; the proposer may withdraw their own', async () => {
    const t = ok(await propose(residents[10]!.openid, '把绿地改成停车位'))
    expect(codeOf(await call(LI, 'topic.move', { topicId: t.id, move: 'reject', reason: '不行' }))).toBe(
      'AUTH.FORBIDDEN',
    )
    expect(codeOf(await call(WORKER, 'topic.move', { topicId: t.id, move: 'reject' }))).toBe(
      'DELIBERATION.REASON_REQUIRED',
    )
    const rejected = ok(
      await call(WORKER, 'topic.move', {
        topicId: t.id,
        move: 'reject',
        reason: '绿地属于规划用地，不能改变用途',
      }),
    )
    expect(rejected).toMatchObject({ status: 'rejected', reason: '绿地属于规划用地，不能改变用途' })
    const mine = ok(await propose(residents[11]!.openid, '组织一次旧物交换'))
    expect(
      ok(await call(residents[11]!.openid, 'topic.move', { topicId: mine.id, move: 'withdraw' })).status,
    ).toBe('withdrawn')
  })
})

describe('民决: a household vote', () => {
  const openVote = (topicId: string, rule = 'residents_meeting', hours = 24) =>
    call(WORKER, 'topic.openVote', {
      topicId,
      rule,
      opensAt: new Date(Date.now() + 1000).toISOString(),
      closesAt: new Date(Date.now() + hours * 3_600_000).toISOString(),
    })
  /** As if the closing time passed. */
  const endVote = async (topicId: string) => {
    const t = await docOf('topics', topicId)
    await db()
      .collection('topics')
      .doc(topicId)
      .update({
        vote: { ...t.vote, opensAt: new Date(Date.now() - 7_200_000), closesAt: new Date(Date.now() - 1000) },
      })
  }

  it('every household votes once, the last ballot counts; paper and proxy ballots by staff; the result is a recount', async () => {
    const t = ok(await propose(residents[20]!.openid, '楼顶防水维修'))
    ok(await call(WORKER, 'topic.move', { topicId: t.id, move: 'confirm' }))
    expect(codeOf(await openVote(t.id, 'residents_meeting', 0.5))).toBe('DELIBERATION.BAD_WINDOW')
    const opened = ok(await openVote(t.id))
    expect(opened).toMatchObject({ status: 'voting', vote: { rule: 'residents_meeting', open: false } })
    expect(opened.vote.ruleSentence).toContain('过半数')
    await new Promise((r) => setTimeout(r, 1100))
    // Staff may enter paper and proxy ballots while it is open; a resident may vote.
    expect(ok(await call(WORKER, 'topic.get', { topicId: t.id })).can).toMatchObject({
      enter: true,
      vote: false,
    })
    expect(ok(await call(residents[20]!.openid, 'topic.get', { topicId: t.id })).can).toMatchObject({
      enter: false,
      vote: true,
    })
    const voters = residents.slice(20, 40)
    const cast = await Promise.all(
      voters.map((r, i) => call(r.openid, 'ballot.cast', { topicId: t.id, choice: i < 14 ? 'yes' : 'no' })),
    )
    expect(cast.every((r) => r.ok)).toBe(true)
    // A household changes its mind: replaced, never doubled.
    expect(ok(await call(voters[19]!.openid, 'ballot.cast', { topicId: t.id, choice: 'yes' }))).toMatchObject(
      {
        replaced: true,
        participated: 20,
      },
    )
    // Staff: a paper ballot, and a proxy ballot (refused without consent).
    expect(
      codeOf(
        await call(WORKER, 'ballot.cast', {
          topicId: t.id,
          choice: 'yes',
          channel: 'proxy',
          unitId: UNIT,
          room: 'T01',
        }),
      ),
    ).toBe('DELIBERATION.NO_CONSENT')
    ok(
      await call(WORKER, 'ballot.cast', {
        topicId: t.id,
        choice: 'no',
        channel: 'paper',
        unitId: UNIT,
        room: 'T02',
      }),
    )
    ok(
      await call(WORKER, 'ballot.cast', {
        topicId: t.id,
        choice: 'yes',
        channel: 'proxy',
        consent: true,
        unitId: UNIT,
        room: 'T03',
      }),
    )
    expect(
      codeOf(
        await call(WORKER, 'ballot.cast', {
          topicId: t.id,
          choice: 'yes',
          channel: 'paper',
          unitId: UNIT,
          room: 'X99',
        }),
      ),
    ).toBe('DELIBERATION.UNKNOWN_HOUSEHOLD')
    expect(
      codeOf(
        await call(residents[4]!.openid, 'ballot.cast', {
          topicId: t.id,
          choice: 'yes',
          channel: 'paper',
          unitId: UNIT,
          room: 'T05',
        }),
      ),
    ).toBe('AUTH.FORBIDDEN')
    expect(await count('ballots', { topicId: t.id })).toBe(22)
    expect(codeOf(await call(WORKER, 'topic.closeVote', { topicId: t.id }))).toBe('DELIBERATION.VOTE_OPEN')
    await endVote(t.id)
    expect(codeOf(await call(residents[5]!.openid, 'ballot.cast', { topicId: t.id, choice: 'no' }))).toBe(
      'DELIBERATION.VOTE_NOT_OPEN',
    )
    const closed = ok(await call(WORKER, 'topic.closeVote', { topicId: t.id }))
    const ballots = (await db().collection('ballots').where({ topicId: t.id }).limit(1000).get())
      .data as Any[]
    const yes = ballots.filter((b) => b.choice === 'yes').length
    expect(closed.result).toMatchObject({
      participated: 22,
      yes,
      no: 22 - yes,
      byChannel: { app: 20, paper: 1, proxy: 1 },
    })
    expect(yes).toBe(14 + 1 + 1) // 14 in the app, one who changed her mind, the proxy
    expect(closed.result.passed).toBe(closed.result.quorumMet && yes * 2 > 22)
    expect(closed.status).toBe('decided')
    // Counts only: nobody's choice is in the answer.
    expect(JSON.stringify(closed)).not.toMatch(/user-topic|hh-test/)
    const proxy = ballots.find((b) => b.channel === 'proxy')
    expect(proxy).toMatchObject({ castBy: 'user-xinhua-01-worker', consent: true })
  })

  it('200 households voting at once: every ballot counted once, the tally equals a recount', async () => {
    const many = await addHouseholds(200, 'M')
    const t = ok(await propose(many[0]!.openid, '小区大门改造方案'))
    ok(await call(WORKER, 'topic.move', { topicId: t.id, move: 'confirm' }))
    ok(await openVote(t.id))
    await new Promise((r) => setTimeout(r, 1100))
    const res = await Promise.all(
      many.map((r, i) =>
        call(r.openid, 'ballot.cast', { topicId: t.id, choice: i % 3 === 0 ? 'no' : 'yes' }),
      ),
    )
    expect(res.filter((r) => !r.ok).map((r) => r.error)).toEqual([])
    expect(await count('ballots', { topicId: t.id })).toBe(200)
    await endVote(t.id)
    const closed = ok(await call(WORKER, 'topic.closeVote', { topicId: t.id }))
    const no = many.filter((_r, i) => i % 3 === 0).length
    expect(closed.result).toMatchObject({ participated: 200, yes: 200 - no, no })
    expect(emu()).toBeDefined()
  }, 120_000)

  it('the sweep closes a vote whose closing time passed and publishes its count, once', async () => {
    const t = ok(await propose(residents[30]!.openid, '楼下增设休息座椅'))
    if (t.status === 'proposed') ok(await call(WORKER, 'topic.move', { topicId: t.id, move: 'confirm' }))
    ok(await openVote(t.id))
    await new Promise((r) => setTimeout(r, 1100))
    ok(await call(residents[30]!.openid, 'ballot.cast', { topicId: t.id, choice: 'yes' }))
    ok(await call(residents[31]!.openid, 'ballot.cast', { topicId: t.id, choice: 'no' }))
    await endVote(t.id)
    await Promise.all([1, 2].map(() => emu().invoke('sweep', { now: new Date().toISOString() })))
    const stored = await docOf('topics', t.id)
    expect(stored).toMatchObject({
      status: 'decided',
      result: { participated: 2, yes: 1, no: 1, passed: false },
    })
    expect(stored.events.filter((e: Any) => e.move === 'close_vote')).toEqual([
      expect.objectContaining({ by: 'system' }),
    ])
  })

  it('the sweep reminds the grid once when a vote closes within a day', async () => {
    const t = ok(await propose(residents[32]!.openid, '小区增设快递柜'))
    if (t.status === 'proposed') ok(await call(WORKER, 'topic.move', { topicId: t.id, move: 'confirm' }))
    ok(await openVote(t.id, 'residents_meeting', 72))
    // As if two and a half days passed: 12 hours are left.
    const stored = await docOf('topics', t.id)
    await db()
      .collection('topics')
      .doc(t.id)
      .update({
        vote: {
          ...stored.vote,
          opensAt: new Date(Date.now() - 60 * 3_600_000),
          closesAt: new Date(Date.now() + 12 * 3_600_000),
        },
      })
    await Promise.all([1, 2].map(() => emu().invoke('sweep', { now: new Date().toISOString() })))
    await emu().invoke('sweep', { now: new Date().toISOString() })
    const notes = (await db().collection('notifications').where({ sourceId: t.id }).limit(1000).get())
      .data as Any[]
    const closing = notes.filter((n) => n.kind.startsWith('topic.closing'))
    expect(closing.length).toBeGreaterThan(0)
    expect(new Set(closing.map((n) => n.kind)).size).toBe(1)
    expect(closing.some((n) => n.recipientId === 'user-topic-T-0')).toBe(true)
    expect((await docOf('topics', t.id)).vote.remindedAt).toBeTruthy()
  })
})

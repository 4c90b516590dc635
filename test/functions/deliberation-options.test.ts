/**
 * Household votes with options, and the owners' decision (业主共同决定) with floor areas, through the
 * built `api` function in the local CloudBase (real SDKs): options are checked and content-checked,
 * ballots name an option (replaced, never doubled), the published counts equal a recount of the
 * stored ballots; an owners' vote needs every household's area, recorded by staff.
 */
import { codeOf, ok, requestIds, useApi } from '../support/api-test'
import { XINHUA_01, XINHUA_01_WORKER as WORKER, XINHUA_02_WORKER as WORKER_02 } from '../support/demo-people'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any

const { call, db, docOf, count } = useApi()
const rid = requestIds('opt')
const XINHUA_02 = { ...XINHUA_01, gridId: 'gr-xinhua-02' }

/** Adds `n` households of a grid's first unit (rooms `<prefix>01`…), each with one resident. */
async function addHouseholds(n: number, prefix: string, grid = XINHUA_01) {
  const buildingId = grid.gridId === XINHUA_01.gridId ? 'bd-xinhua-01-01' : 'bd-xinhua-02-01'
  const unitId = `${buildingId}-u1`
  const out: { openid: string; room: string; unitId: string; householdId: string }[] = []
  for (let i = 0; i < n; i += 1) {
    const room = `${prefix}${String(i + 1).padStart(2, '0')}`
    const householdId = `hh-opt-${prefix}-${i}`
    await db()
      .collection('households')
      .add({ _id: householdId, level: 'household', ...grid, buildingId, unitId, room })
    const openid = `openid-opt-${prefix}-${i}`
    await db()
      .collection('users')
      .add({
        _id: `user-opt-${prefix}-${i}`,
        openid,
        displayName: `居民${prefix}${i}`,
        householdId,
        grants: [{ role: 'resident', scope: { ...grid, buildingId, unitId, householdId } }],
        createdAt: new Date(),
      })
    out.push({ openid, room, unitId, householdId })
  }
  return out
}

/** A confirmed topic proposed by `openid`, confirmed by `worker`. */
async function confirmedTopic(openid: string, worker: string, title: string) {
  const t = ok(await call(openid, 'topic.propose', { requestId: rid(), title, text: '请大家投票决定' }))
  if (t.status === 'proposed') ok(await call(worker, 'topic.move', { topicId: t.id, move: 'confirm' }))
  return t.id as string
}

const window = () => ({
  opensAt: new Date(Date.now() + 1000).toISOString(),
  closesAt: new Date(Date.now() + 24 * 3_600_000).toISOString(),
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
const ballotsOf = async (topicId: string) =>
  (await db().collection('ballots').where({ topicId }).limit(1000).get()).data as Any[]
const opened = () => new Promise((r) => setTimeout(r, 1100))

describe('an option vote', () => {
  it('opens with options, takes one option per household (replaced, never doubled), publishes counts equal to a recount', async () => {
    const hs = await addHouseholds(6, 'P')
    const topicId = await confirmedTopic(hs[0]!.openid, WORKER, '充电桩装在哪里')
    const open = (over: object) =>
      call(WORKER, 'topic.openVote', { topicId, rule: 'simple', quorumPct: 5, ...window(), ...over })
    expect(codeOf(await open({ options: ['3号楼东侧', ' 3号楼东侧'] }))).toBe('DELIBERATION.BAD_OPTIONS')
    expect(codeOf(await open({ options: ['3号楼东侧'] }))).toBe('DELIBERATION.BAD_OPTIONS')
    expect(codeOf(await open({ options: ['3号楼东侧', '欢迎访问赌博网站'] }))).toBe('CONTENT.RISKY')
    expect(codeOf(await open({ rule: 'owners', options: ['3号楼东侧', '5号楼北侧'] }))).toBe(
      'DELIBERATION.BAD_OPTIONS',
    )
    expect((await docOf('topics', topicId)).status).toBe('confirmed')
    const t = ok(await open({ options: [' 充电桩装在3号楼东侧 ', '5号楼北侧', '6号楼西侧'] }))
    expect(t.vote).toMatchObject({
      options: ['充电桩装在3号楼东侧', '5号楼北侧', '6号楼西侧'],
      rule: 'simple',
    })
    expect(t.vote.ruleSentence).toContain('得票最多的方案')
    await opened()

    const cast = (i: number, over: object) => call(hs[i]!.openid, 'ballot.cast', { topicId, ...over })
    // The wrong kind of ballot, or an option the vote does not have: a clear code, nothing stored.
    expect(codeOf(await cast(0, { choice: 'yes' }))).toBe('DELIBERATION.WRONG_BALLOT')
    expect(codeOf(await cast(0, { option: 3 }))).toBe('DELIBERATION.BAD_OPTION')
    expect(codeOf(await cast(0, {}))).toBe('DELIBERATION.BAD_OPTION')
    expect(codeOf(await cast(0, { option: -1 }))).toBe('INPUT.INVALID')
    expect(await count('ballots', { topicId })).toBe(0)

    expect(ok(await cast(0, { option: 0 }))).toMatchObject({ choice: 0, replaced: false })
    ok(await cast(1, { option: 0 }))
    ok(await cast(2, { option: 1 }))
    ok(await cast(3, { choice: 'abstain' }))
    // Household 2 changes its mind: replaced, never doubled.
    expect(ok(await cast(2, { option: 0 }))).toMatchObject({ choice: 0, replaced: true, participated: 4 })
    // Staff enter a paper ballot with an option.
    ok(
      await call(WORKER, 'ballot.cast', {
        topicId,
        option: 2,
        channel: 'paper',
        unitId: hs[4]!.unitId,
        room: hs[4]!.room,
      }),
    )
    expect(
      codeOf(
        await call(WORKER, 'ballot.cast', {
          topicId,
          option: 5,
          channel: 'paper',
          unitId: hs[5]!.unitId,
          room: hs[5]!.room,
        }),
      ),
    ).toBe('DELIBERATION.BAD_OPTION')
    expect(await count('ballots', { topicId })).toBe(5)
    expect(await count('ballots', { topicId, householdId: hs[5]!.householdId })).toBe(0)
    expect(ok(await call(hs[2]!.openid, 'topic.get', { topicId })).myBallot).toBe(0)

    await endVote(topicId)
    const closed = ok(await call(WORKER, 'topic.closeVote', { topicId }))
    const stored = await ballotsOf(topicId)
    const recount = [0, 1, 2].map((i) => stored.filter((b) => b.choice === i).length)
    expect(recount).toEqual([3, 0, 1])
    expect(closed.result).toMatchObject({
      participated: stored.length,
      abstain: stored.filter((b) => b.choice === 'abstain').length,
      options: [
        { text: '充电桩装在3号楼东侧', votes: recount[0] },
        { text: '5号楼北侧', votes: recount[1] },
        { text: '6号楼西侧', votes: recount[2] },
      ],
      byChannel: { app: 4, paper: 1, proxy: 0 },
      quorumMet: true,
      adopted: 0,
      passed: true,
    })
    expect(closed.result.sentence).toMatch(/选定“充电桩装在3号楼东侧”。$/)
    expect(JSON.stringify(closed)).not.toMatch(/user-opt|hh-opt/)
  })

  it('a yes/no vote refuses an option', async () => {
    const hs = await addHouseholds(2, 'Y')
    const topicId = await confirmedTopic(hs[0]!.openid, WORKER, '楼道装扶手')
    ok(await call(WORKER, 'topic.openVote', { topicId, rule: 'residents_meeting', ...window() }))
    await opened()
    expect(codeOf(await call(hs[0]!.openid, 'ballot.cast', { topicId, option: 0 }))).toBe(
      'DELIBERATION.WRONG_BALLOT',
    )
    expect(ok(await call(hs[0]!.openid, 'ballot.cast', { topicId, choice: 'yes' })).choice).toBe('yes')
  })
})

describe('业主共同决定: households and floor area', () => {
  it('is refused while households lack an area; staff record areas; the count weighs both, equal to a recount', async () => {
    // 新华第2网格 has no households in the demo data: these six are all of them.
    const hs = await addHouseholds(6, 'O', XINHUA_02)
    const topicId = await confirmedTopic(hs[0]!.openid, WORKER_02, '使用维修资金翻新屋面')
    const open = () =>
      call(WORKER_02, 'topic.openVote', { topicId, rule: 'owners', major: false, ...window() })
    const refused = await open()
    expect(codeOf(refused)).toBe('DELIBERATION.NO_AREA')
    expect(refused.error?.message).toContain('6 户未登记')
    expect(refused.error?.details).toEqual([{ path: 'missing', message: '6' }])

    const setArea = (who: string, i: number, area: number | null) =>
      call(who, 'household.setArea', { unitId: hs[i]!.unitId, room: hs[i]!.room, area })
    expect(codeOf(await setArea(WORKER, 0, 100))).toBe('AUTH.FORBIDDEN')
    expect(codeOf(await setArea(hs[1]!.openid, 0, 100))).toBe('AUTH.FORBIDDEN')
    expect(codeOf(await setArea(WORKER_02, 0, -1))).toBe('INPUT.INVALID')
    expect(codeOf(await setArea(WORKER_02, 0, 88.123))).toBe('INPUT.INVALID')
    expect(
      codeOf(await call(WORKER_02, 'household.setArea', { unitId: hs[0]!.unitId, room: 'Z99', area: 80 })),
    ).toBe('DATA.NOT_FOUND')
    const areas = [100, 100, 100, 100, 50, 50]
    for (let i = 0; i < 5; i += 1) expect(ok(await setArea(WORKER_02, i, areas[i]!)).area).toBe(areas[i])
    expect((await open()).error?.message).toContain('1 户未登记')
    ok(await setArea(WORKER_02, 5, 70))
    ok(await setArea(WORKER_02, 5, null))
    expect((await docOf('households', hs[5]!.householdId)).area).toBeUndefined()
    ok(await setArea(WORKER_02, 5, 50))

    const t = ok(await open())
    expect(t.vote).toMatchObject({ rule: 'owners', electorate: 6, area: 500, major: false, options: null })
    expect(t.vote.ruleSentence).toContain('共 500 平方米')
    await opened()

    const cast = (i: number, over: object) => call(hs[i]!.openid, 'ballot.cast', { topicId, ...over })
    expect(codeOf(await cast(0, { option: 0 }))).toBe('DELIBERATION.WRONG_BALLOT')
    ok(await cast(0, { choice: 'yes' }))
    ok(await cast(1, { choice: 'no' }))
    ok(await cast(1, { choice: 'yes' }))
    ok(await cast(2, { choice: 'yes' }))
    ok(await cast(3, { choice: 'no' }))
    ok(
      await call(WORKER_02, 'ballot.cast', {
        topicId,
        choice: 'yes',
        channel: 'proxy',
        consent: true,
        unitId: hs[4]!.unitId,
        room: hs[4]!.room,
      }),
    )
    // A household that joined after the vote opened, without an area, cannot weigh in.
    const late = await addHouseholds(1, 'L', XINHUA_02)
    expect(codeOf(await call(late[0]!.openid, 'ballot.cast', { topicId, choice: 'yes' }))).toBe(
      'DELIBERATION.NO_AREA',
    )
    expect(await count('ballots', { topicId })).toBe(5)

    await endVote(topicId)
    const closed = ok(await call(WORKER_02, 'topic.closeVote', { topicId }))
    const stored = await ballotsOf(topicId)
    const sum = (c?: string) =>
      stored.filter((b) => c === undefined || b.choice === c).reduce((s, b) => s + b.area, 0)
    // 5 of 6 households and 450 of 500 m² take part; 4 households and 350 m² agree.
    expect([stored.length, sum(), sum('yes')]).toEqual([5, 450, 350])
    expect(closed.result).toMatchObject({
      participated: 5,
      yes: 4,
      no: 1,
      area: { electorate: 500, participated: sum(), yes: sum('yes'), no: sum('no'), abstain: 0 },
      byChannel: { app: 4, paper: 0, proxy: 1 },
      quorumMet: true,
      passed: true,
    })
    expect(closed.result.sentence).toMatch(/表决通过。$/)
  })
})

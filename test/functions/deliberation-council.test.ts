/**
 * The grid council (议事会成员, the party branch secretary among them) through the built `api`
 * function in the local CloudBase (real SDKs): granted and revoked by the community's admins, it
 * puts its grid's topics on the agenda, decides, opens votes and runs meetings, and gains no staff
 * power anywhere else.
 */
import { codeOf, ok, requestIds, useApi } from '../support/api-test'
import { addHouseholds, type TestHousehold } from '../support/households'
import {
  COUNCIL_YANG,
  WANG,
  XINHUA_01,
  XINHUA_01_WORKER as WORKER,
  XINHUA_ADMIN,
} from '../support/demo-people'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any

const { call, db, userDoc } = useApi()
const rid = requestIds('council')
const GRID2 = 'gr-xinhua-02'

/** Someone on no grid yet (a council member need not live in the grid), added as a user. */
const OUTSIDER = { userId: 'user-council-outsider', openid: 'openid-council-outsider' }

let people: TestHousehold[] = []
/** A member of 新华第1网格's council (a resident there), granted in the first test. */
let member: TestHousehold
beforeAll(async () => {
  // 40 more households: a proposal waits for 10% of them instead of being on the agenda at once.
  people = await addHouseholds(db, 40, 'K')
  member = people[0] as TestHousehold
  await db().collection('users').add({
    _id: OUTSIDER.userId,
    openid: OUTSIDER.openid,
    displayName: '议事会外聘',
    grants: [],
    createdAt: new Date(),
  })
})

const grantCouncil = (userId: string, scopeId = XINHUA_01.gridId, over: object = {}) =>
  call(XINHUA_ADMIN, 'role.grant', { userId, role: 'council_member', scopeId, ...over })
const revokeCouncil = (userId: string, scopeId = XINHUA_01.gridId) =>
  call(XINHUA_ADMIN, 'role.revoke', { userId, role: 'council_member', scopeId })
const propose = async (by: TestHousehold, title: string) =>
  ok(await call(by.openid, 'topic.propose', { requestId: rid(), title, text: `${title}，请大家议一议` }))

describe('granting the role', () => {
  it('the community admin grants 议事会成员 at a grid; the grid worker may not; the secretary is a title', async () => {
    expect(
      codeOf(
        await call(WORKER, 'role.grant', {
          userId: member.userId,
          role: 'council_member',
          scopeId: XINHUA_01.gridId,
        }),
      ),
    ).toBe('AUTH.FORBIDDEN')
    const granted = ok(await grantCouncil(member.userId))
    expect(granted.roles).toContainEqual(
      expect.objectContaining({ role: 'council_member', scope: XINHUA_01, scopeName: expect.any(String) }),
    )
    // A grid is the role's level: a community's id names no grid.
    expect(codeOf(await grantCouncil(member.userId, 'cm-xinhua'))).toBe('DATA.NOT_FOUND')
    // The title on, off, and left as it is when not asked; never a second grant.
    ok(await grantCouncil(member.userId, XINHUA_01.gridId, { secretary: true }))
    const council = async () =>
      (await userDoc(member.userId)).grants.filter((g: Any) => g.role === 'council_member')
    expect(await council()).toEqual([{ role: 'council_member', scope: XINHUA_01, title: '党支部书记' }])
    ok(await grantCouncil(member.userId))
    expect(await council()).toEqual([{ role: 'council_member', scope: XINHUA_01, title: '党支部书记' }])
    ok(await grantCouncil(member.userId, XINHUA_01.gridId, { secretary: false }))
    expect(await council()).toEqual([{ role: 'council_member', scope: XINHUA_01 }])
  })

  it('the staff page shows who is who: the demo grid’s party branch secretary', async () => {
    const page = ok(await call(XINHUA_ADMIN, 'staff.list', { scopeId: XINHUA_01.gridId }))
    const yang = page.items.find((p: Any) => p.userId === 'user-helper-yang')
    expect(yang.roles).toContainEqual(
      expect.objectContaining({ role: 'council_member', title: '党支部书记' }),
    )
    const mine = page.items.find((p: Any) => p.userId === member.userId)
    expect(mine.roles.map((r: Any) => r.role).sort()).toEqual(['council_member', 'resident'])
  })
})

describe('what the council may do in deliberation', () => {
  it('confirms a proposed topic of its grid (确定议题), named on the timeline; its buttons come from the machine', async () => {
    const t = await propose(people[1] as TestHousehold, '楼道灯改造')
    expect(t.status).toBe('proposed')
    const seen = ok(await call(member.openid, 'topic.get', { topicId: t.id }))
    expect(seen.can.moves).toEqual(['confirm', 'reject'])
    expect(seen.can.enter).toBe(false)
    const next = ok(await call(member.openid, 'topic.move', { topicId: t.id, move: 'confirm' }))
    expect(next.status).toBe('confirmed')
    expect(next.timeline.at(-1)).toMatchObject({ what: '立项', byName: '居民K0' })
    // Rejecting another proposal needs a reason, as for staff.
    const t2 = await propose(people[2] as TestHousehold, '小区改建停车场')
    expect(codeOf(await call(member.openid, 'topic.move', { topicId: t2.id, move: 'reject' }))).toBe(
      'DELIBERATION.REASON_REQUIRED',
    )
    expect(
      ok(await call(member.openid, 'topic.move', { topicId: t2.id, move: 'reject', reason: '属于物业职责' }))
        .status,
    ).toBe('rejected')
  })

  it('records a committee decision, and opens a vote it may not close or enter ballots in', async () => {
    const decided = await propose(people[3] as TestHousehold, '增设晾衣架')
    ok(await call(member.openid, 'topic.move', { topicId: decided.id, move: 'confirm' }))
    const d = ok(
      await call(member.openid, 'topic.move', { topicId: decided.id, move: 'decide', reason: '同意增设' }),
    )
    expect(d).toMatchObject({ status: 'decided', decision: '同意增设' })
    // Carrying it out (work orders) stays with staff.
    expect(ok(await call(member.openid, 'topic.get', { topicId: decided.id })).can.carry).toBe(false)

    const voted = await propose(people[4] as TestHousehold, '安装充电桩')
    ok(await call(member.openid, 'topic.move', { topicId: voted.id, move: 'confirm' }))
    const opensAt = new Date(Date.now() + 60_000).toISOString()
    const closesAt = new Date(Date.now() + 2 * 86_400_000).toISOString()
    const v = ok(
      await call(member.openid, 'topic.openVote', {
        topicId: voted.id,
        rule: 'residents_meeting',
        opensAt,
        closesAt,
      }),
    )
    expect(v.status).toBe('voting')
    expect(codeOf(await call(member.openid, 'topic.closeVote', { topicId: voted.id }))).toBe('AUTH.FORBIDDEN')
  })

  it('schedules and closes a meeting of its grid’s topic, without photos (staff add those)', async () => {
    const t = await propose(people[5] as TestHousehold, '凉亭议事：垃圾分类点位')
    ok(await call(member.openid, 'topic.move', { topicId: t.id, move: 'confirm' }))
    expect(ok(await call(member.openid, 'meeting.list', { topicId: t.id })).canSchedule).toBe(true)
    const m = ok(
      await call(member.openid, 'meeting.schedule', {
        topicId: t.id,
        requestId: rid(),
        place: '小区凉亭',
        startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      }),
    )
    expect(m.can).toEqual({ moves: ['cancel'], photos: false })
    await db()
      .collection('topic_meetings')
      .doc(m.id)
      .update({ startsAt: new Date(Date.now() - 3_600_000) })
    const close = (photos: string[]) =>
      call(member.openid, 'meeting.close', {
        meetingId: m.id,
        minutes: '同意设在东门',
        households: 6,
        people: 8,
        photos,
        options: [],
      })
    expect(codeOf(await close([`cloud://env/meetings/${member.userId}/${m.id}/1.jpg`]))).toBe(
      'DELIBERATION.MEETING_PHOTOS_STAFF',
    )
    expect(ok(await close([])).status).toBe('held')
  })

  it('another grid’s topic is not theirs: not found, as for anyone outside it; its hall is refused', async () => {
    ok(await grantCouncil(OUTSIDER.userId, GRID2))
    const t = await propose(people[6] as TestHousehold, '楼顶防水')
    expect(codeOf(await call(OUTSIDER.openid, 'topic.get', { topicId: t.id }))).toBe('DATA.NOT_FOUND')
    expect(codeOf(await call(OUTSIDER.openid, 'topic.move', { topicId: t.id, move: 'confirm' }))).toBe(
      'DATA.NOT_FOUND',
    )
    expect(codeOf(await call(OUTSIDER.openid, 'topic.list', { gridId: XINHUA_01.gridId }))).toBe(
      'AUTH.FORBIDDEN',
    )
    // Living nowhere, the hall opens on their council's grid (topic.list without a grid).
    expect(ok(await call(OUTSIDER.openid, 'topic.list', {})).gridId).toBe(GRID2)
  })
})

describe('no staff power outside deliberation', () => {
  it.each([
    ['the staff inbox', 'order.inbox', { box: 'new' }],
    ['accepting a work order', 'order.accept', { orderId: 'wo_xxxxxxxxxxxxxxxxxxxx' }],
    ['the joins to decide', 'join.inbox', {}],
    ['the people of the grid', 'staff.list', { scopeId: XINHUA_01.gridId }],
    [
      'awarding points',
      'points.award',
      { requestId: 'req-council-0001', userId: 'user-resident-wang', amount: 5, reason: '帮忙' },
    ],
    ['the errands queue', 'errand.queue', {}],
    ['closing a vote', 'topic.closeVote', { topicId: 'tp_xxxxxxxxxxxxxxxxxxxx' }],
  ])('%s: AUTH.FORBIDDEN', async (_n, action, input) => {
    expect(codeOf(await call(COUNCIL_YANG, action, input))).toBe('AUTH.FORBIDDEN')
  })

  it('the workbench shows the council its grid’s topics only, without order rates', async () => {
    const s = ok(await call(COUNCIL_YANG, 'workbench.summary', {}))
    expect(s.desks).toEqual([
      expect.objectContaining({
        role: 'council_member',
        roleLabel: '议事会成员',
        rates: null,
        counts: [
          expect.objectContaining({
            key: 'topics',
            url: expect.stringContaining(`gridId=${XINHUA_01.gridId}`),
          }),
        ],
      }),
    ])
    expect(s.desks[0].counts[0].count).toBeGreaterThan(0)
  })
})

describe('revoking the role', () => {
  it('takes the power away at once: a resident again', async () => {
    const t = await propose(people[7] as TestHousehold, '健身器材更新')
    ok(await revokeCouncil(member.userId))
    expect((await userDoc(member.userId)).grants.map((g: Any) => g.role)).toEqual(['resident'])
    const seen = ok(await call(member.openid, 'topic.get', { topicId: t.id }))
    expect(seen.can.moves).toEqual([])
    expect(codeOf(await call(member.openid, 'topic.move', { topicId: t.id, move: 'confirm' }))).toBe(
      'AUTH.FORBIDDEN',
    )
    expect(codeOf(await call(member.openid, 'workbench.summary', {}))).toBe('AUTH.FORBIDDEN')
    // Staff keep every power: the grid worker confirms it.
    expect(ok(await call(WORKER, 'topic.move', { topicId: t.id, move: 'confirm' })).status).toBe('confirmed')
    // A resident of the grid still sees it; the demo resident too.
    expect(ok(await call(WANG, 'topic.get', { topicId: t.id })).status).toBe('confirmed')
  })
})

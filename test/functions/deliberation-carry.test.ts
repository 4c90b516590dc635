/**
 * 民办 and 民评 through the built `api` and `sweep` functions in the local CloudBase (real SDKs):
 * a decision carried out through work orders and a volunteer activity linked both ways, progress
 * from the linked items, the households' ratings, the evaluation closing or sending the topic back,
 * the metrics and the community's settings.
 */
import { activityInput, codeOf, isoInMin, ok, requestIds, useApi } from '../support/api-test'
import {
  CHEN,
  DONGSHAN_01_WORKER,
  DONGSHAN_ADMIN,
  dongshanResident,
  WANG,
  XINHUA_01,
  XINHUA_01_WORKER as WORKER,
  XINHUA_ADMIN as ADMIN,
} from '../support/demo-people'
import { addHouseholds, type TestHousehold } from '../support/households'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any

const { emu, call, db, docOf, count } = useApi({ secCheckKeywords: { risky: ['赌博网站'], review: [] } })
const rid = requestIds('carry')
const sweep = () => emu().invoke('sweep', { now: new Date().toISOString() })

const FAR = 'openid-carry-dongshan'
let people: TestHousehold[] = []
let baseline: Any = null
beforeAll(async () => {
  people = await addHouseholds(db, 12, 'C')
  await db()
    .collection('users')
    .add(dongshanResident('user-carry-dongshan', FAR, 'hh-carry-dongshan'))
  baseline = ok(await call(WORKER, 'topic.stats', { gridId: XINHUA_01.gridId }))
})

/** A topic of 新华第1网格 decided by the council (a committee decision to act). */
async function decidedTopic(title: string): Promise<string> {
  const t = ok(
    await call(people[0]!.openid, 'topic.propose', {
      requestId: rid(),
      title,
      text: '居民提出，希望尽快解决',
    }),
  )
  if (t.status === 'proposed') ok(await call(WORKER, 'topic.move', { topicId: t.id, move: 'confirm' }))
  ok(await call(WORKER, 'topic.move', { topicId: t.id, move: 'decide', reason: '议事会同意实施' }))
  return t.id as string
}

/** An activity of 新华社区 that already ended (linked work counts it done). */
async function endedActivity(): Promise<string> {
  const id = ok(
    await call(ADMIN, 'activity.publish', activityInput(rid(), { title: '充电安全宣传' })),
  ).activityId
  await db()
    .collection('activities')
    .doc(id)
    .update({ startAt: new Date(Date.now() - 7_200_000), endAt: new Date(Date.now() - 3_600_000) })
  return id as string
}

const carry = (openid: string, topicId: string, over: Record<string, unknown> = {}) =>
  call(openid, 'topic.carry', {
    topicId,
    requestId: rid(),
    plan: '在3号楼东侧安装 10 个充电口，物业负责日常管理',
    responsible: '张网格、物业李经理',
    orders: [
      { category: 'safety', text: '拆除3号楼飞线，安装充电桩' },
      { category: 'street_light', text: '充电区加装照明' },
    ],
    ...over,
  })

const handle = async (orderId: string) => {
  ok(await call(WORKER, 'order.accept', { orderId }))
  ok(await call(WORKER, 'order.reply', { orderId, outcome: 'handled', text: '已完成' }))
}

describe('民办: carrying a decision out', () => {
  let topicId = ''
  let activityId = ''
  let detail: Any

  it('staff file work orders and link an activity in one step; the topic is 实施中 and says so to the grid', async () => {
    topicId = await decidedTopic('在3号楼旁安装充电桩')
    activityId = await endedActivity()
    const input = {
      topicId,
      requestId: rid(),
      plan: '在3号楼东侧安装 10 个充电口',
      responsible: '张网格、物业李经理',
      orders: [
        { category: 'safety', text: '拆除3号楼飞线，安装充电桩' },
        { category: 'street_light', text: '充电区加装照明' },
      ],
      activityIds: [activityId],
    }
    detail = ok(await call(WORKER, 'topic.carry', input))
    expect(detail).toMatchObject({
      status: 'doing',
      statusLabel: '实施中',
      work: {
        plan: '在3号楼东侧安装 10 个充电口',
        responsible: '张网格、物业李经理',
        done: 1,
        total: 3,
        percent: 33,
      },
      can: { carry: true },
    })
    // A retry adds nothing.
    expect(ok(await call(WORKER, 'topic.carry', input))).toMatchObject({ retried: true, work: { total: 3 } })
    expect(await count('orders', { topicId })).toBe(2)
    // Linked both ways: the orders and the activity name the topic, and their pages show it.
    const orders = detail.work.items.filter((i: Any) => i.kind === 'order')
    for (const o of orders) {
      const view = ok(await call(WORKER, 'order.get', { orderId: o.id }))
      expect(view).toMatchObject({ topicId, status: 'submitted' })
      expect(view.text).toMatch(/^【居民议事：在3号楼旁安装充电桩】/)
    }
    expect(ok(await call(WANG, 'activity.get', { activityId })).topicId).toBe(topicId)
    // The grid's households were told it is being carried out, the message opening the topic.
    const notes = (await db().collection('notifications').where({ sourceId: topicId }).limit(1000).get())
      .data as Any[]
    const told = notes.filter((n) => n.kind.startsWith('topic.carry'))
    expect(told.map((n) => n.recipientId)).toContain(people[5]!.userId)
    expect(told.map((n) => n.recipientId)).not.toContain('user-xinhua-01-worker')
    expect(told[0].page).toBe(`features/deliberation/pages/topic/index?id=${topicId}`)
    const stored = await docOf('topics', topicId)
    expect(stored.work).toMatchObject({ ordersLeft: 2 })
    expect(stored.events.map((e: Any) => e.move)).toContain('carry')
  })

  it.each([
    ['a resident', () => CHEN, {}, 'AUTH.FORBIDDEN'],
    ['another grid’s worker', () => DONGSHAN_01_WORKER, {}, 'DATA.NOT_FOUND'],
  ])('%s cannot carry it out', async (_n, who, over, code) => {
    expect(codeOf(await carry(who(), topicId, over))).toBe(code)
  })

  it('refuses bad work and changes nothing', async () => {
    const before = await docOf('topics', topicId)
    const other = ok(
      await call(
        DONGSHAN_ADMIN,
        'activity.publish',
        activityInput(rid(), { communityId: 'cm-dongshan', title: '东山活动' }),
      ),
    )
    for (const [over, code] of [
      [{ orders: [{ category: 'no-such', text: '随便' }] }, 'DELIBERATION.BAD_WORK'],
      [{ orders: [], activityIds: [] }, 'DELIBERATION.BAD_WORK'],
      [{ orders: [], activityIds: [other.activityId] }, 'DELIBERATION.BAD_WORK'],
      [{ orders: [], activityIds: [activityId] }, 'DELIBERATION.BAD_WORK'],
      [{ orders: [{ category: 'safety', text: '欢迎访问赌博网站' }] }, 'CONTENT.RISKY'],
    ] as const)
      expect(codeOf(await carry(WORKER, topicId, over))).toBe(code)
    const after = await docOf('topics', topicId)
    expect(after.version).toBe(before.version)
    expect(await count('orders', { topicId })).toBe(2)
  })

  it('progress follows the orders; finishing waits until every item is done', async () => {
    const [first, second] = detail.work.items.filter((i: Any) => i.kind === 'order')
    expect(codeOf(await call(WORKER, 'topic.move', { topicId, move: 'finish' }))).toBe(
      'DELIBERATION.WORK_OPEN',
    )
    await handle(first.id)
    const mid = ok(await call(WANG, 'topic.get', { topicId }))
    expect(mid.work).toMatchObject({ done: 2, total: 3 })
    expect((await docOf('topics', topicId)).work.ordersLeft).toBe(1)
    await sweep()
    expect((await docOf('topics', topicId)).status).toBe('doing')
    await handle(second.id)
    // The timer opens the evaluation once every item is done (twice at once: once).
    await Promise.all([sweep(), sweep()])
    const t = ok(await call(WANG, 'topic.get', { topicId }))
    expect(t).toMatchObject({
      status: 'evaluating',
      work: { done: 3, percent: 100 },
      evaluation: { round: 1, open: true },
    })
    const stored = await docOf('topics', topicId)
    expect(stored.events.filter((e: Any) => e.move === 'finish')).toEqual([
      expect.objectContaining({ by: 'system' }),
    ])
  })

  it('a decision not to act cannot be carried out', async () => {
    const t = ok(
      await call(people[1]!.openid, 'topic.propose', { requestId: rid(), title: '拆除凉亭', text: '占地方' }),
    )
    if (t.status === 'proposed') ok(await call(WORKER, 'topic.move', { topicId: t.id, move: 'confirm' }))
    ok(
      await call(WORKER, 'topic.openVote', {
        topicId: t.id,
        rule: 'simple',
        quorumPct: 1,
        opensAt: new Date().toISOString(),
        closesAt: isoInMin(61),
      }),
    )
    await new Promise((r) => setTimeout(r, 1100))
    ok(await call(people[1]!.openid, 'ballot.cast', { topicId: t.id, choice: 'no' }))
    await db()
      .collection('topics')
      .doc(t.id)
      .update({ 'vote.closesAt': new Date(Date.now() - 1000) })
    expect(ok(await call(WORKER, 'topic.closeVote', { topicId: t.id })).result.passed).toBe(false)
    expect(ok(await call(WORKER, 'topic.get', { topicId: t.id })).can.carry).toBe(false)
    expect(codeOf(await carry(WORKER, t.id))).toBe('DELIBERATION.BAD_STEP')
  })
})

describe('民评: the households rate the outcome', () => {
  /** A topic whose work is done and whose evaluation is open. */
  async function evaluating(title: string): Promise<string> {
    const topicId = await decidedTopic(title)
    const d = ok(await carry(WORKER, topicId, { orders: [{ category: 'drain', text: '疏通下水道' }] }))
    await handle(d.work.items[0].id)
    await sweep()
    expect((await docOf('topics', topicId)).status).toBe('evaluating')
    return topicId
  }
  const closeWindow = (topicId: string) =>
    db()
      .collection('topics')
      .doc(topicId)
      .update({ 'evaluation.closesAt': new Date(Date.now() - 1000) })

  it('one rating per household, the last one counts; outsiders and late ratings are refused', async () => {
    const topicId = await evaluating('疏通2号楼下水道')
    expect(ok(await call(people[2]!.openid, 'topic.rate', { topicId, rating: 'unsatisfied' }))).toMatchObject(
      {
        replaced: false,
      },
    )
    expect(
      ok(
        await call(people[2]!.openid, 'topic.rate', { topicId, rating: 'satisfied', comment: '通了，谢谢' }),
      ),
    ).toMatchObject({ replaced: true })
    ok(await call(people[3]!.openid, 'topic.rate', { topicId, rating: 'basically' }))
    ok(await call(people[4]!.openid, 'topic.rate', { topicId, rating: 'unsatisfied', comment: '气味还在' }))
    expect(await count('topic_ratings', { topicId })).toBe(3)
    expect(codeOf(await call(DONGSHAN_01_WORKER, 'topic.rate', { topicId, rating: 'satisfied' }))).toBe(
      'AUTH.FORBIDDEN',
    )
    expect(codeOf(await call(FAR, 'topic.rate', { topicId, rating: 'satisfied' }))).toBe('DATA.NOT_FOUND')
    expect(
      codeOf(
        await call(people[5]!.openid, 'topic.rate', {
          topicId,
          rating: 'satisfied',
          comment: '欢迎访问赌博网站',
        }),
      ),
    ).toBe('CONTENT.RISKY')
    expect(await count('topic_ratings', { topicId })).toBe(3)
    // Staff read the households' comments (no names); a resident sees their own rating only.
    const staffView = ok(await call(WORKER, 'topic.get', { topicId }))
    expect(staffView.evaluation.comments.sort()).toEqual(['气味还在', '通了，谢谢'])
    const mine = ok(await call(people[2]!.openid, 'topic.get', { topicId }))
    expect(mine.evaluation).toMatchObject({ mine: 'satisfied', comments: [] })
    expect(codeOf(await call(WORKER, 'topic.move', { topicId, move: 'close_evaluation' }))).toBe(
      'DELIBERATION.EVALUATION_OPEN',
    )
    await closeWindow(topicId)
    expect(codeOf(await call(people[6]!.openid, 'topic.rate', { topicId, rating: 'satisfied' }))).toBe(
      'DELIBERATION.NOT_EVALUATING',
    )
    // 1 不满意 of 3 is above 30%: back to the council, counted from the stored ratings.
    const closed = ok(await call(WORKER, 'topic.move', { topicId, move: 'close_evaluation' }))
    expect(closed).toMatchObject({
      status: 'confirmed',
      evaluation: { result: { rated: 3, satisfied: 1, basically: 1, unsatisfied: 1, reopened: true } },
    })
  })

  it('the timer closes an evaluation whose window ended; a satisfied one is 已办结', async () => {
    const topicId = await evaluating('修补小区路面')
    for (const p of people.slice(2, 6))
      ok(await call(p.openid, 'topic.rate', { topicId, rating: 'satisfied' }))
    await closeWindow(topicId)
    await Promise.all([sweep(), sweep()])
    const t = await docOf('topics', topicId)
    expect(t).toMatchObject({ status: 'evaluated', evaluation: { result: { rated: 4, reopened: false } } })
    expect(t.events.filter((e: Any) => e.move === 'close_evaluation')).toHaveLength(1)
  })
})

describe('the hall by step, and a community’s hall', () => {
  it('keeps one step; a community admin sees the community’s topics; others cannot', async () => {
    // By now this file has one topic being rated, one closed (已办结) and one sent back (已立项).
    const judged = ok(await call(WORKER, 'topic.list', { gridId: XINHUA_01.gridId, step: 'judge' }))
    expect(judged).toMatchObject({ gridId: XINHUA_01.gridId, communityId: 'cm-xinhua', staff: true })
    expect(judged.items.map((i: Any) => i.title)).toContain('修补小区路面')
    expect(new Set(judged.items.map((i: Any) => i.status))).toEqual(new Set(['evaluating', 'evaluated']))
    const discussed = ok(await call(WANG, 'topic.list', { step: 'discuss' }))
    expect(discussed.staff).toBe(false)
    expect(discussed.items.map((i: Any) => i.title)).toContain('疏通2号楼下水道')
    expect(discussed.items.every((i: Any) => ['confirmed', 'voting'].includes(i.status))).toBe(true)
    const community = ok(await call(ADMIN, 'topic.list', { communityId: 'cm-xinhua', step: 'judge' }))
    expect(community).toMatchObject({ gridId: null, staff: true, canPropose: false, canConfigure: true })
    expect(judged.canConfigure).toBe(false)
    expect(community.items.map((i: Any) => i.id)).toEqual(
      expect.arrayContaining(judged.items.map((i: Any) => i.id)),
    )
    expect(codeOf(await call(WANG, 'topic.list', { communityId: 'cm-xinhua' }))).toBe('AUTH.FORBIDDEN')
    expect(codeOf(await call(DONGSHAN_01_WORKER, 'topic.list', { communityId: 'cm-xinhua' }))).toBe(
      'AUTH.FORBIDDEN',
    )
  })

  it('the carry-out form offers the community’s categories and its unlinked activities, to staff only', async () => {
    const topicId = await decidedTopic('楼道照明改造')
    const fresh = ok(
      await call(ADMIN, 'activity.publish', activityInput(rid(), { title: '楼道清理' })),
    ).activityId
    const options = ok(await call(WORKER, 'topic.workOptions', { topicId }))
    expect(options.categories.map((c: Any) => c.id)).toContain('street_light')
    expect(options.activities.map((a: Any) => a.id)).toContain(fresh)
    // An activity already linked to a topic is not offered again.
    const linked = (
      await db()
        .collection('activities')
        .where({ topicId: db().command.neq(null) })
        .get()
    ).data
    for (const a of linked as Any[]) expect(options.activities.map((x: Any) => x.id)).not.toContain(a._id)
    expect(codeOf(await call(WANG, 'topic.workOptions', { topicId }))).toBe('AUTH.FORBIDDEN')
  })
})

describe('metrics and settings', () => {
  it('the grid’s and the community’s counters, for staff over them only', async () => {
    const grid = ok(await call(WORKER, 'topic.stats', { gridId: XINHUA_01.gridId }))
    expect(grid).toMatchObject({ level: 'grid', placeId: XINHUA_01.gridId })
    // This file's topics: 5 raised and confirmed; 4 committee decisions and 1 vote (1 household
    // taking part); 3 carried out; 1 evaluation closed, 1 sent back; 7 ratings.
    const delta = Object.fromEntries(
      [
        'raised',
        'confirmed',
        'decided',
        'votes',
        'participated',
        'done',
        'evaluated',
        'reopened',
        'rated',
        'satisfied',
        'basically',
        'unsatisfied',
      ].map((k) => [k, grid[k] - baseline[k]]),
    )
    expect(delta).toEqual({
      raised: 5,
      confirmed: 5,
      decided: 5,
      votes: 1,
      participated: 1,
      done: 3,
      evaluated: 1,
      reopened: 1,
      rated: 7,
      satisfied: 5,
      basically: 1,
      unsatisfied: 1,
    })
    expect(grid.satisfaction).toEqual(Math.round(((grid.satisfied + grid.basically) / grid.rated) * 100))
    const community = ok(await call(ADMIN, 'topic.stats', { communityId: XINHUA_01.communityId }))
    expect(community.raised).toBeGreaterThanOrEqual(grid.raised)
    expect(codeOf(await call(DONGSHAN_01_WORKER, 'topic.stats', { gridId: XINHUA_01.gridId }))).toBe(
      'AUTH.FORBIDDEN',
    )
    expect(codeOf(await call(WANG, 'topic.stats', { gridId: XINHUA_01.gridId }))).toBe('AUTH.FORBIDDEN')
  })

  it('a community admin sets the support share; new topics use it', async () => {
    expect(
      codeOf(await call(WORKER, 'deliberation.configure', { communityId: 'cm-xinhua', supportPct: 20 })),
    ).toBe('AUTH.FORBIDDEN')
    expect(
      codeOf(await call(ADMIN, 'deliberation.configure', { communityId: 'cm-xinhua', supportPct: 0 })),
    ).toBe('DELIBERATION.BAD_CONFIG')
    expect(
      ok(await call(ADMIN, 'deliberation.configure', { communityId: 'cm-xinhua', supportPct: 50 })),
    ).toEqual({
      supportPct: 50,
      evaluationDays: 7,
      reopenPct: 30,
    })
    expect(ok(await call(WORKER, 'deliberation.config', { communityId: 'cm-xinhua' })).supportPct).toBe(50)
    const t = ok(
      await call(people[7]!.openid, 'topic.propose', {
        requestId: rid(),
        title: '增设晾衣架',
        text: '晒被子不方便',
      }),
    )
    expect(t.threshold).toBe(Math.ceil(t.households / 2))
    ok(await call(ADMIN, 'deliberation.configure', { communityId: 'cm-xinhua', supportPct: 10 }))
  })
})

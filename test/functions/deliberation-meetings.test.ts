/**
 * A topic's offline meetings (议事会) through the built `api` and `sweep` functions in the local
 * CloudBase (real SDKs): scheduling invites the grid's households (those subscribed receive it, the
 * records say so for everyone), closing with the minutes, the form's clear codes with nothing
 * changed, cancelling, the organiser's reminders at +3 and +7 days (once each, racing sweeps
 * included), racing closes, and the organiser's name taken off on erasure.
 */
import { DEMO_MEETING_ID } from '../../emulator/seed/meetings'
import { ERASED_NAME } from '../../src/core/me/erase'
import { codeOf, ok, requestIds, useApi } from '../support/api-test'
import {
  LI,
  WANG,
  XINHUA_01,
  XINHUA_01_WORKER as WORKER,
  XINHUA_02_WORKER,
  XINHUA_ADMIN as ADMIN,
} from '../support/demo-people'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any

const { emu, call, db, docOf, count } = useApi()
const rid = requestIds('meet')
const DAY = 86_400_000
const WORKER_ID = 'user-xinhua-01-worker'

/** A topic of 新华第1网格 on the agenda (proposed by 王秀英, confirmed by the grid worker). */
async function confirmedTopic(title: string): Promise<string> {
  const t = ok(await call(WANG, 'topic.propose', { requestId: rid(), title, text: `${title}，请大家议一议` }))
  if (t.status === 'proposed') ok(await call(WORKER, 'topic.move', { topicId: t.id, move: 'confirm' }))
  return t.id
}
const tomorrow = () => new Date(Date.now() + DAY).toISOString()
const schedule = (openid: string, topicId: string, over: object = {}) =>
  call(openid, 'meeting.schedule', {
    topicId,
    requestId: rid(),
    place: '社区党群服务中心二楼',
    startsAt: tomorrow(),
    ...over,
  })
/** As if the meeting started `ago` ms before now. */
const startedAgo = async (meetingId: string, ago = 3_600_000) => {
  await db()
    .collection('topic_meetings')
    .doc(meetingId)
    .update({ startsAt: new Date(Date.now() - ago) })
}
const notesOf = async (sourceId: string): Promise<Any[]> =>
  (await db().collection('notifications').where({ sourceId }).limit(1000).get()).data as Any[]
const photo = async (userId: string, meetingId: string, n: number): Promise<string> =>
  (
    await emu().app.uploadFile({
      cloudPath: `meetings/${userId}/${meetingId}/${n}.jpg`,
      fileContent: Buffer.from([0xff, 0xd8, 0xff, 0xe0, n, 0xff, 0xd9]),
    })
  ).fileID as string
const closeInput = (meetingId: string, over: object = {}) => ({
  meetingId,
  minutes: '与会居民同意在3号楼东侧安装充电桩，由物业联系供电公司勘察。',
  households: 12,
  people: 15,
  photos: [],
  options: ['3号楼东侧', '小区北门停车场'],
  ...over,
})

beforeAll(async () => {
  await emu().grantSubscriptions(WANG, 'tmpl-meeting-invite', 5)
  await emu().grantSubscriptions(WANG, 'tmpl-meeting-progress', 5)
})

describe('安排议事会: scheduling', () => {
  it('staff schedule; every household of the grid is invited (the subscribed receive it); the push opens the meeting', async () => {
    const topicId = await confirmedTopic('在3号楼旁安装充电桩')
    const input = { topicId, requestId: rid(), place: ' 社区党群服务中心二楼 ', startsAt: tomorrow() }
    const m = ok(await call(WORKER, 'meeting.schedule', input))
    expect(m).toMatchObject({
      topicId,
      title: '在3号楼旁安装充电桩',
      place: '社区党群服务中心二楼',
      status: 'scheduled',
      statusLabel: '待召开',
      can: { moves: ['cancel'] },
    })
    expect(m.id).toMatch(/^mt_[a-z2-7]{20}$/)
    // A retry with the same request id answers the same meeting, stored once.
    expect(ok(await call(WORKER, 'meeting.schedule', input))).toMatchObject({ id: m.id, retried: true })
    expect(await count('topic_meetings', { organiserId: WORKER_ID, requestId: input.requestId })).toBe(1)

    const invites = (await notesOf(m.id)).filter((n) => n.kind === 'meeting.invite')
    const households = await count('households', { gridId: XINHUA_01.gridId })
    expect(invites.length).toBeGreaterThanOrEqual(households - 1)
    expect(invites.every((n) => n.page === `features/deliberation/pages/meeting/index?id=${m.id}`)).toBe(true)
    expect(invites.find((n) => n.recipientId === 'user-resident-wang')).toMatchObject({ status: 'sent' })
    expect(invites.find((n) => n.recipientId === 'user-resident-li')).toMatchObject({
      status: 'no_subscription',
    })
    expect(invites.some((n) => n.recipientId === WORKER_ID)).toBe(false)
    const sent = ((await emu().outbox()) as Any[]).filter((s) => s.template_id === 'tmpl-meeting-invite')
    expect(sent.map((s) => s.page)).toContain(`features/deliberation/pages/meeting/index?id=${m.id}`)
    // What the page asks for, as the resident the push reached: it opens.
    expect(ok(await call(WANG, 'meeting.get', { meetingId: m.id }))).toMatchObject({
      id: m.id,
      can: { moves: [] },
    })
    const listed = ok(await call(WANG, 'meeting.list', { topicId }))
    expect(listed).toMatchObject({ canSchedule: false, items: [expect.objectContaining({ id: m.id })] })
    expect(ok(await call(WORKER, 'meeting.list', { topicId })).canSchedule).toBe(true)
  })

  it('a resident, another grid’s worker, a topic not on the agenda, a risky place: refused, nothing stored', async () => {
    const topicId = await confirmedTopic('楼道堆物清理')
    const before = await count('topic_meetings', { topicId })
    expect(codeOf(await schedule(LI, topicId))).toBe('AUTH.FORBIDDEN')
    expect(codeOf(await schedule(XINHUA_02_WORKER, topicId))).toBe('DATA.NOT_FOUND')
    expect(codeOf(await schedule(WORKER, topicId, { place: '欢迎访问赌博网站' }))).toBe('CONTENT.RISKY')
    expect(codeOf(await schedule(WORKER, topicId, { place: ' ' }))).toBe('DELIBERATION.MEETING_PLACE')
    expect(
      codeOf(await schedule(WORKER, topicId, { startsAt: new Date(Date.now() - DAY).toISOString() })),
    ).toBe('DELIBERATION.MEETING_TIME')
    expect(await count('topic_meetings', { topicId })).toBe(before)
    expect(codeOf(await call(XINHUA_02_WORKER, 'meeting.list', { topicId }))).toBe('DATA.NOT_FOUND')
    // Still proposed (not on the agenda): a grid with many households needs more than one support.
    const proposed = ok(
      await call(WANG, 'topic.propose', { requestId: rid(), title: '小区绿化', text: '补种树木' }),
    )
    if (proposed.status === 'proposed')
      expect(codeOf(await schedule(WORKER, proposed.id))).toBe('DELIBERATION.MEETING_TOPIC_STEP')
    // Decided (a committee decision): no more meetings either.
    if (proposed.status === 'proposed')
      ok(await call(WORKER, 'topic.move', { topicId: proposed.id, move: 'confirm' }))
    ok(await call(WORKER, 'topic.move', { topicId: proposed.id, move: 'decide', reason: '议事会决定补种' }))
    expect(codeOf(await schedule(WORKER, proposed.id))).toBe('DELIBERATION.MEETING_TOPIC_STEP')
  })
})

describe('关闭会议: the minutes', () => {
  it('refuses a close before the start, over-long minutes, 10 photos, bad attendance, risky minutes — nothing changed', async () => {
    const m = ok(await schedule(WORKER, await confirmedTopic('更换楼道声控灯')))
    expect(codeOf(await call(WORKER, 'meeting.close', closeInput(m.id)))).toBe(
      'DELIBERATION.MEETING_NOT_STARTED',
    )
    await startedAgo(m.id)
    const before = await docOf('topic_meetings', m.id)
    const ten = Array.from(
      { length: 10 },
      (_, i) => `cloud://x.y/meetings/${WORKER_ID}/${m.id}/${(i % 9) + 1}.jpg`,
    )
    for (const [over, code] of [
      [{ minutes: '纪'.repeat(2001) }, 'DELIBERATION.MINUTES_TOO_LONG'],
      [{ minutes: '  ' }, 'DELIBERATION.MINUTES_REQUIRED'],
      [{ photos: ten }, 'DELIBERATION.TOO_MANY_PHOTOS'],
      [{ photos: [`cloud://x.y/meetings/${WORKER_ID}/${m.id}/1.jpg`] }, 'DELIBERATION.PHOTO_INVALID'],
      [{ households: 16, people: 15 }, 'DELIBERATION.BAD_ATTENDANCE'],
      [{ households: -1 }, 'DELIBERATION.BAD_ATTENDANCE'],
      [{ options: ['甲', '乙', '丙', '丁', '戊', '己', '庚'] }, 'DELIBERATION.BAD_OPTIONS'],
      [{ minutes: '欢迎访问赌博网站' }, 'CONTENT.RISKY'],
    ] as const)
      expect([over, codeOf(await call(WORKER, 'meeting.close', closeInput(m.id, over)))]).toEqual([
        over,
        code,
      ])
    expect(await docOf('topic_meetings', m.id)).toEqual(before)
    expect(codeOf(await call(LI, 'meeting.close', closeInput(m.id)))).toBe('AUTH.FORBIDDEN')
    expect(codeOf(await call(XINHUA_02_WORKER, 'meeting.close', closeInput(m.id)))).toBe('DATA.NOT_FOUND')
  })

  it('the organiser closes it with minutes, attendance, photos and options; everyone who sees the topic reads them', async () => {
    const m = ok(await schedule(WORKER, await confirmedTopic('增设休息座椅')))
    await startedAgo(m.id)
    expect(ok(await call(WORKER, 'meeting.get', { meetingId: m.id })).can.moves).toEqual(['close', 'cancel'])
    const photos = [await photo(WORKER_ID, m.id, 1), await photo(WORKER_ID, m.id, 2)]
    const held = ok(await call(WORKER, 'meeting.close', closeInput(m.id, { photos })))
    expect(held).toMatchObject({
      status: 'held',
      statusLabel: '已召开',
      attendance: { households: 12, people: 15 },
      photos,
      options: ['3号楼东侧', '小区北门停车场'],
      can: { moves: [] },
    })
    expect(ok(await call(WANG, 'meeting.get', { meetingId: m.id }))).toMatchObject({
      minutes: expect.stringContaining('充电桩'),
      photos,
    })
    expect(codeOf(await call(WORKER, 'meeting.close', closeInput(m.id)))).toBe('DELIBERATION.MEETING_DONE')
    expect(codeOf(await call(WORKER, 'meeting.cancel', { meetingId: m.id, reason: '改期' }))).toBe(
      'DELIBERATION.MEETING_DONE',
    )
  })

  it('two staff closing at once: one wins, the other is told it is closed', async () => {
    const m = ok(await schedule(WORKER, await confirmedTopic('小区大门改造')))
    await startedAgo(m.id)
    const res = await Promise.all(
      [WORKER, ADMIN].map((who, i) =>
        call(who, 'meeting.close', closeInput(m.id, { minutes: `第${i + 1}份纪要` })),
      ),
    )
    expect(res.map((r) => (r.ok ? 'ok' : r.error?.code)).sort()).toEqual(['DELIBERATION.MEETING_DONE', 'ok'])
    const stored = await docOf('topic_meetings', m.id)
    const winner = res.findIndex((r) => r.ok)
    expect(stored).toMatchObject({ status: 'held', minutes: `第${winner + 1}份纪要`, version: 2 })
  })
})

describe('取消会议', () => {
  it('staff of the place cancel with a reason; the invited households are told', async () => {
    const m = ok(await schedule(WORKER, await confirmedTopic('楼顶防水维修')))
    expect(codeOf(await call(ADMIN, 'meeting.cancel', { meetingId: m.id, reason: ' ' }))).toBe(
      'DELIBERATION.REASON_REQUIRED',
    )
    const cancelled = ok(
      await call(ADMIN, 'meeting.cancel', { meetingId: m.id, reason: '暴雨预警，改期另行通知' }),
    )
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      reason: '暴雨预警，改期另行通知',
      can: { moves: [] },
    })
    const told = (await notesOf(m.id)).filter((n) => n.kind === 'meeting.cancel')
    expect(told.find((n) => n.recipientId === 'user-resident-wang')).toMatchObject({
      status: 'sent',
      page: `features/deliberation/pages/meeting/index?id=${m.id}`,
    })
    expect(told.some((n) => n.recipientId === 'user-xinhua-admin')).toBe(false)
  })
})

describe('the minutes reminders', () => {
  const sweepAt = (at: number) => emu().invoke('sweep', { now: new Date(at).toISOString() })

  it('remind the organiser at +3 and +7 days, once each, racing sweeps included; never after the minutes', async () => {
    const m = ok(await schedule(WORKER, await confirmedTopic('快递柜选址')))
    const start = new Date((await docOf('topic_meetings', m.id)).startsAt).getTime()
    const reminders = async () => (await notesOf(m.id)).filter((n) => n.kind.startsWith('meeting.remind'))

    await sweepAt(start + 2 * DAY + 23 * 3_600_000)
    expect(await reminders()).toEqual([])
    await Promise.all([1, 2].map(() => sweepAt(start + 3 * DAY)))
    await sweepAt(start + 5 * DAY)
    expect((await reminders()).map((n) => [n.kind, n.recipientId])).toEqual([['meeting.remind3', WORKER_ID]])
    expect((await docOf('topic_meetings', m.id)).reminded).toBe(1)
    await Promise.all([1, 2].map(() => sweepAt(start + 7 * DAY)))
    await sweepAt(start + 9 * DAY)
    const all = await reminders()
    expect(all.map((n) => n.kind).sort()).toEqual(['meeting.remind3', 'meeting.remind7'])
    expect(all.every((n) => n.recipientId === WORKER_ID)).toBe(true)
    expect(all[0].page).toBe(`features/deliberation/pages/meeting/index?id=${m.id}`)
    expect((await docOf('topic_meetings', m.id)).reminded).toBe(2)

    // A meeting closed in time is never reminded.
    const closed = ok(await schedule(WORKER, await confirmedTopic('电动车棚')))
    await startedAgo(closed.id)
    ok(await call(WORKER, 'meeting.close', closeInput(closed.id)))
    await sweepAt(Date.now() + 8 * DAY)
    expect((await notesOf(closed.id)).filter((n) => n.kind.startsWith('meeting.remind'))).toEqual([])
  })
})

describe('the demo meeting', () => {
  it('is held, with its minutes and options, and listed on its topic', async () => {
    const m = ok(await call(WANG, 'meeting.get', { meetingId: DEMO_MEETING_ID }))
    expect(m).toMatchObject({ status: 'held', attendance: { households: 9, people: 14 }, can: { moves: [] } })
    expect(m.options).toHaveLength(2)
    expect(
      ok(await call(WANG, 'meeting.list', { topicId: m.topicId })).items.map((i: Any) => i.id),
    ).toContain(DEMO_MEETING_ID)
  })
})

describe('privacy', () => {
  it('me.delete of an organiser takes their name off their meetings; the minutes stay', async () => {
    const userId = 'user-meeting-organiser'
    const openid = 'openid-meeting-organiser'
    await db()
      .collection('users')
      .add({
        _id: userId,
        openid,
        displayName: '赵组织',
        realName: '赵组织',
        grants: [{ role: 'grid_worker', scope: XINHUA_01 }],
        createdAt: new Date(),
      })
    const m = ok(await schedule(openid, await confirmedTopic('儿童游乐区改造')))
    expect(m.organiserName).toBe('赵组织')
    ok(await call(openid, 'me.delete', { confirm: true }))
    const stored = await docOf('topic_meetings', m.id)
    expect(stored).toMatchObject({
      organiserId: userId,
      organiserName: ERASED_NAME,
      place: '社区党群服务中心二楼',
    })
    expect(JSON.stringify(stored)).not.toContain('赵组织')
    expect(ok(await call(WANG, 'meeting.get', { meetingId: m.id })).organiserName).toBe(ERASED_NAME)
  })
})

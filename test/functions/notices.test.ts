/**
 * Notices (社区公告) through the built `api` function in the local CloudBase (real SDKs): scoped to
 * grids (a grid-Y resident never sees a grid-X notice), read receipts counted once per reader,
 * scheduled notices invisible before their time, publishing outside one's scope, bad input stored
 * nowhere, a retried request stored once, the subscribe message of an important notice, and the
 * receipts in me.data / me.delete.
 */
import { codeOf, isoInMin, ok, requestIds, useApi } from '../support/api-test'
import {
  DONGSHAN_ADMIN,
  LI,
  STREET_ADMIN,
  WANG,
  XINHUA_01_WORKER,
  XINHUA_02_WORKER,
  XINHUA_ADMIN,
} from '../support/demo-people'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any

const { emu, call, db, docOf, count } = useApi()
const rid = requestIds('ntc')
/** A resident of 新华社区第2网格 (grid Y; the demo people live in 第1网格, grid X). */
const GRID_Y = 'openid-notices-grid-y'
const GRID_Y_USER = 'user-notices-grid-y'

const para = (text: string) => ({ kind: 'p' as const, text })
const publish = (openid: string, over: Record<string, unknown> = {}) =>
  call(openid, 'notice.publish', {
    requestId: rid(),
    scope: { level: 'grids', communityId: 'cm-xinhua', gridIds: ['gr-xinhua-01'] },
    title: '1号楼电梯检修通知',
    blocks: [para('本周六上午1号楼电梯检修，请走楼梯。')],
    ...over,
  })
const listIds = async (openid: string): Promise<string[]> =>
  (ok(await call(openid, 'notice.list', {})).items as Any[]).map((n) => n.id)
const readsOf = async (noticeId: string) => ok(await call(XINHUA_ADMIN, 'notice.get', { noticeId })).reads
const settle = () => emu().invoke('sweep', { now: new Date().toISOString() })

beforeAll(async () => {
  await db()
    .collection('users')
    .add({
      _id: GRID_Y_USER,
      openid: GRID_Y,
      displayName: '二网格居民',
      grants: [
        {
          role: 'resident',
          scope: {
            streetId: 'st-dongjie',
            communityId: 'cm-xinhua',
            gridId: 'gr-xinhua-02',
            buildingId: 'bd-xinhua-02-01',
            unitId: 'bd-xinhua-02-01-u1',
            householdId: 'hh-notices-grid-y',
          },
        },
      ],
      createdAt: new Date(),
    })
})

describe('scopes: who sees what', () => {
  it('a grid-X notice reaches grid X only; community and street notices reach both grids', async () => {
    const gridX = ok(await publish(XINHUA_ADMIN))
    const community = ok(
      await publish(XINHUA_ADMIN, {
        scope: { level: 'community', communityId: 'cm-xinhua' },
        title: '社区通知',
      }),
    )
    const street = ok(
      await publish(STREET_ADMIN, { scope: { level: 'street', streetId: 'st-dongjie' }, title: '街道通知' }),
    )
    expect(gridX).toMatchObject({
      level: 'grids',
      gridIds: ['gr-xinhua-01'],
      publisherName: '新华社区居委会',
      state: 'out',
    })
    expect(street.publisherName).toBe('东街道办事处')

    const x = await listIds(WANG)
    const y = await listIds(GRID_Y)
    expect(x).toEqual(expect.arrayContaining([gridX.id, community.id, street.id]))
    expect(y).toEqual(expect.arrayContaining([community.id, street.id]))
    expect(y).not.toContain(gridX.id)
    // Nor by its id: the grid-Y resident gets "not found", as for a notice that does not exist.
    expect(codeOf(await call(GRID_Y, 'notice.get', { noticeId: gridX.id }))).toBe('DATA.NOT_FOUND')
    // Grid X's worker reads it (and leaves no receipt); grid Y's worker does not.
    expect(ok(await call(XINHUA_01_WORKER, 'notice.get', { noticeId: gridX.id })).reads).toBeNull()
    expect(codeOf(await call(XINHUA_02_WORKER, 'notice.get', { noticeId: gridX.id }))).toBe('DATA.NOT_FOUND')
    // The home card shows the newest of mine, pinned first (the seeded pinned 体检 notice).
    const latest = ok(await call(GRID_Y, 'notice.latest', {})).notice
    expect(latest).toMatchObject({ pinned: true, title: '65岁以上老人免费体检安排' })
  })

  it('pinned first, then newest first, keyset-paged without repeats', async () => {
    const pinned = ok(await publish(XINHUA_ADMIN, { title: '置顶公告', pinned: true }))
    for (let i = 0; i < 21; i += 1) ok(await publish(XINHUA_ADMIN, { title: `第${i}条` }))
    const first = ok(await call(WANG, 'notice.list', {}))
    expect(first.items[0].pinned).toBe(true)
    expect(first.items.map((n: Any) => n.id)).toContain(pinned.id)
    const pins = first.items.map((n: Any) => (n.pinned ? 1 : 0))
    expect([...pins].sort((a, b) => b - a)).toEqual(pins)
    expect(first.cursor).not.toBeNull()
    const second = ok(await call(WANG, 'notice.list', { cursor: first.cursor }))
    const all = [...first.items, ...second.items].map((n: Any) => n.id)
    expect(new Set(all).size).toBe(all.length)
    const unpinned = [...first.items, ...second.items].filter((n: Any) => !n.pinned)
    const times = unpinned.map((n: Any) => Date.parse(n.publishAt))
    expect([...times].sort((a, b) => b - a)).toEqual(times)
  })

  it('a scheduled notice is invisible before its time, to the list and by id; its staff see it', async () => {
    const later = ok(await publish(XINHUA_ADMIN, { title: '定时公告', publishAt: isoInMin(60) }))
    expect(later.state).toBe('scheduled')
    expect(await listIds(WANG)).not.toContain(later.id)
    expect(codeOf(await call(WANG, 'notice.get', { noticeId: later.id }))).toBe('DATA.NOT_FOUND')
    const managed = ok(await call(XINHUA_ADMIN, 'notice.manage', { communityId: 'cm-xinhua' }))
    expect(managed.items.find((n: Any) => n.id === later.id)).toMatchObject({ state: 'scheduled' })
    // Its time comes.
    await db()
      .collection('notices')
      .doc(later.id)
      .update({ publishAt: new Date(Date.now() - 1000) })
    expect(ok(await call(WANG, 'notice.get', { noticeId: later.id })).state).toBe('out')
  })

  it('withdrawn: residents no longer see it; staff do, marked', async () => {
    const n = ok(await publish(XINHUA_ADMIN, { title: '将撤回的公告' }))
    const w = ok(await call(XINHUA_ADMIN, 'notice.withdraw', { noticeId: n.id }))
    expect(w).toMatchObject({
      status: 'withdrawn',
      state: 'withdrawn',
      can: { edit: false, withdraw: false },
    })
    expect(await listIds(WANG)).not.toContain(n.id)
    expect(codeOf(await call(WANG, 'notice.get', { noticeId: n.id }))).toBe('DATA.NOT_FOUND')
    expect(ok(await call(XINHUA_ADMIN, 'notice.withdraw', { noticeId: n.id })).status).toBe('withdrawn')
  })
})

describe('who may publish where', () => {
  it.each([
    [
      'a community admin, another community',
      DONGSHAN_ADMIN,
      { level: 'community', communityId: 'cm-xinhua' },
    ],
    ['a community admin, the whole street', XINHUA_ADMIN, { level: 'street', streetId: 'st-dongjie' }],
    [
      'a community admin, another community’s grids',
      XINHUA_ADMIN,
      { level: 'grids', communityId: 'cm-dongshan', gridIds: ['gr-dongshan-01'] },
    ],
  ])('%s → AUTH.FORBIDDEN, nothing stored', async (_what, openid, scope) => {
    const before = await count('notices', {})
    expect(codeOf(await publish(openid, { scope }))).toBe('AUTH.FORBIDDEN')
    expect(await count('notices', {})).toBe(before)
  })

  it('a grid worker or a resident may not publish at all', async () => {
    expect(codeOf(await publish(XINHUA_01_WORKER))).toBe('AUTH.FORBIDDEN')
    expect(codeOf(await publish(WANG))).toBe('AUTH.FORBIDDEN')
  })

  it('the street admin may publish for a community of the street; another admin may not edit or withdraw', async () => {
    const n = ok(await publish(STREET_ADMIN, { scope: { level: 'community', communityId: 'cm-xinhua' } }))
    expect(codeOf(await call(DONGSHAN_ADMIN, 'notice.withdraw', { noticeId: n.id }))).toBe('AUTH.FORBIDDEN')
    const edited = ok(
      await call(XINHUA_ADMIN, 'notice.edit', {
        noticeId: n.id,
        title: '改过的标题',
        blocks: [para('新的正文')],
        pinned: true,
      }),
    )
    expect(edited).toMatchObject({ title: '改过的标题', pinned: true, blocks: [para('新的正文')] })
    expect((await docOf('notices', n.id)).version).toBe(2)
  })
})

describe('bad input: a clear code, nothing stored', () => {
  const long = '长'.repeat(2001)
  it.each([
    ['no title', { title: '  ' }, 'NOTICES.TITLE'],
    ['a paragraph too long', { blocks: [para(long)] }, 'NOTICES.TEXT_TOO_LONG'],
    [
      'all text too long',
      { blocks: [1, 2, 3, 4].map(() => para('字'.repeat(1600))) },
      'NOTICES.TEXT_TOO_LONG',
    ],
    ['no text', { blocks: [para('   ')] }, 'NOTICES.EMPTY'],
    [
      'ten images',
      {
        blocks: [
          para('图'),
          ...Array.from({ length: 10 }, (_, i) => ({
            kind: 'img',
            fileId: `cloud://e/notices/user-xinhua-admin/x/${i}.jpg`,
          })),
        ],
      },
      'NOTICES.TOO_MANY_IMAGES',
    ],
    [
      'six attachments',
      {
        attachments: Array.from({ length: 6 }, (_, i) => ({
          fileId: `cloud://e/notices/u/x/a${i}.pdf`,
          name: `${i}.pdf`,
          size: 10,
        })),
      },
      'NOTICES.TOO_MANY_ATTACHMENTS',
    ],
    [
      'someone else’s file',
      { blocks: [para('图'), { kind: 'img', fileId: 'cloud://e/notices/user-other/x/1.jpg' }] },
      'NOTICES.FILE_INVALID',
    ],
    ['a time too far ahead', { publishAt: isoInMin(60 * 24 * 100) }, 'NOTICES.BAD_TIME'],
    [
      'a grid of another community',
      { scope: { level: 'grids', communityId: 'cm-xinhua', gridIds: ['gr-dongshan-01'] } },
      'NOTICES.BAD_GRIDS',
    ],
    ['a risky text', { blocks: [para('欢迎访问赌博网站')] }, 'CONTENT.RISKY'],
    ['an unknown field', { html: '<script>' }, 'INPUT.INVALID'],
  ])('%s → %s', async (_what, over, code) => {
    const before = await count('notices', {})
    expect(codeOf(await publish(XINHUA_ADMIN, over as Record<string, unknown>))).toBe(code)
    expect(await count('notices', {})).toBe(before)
  })

  it('an image uploaded to the publisher’s folder for the request is kept; one never uploaded is refused', async () => {
    const requestId = rid()
    const { fileID } = await emu().app.uploadFile({
      cloudPath: `notices/user-xinhua-admin/${requestId}/1.jpg`,
      fileContent: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 0xff, 0xd9]),
    })
    const pdf = await emu().app.uploadFile({
      cloudPath: `notices/user-xinhua-admin/${requestId}/a1.pdf`,
      fileContent: Buffer.from('%PDF-1.4\n%%EOF'),
    })
    const n = ok(
      await publish(XINHUA_ADMIN, {
        requestId,
        blocks: [para('见图'), { kind: 'img', fileId: fileID }],
        attachments: [{ fileId: pdf.fileID, name: '检修安排.pdf', size: 14 }],
      }),
    )
    expect(n.blocks[1]).toEqual({ kind: 'img', fileId: fileID })
    expect(n.files).toEqual([{ fileId: pdf.fileID, name: '检修安排.pdf', size: 14 }])
    const missing = rid()
    expect(
      codeOf(
        await publish(XINHUA_ADMIN, {
          requestId: missing,
          blocks: [para('见图'), { kind: 'img', fileId: fileID.replace(requestId, missing) }],
        }),
      ),
    ).toBe('NOTICES.FILE_INVALID')
  })
})

describe('retries', () => {
  it('the same requestId twice (and at once) stores one notice', async () => {
    const requestId = rid()
    const both = await Promise.all([1, 2].map(() => publish(XINHUA_ADMIN, { requestId })))
    const again = ok(await publish(XINHUA_ADMIN, { requestId }))
    expect(new Set([...both.map((r) => ok(r).id), again.id]).size).toBe(1)
    expect(again.retried).toBe(true)
    expect(await count('notices', { requestId })).toBe(1)
  })
})

describe('read receipts and counts per grid', () => {
  it('a reader counts once, however often they open it, and for their grid', async () => {
    const n = ok(
      await publish(XINHUA_ADMIN, {
        scope: { level: 'community', communityId: 'cm-xinhua' },
        title: '阅读计数',
      }),
    )
    expect(await readsOf(n.id)).toMatchObject({ total: 0 })
    await Promise.all([1, 2, 3].map(() => call(WANG, 'notice.get', { noticeId: n.id })))
    ok(await call(WANG, 'notice.get', { noticeId: n.id }))
    ok(await call(LI, 'notice.get', { noticeId: n.id }))
    ok(await call(GRID_Y, 'notice.get', { noticeId: n.id }))
    await settle()
    const reads = await readsOf(n.id)
    expect(reads.total).toBe(3)
    expect(reads.grids.find((g: Any) => g.gridId === 'gr-xinhua-01')).toMatchObject({
      reads: 2,
      name: expect.any(String),
    })
    expect(reads.grids.find((g: Any) => g.gridId === 'gr-xinhua-02')).toMatchObject({ reads: 1 })
    expect(reads.grids).toHaveLength(6)
    expect(await count('notice_reads', { noticeId: n.id })).toBe(3)
    // Staff reading it leave no receipt; residents never see the counts.
    expect(await count('notice_reads', { noticeId: n.id, userId: 'user-xinhua-admin' })).toBe(0)
    expect(ok(await call(WANG, 'notice.get', { noticeId: n.id }))).toMatchObject({ reads: null, push: null })
  })

  it('me.data shows the notices I read; me.delete erases my receipts, the counts stay', async () => {
    const n = ok(await publish(XINHUA_ADMIN, { title: '隐私测试' }))
    ok(
      await call(GRID_Y, 'notice.get', {
        noticeId: ok(
          await publish(XINHUA_ADMIN, {
            scope: { level: 'community', communityId: 'cm-xinhua' },
            title: '二网格读',
          }),
        ).id,
      }),
    )
    void n
    const data = ok(await call(GRID_Y, 'me.data', {}))
    expect(data.noticeReads.count).toBeGreaterThan(0)
    expect(data.noticeReads.lines.map((l: Any) => l.title)).toContain('二网格读')
    await settle()
    ok(await call(GRID_Y, 'me.delete', { confirm: true }))
    expect(await count('notice_reads', { userId: GRID_Y_USER })).toBe(0)
  })
})

describe('the subscribe message of an important notice', () => {
  it('goes to the scope’s households that subscribed, opening the notice; truthfully recorded', async () => {
    await emu().grantSubscriptions(WANG, 'tmpl-notice-published', 2)
    const n = ok(await publish(XINHUA_ADMIN, { title: '重要：燃气安全检查', important: true }))
    await settle()
    const notes = (await db().collection('notifications').where({ sourceId: n.id }).limit(1000).get())
      .data as Any[]
    expect(notes.find((x) => x.recipientId === 'user-resident-wang')).toMatchObject({ status: 'sent' })
    expect(notes.find((x) => x.recipientId === 'user-resident-li')).toMatchObject({
      status: 'no_subscription',
    })
    expect(notes.some((x) => x.recipientId === GRID_Y_USER)).toBe(false)
    const sent = ((await emu().outbox()) as Any[]).filter((s) => s.template_id === 'tmpl-notice-published')
    expect(sent.map((s) => s.page)).toContain(`features/notices/pages/detail/index?id=${n.id}`)
    expect(ok(await call(XINHUA_ADMIN, 'notice.get', { noticeId: n.id })).push).toEqual({
      state: 'queued',
      reached: true,
    })
  })

  it('a scheduled important notice sends nothing before its time, then once when the sweep meets it', async () => {
    const n = ok(
      await publish(XINHUA_ADMIN, { title: '定时重要公告', important: true, publishAt: isoInMin(30) }),
    )
    await settle()
    expect(await count('notifications', { sourceId: n.id })).toBe(0)
    expect(ok(await call(XINHUA_ADMIN, 'notice.get', { noticeId: n.id })).push).toEqual({
      state: 'scheduled',
      reached: false,
    })
    await db()
      .collection('notices')
      .doc(n.id)
      .update({ publishAt: new Date(Date.now() - 1000) })
    await Promise.all([1, 2].map(() => settle()))
    await settle()
    const notes = (await db().collection('notifications').where({ sourceId: n.id }).limit(1000).get())
      .data as Any[]
    const wang = notes.filter((x) => x.recipientId === 'user-resident-wang')
    expect(wang).toHaveLength(1)
  })
})

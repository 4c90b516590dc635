/**
 * 民办 spawns its work, through the built `api` function in the local CloudBase (real SDKs): a
 * volunteer activity published for a topic being carried out is linked both ways in one step (a
 * retry publishes once), refused with nothing stored for a topic of another community or not yet
 * carried out or with too much work; staff's photos of the work in the 公示 (≤ 9, a resident
 * cannot add any).
 */
import { workPhotoPath } from '../../src/core/deliberation/photos'
import { activityInput, codeOf, ok, requestIds, useApi } from '../support/api-test'
import {
  DONGSHAN_ADMIN,
  WANG,
  XINHUA_01_WORKER as WORKER,
  XINHUA_ADMIN as ADMIN,
} from '../support/demo-people'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any

const { emu, call, db, docOf, count } = useApi()
const rid = requestIds('spawn')
const WORKER_ID = 'user-xinhua-01-worker'
const ADMIN_ID = 'user-xinhua-admin'
/** A community admin of both 新华社区 and 东山社区. */
const BOTH = 'openid-spawn-two-communities'

beforeAll(async () => {
  await db()
    .collection('users')
    .add({
      _id: 'user-spawn-both',
      openid: BOTH,
      displayName: '两社区管理员',
      realName: '赵两社',
      grants: [
        { role: 'community_admin', scope: { streetId: 'st-dongjie', communityId: 'cm-xinhua' } },
        { role: 'community_admin', scope: { streetId: 'st-dongjie', communityId: 'cm-dongshan' } },
      ],
      createdAt: new Date(),
    })
})

/** A topic of 新华第1网格 decided by a committee decision, and (unless told not to) carried out with one work order. */
async function topicOf(title: string, carried = true): Promise<string> {
  const t = ok(await call(WANG, 'topic.propose', { requestId: rid(), title, text: `${title}，请大家议一议` }))
  if (t.status === 'proposed') ok(await call(WORKER, 'topic.move', { topicId: t.id, move: 'confirm' }))
  ok(await call(WORKER, 'topic.move', { topicId: t.id, move: 'decide', reason: '议事会同意实施' }))
  if (carried)
    ok(
      await call(WORKER, 'topic.carry', {
        topicId: t.id,
        requestId: rid(),
        plan: '清理楼道杂物，组织志愿者宣传',
        responsible: '张网格',
        orders: [{ category: 'safety', text: '清理3号楼楼道杂物' }],
      }),
    )
  return t.id as string
}

const photo = async (userId: string, topicId: string, n: number): Promise<string> =>
  (
    await emu().app.uploadFile({
      cloudPath: workPhotoPath(userId, topicId, n),
      fileContent: Buffer.from([0xff, 0xd8, 0xff, 0xe0, n, 0xff, 0xd9]),
    })
  ).fileID as string

describe('an activity published for a topic', () => {
  let topicId = ''

  it('for a topic being carried out: linked both ways in one step, and a retry publishes once', async () => {
    topicId = await topicOf('楼道堆物清理')
    const before = await docOf('topics', topicId)
    const input = activityInput(rid(), { title: '楼道清理志愿行动', topicId })
    const a = ok(await call(ADMIN, 'activity.publish', input))
    expect(a).toMatchObject({ topicId, title: '楼道清理志愿行动', retried: false })
    // The activity's detail names the topic; the topic's progress counts the activity.
    expect(ok(await call(WANG, 'activity.get', { activityId: a.activityId })).topicId).toBe(topicId)
    const t = ok(await call(WANG, 'topic.get', { topicId }))
    expect(t.work).toMatchObject({ done: 0, total: 2 })
    expect(t.work.items.map((i: Any) => [i.kind, i.title])).toEqual([
      ['order', expect.any(String)],
      ['activity', '楼道清理志愿行动'],
    ])
    expect(t.work.items[1].id).toBe(a.activityId)
    const stored = await docOf('topics', topicId)
    expect(stored.version).toBe(before.version + 1)
    expect(stored.events.at(-1)).toMatchObject({ move: 'add_work', by: ADMIN_ID })
    expect(new Date(stored.work.readyAfter).toISOString()).toBe(input.endAt)
    expect(stored.work.ordersLeft).toBe(1)
    // Retried: the same activity, nothing new on either side.
    expect(ok(await call(ADMIN, 'activity.publish', input))).toMatchObject({
      activityId: a.activityId,
      retried: true,
    })
    expect(await count('activities', { topicId })).toBe(1)
    expect((await docOf('topics', topicId)).version).toBe(stored.version)
  })

  it('the topic page offers a community admin 发布志愿活动 while it is carried out, not the grid worker nor residents', async () => {
    expect(ok(await call(ADMIN, 'topic.get', { topicId })).can).toMatchObject({ publishActivity: true })
    expect(ok(await call(WORKER, 'topic.get', { topicId })).can).toMatchObject({ publishActivity: false })
    expect(ok(await call(WANG, 'topic.get', { topicId })).can).toMatchObject({ publishActivity: false })
  })

  it('refuses a topic of another community, one not carried out, and too much work — nothing stored', async () => {
    const decided = await topicOf('小区绿化补种', false)
    const full = await topicOf('充电棚照明')
    const stored = await docOf('topics', full)
    const items = Array.from({ length: 12 }, (_, i) => ({
      kind: 'order',
      id: `wo-x-${i}`,
      title: '照明',
      at: new Date(),
    }))
    await db()
      .collection('topics')
      .doc(full)
      .update({ work: { ...stored.work, items } })
    const cases: [string, string, Record<string, unknown>, string][] = [
      [BOTH, topicId, { communityId: 'cm-dongshan' }, 'DELIBERATION.OTHER_COMMUNITY'],
      [DONGSHAN_ADMIN, topicId, { communityId: 'cm-dongshan' }, 'DATA.NOT_FOUND'],
      [ADMIN, decided, {}, 'DELIBERATION.NOT_DOING'],
      [ADMIN, full, {}, 'DELIBERATION.BAD_WORK'],
      [ADMIN, 'tp_no_such_topic', {}, 'DATA.NOT_FOUND'],
    ]
    const versions = await Promise.all(
      [topicId, decided, full].map(async (id) => (await docOf('topics', id)).version),
    )
    for (const [who, id, over, code] of cases) {
      const requestId = rid()
      expect(
        codeOf(await call(who, 'activity.publish', activityInput(requestId, { topicId: id, ...over }))),
      ).toBe(code)
      expect(await count('activities', { requestId })).toBe(0)
    }
    expect(
      await Promise.all([topicId, decided, full].map(async (id) => (await docOf('topics', id)).version)),
    ).toEqual(versions)
    expect(await count('activities', { topicId: decided })).toBe(0)
    expect(await count('activities', { topicId: full })).toBe(0)
  })
})

describe('photos of the work in the 公示', () => {
  let topicId = ''

  it('staff of the place add photos; everyone who sees the topic sees them', async () => {
    topicId = await topicOf('健身器材维修')
    expect(ok(await call(WORKER, 'topic.get', { topicId })).can).toMatchObject({ workPhotos: true })
    expect(ok(await call(WANG, 'topic.get', { topicId })).can).toMatchObject({ workPhotos: false })
    const add = [await photo(WORKER_ID, topicId, 1), await photo(WORKER_ID, topicId, 2)]
    const t = ok(await call(WORKER, 'topic.workPhotos', { topicId, add }))
    expect(t.work.photos).toEqual(add)
    expect(ok(await call(WANG, 'topic.get', { topicId })).work.photos).toEqual(add)
    // A retry changes nothing.
    const version = (await docOf('topics', topicId)).version
    expect(ok(await call(WORKER, 'topic.workPhotos', { topicId, add })).work.photos).toEqual(add)
    expect((await docOf('topics', topicId)).version).toBe(version)
  })

  it('refuses a 10th photo, one not uploaded, and a resident — nothing stored', async () => {
    const before = await docOf('topics', topicId)
    const eight = await Promise.all(Array.from({ length: 8 }, (_, i) => photo(ADMIN_ID, topicId, i + 1)))
    const missing = `${eight[0]!.slice(0, eight[0]!.lastIndexOf('/'))}/9.jpg`
    const resident = `cloud://x.y/${workPhotoPath('user-wang', topicId, 1)}`
    for (const [who, add, code] of [
      [ADMIN, eight, 'DELIBERATION.TOO_MANY_PHOTOS'],
      [ADMIN, [missing], 'DELIBERATION.PHOTO_INVALID'],
      [WORKER, [eight[0]!], 'DELIBERATION.PHOTO_INVALID'],
      [WANG, [resident], 'AUTH.FORBIDDEN'],
    ] as const)
      expect(codeOf(await call(who, 'topic.workPhotos', { topicId, add: [...add] }))).toBe(code)
    const after = await docOf('topics', topicId)
    expect(after.version).toBe(before.version)
    expect(after.workPhotos).toEqual(before.workPhotos)
    // Seven more fit: nine in all.
    const t = ok(await call(ADMIN, 'topic.workPhotos', { topicId, add: eight.slice(0, 7) }))
    expect(t.work.photos).toHaveLength(9)
  })

  it('staff remove one; a topic not carried out takes none', async () => {
    const shown = (await docOf('topics', topicId)).workPhotos as string[]
    const t = ok(await call(WORKER, 'topic.workPhotos', { topicId, remove: [shown[0]] }))
    expect(t.work.photos).toEqual(shown.slice(1))
    const decided = await topicOf('垃圾分类宣传', false)
    expect(
      codeOf(
        await call(WORKER, 'topic.workPhotos', {
          topicId: decided,
          add: [await photo(WORKER_ID, decided, 1)],
        }),
      ),
    ).toBe('DELIBERATION.WORK_PHOTOS_STEP')
  })
})

import { codeOf, ok, requestIds, useApi } from '../support/api-test'
import {
  dongshanResident,
  HUANG,
  LI,
  LIU,
  WANG,
  XINHUA_01 as GRID,
  XINHUA_01_WORKER as WORKER,
  XINHUA_02_WORKER as OTHER_WORKER,
  YANG,
} from '../support/demo-people'

// The wish wall (心愿墙 · 微心愿) through the built `api` and `sweep` functions, real node-sdk.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any

const { emu, call, db, count, docOf, balance } = useApi({
  secCheckKeywords: { risky: ['赌博网站'], review: [] },
})
const rid = requestIds('wish')
const YEAR = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear()

const HELPERS = Array.from({ length: 30 }, (_, i) => `openid-wish-helper-${i}`)
const OUTSIDER = 'openid-wish-dongshan'

beforeAll(async () => {
  await db()
    .collection('users')
    .add([
      ...HELPERS.map((openid, i) => ({
        _id: `user-wish-helper-${i}`,
        openid,
        displayName: `帮办${i}`,
        realName: `帮办${i}`,
        grants: [{ role: 'helper', scope: GRID }],
        createdAt: new Date(),
      })),
      dongshanResident('user-wish-dongshan', OUTSIDER, 'hh-wish-dongshan'),
    ])
}, 60_000)

const wishInput = (over: Record<string, unknown> = {}) => ({
  requestId: rid(),
  kind: 'need',
  title: '一台电饭锅',
  text: '家里的电饭锅坏了，老两口做饭不方便，想要一台小电饭锅。',
  ...over,
})
const post = async (openid = WANG, over: Record<string, unknown> = {}) =>
  ok(await call(openid, 'wish.post', wishInput(over)))
const publish = async (wishId: string, over: Record<string, unknown> = {}) =>
  ok(await call(WORKER, 'wish.publish', { wishId, show: 'grid', ...over }))
const upload = async (userId: string, key: string, n: number): Promise<string> =>
  (
    await emu().app.uploadFile({
      cloudPath: `wishes/${userId}/${key}/${n}.jpg`,
      fileContent: Buffer.from([0xff, 0xd8, 0xff, 0xe0, n, 0xff, 0xd9]),
    })
  ).fileID as string
const notes = async (sourceId: string): Promise<Any[]> =>
  (await db().collection('notifications').where({ sourceId }).limit(1000).get()).data as Any[]

describe('posting and checking', () => {
  it("stores a wish once per request id; the grid worker is told; it is the owner's and staff's only until published", async () => {
    const input = wishInput()
    const first = ok(await call(WANG, 'wish.post', input))
    expect(first).toMatchObject({ status: 'pending', mine: true, no: null, contact: null })
    const again = ok(await call(WANG, 'wish.post', input))
    expect(again).toMatchObject({ wishId: first.wishId, retried: true })
    expect(await count('wishes', { requestId: input.requestId })).toBe(1)
    expect((await notes(first.wishId)).map((n) => n.recipientId)).toEqual(['user-xinhua-01-worker'])
    expect(codeOf(await call(LI, 'wish.get', { wishId: first.wishId }))).toBe('DATA.NOT_FOUND')
    expect(codeOf(await call(LIU, 'wish.get', { wishId: first.wishId }))).toBe('DATA.NOT_FOUND')
    expect(ok(await call(WORKER, 'wish.get', { wishId: first.wishId })).text).toContain('老两口')
    expect(codeOf(await call(OTHER_WORKER, 'wish.get', { wishId: first.wishId }))).toBe('DATA.NOT_FOUND')
  })

  it('refuses bad input with a clear code and stores nothing', async () => {
    const before = await count('wishes', {})
    const seven = await Promise.all(
      [1, 2, 3, 4, 5, 6, 7].map((n) => upload('user-resident-wang', 'req-photos-7', n)),
    )
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '' }, 'WISH.BAD_TEXT'],
      [{ text: '长'.repeat(301) }, 'WISH.BAD_TEXT'],
      [{ requestId: 'req-photos-7', photos: seven }, 'WISH.TOO_MANY_PHOTOS'],
      [{ photos: ['cloud://x.y/wishes/user-resident-li/req-x/1.jpg'] }, 'WISH.PHOTO_INVALID'],
      [{ text: '欢迎访问赌博网站' }, 'CONTENT.RISKY'],
      [{ kind: 'gift' }, 'INPUT.INVALID'],
      [{ gridId: 'gr-xinhua-02' }, 'AUTH.FORBIDDEN'],
    ]
    for (const [over, code] of cases)
      expect([over, codeOf(await call(WANG, 'wish.post', wishInput(over)))]).toEqual([over, code])
    // A helper who lives nowhere cannot post; staff posting for a family need its contact and a grid of theirs.
    expect(codeOf(await call(HELPERS[0] as string, 'wish.post', wishInput()))).toBe('AUTH.FORBIDDEN')
    const family = { name: '李奶奶', address: '5号楼1单元101', phone: '123' }
    expect(
      codeOf(await call(WORKER, 'wish.post', wishInput({ gridId: GRID.gridId, onBehalf: family }))),
    ).toBe('WISH.BAD_CONTACT')
    expect(
      codeOf(
        await call(
          OTHER_WORKER,
          'wish.post',
          wishInput({ gridId: GRID.gridId, onBehalf: { ...family, phone: '' } }),
        ),
      ),
    ).toBe('AUTH.FORBIDDEN')
    expect(await count('wishes', {})).toBe(before)
  })

  it('staff publish an anonymised, numbered card; the grid sees it, another community does not', async () => {
    const a = await post()
    const b = await post(LI, { title: '一个书包', text: '孩子上学的书包破了' })
    const pa = await publish(a.wishId, { points: 12, publicText: '一户老人家想要一台小电饭锅。' })
    const pb = await publish(b.wishId, { show: 'building' })
    const [na, nb] = [pa.no as string, pb.no as string]
    expect(na).toMatch(new RegExp(`^${YEAR}-\\d{3}$`))
    expect(Number(nb.slice(5))).toBe(Number(na.slice(5)) + 1)
    expect(pb.placeShown).toBe('新华社区第1网格 · 1号楼')
    const seen = ok(await call(LIU, 'wish.get', { wishId: a.wishId }))
    expect(seen).toMatchObject({
      status: 'published',
      publicText: '一户老人家想要一台小电饭锅。',
      text: null,
      contact: null,
      placeShown: '新华社区第1网格',
      points: 12,
      can: ['claim'],
    })
    expect(JSON.stringify(seen)).not.toContain('王秀英')
    expect(JSON.stringify(seen)).not.toContain('302')
    const wall = ok(await call(LI, 'wish.list', { tab: 'open' }))
    expect(wall.items.map((c: Any) => c.wishId)).toEqual(expect.arrayContaining([a.wishId, b.wishId]))
    expect(codeOf(await call(OUTSIDER, 'wish.get', { wishId: a.wishId }))).toBe('DATA.NOT_FOUND')
    expect(codeOf(await call(OUTSIDER, 'wish.list', { tab: 'open', gridId: GRID.gridId }))).toBe(
      'AUTH.FORBIDDEN',
    )
    // Publishing again, or by a resident, changes nothing.
    expect(codeOf(await call(LI, 'wish.publish', { wishId: a.wishId, show: 'grid' }))).toBe('AUTH.FORBIDDEN')
    expect((await docOf('wishes', a.wishId)).no).toBe(na)
    // The owner was told, and the message opens the wish.
    const told = (await notes(a.wishId)).filter((n) => n.recipientId === 'user-resident-wang')
    expect(told.map((n) => n.kind)).toEqual([expect.stringMatching(/^wish\.publish\./)])
  })
})

describe('claiming', () => {
  it('30 helpers claim one wish at once: exactly one wins, the others are told it is taken; only the winner sees the contact, logged', async () => {
    const w = await post()
    await publish(w.wishId)
    const answers = await Promise.all(HELPERS.map((h) => call(h, 'wish.claim', { wishId: w.wishId })))
    const winners = answers.filter((r) => r.ok)
    expect(winners).toHaveLength(1)
    expect(answers.filter((r) => !r.ok).map(codeOf)).toEqual(Array(29).fill('WISH.TAKEN'))
    const won = ok(winners[0] as Any)
    expect(won.contact).toEqual({
      name: '王秀英',
      phone: expect.stringMatching(/^1\d{10}$/),
      address: '1号楼1单元302室',
    })
    const winner = (await docOf('wishes', w.wishId)).claim.by as string
    expect(await count('access_logs', { subject: w.wishId, actorId: winner, action: 'wish.claim' })).toBe(1)
    const loser = HELPERS.find((_, i) => `user-wish-helper-${i}` !== winner) as string
    expect(ok(await call(loser, 'wish.get', { wishId: w.wishId })).contact).toBeNull()
    expect(ok(await call(LI, 'wish.get', { wishId: w.wishId })).contact).toBeNull()
    // The owner cannot claim their own; a retried claim by the winner is answered as it is.
    const again = ok(
      await call(HELPERS[Number(winner.split('-').pop())] as string, 'wish.claim', { wishId: w.wishId }),
    )
    expect(again).toMatchObject({ retried: true, claimedByMe: true })
    expect((await docOf('wishes', w.wishId)).version).toBe(3)
  })

  it('a group claim splits the points exactly, pays once on confirmation, and the story names nobody', async () => {
    const w = await post()
    await publish(w.wishId, { points: 10 })
    const bad = await call(LIU, 'wish.claim', {
      wishId: w.wishId,
      group: { name: '新华党员先锋队', memberIds: ['user-resident-li'] },
    })
    expect(codeOf(bad)).toBe('WISH.BAD_GROUP')
    const helpers = ok(await call(LIU, 'wish.helpers', { wishId: w.wishId })).helpers.map(
      (h: Any) => h.userId,
    )
    expect(helpers).toEqual(expect.arrayContaining(['user-helper-yang', 'user-helper-huang']))
    expect(helpers).not.toContain('user-helper-liu')
    const claimed = ok(
      await call(LIU, 'wish.claim', {
        wishId: w.wishId,
        group: { name: '新华党员先锋队', memberIds: ['user-helper-yang', 'user-helper-huang'] },
      }),
    )
    expect(claimed.group).toEqual({ name: '新华党员先锋队', members: ['刘志强', '杨丽华', '黄文博'] })
    // A member sees the contact too; the fulfilment needs a photo of the claimant's own.
    expect(ok(await call(YANG, 'wish.get', { wishId: w.wishId })).contact).not.toBeNull()
    expect(codeOf(await call(YANG, 'wish.fulfil', { wishId: w.wishId, photos: [] }))).toBe('AUTH.FORBIDDEN')
    expect(codeOf(await call(LIU, 'wish.fulfil', { wishId: w.wishId, photos: [] }))).toBe(
      'WISH.PHOTO_REQUIRED',
    )
    const photo = await upload('user-helper-liu', w.wishId, 1)
    ok(await call(LIU, 'wish.fulfil', { wishId: w.wishId, photos: [photo], note: '电饭锅已送到王奶奶家' }))
    const before = await Promise.all(['liu', 'yang', 'huang'].map((s) => balance(`u:user-helper-${s}`)))
    const confirm = { wishId: w.wishId, showName: 'surname', story: '谢谢党员先锋队，饭又能煮上了' }
    const [one, two] = await Promise.all([
      call(WANG, 'wish.confirm', confirm),
      call(WANG, 'wish.confirm', confirm),
    ])
    expect([one, two].filter((r) => r.ok)).toHaveLength(2)
    const after = await Promise.all(['liu', 'yang', 'huang'].map((s) => balance(`u:user-helper-${s}`)))
    expect(after.map((b, i) => b - (before[i] as number))).toEqual([4, 3, 3])
    expect(await count('point_transfers', { cause: db().RegExp({ regexp: `^wish:${w.wishId}` }) })).toBe(3)
    const done = ok(await call(LI, 'wish.get', { wishId: w.wishId }))
    expect(done.story).toMatchObject({
      text: '谢谢党员先锋队，饭又能煮上了',
      residentShown: '王**',
      claimantShown: '新华党员先锋队',
      photos: [photo],
    })
    expect(ok(await call(LI, 'wish.list', { tab: 'done' })).items.map((c: Any) => c.wishId)).toContain(
      w.wishId,
    )
    const told = (await notes(w.wishId)).filter((n) => n.kind.startsWith('wish.confirm'))
    expect(told.map((n) => n.recipientId).sort()).toEqual([
      'user-helper-huang',
      'user-helper-liu',
      'user-helper-yang',
    ])
  })

  it("staff post for a family without the app, confirm for them, and the claimant sees the family's contact", async () => {
    const family = { name: '李奶奶', address: '5号楼1单元101', phone: '13900001111' }
    const w = ok(
      await call(
        WORKER,
        'wish.post',
        wishInput({ gridId: GRID.gridId, onBehalf: family, title: '冬天的棉被' }),
      ),
    )
    expect(w).toMatchObject({ onBehalf: true, mine: false, status: 'pending' })
    await publish(w.wishId, { points: 5 })
    expect(ok(await call(HUANG, 'wish.claim', { wishId: w.wishId })).contact).toEqual(family)
    const photo = await upload('user-helper-huang', w.wishId, 1)
    ok(await call(HUANG, 'wish.fulfil', { wishId: w.wishId, photos: [photo] }))
    const redo = ok(
      await call(WORKER, 'wish.move', { wishId: w.wishId, move: 'redo', reason: '被子还没送到' }),
    )
    expect(redo.status).toBe('claimed')
    ok(await call(HUANG, 'wish.fulfil', { wishId: w.wishId, photos: [photo] }))
    const before = await balance('u:user-helper-huang')
    ok(await call(WORKER, 'wish.confirm', { wishId: w.wishId, showName: 'hidden' }))
    expect((await balance('u:user-helper-huang')) - before).toBe(5)
    expect((await docOf('wishes', w.wishId)).story.residentShown).toBe('一位居民')
  })
})

describe('expiry and suggestions', () => {
  it('an unclaimed wish expires once when its time is up; the grid worker and the owner are told; staff reopen it', async () => {
    const w = await post()
    await publish(w.wishId, { expireDays: 7 })
    const late = new Date(Date.now() + 8 * 86_400_000).toISOString()
    await Promise.all([emu().invoke('sweep', { now: late }), emu().invoke('sweep', { now: late })])
    const doc = await docOf('wishes', w.wishId)
    expect(doc.status).toBe('expired')
    expect(doc.events.filter((e: Any) => e.move === 'expire')).toHaveLength(1)
    const told = (await notes(w.wishId)).filter((n) => n.kind.startsWith('wish.expire'))
    expect(told.map((n) => n.recipientId).sort()).toEqual(['user-resident-wang', 'user-xinhua-01-worker'])
    expect(codeOf(await call(LIU, 'wish.get', { wishId: w.wishId }))).toBe('DATA.NOT_FOUND')
    expect(ok(await call(WORKER, 'wish.move', { wishId: w.wishId, move: 'reopen' })).status).toBe('published')
  })

  it('a suggestion becomes a deliberation topic of its grid, linked both ways; its resident follows it', async () => {
    const w = await post(LI, {
      kind: 'suggestion',
      title: '小区加装休息座椅',
      text: '老人散步走累了没地方坐，建议在花园边加几张长椅。',
    })
    expect(codeOf(await call(LIU, 'wish.claim', { wishId: w.wishId }))).toBe('DATA.NOT_FOUND')
    const req = rid()
    const p = ok(await call(WORKER, 'wish.promote', { wishId: w.wishId, requestId: req }))
    expect(p.status).toBe('promoted')
    const topic = ok(await call(LI, 'topic.get', { topicId: p.topicId }))
    expect(topic).toMatchObject({ title: '小区加装休息座椅', wishId: w.wishId, status: 'proposed' })
    expect((await docOf('topics', p.topicId)).followerIds).toEqual(['user-resident-li'])
    const again = ok(await call(WORKER, 'wish.promote', { wishId: w.wishId, requestId: req }))
    expect(again).toMatchObject({ retried: true, topicId: p.topicId })
    expect(await count('topics', { wishId: w.wishId })).toBe(1)
    // A need cannot be promoted.
    const need = await post()
    expect(codeOf(await call(WORKER, 'wish.promote', { wishId: need.wishId, requestId: rid() }))).toBe(
      'WISH.WRONG_KIND',
    )
  })

  it('the owner withdraws an unclaimed wish; a claimed one is released by its claimant back to the wall', async () => {
    const a = await post()
    expect(ok(await call(WANG, 'wish.move', { wishId: a.wishId, move: 'withdraw' })).status).toBe('withdrawn')
    const b = await post()
    await publish(b.wishId)
    ok(await call(LIU, 'wish.claim', { wishId: b.wishId }))
    expect(codeOf(await call(WANG, 'wish.move', { wishId: b.wishId, move: 'withdraw' }))).toBe(
      'WISH.BAD_STATE',
    )
    expect(ok(await call(LIU, 'wish.move', { wishId: b.wishId, move: 'release' }))).toMatchObject({
      status: 'published',
      claimedBy: null,
      contact: null,
    })
    const counts = await docOf('wish_stats', `grid:${GRID.gridId}`)
    expect(counts.posted).toBeGreaterThanOrEqual(2)
  })
})

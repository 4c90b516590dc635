import { isoInMin as inMin, ok, remindOfErrands, requestIds, useApi, awardPoints } from '../support/api-test'
import {
  DONGSHAN_ADMIN as OTHER_ADMIN,
  HUANG,
  LI,
  LIU,
  WANG,
  XINHUA_01 as GRID,
  XINHUA_01_WORKER as WORKER,
  XINHUA_ADMIN as ADMIN,
  YANG,
} from '../support/demo-people'

const { emu, call, db, count, docOf, balance } = useApi({
  secCheckKeywords: { risky: ['赌博网站'], review: [] },
})

// Errands and the points ledger through the built `api` and `sweep` functions, real node-sdk.

const errandDoc = async (id: string) => (await docOf('errands', id)) ?? {}

const rid = requestIds('req')
const errand = (over: Record<string, unknown> = {}) => ({
  requestId: rid(),
  type: 'groceries',
  text: '帮忙买一袋大米',
  windowStart: inMin(10),
  windowEnd: inMin(130),
  ...over,
})
const post = async (openid = WANG, over: Record<string, unknown> = {}) => {
  const res = await call(openid, 'errand.post', errand(over))
  if (!res.ok) throw new Error(JSON.stringify(res.error))
  return res.data.errandId as string
}

const optIn = (openid: string, on = true) => remindOfErrands(call, openid, on)
const newErrandRecipients = async (sourceId: string) =>
  (
    (await db().collection('notifications').where({ sourceId, kind: 'errand.new' }).limit(100).get())
      .data as { recipientId: string }[]
  )
    .map((n) => n.recipientId)
    .sort()

const HELPERS = Array.from({ length: 50 }, (_, i) => `openid-race-helper-${i}`)

beforeAll(async () => {
  // 50 extra helpers of 新华社区第1网格 for the accept race (each also a helper grant holder).
  await db()
    .collection('users')
    .add(
      HELPERS.map((openid, i) => ({
        _id: `user-race-${i}`,
        openid,
        displayName: `帮办${i}`,
        grants: [{ role: 'helper', scope: GRID }],
        createdAt: new Date(),
      })),
    )
}, 60_000)

describe('errand.post', () => {
  it('stores once per requestId, hides address/phone from the board, notifies grid helpers who opted in', async () => {
    await optIn(LIU)
    await emu().grantSubscriptions(LIU, 'tmpl-errand-new', 1)
    await emu().grantSubscriptions(YANG, 'tmpl-errand-new', 1)
    const input = errand()
    const first = ok(await call(WANG, 'errand.post', input))
    expect(first).toMatchObject({ status: 'open', retried: false, points: 5, as: ['requester'] })
    expect(first.address).toContain('1号楼1单元302室')
    const again = ok(await call(WANG, 'errand.post', input))
    expect(again).toMatchObject({ errandId: first.errandId, retried: true })
    expect(await count('errands', { requestId: input.requestId })).toBe(1)
    // Only 刘 opted in: 杨 (subscribed but not opted in) and the 50 race helpers hear nothing, yet see it on the board.
    expect(await newErrandRecipients(first.errandId)).toEqual(['user-helper-liu'])
    const sent = (
      (await emu().outbox()) as {
        touser: string
        template_id: string
        data: Record<string, { value: string }>
      }[]
    ).filter((m) => m.template_id === 'tmpl-errand-new')
    expect(sent.filter((m) => m.touser === LIU)).toHaveLength(1)
    expect(sent.filter((m) => m.touser === YANG)).toHaveLength(0)
    expect(
      ok(await call(YANG, 'errand.board', {})).items.map((i: { errandId: string }) => i.errandId),
    ).toContain(first.errandId)

    const board = ok(await call(LIU, 'errand.board', {}))
    const card = board.items.find((i: { errandId: string }) => i.errandId === first.errandId)
    expect(card).toMatchObject({ requesterName: '王**', buildingName: '1号楼' })
    expect(JSON.stringify(card)).not.toMatch(/302|1[3-9]\d{9}/)
    const seen = ok(await call(LIU, 'errand.get', { errandId: first.errandId }))
    expect(seen).toMatchObject({ address: null, phone: null, note: null, moves: ['accept'] })
    // A plain resident, and a helper of another grid, cannot see it at all.
    expect((await call(LI, 'errand.board', {})).error?.code).toBe('AUTH.FORBIDDEN')
    expect((await call(LI, 'errand.get', { errandId: first.errandId })).error?.code).toBe('DATA.NOT_FOUND')
  })

  it.each([
    ['window in the past', { windowStart: inMin(-60), windowEnd: inMin(30) }, 'ERRAND.WINDOW_PAST'],
    ['window too long', { windowStart: inMin(10), windowEnd: inMin(10 + 13 * 60) }, 'ERRAND.WINDOW_TOO_LONG'],
    ['window reversed', { windowStart: inMin(60), windowEnd: inMin(30) }, 'ERRAND.WINDOW_INVALID'],
    ['empty text', { text: '   ' }, 'ERRAND.TEXT_EMPTY'],
    ['risky text', { text: '帮我看看赌博网站' }, 'CONTENT.RISKY'],
    ['unknown type', { type: 'drive' }, 'INPUT.INVALID'],
    ['child pickup without approved helpers', { type: 'child_pickup' }, 'ERRAND.NO_TRUSTED_HELPERS'],
  ])('%s → %s, nothing stored', async (_n, over, code) => {
    const input = errand(over)
    expect((await call(LI, 'errand.post', input)).error?.code).toBe(code)
    expect(await count('errands', { requestId: input.requestId })).toBe(0)
  })

  it('a resident without a household cannot post', async () => {
    expect((await call('demo-openid-newcomer', 'errand.post', errand())).error?.code).toBe('AUTH.FORBIDDEN')
  })
})

describe('accept', () => {
  it('50 concurrent accepts → exactly one winner, the others ERRAND.TAKEN; only the winner sees the address (logged)', async () => {
    const id = await post()
    const results = await Promise.all(HELPERS.map((h) => call(h, 'errand.accept', { errandId: id })))
    const winners = results.filter((r) => r.ok)
    expect(winners).toHaveLength(1)
    expect(results.filter((r) => !r.ok).every((r) => r.error?.code === 'ERRAND.TAKEN')).toBe(true)
    const doc = await errandDoc(id)
    expect(doc.status).toBe('accepted')
    const winner = HELPERS[results.findIndex((r) => r.ok)] as string
    const mine = ok(await call(winner, 'errand.get', { errandId: id }))
    expect(mine.address).toContain('302室')
    expect(mine.phone).toMatch(/^1[3-9]\d{9}$/)
    expect(
      await count('access_logs', { subject: id, actorId: doc.helperId, allowed: true }),
    ).toBeGreaterThanOrEqual(1)
    const loser = HELPERS.find((h) => h !== winner) as string
    expect((await call(loser, 'errand.get', { errandId: id })).error?.code).toBe('DATA.NOT_FOUND')
    expect(await count('notifications', { sourceId: id, recipientId: 'user-resident-wang' })).toBe(1)
  }, 60_000)

  it('a helper cannot take their own errand; a resident who is no helper is refused before any route', async () => {
    const own = await post(LIU)
    expect((await call(LIU, 'errand.accept', { errandId: own })).error?.code).toBe('ERRAND.OWN_ERRAND')
    expect((await call(LI, 'errand.accept', { errandId: own })).error?.code).toBe('AUTH.FORBIDDEN')
    expect((await errandDoc(own)).status).toBe('open')
  })

  it('a helper of another grid gets ERRAND.OUTSIDE_GRID', async () => {
    await db()
      .collection('users')
      .add({
        _id: 'user-far-helper',
        openid: 'openid-far-helper',
        displayName: '远方帮办',
        grants: [{ role: 'helper', scope: { ...GRID, gridId: 'gr-xinhua-02' } }],
        createdAt: new Date(),
      })
    const id = await post()
    expect((await call('openid-far-helper', 'errand.accept', { errandId: id })).error?.code).toBe(
      'ERRAND.OUTSIDE_GRID',
    )
    expect((await errandDoc(id)).status).toBe('open')
  })
})

describe('release, cancel, expiry', () => {
  it('release before start → open again, requester notified; wrong-state moves are refused', async () => {
    const id = await post()
    ok(await call(LIU, 'errand.accept', { errandId: id }))
    expect(ok(await call(LIU, 'errand.release', { errandId: id }))).toMatchObject({
      status: 'open',
      helperName: null,
    })
    expect(await count('notifications', { sourceId: id, recipientId: 'user-resident-wang' })).toBe(2)
    expect((await call(LIU, 'errand.done', { errandId: id })).error?.code).toBe('ERRAND.BAD_STATE')
    expect((await call(WANG, 'errand.confirm', { errandId: id })).error?.code).toBe('ERRAND.BAD_STATE')
  })

  it('requester cancels an accepted errand → helper notified; helper cannot cancel', async () => {
    const id = await post()
    ok(await call(YANG, 'errand.accept', { errandId: id }))
    expect((await call(YANG, 'errand.cancel', { errandId: id })).error?.code).toBe('AUTH.FORBIDDEN')
    expect(ok(await call(WANG, 'errand.cancel', { errandId: id }))).toMatchObject({ status: 'cancelled' })
    expect(
      await count('notifications', {
        sourceId: id,
        recipientId: 'user-helper-yang',
        kind: db().command.neq('errand.new'),
      }),
    ).toBe(1)
  })

  it('the sweep expires open errands whose window ended, once, requester notified', async () => {
    const id = await post()
    const late = new Date(Date.now() + 3 * 3600_000).toISOString()
    const [a, b] = await Promise.all([
      emu().invoke('sweep', { now: late }),
      emu().invoke('sweep', { now: late }),
    ])
    expect(a).toMatchObject({ ok: true })
    expect(b).toMatchObject({ ok: true })
    expect(await errandDoc(id)).toMatchObject({ status: 'expired', open: false })
    expect(await count('notifications', { sourceId: id, recipientId: 'user-resident-wang' })).toBe(1)
  })
})

describe('child pickup', () => {
  it('only approved helpers see and accept; handover code at pickup; 5 wrong → locked for the grid worker', async () => {
    expect((await call(WANG, 'errand.trust', { helperIds: ['user-resident-li'] })).error?.code).toBe(
      'ERRAND.NOT_GRID_HELPER',
    )
    const list = ok(await call(WANG, 'errand.trust', { helperIds: ['user-helper-yang'] }))
    expect(list.approved.map((h: { userId: string }) => h.userId)).toEqual(['user-helper-yang'])
    await optIn(LIU)
    await optIn(YANG)
    const posted = ok(
      await call(WANG, 'errand.post', errand({ type: 'child_pickup', text: '放学接孩子回家' })),
    )
    expect(posted.handoverCode).toMatch(/^\d{6}$/)
    const id = posted.errandId
    // Both opted in; only the guardian's trusted helper hears of a child pickup.
    expect(await newErrandRecipients(id)).toEqual(['user-helper-yang'])
    await optIn(YANG, false)
    const liuBoard = ok(await call(LIU, 'errand.board', {}))
    expect(liuBoard.items.map((i: { errandId: string }) => i.errandId)).not.toContain(id)
    expect((await call(LIU, 'errand.accept', { errandId: id })).error?.code).toBe('ERRAND.NOT_APPROVED')
    const yangBoard = ok(await call(YANG, 'errand.board', { type: 'child_pickup' }))
    expect(yangBoard.items.map((i: { errandId: string }) => i.errandId)).toContain(id)
    expect(ok(await call(YANG, 'errand.accept', { errandId: id })).handoverCode).toBeNull()
    expect((await call(YANG, 'errand.done', { errandId: id })).error?.code).toBe('ERRAND.BAD_STATE')
    expect((await call(YANG, 'errand.start', { errandId: id })).error?.code).toBe('ERRAND.CODE_REQUIRED')
    const wrong = posted.handoverCode === '000000' ? '111111' : '000000'
    for (let i = 0; i < 4; i += 1)
      expect((await call(YANG, 'errand.start', { errandId: id, code: wrong })).error?.code).toBe(
        'ERRAND.CODE_WRONG',
      )
    expect((await call(YANG, 'errand.start', { errandId: id, code: wrong })).error?.code).toBe(
      'ERRAND.CODE_LOCKED',
    )
    expect((await call(YANG, 'errand.start', { errandId: id, code: posted.handoverCode })).error?.code).toBe(
      'ERRAND.CODE_LOCKED',
    )
    expect(await errandDoc(id)).toMatchObject({ status: 'locked', codeTries: 5 })
    const queue = ok(await call(WORKER, 'errand.queue', {}))
    expect(queue.items.map((i: { errandId: string }) => i.errandId)).toContain(id)
    expect(ok(await call(WORKER, 'errand.resolve', { errandId: id, decision: 'unlock' }))).toMatchObject({
      status: 'accepted',
    })
    const started = ok(await call(YANG, 'errand.start', { errandId: id, code: posted.handoverCode }))
    expect(started).toMatchObject({ status: 'in_progress' })
    expect(started.pickedUpAt).not.toBeNull()
    expect(ok(await call(YANG, 'errand.done', { errandId: id })).doneAt).not.toBeNull()
  })
})

describe('done, confirm, dispute, thanks', () => {
  it('confirm pays the helper once, even confirmed twice at once; thank once', async () => {
    const id = await post()
    const before = await balance('u:user-helper-liu')
    ok(await call(LIU, 'errand.accept', { errandId: id }))
    ok(await call(LIU, 'errand.done', { errandId: id }))
    const [a, b] = await Promise.all([
      call(WANG, 'errand.confirm', { errandId: id }),
      call(WANG, 'errand.confirm', { errandId: id }),
    ])
    expect([a, b].every((r) => r.ok && r.data.status === 'confirmed')).toBe(true)
    expect(ok(await call(WANG, 'errand.confirm', { errandId: id })).retried).toBe(true)
    expect(await balance('u:user-helper-liu')).toBe(before + 5)
    expect(await count('point_transfers', { cause: `errand:${id}` })).toBe(1)
    const mine = ok(await call(LIU, 'points.mine', {}))
    expect(mine.lines[0]).toMatchObject({ cause: `errand:${id}`, delta: 5, label: '邻里互助' })
    expect(ok(await call(WANG, 'errand.thank', { errandId: id, note: '谢谢刘师傅！' })).thanks).toBe(
      '谢谢刘师傅！',
    )
    expect((await call(WANG, 'errand.thank', { errandId: id, note: '再谢' })).error?.code).toBe(
      'ERRAND.ALREADY_THANKED',
    )
    // The note shows on 刘's helper profile, newest first, the requester masked.
    const profile = ok(await call(LIU, 'helper.profile'))
    expect(profile.thanks[0]).toMatchObject({
      errandId: id,
      from: '王**',
      typeLabel: '代买米买菜',
      note: '谢谢刘师傅！',
      at: expect.stringMatching(/^\d{4}-/),
    })
    expect(
      ok(await call(YANG, 'helper.profile')).thanks.map((t: { errandId: string }) => t.errandId),
    ).not.toContain(id)
  })

  it('dispute needs a reason and goes to the grid worker, who settles (pays) it', async () => {
    const id = await post()
    ok(await call(HUANG, 'errand.accept', { errandId: id }))
    ok(await call(HUANG, 'errand.done', { errandId: id }))
    expect((await call(WANG, 'errand.dispute', { errandId: id, reason: ' ' })).error?.code).toBe(
      'ERRAND.REASON_REQUIRED',
    )
    expect(ok(await call(WANG, 'errand.dispute', { errandId: id, reason: '米没有送到' }))).toMatchObject({
      status: 'disputed',
    })
    expect(await count('notifications', { sourceId: id, recipientId: 'user-xinhua-01-worker' })).toBe(1)
    const queue = ok(await call(WORKER, 'errand.queue', {}))
    expect(queue.items.map((i: { errandId: string }) => i.errandId)).toContain(id)
    expect((await call(HUANG, 'errand.resolve', { errandId: id, decision: 'settle' })).error?.code).toBe(
      'AUTH.FORBIDDEN',
    )
    const before = await balance('u:user-helper-huang')
    expect(ok(await call(WORKER, 'errand.resolve', { errandId: id, decision: 'settle' }))).toMatchObject({
      status: 'confirmed',
    })
    expect(await balance('u:user-helper-huang')).toBe(before + 5)
  })
})

describe('points ledger', () => {
  it('award, bad input codes, correction reverses once, audit clean', async () => {
    const award = await awardPoints(call, 'user-resident-li', 20, '社区清洁日', rid())
    expect(award).toMatchObject({ amount: 20, to: 'u:user-resident-li', retried: false })
    expect(
      (
        await call(OTHER_ADMIN, 'points.award', {
          userId: 'user-resident-li',
          amount: 5,
          reason: '越权',
          requestId: rid(),
        })
      ).error?.code,
    ).toBe('POINTS.NOT_IN_SCOPE')
    expect(
      (
        await call(ADMIN, 'points.award', {
          userId: 'user-resident-li',
          amount: -5,
          reason: '负数',
          requestId: rid(),
        })
      ).error?.code,
    ).toBe('POINTS.BAD_AMOUNT')
    expect(
      (await call(ADMIN, 'points.correct', { transferId: award.transferId, reason: '' })).error?.code,
    ).toBe('POINTS.REASON_REQUIRED')
    expect(
      (await call(LI, 'points.give', { to: { userId: 'user-resident-li' }, amount: 1, requestId: rid() }))
        .error?.code,
    ).toBe('POINTS.SAME_ACCOUNT')
    expect((await call(LI, 'points.give', { to: 'fund', amount: 21, requestId: rid() })).error?.code).toBe(
      'POINTS.INSUFFICIENT',
    )
    expect(await balance('u:user-resident-li')).toBe(20)
    const [c1, c2] = await Promise.all([
      call(ADMIN, 'points.correct', { transferId: award.transferId, reason: '发错了人' }),
      call(ADMIN, 'points.correct', { transferId: award.transferId, reason: '发错了人' }),
    ])
    expect(ok(c1).transferId).toBe(ok(c2).transferId)
    expect(await balance('u:user-resident-li')).toBe(0)
    expect(await count('point_transfers', { reverses: award.transferId })).toBe(1)
    expect(ok(await call(ADMIN, 'points.audit', { communityId: 'cm-xinhua' })).differences).toEqual([])
    expect((await call(OTHER_ADMIN, 'points.audit', { communityId: 'cm-xinhua' })).error?.code).toBe(
      'AUTH.FORBIDDEN',
    )
  })

  it('30 racing gifts from one account never overdraw it; balances equal their entries', async () => {
    await awardPoints(call, 'user-resident-chen', 10, '志愿服务', rid())
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        call('demo-openid-resident-chen', 'points.give', { to: 'fund', amount: 3, requestId: rid() }),
      ),
    )
    const paid = results.filter((r) => r.ok).length
    expect(paid).toBe(3)
    expect(
      results
        .filter((r) => !r.ok)
        .every((r) => ['POINTS.INSUFFICIENT', 'DATA.CONFLICT'].includes(r.error?.code ?? '')),
    ).toBe(true)
    expect(await balance('u:user-resident-chen')).toBe(1)
    const audit = ok(await call(ADMIN, 'points.audit', { communityId: 'cm-xinhua' }))
    expect(audit.differences).toEqual([])
    expect(audit.entries).toBeGreaterThan(0)
  }, 60_000)
})

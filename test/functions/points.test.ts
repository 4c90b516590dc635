import { codeOf, isoInMin as inMin, ok, requestIds, useApi, awardPoints } from '../support/api-test'
import {
  CHEN,
  DONGSHAN_ADMIN as OTHER_ADMIN,
  HUANG,
  LEADER_ZHOU as ZHOU,
  LI,
  LIU,
  STREET_ADMIN,
  WANG,
  XINHUA_01_WORKER as WORKER,
  XINHUA_ADMIN as ADMIN,
  YANG,
  ZHAO,
  dongshanResident,
  dongshanResidentGrant,
} from '../support/demo-people'

// The points ledger's own actions (award, give, correct, audit, mine) through the built `api`
// function with the real node-sdk: bad input answers a code and changes nothing; corrections
// reverse once; balances always equal their entries.

const { call, db, count, balance } = useApi()

const rid = requestIds('pt')

/** A real errand of `requester`: posted, and unless `until` says otherwise taken, done and confirmed by `helper`. */
const serve = async (
  requester: string,
  helper: string | null,
  { type = 'groceries', until = 'confirm' }: { type?: string; until?: 'post' | 'done' | 'confirm' } = {},
) => {
  const id = ok(
    await call(requester, 'errand.post', {
      requestId: rid(),
      type,
      text: '帮忙买一袋大米',
      windowStart: inMin(10),
      windowEnd: inMin(130),
    }),
  ).errandId as string
  if (until === 'post' || !helper) return id
  ok(await call(helper, 'errand.accept', { errandId: id }))
  ok(await call(helper, 'errand.done', { errandId: id }))
  if (until === 'confirm') ok(await call(requester, 'errand.confirm', { errandId: id }))
  return id
}

/** Balances of the accounts a test touches, and the number of transfers: "nothing changed" is all of them equal. */
const snapshot = async () => ({
  li: await balance('u:user-resident-li'),
  liu: await balance('u:user-helper-liu'),
  wang: await balance('u:user-resident-wang'),
  fund: await balance('fund:cm-xinhua'),
  issuance: await balance('issuance:cm-xinhua'),
  transfers: await count('point_transfers', {}),
})

beforeAll(async () => {
  await db()
    .collection('users')
    .add(dongshanResident('user-points-dongshan', 'openid-points-dongshan', 'hh-points-test'))
}, 60_000)

describe('points.award', () => {
  it('pays a resident of the admin community once per request, with a reason', async () => {
    const input = { userId: 'user-resident-li', amount: 30, reason: '社区清洁日', requestId: rid() }
    const before = await balance('u:user-resident-li')
    const issuanceBefore = await balance('issuance:cm-xinhua')
    const [a, b] = await Promise.all([call(ADMIN, 'points.award', input), call(ADMIN, 'points.award', input)])
    expect(ok(a).transferId).toBe(ok(b).transferId)
    expect([a.data.retried, b.data.retried].sort()).toEqual([false, true])
    expect(a.data).toMatchObject({
      from: 'issuance:cm-xinhua',
      to: 'u:user-resident-li',
      amount: 30,
      reason: '社区清洁日',
    })
    expect(await balance('u:user-resident-li')).toBe(before + 30)
    // Issuance is where points come from: it goes below zero by what it issued.
    expect(await balance('issuance:cm-xinhua')).toBe(issuanceBefore - 30)
    expect(await count('point_transfers', { cause: `award:user-xinhua-admin:${input.requestId}` })).toBe(1)
    expect(ok(await call(LI, 'points.mine', {})).lines[0]).toMatchObject({
      transferId: a.data.transferId,
      delta: 30,
      balanceAfter: before + 30,
      label: '社区奖励',
      reason: '社区清洁日',
      reverses: null,
    })
  })

  it.each([
    ['empty reason', ADMIN, { reason: '' }, 'POINTS.REASON_REQUIRED'],
    ['blank reason', ADMIN, { reason: '   ' }, 'POINTS.REASON_REQUIRED'],
    ['zero', ADMIN, { amount: 0 }, 'POINTS.BAD_AMOUNT'],
    ['negative', ADMIN, { amount: -5 }, 'POINTS.BAD_AMOUNT'],
    ['fractional', ADMIN, { amount: 1.5 }, 'POINTS.BAD_AMOUNT'],
    ['over the maximum', ADMIN, { amount: 10_001 }, 'POINTS.BAD_AMOUNT'],
    ['amount not a number', ADMIN, { amount: '5' }, 'INPUT.INVALID'],
    ['a resident of another community', ADMIN, { userId: 'user-points-dongshan' }, 'POINTS.NOT_IN_SCOPE'],
    ['staff, not a resident', ADMIN, { userId: 'user-xinhua-01-worker' }, 'POINTS.NOT_IN_SCOPE'],
    ['by an admin of another community', OTHER_ADMIN, {}, 'POINTS.NOT_IN_SCOPE'],
    ['nobody', ADMIN, { userId: 'user-nobody' }, 'DATA.NOT_FOUND'],
    ['by a grid worker', WORKER, {}, 'AUTH.FORBIDDEN'],
    ['by a resident', WANG, {}, 'AUTH.FORBIDDEN'],
  ])('%s → %s, nothing changed', async (_n, openid, over, code) => {
    const before = await snapshot()
    const res = await call(openid, 'points.award', {
      userId: 'user-resident-li',
      amount: 5,
      reason: '奖励',
      requestId: rid(),
      ...over,
    })
    expect(codeOf(res)).toBe(code)
    expect(await snapshot()).toEqual(before)
  })
})

describe('points.give', () => {
  beforeAll(async () => {
    await awardPoints(call, 'user-resident-wang', 20, '志愿服务', rid())
    // 刘 has done an errand for 王: he is someone 王 may thank with points; 李 is not.
    await serve(WANG, LIU)
  }, 60_000)

  it.each([
    ['to myself', { to: { userId: 'user-resident-wang' } }, 'POINTS.SAME_ACCOUNT'],
    ['zero', { amount: 0 }, 'POINTS.BAD_AMOUNT'],
    ['negative', { amount: -3 }, 'POINTS.BAD_AMOUNT'],
    ['fractional', { amount: 0.5 }, 'POINTS.BAD_AMOUNT'],
    ['more than my balance', { amount: 10_000 }, 'POINTS.INSUFFICIENT'],
    ['to another community', { to: { userId: 'user-points-dongshan' } }, 'POINTS.NOT_IN_SCOPE'],
    ['to staff who live nowhere here', { to: { userId: 'user-xinhua-admin' } }, 'POINTS.NOT_IN_SCOPE'],
    [
      'to nobody (not found, as points.award answers; #18 item 7)',
      { to: { userId: 'user-nobody' } },
      'DATA.NOT_FOUND',
    ],
    ['to a neighbour who never served me', { to: { userId: 'user-resident-li' } }, 'POINTS.NOT_MY_HELPER'],
  ])('%s → %s, nothing changed', async (_n, over, code) => {
    const before = await snapshot()
    expect(
      codeOf(
        await call(WANG, 'points.give', {
          to: { userId: 'user-helper-liu' },
          amount: 3,
          requestId: rid(),
          ...over,
        }),
      ),
    ).toBe(code)
    expect(await snapshot()).toEqual(before)
  })

  it('just more than the balance is refused and changes nothing; exactly the balance empties it', async () => {
    await awardPoints(call, 'user-resident-zhao', 7, '帮忙搬运', rid())
    const zhao = await balance('u:user-resident-zhao')
    const fund = await balance('fund:cm-xinhua')
    expect(codeOf(await call(ZHAO, 'points.give', { to: 'fund', amount: zhao + 1, requestId: rid() }))).toBe(
      'POINTS.INSUFFICIENT',
    )
    expect(await balance('u:user-resident-zhao')).toBe(zhao)
    expect(await balance('fund:cm-xinhua')).toBe(fund)
    const gift = ok(
      await call(ZHAO, 'points.give', { to: 'fund', amount: zhao, note: '捐给社区基金', requestId: rid() }),
    )
    expect(gift).toMatchObject({
      from: 'u:user-resident-zhao',
      to: 'fund:cm-xinhua',
      amount: zhao,
      reason: '捐给社区基金',
    })
    expect(await balance('u:user-resident-zhao')).toBe(0)
    expect(await balance('fund:cm-xinhua')).toBe(fund + zhao)
  })

  it('gives to a neighbour who served me once per request', async () => {
    const input = { to: { userId: 'user-helper-liu' }, amount: 4, note: '谢谢帮我买米', requestId: rid() }
    const [wang, liu] = [await balance('u:user-resident-wang'), await balance('u:user-helper-liu')]
    const first = ok(await call(WANG, 'points.give', input))
    expect(ok(await call(WANG, 'points.give', input))).toMatchObject({
      transferId: first.transferId,
      retried: true,
    })
    expect(await balance('u:user-resident-wang')).toBe(wang - 4)
    expect(await balance('u:user-helper-liu')).toBe(liu + 4)
    expect(ok(await call(LIU, 'points.mine', {})).lines[0]).toMatchObject({
      delta: 4,
      label: '积分转赠',
      reason: '谢谢帮我买米',
    })
  })
})

describe('points.correct', () => {
  it('reverses a transfer once (even corrected twice at once), with a reason; the reversing line shows', async () => {
    const award = await awardPoints(call, 'user-helper-huang', 12, '发错人的奖励', rid())
    const huang = await balance('u:user-helper-huang')
    const issuance = await balance('issuance:cm-xinhua')
    expect(codeOf(await call(ADMIN, 'points.correct', { transferId: award.transferId, reason: ' ' }))).toBe(
      'POINTS.REASON_REQUIRED',
    )
    expect(
      codeOf(await call(OTHER_ADMIN, 'points.correct', { transferId: award.transferId, reason: '越权' })),
    ).toBe('AUTH.FORBIDDEN')
    expect(
      codeOf(await call(WORKER, 'points.correct', { transferId: award.transferId, reason: '网格员' })),
    ).toBe('AUTH.FORBIDDEN')
    expect(
      codeOf(await call(ADMIN, 'points.correct', { transferId: 'tr.award.nope.nope', reason: '不存在' })),
    ).toBe('DATA.NOT_FOUND')
    expect(await balance('u:user-helper-huang')).toBe(huang)

    const [c1, c2] = await Promise.all([
      call(ADMIN, 'points.correct', { transferId: award.transferId, reason: '发错了人' }),
      call(ADMIN, 'points.correct', { transferId: award.transferId, reason: '发错了人' }),
    ])
    expect(ok(c1).transferId).toBe(ok(c2).transferId)
    expect(c1.data).toMatchObject({
      from: 'u:user-helper-huang',
      to: 'issuance:cm-xinhua',
      amount: 12,
      reason: '发错了人',
    })
    const again = ok(
      await call(ADMIN, 'points.correct', { transferId: award.transferId, reason: '再更正一次' }),
    )
    expect(again).toMatchObject({ transferId: c1.data.transferId, retried: true })
    expect(await balance('u:user-helper-huang')).toBe(huang - 12)
    expect(await balance('issuance:cm-xinhua')).toBe(issuance + 12)
    expect(await count('point_transfers', { reverses: award.transferId })).toBe(1)
    const lines = ok(await call(HUANG, 'points.mine', {})).lines
    expect(lines[0]).toMatchObject({
      transferId: c1.data.transferId,
      delta: -12,
      label: '更正',
      reason: '发错了人',
      reverses: award.transferId,
    })
    expect(lines[1]).toMatchObject({ transferId: award.transferId, delta: 12 })
  })

  it('a correction that would overdraw the recipient is refused and changes nothing', async () => {
    await awardPoints(call, 'user-resident-chen', 6, '活动奖励', rid())
    await serve(CHEN, LIU)
    const gift = ok(
      await call(CHEN, 'points.give', { to: { userId: 'user-helper-liu' }, amount: 6, requestId: rid() }),
    )
    // 刘 spends it all before the correction.
    const liu = await balance('u:user-helper-liu')
    ok(await call(LIU, 'points.give', { to: 'fund', amount: liu, requestId: rid() }))
    const before = await snapshot()
    expect(
      codeOf(await call(ADMIN, 'points.correct', { transferId: gift.transferId, reason: '转赠有误' })),
    ).toBe('POINTS.INSUFFICIENT')
    expect(await snapshot()).toEqual(before)
  })
})

describe('points.mine and points.audit', () => {
  it('pages my lines newest first, 20 a page', async () => {
    const made: string[] = []
    for (let i = 0; i < 22; i += 1)
      made.push(
        ok(
          await call(ADMIN, 'points.award', {
            userId: 'user-resident-zhao',
            amount: 1,
            reason: `第${i}次`,
            requestId: rid(),
          }),
        ).transferId,
      )
    const first = ok(await call(ZHAO, 'points.mine', {}))
    expect(first.lines).toHaveLength(20)
    expect(first.balance).toBe(22)
    expect(first.lines.map((l: { transferId: string }) => l.transferId)).toEqual(
      [...made].reverse().slice(0, 20),
    )
    const second = ok(await call(ZHAO, 'points.mine', { cursor: first.cursor }))
    expect(second.lines.slice(0, 2).map((l: { transferId: string }) => l.transferId)).toEqual([
      made[1],
      made[0],
    ])
  })

  it('balances equal their entries; only admins above the community may audit', async () => {
    const report = ok(await call(ADMIN, 'points.audit', { communityId: 'cm-xinhua' }))
    expect(report.differences).toEqual([])
    expect(report.entries).toBeGreaterThan(0)
    expect(report.accounts).toBeGreaterThan(3)
    expect(ok(await call(STREET_ADMIN, 'points.audit', { communityId: 'cm-xinhua' })).differences).toEqual([])
    expect(codeOf(await call(OTHER_ADMIN, 'points.audit', { communityId: 'cm-xinhua' }))).toBe(
      'AUTH.FORBIDDEN',
    )
    expect(codeOf(await call(WORKER, 'points.audit', { communityId: 'cm-xinhua' }))).toBe('AUTH.FORBIDDEN')
    // A tampered cache is caught: the audit is a check that can fail.
    await db().collection('point_accounts').doc('u:user-resident-zhao').update({ balance: 999 })
    const bad = ok(await call(ADMIN, 'points.audit', { communityId: 'cm-xinhua' }))
    expect(bad.differences).toEqual([{ account: 'u:user-resident-zhao', cached: 999, computed: 22 }])
  })
})

describe('points.transfers', () => {
  type Line = {
    transferId: string
    at: string
    kind: string
    label: string
    amount: number
    from: string
    fromName: string
    to: string
    toName: string
    reason: string
    reverses: string | null
    corrected: boolean
  }
  const page = async (openid: string, cursor?: string): Promise<{ lines: Line[]; cursor: string | null }> =>
    ok(
      await call(
        openid,
        'points.transfers',
        cursor ? { communityId: 'cm-xinhua', cursor } : { communityId: 'cm-xinhua' },
      ),
    )

  it('lists the community’s transfers newest first, 20 a page, with names; corrected flips after a correction', async () => {
    // Another community's movement never shows here.
    const elsewhere = ok(
      await call(OTHER_ADMIN, 'points.award', {
        userId: 'user-points-dongshan',
        amount: 2,
        reason: '东山奖励',
        requestId: rid(),
      }),
    )
    const made: string[] = []
    for (const reason of ['扫雪', '义务理发', '陪老人就医'])
      made.push(
        ok(
          await call(ADMIN, 'points.award', {
            userId: 'user-resident-wang',
            amount: 3,
            reason,
            requestId: rid(),
          }),
        ).transferId,
      )

    const first = await page(ADMIN)
    expect(first.lines).toHaveLength(20)
    expect(first.lines.slice(0, 3).map((l) => l.transferId)).toEqual([...made].reverse())
    expect(first.lines[0]).toMatchObject({
      kind: 'award',
      label: '社区奖励',
      amount: 3,
      from: 'issuance:cm-xinhua',
      fromName: '积分发行',
      to: 'u:user-resident-wang',
      toName: '王秀英',
      reason: '陪老人就医',
      reverses: null,
      corrected: false,
    })

    // Every page in turn: each transfer of the community once, newest first, nothing of another community.
    const seen: Line[] = [...first.lines]
    for (let cursor = first.cursor; cursor;) {
      const next = await page(ADMIN, cursor)
      expect(next.lines.length).toBeLessThanOrEqual(20)
      seen.push(...next.lines)
      cursor = next.cursor
    }
    const ids = seen.map((l) => l.transferId)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toHaveLength(await count('point_transfers', { communityId: 'cm-xinhua' }))
    expect(ids).not.toContain(elsewhere.transferId)
    const times = seen.map((l) => Date.parse(l.at))
    expect(times).toEqual([...times].sort((a, b) => b - a))
    // Staff see people by name, the community's own accounts by what they are.
    expect(seen.find((l) => l.to === 'fund:cm-xinhua')?.toName).toBe('社区基金')
    expect(seen.every((l) => !l.fromName.startsWith('u:') && !l.toName.startsWith('u:'))).toBe(true)

    const correction = ok(await call(ADMIN, 'points.correct', { transferId: made[1], reason: '重复发放' }))
    const after = await page(ADMIN)
    expect(after.lines[0]).toMatchObject({
      transferId: correction.transferId,
      kind: 'correction',
      label: '更正',
      fromName: '王秀英',
      toName: '积分发行',
      reason: '重复发放',
      reverses: made[1],
      corrected: false,
    })
    const byId = new Map(after.lines.map((l) => [l.transferId, l]))
    expect([made[0], made[1], made[2]].map((id) => byId.get(id as string)?.corrected)).toEqual([
      false,
      true,
      false,
    ])
    // A street admin above the community reads it too.
    expect((await page(STREET_ADMIN)).lines[0]?.transferId).toBe(correction.transferId)
  })

  it('is access-logged with the people shown; another community’s admin and other roles are refused (and logged)', async () => {
    const before = await count('access_logs', {
      action: 'points.transfers',
      actorId: 'user-xinhua-admin',
      subject: 'cm-xinhua',
      allowed: true,
      people: 'user-resident-wang',
    })
    await page(ADMIN)
    expect(
      await count('access_logs', {
        action: 'points.transfers',
        actorId: 'user-xinhua-admin',
        subject: 'cm-xinhua',
        allowed: true,
        people: 'user-resident-wang',
      }),
    ).toBe(before + 1)

    expect(codeOf(await call(OTHER_ADMIN, 'points.transfers', { communityId: 'cm-xinhua' }))).toBe(
      'AUTH.FORBIDDEN',
    )
    expect(
      await count('access_logs', {
        action: 'points.transfers',
        actorId: 'user-dongshan-admin',
        subject: 'cm-xinhua',
        allowed: false,
      }),
    ).toBe(1)
    for (const openid of [WORKER, WANG])
      expect(codeOf(await call(openid, 'points.transfers', { communityId: 'cm-xinhua' }))).toBe(
        'AUTH.FORBIDDEN',
      )
    expect(
      await count('access_logs', { action: 'points.transfers', subject: 'cm-xinhua', allowed: false }),
    ).toBe(3)
    // An unknown community is not found (#18 item 7); the attempt is still logged.
    expect(codeOf(await call(ADMIN, 'points.transfers', { communityId: 'cm-nowhere' }))).toBe(
      'DATA.NOT_FOUND',
    )
    expect(
      await count('access_logs', { action: 'points.transfers', subject: 'cm-nowhere', allowed: false }),
    ).toBe(1)
    // A refusal answers no names at all.
    expect(
      await count('access_logs', {
        action: 'points.transfers',
        allowed: false,
        people: 'user-resident-wang',
      }),
    ).toBe(0)
  })
})

describe('points.recipients and giving to them', () => {
  const GRID = { streetId: 'st-dongjie', communityId: 'cm-xinhua', gridId: 'gr-xinhua-01' }
  const home = {
    ...GRID,
    buildingId: 'bd-xinhua-01-01',
    unitId: 'bd-xinhua-01-01-u1',
    householdId: 'hh-points-helpers',
  }
  const extra = Array.from({ length: 10 }, (_, i) => `user-points-helper-${i}`)
  type Neighbour = {
    userId: string
    name: string
    errandId: string
    type: string
    typeLabel: string
    at: string
  }
  const recipients = async (
    openid = ZHOU,
  ): Promise<{ balance: number; fundName: string; neighbours: Neighbour[] }> =>
    ok(await call(openid, 'points.recipients', {}))
  let yangParcel = ''

  beforeAll(async () => {
    // A helper of the grid who later moves to 东山社区, and ten more helpers for the "at most 10" rule.
    await db()
      .collection('users')
      .add([
        {
          _id: 'user-points-mover',
          openid: 'openid-points-mover',
          displayName: '搬走的帮办',
          grants: [
            { role: 'resident', scope: home },
            { role: 'helper', scope: GRID },
          ],
          createdAt: new Date(),
        },
        ...extra.map((_id, i) => ({
          _id,
          openid: `openid-${_id}`,
          displayName: `帮办${i}`,
          grants: [
            { role: 'resident', scope: home },
            { role: 'helper', scope: GRID },
          ],
          createdAt: new Date(),
        })),
      ])
    await awardPoints(call, 'user-leader-zhou', 30, '志愿服务', rid())
    // 周's errands, oldest first: 杨 (confirmed), the mover (confirmed, then moved away), 刘 (confirmed),
    // 杨 again (a parcel, confirmed); 黄 took one but it is not confirmed; one is still open.
    // 黄 did confirm an errand for 王, which is no errand of 周.
    await serve(ZHOU, YANG)
    await serve(ZHOU, 'openid-points-mover')
    await db()
      .collection('users')
      .doc('user-points-mover')
      .update({
        grants: [dongshanResidentGrant('hh-points-moved')],
      })
    await serve(ZHOU, LIU)
    yangParcel = await serve(ZHOU, YANG, { type: 'parcel' })
    await serve(ZHOU, HUANG, { until: 'done' })
    await serve(ZHOU, null, { until: 'post' })
    await serve(WANG, HUANG)
  }, 120_000)

  it('lists the fund, then the helpers of my confirmed errands only: distinct, newest first, still my neighbours', async () => {
    const r = await recipients()
    expect(r).toMatchObject({ balance: 30, fundName: '新华社区爱心基金' })
    expect(r.neighbours.map((n) => n.userId)).toEqual(['user-helper-yang', 'user-helper-liu'])
    expect(r.neighbours[0]).toEqual({
      userId: 'user-helper-yang',
      name: '杨丽华',
      errandId: yangParcel,
      type: 'parcel',
      typeLabel: '代收快递',
      at: expect.stringMatching(/^\d{4}-/),
    })
    expect(r.neighbours[1]).toMatchObject({ name: '刘志强', typeLabel: '代买米买菜' })
    expect(Date.parse(r.neighbours[0]?.at ?? '')).toBeGreaterThan(Date.parse(r.neighbours[1]?.at ?? ''))
    // Someone else's list is theirs: 王 was served by 刘 and 黄, never by 杨.
    expect((await recipients(WANG)).neighbours.map((n) => n.userId).sort()).toEqual([
      'user-helper-huang',
      'user-helper-liu',
    ])
    // Another community's resident sees their own fund; staff who live nowhere are refused.
    expect(await recipients('openid-points-dongshan')).toMatchObject({
      fundName: '东山社区爱心基金',
      neighbours: [],
    })
    expect(codeOf(await call(ADMIN, 'points.recipients', {}))).toBe('AUTH.FORBIDDEN')
  })

  it('giving to one of them shows in both ledgers with the note', async () => {
    const [zhou, yang] = [await balance('u:user-leader-zhou'), await balance('u:user-helper-yang')]
    const gift = ok(
      await call(ZHOU, 'points.give', {
        to: { userId: 'user-helper-yang' },
        amount: 3,
        note: '谢谢您帮我代收快递',
        requestId: rid(),
      }),
    )
    expect(gift).toMatchObject({
      from: 'u:user-leader-zhou',
      to: 'u:user-helper-yang',
      amount: 3,
      reason: '谢谢您帮我代收快递',
      retried: false,
    })
    expect(await balance('u:user-leader-zhou')).toBe(zhou - 3)
    expect(await balance('u:user-helper-yang')).toBe(yang + 3)
    expect(ok(await call(ZHOU, 'points.mine', {})).lines[0]).toMatchObject({
      transferId: gift.transferId,
      delta: -3,
      label: '积分转赠',
      reason: '谢谢您帮我代收快递',
    })
    expect(ok(await call(YANG, 'points.mine', {})).lines[0]).toMatchObject({
      transferId: gift.transferId,
      delta: 3,
      label: '积分转赠',
      reason: '谢谢您帮我代收快递',
    })
    expect((await recipients()).balance).toBe(zhou - 3)
  })

  it.each([
    ['a helper whose errand for me is not confirmed', 'user-helper-huang', 'POINTS.NOT_MY_HELPER'],
    ['a neighbour who never served me', 'user-resident-li', 'POINTS.NOT_MY_HELPER'],
    ['a helper who served me and moved away', 'user-points-mover', 'POINTS.NOT_IN_SCOPE'],
  ])('giving to %s → %s, nothing changed', async (_n, userId, code) => {
    const before = {
      zhou: await balance('u:user-leader-zhou'),
      them: await balance(`u:${userId}`),
      transfers: await count('point_transfers', {}),
    }
    expect(codeOf(await call(ZHOU, 'points.give', { to: { userId }, amount: 2, requestId: rid() }))).toBe(
      code,
    )
    expect({
      zhou: await balance('u:user-leader-zhou'),
      them: await balance(`u:${userId}`),
      transfers: await count('point_transfers', {}),
    }).toEqual(before)
  })

  it('shows at most 10 neighbours, the latest first', async () => {
    for (const userId of extra) await serve(ZHOU, `openid-${userId}`)
    const r = await recipients()
    expect(r.neighbours.map((n) => n.userId)).toEqual([...extra].reverse())
  }, 120_000)
})

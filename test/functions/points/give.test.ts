// Giving: points.give to a neighbour who served me, and points.recipients (the fund, the helpers of my confirmed errands).
import { codeOf, ok, awardPoints } from '../../support/api-test'
import {
  HUANG,
  LEADER_ZHOU as ZHOU,
  LIU,
  WANG,
  XINHUA_ADMIN as ADMIN,
  YANG,
  ZHAO,
  dongshanResidentGrant,
} from '../../support/demo-people'
import { rid, serve, snapshot, call, db, count, balance } from './harness'

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

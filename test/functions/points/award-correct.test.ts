// The admin's moves: awarding points once per request, and correcting a transfer once, never overdrawn.
import { codeOf, ok, awardPoints } from '../../support/api-test'
import {
  CHEN,
  DONGSHAN_ADMIN as OTHER_ADMIN,
  HUANG,
  LI,
  LIU,
  WANG,
  XINHUA_01_WORKER as WORKER,
  XINHUA_ADMIN as ADMIN,
} from '../../support/demo-people'
import { rid, serve, snapshot, call, count, balance } from './harness'

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

// me.delete: the confirmation, what is erased, what the love-card stores settle and keep, and what stays (access logs, staff positions).
import { inMin, ok } from '../../support/api-test'
import { XINHUA_01_WORKER as WORKER, XINHUA_ADMIN as ADMIN } from '../../support/demo-people'
import { SeedIds } from '../../../emulator/seed/demo-data'
import { form, rid, mine, entriesOf, publish, emu, call, db, docOf, userDoc } from './harness'

describe('me.delete', () => {
  it('needs an explicit confirmation; without it nothing changes', async () => {
    expect(await call('demo-openid-resident-chen', 'me.delete')).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID' },
    })
    expect(await call('demo-openid-resident-chen', 'me.delete', { confirm: 'yes' })).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID' },
    })
    expect((await userDoc('user-resident-chen')).realName).toBe('陈桂兰')
  })

  it('erases name, phone, household and requests; the app then treats me as a newcomer', async () => {
    const me = 'openid-me-eraser'
    const approved = await call(
      me,
      'join.submit',
      form({ unitId: 'bd-dongshan-01-01-u2', room: '501', name: '冯安', phone: '13911112222' }),
    )
    expect(approved.data.status).toBe('approved')
    // A pending move, announced to the grid worker.
    await emu().grantSubscriptions('demo-openid-dongshan-01-worker', 'tmpl-join-pending', 1)
    const moving = await call(me, 'join.submit', form({ name: '冯安', phone: '13911112222', move: true }))
    expect(moving.data.status).toBe('pending')
    const userId = (await call(me, 'me.profile')).data.userId

    const res = await call(me, 'me.delete', { confirm: true })
    expect(res).toMatchObject({ ok: true, data: { displayName: '新邻居', household: null, roles: [] } })

    const user = await userDoc(userId)
    for (const field of ['realName', 'phone', 'householdId', 'helper', 'lastJoinId'])
      expect(user[field]).toBeUndefined()
    expect(user.erasedAt).toBeTruthy()
    const joins = (await db().collection('join_requests').where({ userId }).get()).data as Record<
      string,
      unknown
    >[]
    expect(joins).toHaveLength(2)
    for (const j of joins) expect(j).toMatchObject({ name: '', phone: null, erased: true })
    expect(joins.map((j) => j.status).sort()).toEqual(['approved', 'cancelled'])
    expect(JSON.stringify(joins)).not.toMatch(/冯安|13911112222/)
    const notes = (await db().collection('notifications').where({ sourceId: moving.data.joinId }).get())
      .data as Record<string, unknown>[]
    expect(notes.length).toBeGreaterThan(0)
    for (const n of notes) expect(n.data).toBeNull()

    // The decider no longer sees it; the app shows a newcomer.
    const inbox = await call(WORKER, 'join.inbox')
    expect(inbox.data.map((i: { joinId: string }) => i.joinId)).not.toContain(moving.data.joinId)
    expect(await call(me, 'join.mine')).toMatchObject({ ok: true, data: null })
    expect(await call(me, 'directory.card')).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    const data = await call(me, 'me.data')
    expect(data.data.user).toMatchObject({ displayName: '新邻居', realName: null, phone: null })
    expect(JSON.stringify(data.data)).not.toMatch(/冯安|13911112222/)

    // Idempotent, and a fresh start is possible.
    expect(await call(me, 'me.delete', { confirm: true })).toMatchObject({ ok: true })
    expect(await call(me, 'join.submit', form({ name: '冯安', room: '402' }))).toMatchObject({
      ok: true,
      data: { status: 'pending' },
    })
  })

  it('settles what is pending in the love-card stores and keeps the ledger and hours lines', async () => {
    const me = 'openid-me-volunteer'
    const userId = 'user-me-volunteer'
    const account = `u:${userId}`
    await db()
      .collection('users')
      .add({
        _id: userId,
        openid: me,
        displayName: '韩梅',
        realName: '韩梅',
        phone: '13600002222',
        grants: [
          {
            role: 'resident',
            scope: {
              streetId: 'st-dongjie',
              communityId: 'cm-xinhua',
              gridId: 'gr-xinhua-01',
              buildingId: 'bd-xinhua-01-06',
              unitId: 'bd-xinhua-01-06-u1',
              householdId: 'hh-me-volunteer',
            },
          },
        ],
        createdAt: new Date(),
      })
    // Attended now (walk-in check-in, confirmed by staff: 10 points and an hours line).
    const attended = await publish(10, 70, '社区义诊 量血压')
    const { code } = ok(await call(WORKER, 'activity.checkinCode', { activityId: attended }))
    ok(await call(me, 'activity.checkin', { code }))
    expect(
      ok(await call(ADMIN, 'activity.confirm', { activityId: attended, userIds: [userId] })).paid,
    ).toEqual([userId])
    // Signed up for one not yet started, and for one that started meanwhile (a no-show so far).
    const future = await publish(24 * 60, 24 * 60 + 120, '重阳敬老 包饺子')
    const started = await publish(60, 180, '楼道清洁日')
    ok(await call(me, 'activity.signup', { activityId: future }))
    ok(await call(me, 'activity.signup', { activityId: started }))
    await db()
      .collection('activities')
      .doc(started)
      .update({ startAt: inMin(-10), endAt: inMin(110) })
    // A voucher waiting for pickup.
    ok(await call(ADMIN, 'points.award', { userId, amount: 30, reason: '楼道清洁', requestId: rid() }))
    const voucher = ok(await call(me, 'market.redeem', { itemId: SeedIds.items.haircut, requestId: rid() }))

    const entriesBefore = await entriesOf(account)
    expect(entriesBefore).toHaveLength(3)
    const hoursBefore = await mine('volunteer_hours', attended, userId)
    const stockBefore = (await docOf('market_items', SeedIds.items.haircut))?.stock as number
    const marketBefore = (await docOf('point_accounts', 'market:cm-xinhua'))?.balance as number
    expect((await docOf('point_accounts', account))?.balance).toBe(20)
    expect((await docOf('activities', future))?.signedUp).toBe(1)

    expect(await call(me, 'me.delete', { confirm: true })).toMatchObject({
      ok: true,
      data: { displayName: '新邻居', roles: [] },
    })

    // The future sign-up is withdrawn and its seat freed; the started one and the attendance stay.
    expect(await mine('activity_signups', future, userId)).toMatchObject({
      status: 'withdrawn',
      withdrawnAt: expect.any(Date),
    })
    expect((await docOf('activities', future))?.signedUp).toBe(0)
    expect((await mine('activity_signups', started, userId))?.status).toBe('signed')
    expect((await docOf('activities', started))?.signedUp).toBe(1)
    expect((await mine('activity_signups', attended, userId))?.status).toBe('confirmed')
    // The voucher is cancelled with a refund (one more entry: the refund's credit), the unit back in stock.
    expect(await docOf('market_vouchers', voucher.voucherId)).toMatchObject({
      status: 'cancelled',
      closedAt: expect.any(Date),
    })
    const refund = (
      await db()
        .collection('point_transfers')
        .where({ cause: `refund:${voucher.voucherId}` })
        .get()
    ).data[0]
    expect(refund).toMatchObject({
      from: 'market:cm-xinhua',
      to: account,
      amount: 20,
    })
    expect((await docOf('point_accounts', account))?.balance).toBe(40)
    expect((await docOf('point_accounts', 'market:cm-xinhua'))?.balance).toBe(marketBefore - 20)
    expect((await docOf('market_items', SeedIds.items.haircut))?.stock).toBe(stockBefore + 1)
    // The ledger keeps every entry, unchanged, and audits clean.
    const entriesAfter = await entriesOf(account)
    expect(entriesAfter).toHaveLength(4)
    expect(entriesAfter).toEqual(expect.arrayContaining(entriesBefore))
    expect(ok(await call(ADMIN, 'points.audit', { communityId: 'cm-xinhua' })).differences).toEqual([])
    // The hours line is kept as issued; it never carried the volunteer's name.
    expect(await mine('volunteer_hours', attended, userId)).toEqual(hoursBefore)
    expect(JSON.stringify(hoursBefore)).not.toMatch(/韩梅|13600002222/)
    // Staff now read 新邻居 for the line's person (names come from the user at read time).
    const roster = ok(await call(ADMIN, 'activity.roster', { activityId: attended }))
    expect(roster.lines.find((l: { userId: string }) => l.userId === userId)).toMatchObject({
      name: '新邻居',
      status: 'confirmed',
    })

    // me.data still shows them to the person, without the name; a second erase changes nothing.
    const data = ok(await call(me, 'me.data'))
    expect(data.points).toMatchObject({ balance: 40, entries: 4 })
    expect(data.hours.count).toBe(1)
    expect(data.vouchers.lines).toEqual([
      expect.objectContaining({ voucherId: voucher.voucherId, status: 'cancelled' }),
    ])
    expect(JSON.stringify(data)).not.toMatch(/韩梅|13600002222/)
    expect(await call(me, 'me.delete', { confirm: true })).toMatchObject({ ok: true })
    expect(await entriesOf(account)).toEqual(entriesAfter)
    expect((await docOf('activities', future))?.signedUp).toBe(0)
  })

  it('keeps access logs and staff positions, drops the volunteer profile', async () => {
    const before = (await db().collection('access_logs').where({ actorId: 'user-resident-wang' }).count())
      .total
    expect(await call('demo-openid-resident-wang', 'me.delete', { confirm: true })).toMatchObject({
      ok: true,
    })
    expect(
      (await db().collection('access_logs').where({ actorId: 'user-resident-wang' }).count()).total,
    ).toBe(before)

    await call('demo-openid-leader-zhou', 'me.delete', { confirm: true })
    expect((await userDoc('user-leader-zhou')).grants.map((g: { role: string }) => g.role)).toEqual([
      'building_leader',
    ])

    await call('demo-openid-helper-yang', 'me.delete', { confirm: true })
    const yang = await userDoc('user-helper-yang')
    // The helper role goes with the volunteer profile; her seat on the grid council (a granted
    // position, like a staff one) stays for the admins who granted it to revoke.
    expect(yang.grants.map((g: { role: string }) => g.role)).toEqual(['council_member'])
    expect(yang.helper).toBeUndefined()
  })
})

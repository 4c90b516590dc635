import { apiCaller, useSeededEmulator, type ApiResult } from '../support/seeded-emulator'

const emu = useSeededEmulator()

// PIPL (查看与删除我的个人信息) and the helper profile (党员亮身份), through the built `api` function.

const call = apiCaller(emu)
const db = () => emu().app.database()
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const userDoc = async (id: string): Promise<Record<string, any>> => {
  const doc = ((await db().collection('users').doc(id).get()).data as Record<string, unknown>[])[0]
  if (!doc) throw new Error(`no user ${id}`)
  return doc
}
const form = (over: Record<string, unknown> = {}) => ({
  requestId: `req-me-${Math.random().toString(36).slice(2, 10)}`,
  unitId: 'bd-xinhua-01-09-u1',
  room: '401',
  name: '孙晓东',
  phone: '13700001111',
  consent: true,
  ...over,
})
const WORKER = 'demo-openid-xinhua-01-worker'
const ADMIN = 'demo-openid-xinhua-admin'
const WANG = 'demo-openid-resident-wang'

// Love-card stores (issue #7): activities, points, vouchers.
let seq = 0
const rid = () => `req-me-${Date.now().toString(36)}-${(seq += 1)}`
const inMin = (n: number) => new Date(Date.now() + n * 60_000)
const ok = (r: ApiResult) => {
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.data
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const docOf = async (collection: string, id: string): Promise<Record<string, any> | null> => ((await db().collection(collection).doc(id).get()).data as Record<string, unknown>[])[0] ?? null
const entriesOf = async (account: string) =>
  ((await db().collection('point_entries').where({ account }).limit(1000).get()).data as { _id: string }[]).sort((a, b) => a._id.localeCompare(b._id))
const publish = async (startMin: number, endMin: number, title: string) =>
  ok(
    await call(ADMIN, 'activity.publish', {
      requestId: rid(),
      communityId: 'cm-xinhua',
      title,
      team: '彩虹桥·助老服务队',
      description: '陪老人聊天、读报',
      place: '东街道敬老院',
      startAt: inMin(startMin).toISOString(),
      endAt: inMin(endMin).toISOString(),
      capacity: 10,
      points: 10,
    }),
  ).activityId as string

describe('me.data', () => {
  it('lists everything stored about me, including who saw my number', async () => {
    // 王秀英 calls the party member 刘志强: that reveal is logged against him.
    const card = await call('demo-openid-resident-wang', 'directory.card')
    const liu = card.data.contacts.find((c: { name: string }) => c.name === '刘志强')
    expect(await call('demo-openid-resident-wang', 'directory.call', { contactId: liu.contactId })).toMatchObject({ ok: true })

    const res = await call('demo-openid-helper-liu', 'me.data')
    expect(res).toMatchObject({
      ok: true,
      data: {
        user: { displayName: '刘志强', realName: '刘志强', phone: expect.stringMatching(/^1\d{10}$/) },
        household: { buildingName: '2号楼', room: '402' },
        joins: [],
        helper: { partyMember: true, showParty: true, skills: ['家电维修', '代买米菜'] },
        accessLog: [{ who: '王**（通过党员帮办/志愿者服务卡）', action: '查看了您的电话号码', allowed: true, at: expect.any(String) }],
      },
    })
  })

  it('includes my join requests with what I gave', async () => {
    await call('openid-me-applicant', 'join.submit', form())
    const res = await call('openid-me-applicant', 'me.data')
    expect(res.data.joins).toEqual([
      expect.objectContaining({ status: 'pending', name: '孙晓东', phone: '13700001111', place: '新华社区第1网格 9号楼1单元', room: '401', via: 'picker' }),
    ])
    expect(res.data.helper).toBeNull()
  })

  it('lists my points, activity sign-ups, volunteer hours and vouchers: counts and the newest lines', async () => {
    // 王秀英 (seed): confirmed at 社区义诊 (an hours line, 10 points), signed up for 重阳敬老.
    ok(await call(ADMIN, 'points.award', { userId: 'user-resident-wang', amount: 30, reason: '楼道清洁', requestId: rid() }))
    const voucher = ok(await call(WANG, 'market.redeem', { itemId: 'it_seed-haircut', requestId: rid() }))
    const data = ok(await call(WANG, 'me.data'))
    expect(data.points).toMatchObject({ balance: 20, entries: 3 })
    expect(data.points.lines.map((l: { kind: string; delta: number }) => [l.kind, l.delta])).toEqual([
      ['redemption', -20],
      ['award', 30],
      ['activity', 10],
    ])
    expect(data.signups.count).toBe(2)
    expect(data.signups.lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ activityId: 'ac_seed_chongyang', title: '重阳敬老 包饺子', status: 'signed', startAt: '2028-10-26T01:00:00.000Z' }),
        expect.objectContaining({ activityId: 'ac_seed_clinic', title: '社区义诊 量血压', status: 'confirmed' }),
      ]),
    )
    expect(data.hours).toEqual({ count: 1, lines: [expect.objectContaining({ activityId: 'ac_seed_clinic', hours: 2.5, points: 10, organisation: '新华社区' })] })
    expect(data.vouchers).toEqual({ count: 1, lines: [expect.objectContaining({ voucherId: voucher.voucherId, itemName: '理发服务', price: 20, status: 'issued', closedAt: null })] })
    // Only mine: 李 has no sign-up, hours or voucher.
    const li = ok(await call('demo-openid-resident-li', 'me.data'))
    expect([li.signups.count, li.hours.count, li.vouchers.count]).toEqual([0, 0, 0])
  })

  it('keeps each answer bounded: the count of all lines, the newest 20 shown', async () => {
    const me = 'openid-me-hours-25'
    const userId = ok(await call(me, 'me.profile')).userId as string
    const base = Date.UTC(2026, 0, 1, 1)
    await db()
      .collection('volunteer_hours')
      .add(
        Array.from({ length: 25 }, (_, i) => ({
          _id: `ac_bound_${i}.${userId}`,
          userId,
          communityId: 'cm-xinhua',
          activityId: `ac_bound_${i}`,
          title: `活动${i}`,
          team: '彩虹桥',
          place: '服务站',
          date: new Date(base + i * 86_400_000),
          hours: 1,
          points: 0,
          confirmedBy: 'user-xinhua-admin',
          confirmedByName: '管理员',
          organisation: '新华社区',
          confirmedAt: new Date(base + i * 86_400_000),
        })),
      )
    const hours = ok(await call(me, 'me.data')).hours
    expect(hours.count).toBe(25)
    expect(hours.lines.map((l: { activityId: string }) => l.activityId)).toEqual(Array.from({ length: 20 }, (_, i) => `ac_bound_${24 - i}`))
  })

  it('shows nobody else’s data', async () => {
    const res = await call('demo-openid-resident-wang', 'me.data')
    expect(JSON.stringify(res.data)).not.toContain('刘志强')
  })
})

describe('me.delete', () => {
  it('needs an explicit confirmation; without it nothing changes', async () => {
    expect(await call('demo-openid-resident-chen', 'me.delete')).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect(await call('demo-openid-resident-chen', 'me.delete', { confirm: 'yes' })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect((await userDoc('user-resident-chen')).realName).toBe('陈桂兰')
  })

  it('erases name, phone, household and requests; the app then treats me as a newcomer', async () => {
    const me = 'openid-me-eraser'
    const approved = await call(me, 'join.submit', form({ unitId: 'bd-dongshan-01-01-u2', room: '501', name: '冯安', phone: '13911112222' }))
    expect(approved.data.status).toBe('approved')
    // A pending move, announced to the grid worker.
    await emu().grantSubscriptions('demo-openid-dongshan-01-worker', 'tmpl-join-pending', 1)
    const moving = await call(me, 'join.submit', form({ name: '冯安', phone: '13911112222', move: true }))
    expect(moving.data.status).toBe('pending')
    const userId = (await call(me, 'me.profile')).data.userId

    const res = await call(me, 'me.delete', { confirm: true })
    expect(res).toMatchObject({ ok: true, data: { displayName: '新邻居', household: null, roles: [] } })

    const user = await userDoc(userId)
    for (const field of ['realName', 'phone', 'householdId', 'helper', 'lastJoinId']) expect(user[field]).toBeUndefined()
    expect(user.erasedAt).toBeTruthy()
    const joins = (await db().collection('join_requests').where({ userId }).get()).data as Record<string, unknown>[]
    expect(joins).toHaveLength(2)
    for (const j of joins) expect(j).toMatchObject({ name: '', phone: null, erased: true })
    expect(joins.map((j) => j.status).sort()).toEqual(['approved', 'cancelled'])
    expect(JSON.stringify(joins)).not.toMatch(/冯安|13911112222/)
    const notes = (await db().collection('notifications').where({ sourceId: moving.data.joinId }).get()).data as Record<string, unknown>[]
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
    expect(await call(me, 'join.submit', form({ name: '冯安', room: '402' }))).toMatchObject({ ok: true, data: { status: 'pending' } })
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
        grants: [{ role: 'resident', scope: { streetId: 'st-dongjie', communityId: 'cm-xinhua', gridId: 'gr-xinhua-01', buildingId: 'bd-xinhua-01-06', unitId: 'bd-xinhua-01-06-u1', householdId: 'hh-me-volunteer' } }],
        createdAt: new Date(),
      })
    // Attended now (walk-in check-in, confirmed by staff: 10 points and an hours line).
    const attended = await publish(10, 70, '社区义诊 量血压')
    const { code } = ok(await call(WORKER, 'activity.checkinCode', { activityId: attended }))
    ok(await call(me, 'activity.checkin', { code }))
    expect(ok(await call(ADMIN, 'activity.confirm', { activityId: attended, userIds: [userId] })).paid).toEqual([userId])
    // Signed up for one not yet started, and for one that started meanwhile (a no-show so far).
    const future = await publish(24 * 60, 24 * 60 + 120, '重阳敬老 包饺子')
    const started = await publish(60, 180, '楼道清洁日')
    ok(await call(me, 'activity.signup', { activityId: future }))
    ok(await call(me, 'activity.signup', { activityId: started }))
    await db().collection('activities').doc(started).update({ startAt: inMin(-10), endAt: inMin(110) })
    // A voucher waiting for pickup.
    ok(await call(ADMIN, 'points.award', { userId, amount: 30, reason: '楼道清洁', requestId: rid() }))
    const voucher = ok(await call(me, 'market.redeem', { itemId: 'it_seed-haircut', requestId: rid() }))

    const entriesBefore = await entriesOf(account)
    expect(entriesBefore).toHaveLength(3)
    const hoursBefore = await docOf('volunteer_hours', `${attended}.${userId}`)
    const stockBefore = (await docOf('market_items', 'it_seed-haircut'))?.stock as number
    const marketBefore = (await docOf('point_accounts', 'market:cm-xinhua'))?.balance as number
    expect((await docOf('point_accounts', account))?.balance).toBe(20)
    expect((await docOf('activities', future))?.signedUp).toBe(1)

    expect(await call(me, 'me.delete', { confirm: true })).toMatchObject({ ok: true, data: { displayName: '新邻居', roles: [] } })

    // The future sign-up is withdrawn and its seat freed; the started one and the attendance stay.
    expect(await docOf('activity_signups', `${future}.${userId}`)).toMatchObject({ status: 'withdrawn', withdrawnAt: expect.any(Date) })
    expect((await docOf('activities', future))?.signedUp).toBe(0)
    expect((await docOf('activity_signups', `${started}.${userId}`))?.status).toBe('signed')
    expect((await docOf('activities', started))?.signedUp).toBe(1)
    expect((await docOf('activity_signups', `${attended}.${userId}`))?.status).toBe('confirmed')
    // The voucher is cancelled with a refund (one more entry: the refund's credit), the unit back in stock.
    expect(await docOf('market_vouchers', voucher.voucherId)).toMatchObject({ status: 'cancelled', closedAt: expect.any(Date) })
    expect(await docOf('point_transfers', `tr.refund.${voucher.voucherId}`)).toMatchObject({ from: 'market:cm-xinhua', to: account, amount: 20 })
    expect((await docOf('point_accounts', account))?.balance).toBe(40)
    expect((await docOf('point_accounts', 'market:cm-xinhua'))?.balance).toBe(marketBefore - 20)
    expect((await docOf('market_items', 'it_seed-haircut'))?.stock).toBe(stockBefore + 1)
    // The ledger keeps every entry, unchanged, and audits clean.
    const entriesAfter = await entriesOf(account)
    expect(entriesAfter).toHaveLength(4)
    expect(entriesAfter).toEqual(expect.arrayContaining(entriesBefore))
    expect(ok(await call(ADMIN, 'points.audit', { communityId: 'cm-xinhua' })).differences).toEqual([])
    // The hours line is kept as issued; it never carried the volunteer's name.
    expect(await docOf('volunteer_hours', `${attended}.${userId}`)).toEqual(hoursBefore)
    expect(JSON.stringify(hoursBefore)).not.toMatch(/韩梅|13600002222/)
    // Staff now read 新邻居 for the line's person (names come from the user at read time).
    const roster = ok(await call(ADMIN, 'activity.roster', { activityId: attended }))
    expect(roster.lines.find((l: { userId: string }) => l.userId === userId)).toMatchObject({ name: '新邻居', status: 'confirmed' })

    // me.data still shows them to the person, without the name; a second erase changes nothing.
    const data = ok(await call(me, 'me.data'))
    expect(data.points).toMatchObject({ balance: 40, entries: 4 })
    expect(data.hours.count).toBe(1)
    expect(data.vouchers.lines).toEqual([expect.objectContaining({ voucherId: voucher.voucherId, status: 'cancelled' })])
    expect(JSON.stringify(data)).not.toMatch(/韩梅|13600002222/)
    expect(await call(me, 'me.delete', { confirm: true })).toMatchObject({ ok: true })
    expect(await entriesOf(account)).toEqual(entriesAfter)
    expect((await docOf('activities', future))?.signedUp).toBe(0)
  })

  it('keeps access logs and staff positions, drops the volunteer profile', async () => {
    const before = (await db().collection('access_logs').where({ actorId: 'user-resident-wang' }).count()).total
    expect(await call('demo-openid-resident-wang', 'me.delete', { confirm: true })).toMatchObject({ ok: true })
    expect((await db().collection('access_logs').where({ actorId: 'user-resident-wang' }).count()).total).toBe(before)

    await call('demo-openid-leader-zhou', 'me.delete', { confirm: true })
    expect((await userDoc('user-leader-zhou')).grants.map((g: { role: string }) => g.role)).toEqual(['building_leader'])

    await call('demo-openid-helper-yang', 'me.delete', { confirm: true })
    const yang = await userDoc('user-helper-yang')
    expect(yang.grants).toEqual([])
    expect(yang.helper).toBeUndefined()
  })
})

describe('helper profile (党员亮身份)', () => {
  const HUANG = 'demo-openid-helper-huang'
  const LIU = 'demo-openid-helper-liu'

  it('lets a helper edit skills; the grid card shows them', async () => {
    const res = await call(LIU, 'helper.update', { skills: ['家电维修', '修自行车'], showParty: true })
    expect(res).toMatchObject({ ok: true, data: { partyMember: true, showParty: true, skills: ['家电维修', '修自行车'] } })
    expect(await call(LIU, 'helper.profile')).toMatchObject({ ok: true, data: { skills: ['家电维修', '修自行车'] } })
    const card = await call('demo-openid-resident-li', 'directory.card')
    expect(card.data.contacts.find((c: { name: string }) => c.name === '刘志强')).toMatchObject({ kind: 'party_member', skills: ['家电维修', '修自行车'] })
  })

  it('hides party membership when the member chooses so', async () => {
    await call(LIU, 'helper.update', { skills: ['家电维修'], showParty: false })
    const card = await call('demo-openid-resident-li', 'directory.card')
    expect(card.data.contacts.find((c: { name: string }) => c.name === '刘志强')).toMatchObject({ kind: 'volunteer' })
    expect((await userDoc('user-helper-liu')).helper.partyMember).toBe(true)
  })

  it('never shows a volunteer as a party member, whatever they ask', async () => {
    const res = await call(HUANG, 'helper.update', { skills: ['电脑手机教学'], showParty: true })
    expect(res).toMatchObject({ ok: true, data: { partyMember: false, showParty: false } })
    expect((await userDoc('user-helper-huang')).helper).toEqual({ partyMember: false, showParty: false, skills: ['电脑手机教学'] })
  })

  it.each([
    ['a risky free-text skill', { skills: ['赌博'], showParty: false }, 'CONTENT.RISKY'],
    ['seven skills', { skills: ['a', 'b', 'c', 'd', 'e', 'f', 'g'], showParty: false }, 'INPUT.INVALID'],
    ['a skill of 11 characters', { skills: ['一二三四五六七八九十一'], showParty: false }, 'INPUT.INVALID'],
    ['the party flag', { skills: [], showParty: true, partyMember: true }, 'INPUT.INVALID'],
  ])('refuses %s with %s and changes nothing', async (_name, input, code) => {
    const before = (await userDoc('user-helper-huang')).helper
    expect(await call(HUANG, 'helper.update', input)).toMatchObject({ ok: false, error: { code } })
    expect((await userDoc('user-helper-huang')).helper).toEqual(before)
  })

  it('keeps the new-errand opt-in: off by default, on and off on request, unchanged when omitted', async () => {
    expect((await call(HUANG, 'helper.profile')).data).toMatchObject({ notifyErrands: false })
    expect((await call(HUANG, 'helper.update', { skills: ['代收快递'], showParty: false, notifyErrands: true })).data).toMatchObject({ notifyErrands: true })
    expect((await userDoc('user-helper-huang')).helper.notifyErrands).toBe(true)
    expect((await call(HUANG, 'helper.update', { skills: ['代收快递', '理发'], showParty: false })).data).toMatchObject({ notifyErrands: true, skills: ['代收快递', '理发'] })
    expect((await call(HUANG, 'helper.profile')).data).toMatchObject({ notifyErrands: true })
    expect(await call(HUANG, 'helper.update', { skills: [], showParty: false, notifyErrands: 'yes' })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect((await userDoc('user-helper-huang')).helper.notifyErrands).toBe(true)
    await call(HUANG, 'helper.update', { skills: [], showParty: false, notifyErrands: false })
    expect((await call(HUANG, 'helper.profile')).data).toMatchObject({ notifyErrands: false })
  })

  it('shows my latest 20 thank-you notes, newest first, requester masked; nobody else\'s', async () => {
    const base = Date.UTC(2026, 10, 1, 2)
    const errand = (i: number, over: Record<string, unknown> = {}) => ({
      _id: `er_thanks_${i}`,
      requesterId: 'user-resident-wang',
      requesterName: '王秀英',
      type: i % 2 ? 'parcel' : 'groceries',
      status: 'confirmed',
      open: false,
      helperId: 'user-helper-huang',
      thanks: `谢谢第${i}次`,
      thankedAt: new Date(base + i * 3_600_000),
      createdAt: new Date(base),
      ...over,
    })
    await db()
      .collection('errands')
      .add([
        ...Array.from({ length: 22 }, (_, i) => errand(i)),
        errand(100, { thanks: null, thankedAt: undefined }),
        errand(101, { helperId: 'user-helper-liu', thanks: '给刘师傅' }),
      ])
    const res = await call(HUANG, 'helper.profile')
    expect(res.ok).toBe(true)
    const thanks = res.data.thanks as { errandId: string; at: string; from: string; typeLabel: string; note: string }[]
    expect(thanks).toHaveLength(20)
    expect(thanks.map((t) => t.errandId)).toEqual(Array.from({ length: 20 }, (_, i) => `er_thanks_${21 - i}`))
    expect(thanks[0]).toEqual({ errandId: 'er_thanks_21', at: new Date(base + 21 * 3_600_000).toISOString(), from: '王**', typeLabel: '代收快递', note: '谢谢第21次' })
    expect(thanks[1]).toMatchObject({ typeLabel: '代买米买菜' })
    expect(JSON.stringify(res.data)).not.toContain('王秀英')
    expect(JSON.stringify(res.data)).not.toContain('给刘师傅')
  })

  it('is for helpers only', async () => {
    expect(await call('demo-openid-resident-li', 'helper.profile')).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(await call('demo-openid-resident-li', 'helper.update', { skills: [], showParty: false })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })
})

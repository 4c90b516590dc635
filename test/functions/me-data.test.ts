import { activityInput, inMin, ok, requestIds, useApi, awardPoints } from '../support/api-test'
import { WANG, XINHUA_01_WORKER as WORKER, XINHUA_ADMIN as ADMIN } from '../support/demo-people'
import { SeedIds } from '../../emulator/seed/demo-data'

const { emu, call, db, docOf, userDoc } = useApi()

// PIPL (查看与删除我的个人信息) and the helper profile (党员亮身份), through the built `api` function.

const form = (over: Record<string, unknown> = {}) => ({
  requestId: `req-me-${Math.random().toString(36).slice(2, 10)}`,
  unitId: 'bd-xinhua-01-09-u1',
  room: '401',
  name: '孙晓东',
  phone: '13700001111',
  consent: true,
  ...over,
})

// Love-card stores (issue #7): activities, points, vouchers.
const rid = requestIds('req-me')
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDoc = Record<string, any>
/** A person's sign-up (or hours line) of an activity: found by (activityId, userId), the ids are opaque. */
const mine = async (collection: string, activityId: string, userId: string): Promise<AnyDoc | null> =>
  ((await db().collection(collection).where({ activityId, userId }).get()).data as AnyDoc[])[0] ?? null
const entriesOf = async (account: string) =>
  (
    (await db().collection('point_entries').where({ account }).limit(1000).get()).data as { _id: string }[]
  ).sort((a, b) => a._id.localeCompare(b._id))
const publish = async (startMin: number, endMin: number, title: string) =>
  ok(
    await call(
      ADMIN,
      'activity.publish',
      activityInput(rid(), {
        title,
        startAt: inMin(startMin).toISOString(),
        endAt: inMin(endMin).toISOString(),
      }),
    ),
  ).activityId as string

describe('me.data', () => {
  it('lists everything stored about me, including who saw my number', async () => {
    // 王秀英 calls the party member 刘志强: that reveal is logged against him.
    const card = await call('demo-openid-resident-wang', 'directory.card')
    const liu = card.data.contacts.find((c: { name: string }) => c.name === '刘志强')
    expect(
      await call('demo-openid-resident-wang', 'directory.call', { contactId: liu.contactId }),
    ).toMatchObject({ ok: true })

    const res = await call('demo-openid-helper-liu', 'me.data')
    expect(res).toMatchObject({
      ok: true,
      data: {
        user: { displayName: '刘志强', realName: '刘志强', phone: expect.stringMatching(/^1\d{10}$/) },
        household: { buildingName: '2号楼', room: '402' },
        joins: [],
        helper: { partyMember: true, showParty: true, skills: ['家电维修', '代买米菜'] },
        accessLog: [
          {
            who: '王**（通过党员帮办/志愿者服务卡）',
            action: '查看了您的电话号码，用于联系您',
            allowed: true,
            at: expect.any(String),
          },
        ],
      },
    })
  })

  it('includes my join requests with what I gave', async () => {
    await call('openid-me-applicant', 'join.submit', form())
    const res = await call('openid-me-applicant', 'me.data')
    expect(res.data.joins).toEqual([
      expect.objectContaining({
        status: 'pending',
        name: '孙晓东',
        phone: '13700001111',
        place: '新华社区第1网格 9号楼1单元',
        room: '401',
        via: 'picker',
      }),
    ])
    expect(res.data.helper).toBeNull()
  })

  it('lists my points, activity sign-ups, volunteer hours and vouchers: counts and the newest lines', async () => {
    // 王秀英 (seed): confirmed at 社区义诊 (an hours line, 10 points), signed up for 重阳敬老.
    await awardPoints(call, 'user-resident-wang', 30, '楼道清洁', rid())
    const voucher = ok(await call(WANG, 'market.redeem', { itemId: SeedIds.items.haircut, requestId: rid() }))
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
        expect.objectContaining({
          activityId: SeedIds.activities.chongyang,
          title: '重阳敬老 包饺子',
          status: 'signed',
          startAt: '2028-10-26T01:00:00.000Z',
        }),
        expect.objectContaining({
          activityId: SeedIds.activities.clinic,
          title: '社区义诊 量血压',
          status: 'confirmed',
        }),
      ]),
    )
    expect(data.hours).toEqual({
      count: 1,
      lines: [
        expect.objectContaining({
          activityId: SeedIds.activities.clinic,
          hours: 2.5,
          points: 10,
          organisation: '新华社区',
        }),
      ],
    })
    expect(data.vouchers).toEqual({
      count: 1,
      lines: [
        expect.objectContaining({
          voucherId: voucher.voucherId,
          itemName: '理发服务',
          price: 20,
          status: 'issued',
          closedAt: null,
        }),
      ],
    })
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
    expect(hours.lines.map((l: { activityId: string }) => l.activityId)).toEqual(
      Array.from({ length: 20 }, (_, i) => `ac_bound_${24 - i}`),
    )
  })

  it('shows nobody else’s data', async () => {
    const res = await call('demo-openid-resident-wang', 'me.data')
    expect(JSON.stringify(res.data)).not.toContain('刘志强')
  })
})

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

  it('settles errands nobody started, keeps reports and the other errands under the placeholder name, without meeting point or note', async () => {
    const ZHAO = 'openid-me-zhao'
    const LIU = 'demo-openid-helper-liu'
    const userId = 'user-me-zhao'
    const grid = { streetId: 'st-dongjie', communityId: 'cm-xinhua', gridId: 'gr-xinhua-01' }
    await db()
      .collection('users')
      .add({
        _id: userId,
        openid: ZHAO,
        displayName: '赵敏',
        realName: '赵敏',
        phone: '13600003333',
        grants: [
          {
            role: 'resident',
            scope: {
              ...grid,
              buildingId: 'bd-xinhua-01-06',
              unitId: 'bd-xinhua-01-06-u1',
              householdId: 'hh-me-zhao',
            },
          },
          { role: 'helper', scope: grid },
        ],
        createdAt: new Date(),
      })
    const errand = async (openid: string, over: Record<string, unknown> = {}) =>
      ok(
        await call(openid, 'errand.post', {
          requestId: rid(),
          type: 'groceries',
          text: '帮忙买一袋大米',
          windowStart: inMin(10).toISOString(),
          windowEnd: inMin(130).toISOString(),
          ...over,
        }),
      ).errandId as string
    const PRIVATE = { meetingPoint: '6号楼东门', note: '请敲门两下' }

    // My report (accepted, replied, rated with a comment: closed) and 王秀英's report I follow.
    const reported = ok(
      await call(ZHAO, 'report.submit', {
        requestId: rid(),
        category: 'street_light',
        text: '6号楼前的路灯一直不亮，晚上很黑',
      }),
    ).orderId as string
    ok(await call(WORKER, 'order.accept', { orderId: reported }))
    ok(await call(WORKER, 'order.reply', { orderId: reported, outcome: 'handled', text: '已更换灯泡' }))
    ok(await call(ZHAO, 'order.rate', { orderId: reported, rating: 'satisfied', comment: '修得很快' }))
    const followed = ok(
      await call(WANG, 'report.submit', {
        requestId: rid(),
        category: 'clutter',
        text: '1号楼楼道堆了很多杂物',
      }),
    ).orderId as string
    ok(await call(ZHAO, 'report.follow', { orderId: followed }))
    // Errands I posted: open; accepted by 刘; confirmed and thanked. Errands of 王 I took: accepted; started.
    const open = await errand(ZHAO, PRIVATE)
    const accepted = await errand(ZHAO, PRIVATE)
    ok(await call(LIU, 'errand.accept', { errandId: accepted }))
    const confirmed = await errand(ZHAO, PRIVATE)
    ok(await call(LIU, 'errand.accept', { errandId: confirmed }))
    ok(await call(LIU, 'errand.done', { errandId: confirmed }))
    ok(await call(ZHAO, 'errand.confirm', { errandId: confirmed }))
    ok(await call(ZHAO, 'errand.thank', { errandId: confirmed, note: '谢谢您帮忙' }))
    const taken = await errand(WANG)
    ok(await call(ZHAO, 'errand.accept', { errandId: taken }))
    const started = await errand(WANG)
    ok(await call(ZHAO, 'errand.accept', { errandId: started }))
    ok(await call(ZHAO, 'errand.start', { errandId: started }))
    const errands = [open, accepted, confirmed, taken, started]
    // My approved child-pickup helper, and 王's list naming me.
    ok(await call(ZHAO, 'errand.trust', { helperIds: ['user-helper-liu'] }))
    ok(await call(WANG, 'errand.trust', { helperIds: ['user-helper-liu', userId] }))
    // 王 was told my name when I accepted.
    const acceptNote = async () =>
      (
        (
          await db()
            .collection('notifications')
            .where({ sourceId: taken, recipientId: 'user-resident-wang' })
            .get()
        ).data as { kind: string; data: unknown }[]
      ).find((n) => n.kind.startsWith('errand.accept.'))
    expect(JSON.stringify((await acceptNote())?.data)).toContain('赵敏')

    // me.data lists them: counts and lines with labels and my part.
    const before = ok(await call(ZHAO, 'me.data'))
    expect(before.reports.count).toBe(2)
    expect(before.reports.lines).toEqual([
      {
        orderId: followed,
        categoryName: '楼道堆物',
        status: 'submitted',
        statusLabel: '待接单',
        role: 'follower',
        submittedAt: expect.any(String),
      },
      {
        orderId: reported,
        categoryName: '路灯不亮',
        status: 'closed',
        statusLabel: '已办结',
        role: 'reporter',
        submittedAt: expect.any(String),
      },
    ])
    expect(before.errands.count).toBe(5)
    expect(
      before.errands.lines.map(
        (l: { errandId: string; role: string; statusLabel: string; typeLabel: string }) => [
          l.errandId,
          l.role,
          l.statusLabel,
          l.typeLabel,
        ],
      ),
    ).toEqual([
      [started, 'helper', '进行中', '代买米买菜'],
      [taken, 'helper', '已接单', '代买米买菜'],
      [confirmed, 'requester', '已完成', '代买米买菜'],
      [accepted, 'requester', '已接单', '代买米买菜'],
      [open, 'requester', '待接单', '代买米买菜'],
    ])
    // Nobody else's: 李 neither reported, followed, posted nor served any of them.
    const li = ok(await call('demo-openid-resident-li', 'me.data'))
    expect(JSON.stringify([li.reports, li.errands])).not.toMatch(
      new RegExp([reported, followed, ...errands].join('|')),
    )

    expect(await call(ZHAO, 'me.delete', { confirm: true })).toMatchObject({
      ok: true,
      data: { displayName: '新邻居', roles: [] },
    })

    // Not started: mine cancelled (刘 told through the cancel path), the one I took released (open again).
    const doc = async (id: string) => (await docOf('errands', id)) ?? {}
    expect(await doc(open)).toMatchObject({ status: 'cancelled', open: false })
    expect(await doc(accepted)).toMatchObject({ status: 'cancelled', helperId: 'user-helper-liu' })
    const toLiu = (
      await db()
        .collection('notifications')
        .where({ sourceId: accepted, recipientId: 'user-helper-liu' })
        .get()
    ).data as { kind: string }[]
    expect(toLiu.map((n) => n.kind)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^errand\.cancel\./)]),
    )
    expect(await doc(taken)).toMatchObject({ status: 'open', open: true, helperId: null, helperName: null })
    expect((await acceptNote())?.data).toBeNull()
    // Kept: placeholder name, no meeting point or note; the started one stays with its helper (me) for the grid worker.
    for (const id of [open, accepted, confirmed]) {
      expect(await doc(id)).toMatchObject({
        requesterId: userId,
        requesterName: '新邻居',
        requesterErased: true,
        meetingPoint: null,
        note: null,
      })
    }
    expect(await doc(confirmed)).toMatchObject({
      status: 'confirmed',
      thanks: '谢谢您帮忙',
      helperName: '刘志强',
    })
    expect(await doc(started)).toMatchObject({
      status: 'in_progress',
      helperId: userId,
      helperName: '新邻居',
      helperErased: true,
      requesterName: '王秀英',
    })
    // My report: placeholder on the order and on my timeline events; what I wrote stays; I follow nothing.
    const order = (await docOf('orders', reported)) ?? {}
    expect(order).toMatchObject({
      reporterId: userId,
      reporterName: '新邻居',
      reporterErased: true,
      text: '6号楼前的路灯一直不亮，晚上很黑',
      rating: { comment: '修得很快' },
    })
    const residentEvents = (order.events as { by: string; byName: string; kind: string }[]).filter(
      (e) => e.by === userId,
    )
    expect(residentEvents.map((e) => [e.kind, e.byName])).toEqual([
      ['submit', '新邻居'],
      ['rate', '新邻居'],
    ])
    expect((await docOf('orders', followed))?.followerIds).not.toContain(userId)
    const kept = await Promise.all([...errands.map(doc), docOf('orders', reported)])
    expect(JSON.stringify(kept)).not.toMatch(/赵敏|13600003333|6号楼东门|请敲门/)
    expect(await docOf('errand_trust', userId)).toBeNull()
    expect((await docOf('errand_trust', 'user-resident-wang'))?.helperIds).toEqual(['user-helper-liu'])

    // The grid worker still works on them and reads the placeholder, unmasked.
    const seen = ok(await call(WORKER, 'order.get', { orderId: reported }))
    expect(seen).toMatchObject({ reporterName: '新邻居', status: 'closed' })
    expect(
      seen.timeline
        .filter((t: { kind: string }) => t.kind === 'submit' || t.kind === 'rate')
        .map((t: { who: string }) => t.who),
    ).toEqual(['居民 新邻居', '居民 新邻居'])
    expect(ok(await call(WORKER, 'errand.get', { errandId: confirmed }))).toMatchObject({
      requesterName: '新邻居',
      helperName: '刘志强',
      address: null,
      as: ['grid_worker'],
    })
    expect(ok(await call(WORKER, 'errand.get', { errandId: started }))).toMatchObject({
      helperName: '新邻居',
      status: 'in_progress',
    })
    // 刘's thank-you note is kept, from the placeholder.
    const thanks = ok(await call(LIU, 'helper.profile')).thanks as {
      errandId: string
      from: string
      note: string
    }[]
    expect(thanks.find((t) => t.errandId === confirmed)).toMatchObject({ from: '新邻居', note: '谢谢您帮忙' })

    // me.data: my report and my errands stay mine (posted, and the started one I still hold), nameless.
    const after = ok(await call(ZHAO, 'me.data'))
    expect(after.reports.lines.map((l: { orderId: string }) => l.orderId)).toEqual([reported])
    expect(after.errands.count).toBe(4)
    expect(JSON.stringify(after)).not.toMatch(/赵敏|13600003333/)

    // A second erase changes nothing.
    const snapshot = async () =>
      Promise.all([
        ...errands.map(doc),
        docOf('orders', reported),
        docOf('orders', followed),
        db()
          .collection('notifications')
          .where({ sourceId: db().command.in([...errands, reported, followed]) })
          .limit(1000)
          .get()
          .then((r) => r.data),
      ])
    const first = await snapshot()
    expect(await call(ZHAO, 'me.delete', { confirm: true })).toMatchObject({ ok: true })
    expect(await snapshot()).toEqual(first)
  })

  it('races a helper starting my accepted errand: either way the errand ends anonymised and consistent', async () => {
    const LIU = 'demo-openid-helper-liu'
    const grid = { streetId: 'st-dongjie', communityId: 'cm-xinhua', gridId: 'gr-xinhua-01' }
    for (let i = 0; i < 4; i += 1) {
      const openid = `openid-me-race-${i}`
      await db()
        .collection('users')
        .add({
          _id: `user-me-race-${i}`,
          openid,
          displayName: '钱程',
          realName: '钱程',
          phone: '13600004444',
          grants: [
            {
              role: 'resident',
              scope: {
                ...grid,
                buildingId: 'bd-xinhua-01-06',
                unitId: 'bd-xinhua-01-06-u1',
                householdId: `hh-me-race-${i}`,
              },
            },
          ],
          createdAt: new Date(),
        })
      const errandId = ok(
        await call(openid, 'errand.post', {
          requestId: rid(),
          type: 'parcel',
          text: '帮忙取个快递',
          windowStart: inMin(10).toISOString(),
          windowEnd: inMin(130).toISOString(),
          meetingPoint: '6号楼西门',
        }),
      ).errandId as string
      ok(await call(LIU, 'errand.accept', { errandId }))
      const [erased, start] = await Promise.all([
        call(openid, 'me.delete', { confirm: true }),
        call(LIU, 'errand.start', { errandId }),
      ])
      expect(erased).toMatchObject({ ok: true })
      const e = (await docOf('errands', errandId)) ?? {}
      // The start won (the errand stays, started) or the cancel did (the start is refused); never both, never half.
      if (start.ok) expect(e.status).toBe('in_progress')
      else {
        expect(start.error?.code).toBe('ERRAND.BAD_STATE')
        expect(e.status).toBe('cancelled')
      }
      expect(e).toMatchObject({
        requesterName: '新邻居',
        requesterErased: true,
        meetingPoint: null,
        note: null,
        helperId: 'user-helper-liu',
      })
    }
  })

  it('anonymises every report and follow of a heavy reporter in one call, batch after batch', async () => {
    const userId = 'user-heavy-reporter'
    const scope = {
      streetId: 'st-dongjie',
      communityId: 'cm-xinhua',
      gridId: 'gr-xinhua-02',
      buildingId: 'bd-xinhua-02-01',
    }
    await db()
      .collection('users')
      .add({
        _id: userId,
        openid: 'openid-heavy-reporter',
        displayName: '老报告',
        grants: [{ role: 'resident', scope }],
        createdAt: new Date(),
      })
    const event = { kind: 'submit', at: new Date(), by: userId, byRole: 'resident', byName: '老报告' }
    const base = { onBehalfOf: null, events: [event], version: 0, followerIds: [] as string[], path: scope }
    const mine = Array.from({ length: 230 }, (_, i) => ({
      _id: `wo_heavy_${i}`,
      requestId: `req-heavy-${i}`,
      reporterId: userId,
      reporterName: '老报告',
      ...base,
    }))
    const followed = Array.from({ length: 120 }, (_, i) => ({
      _id: `wo_heavy_f${i}`,
      requestId: `req-heavy-f${i}`,
      reporterId: 'user-resident-li',
      reporterName: '李德明',
      ...base,
      followerIds: [userId],
    }))
    await db()
      .collection('orders')
      .add([...mine, ...followed])
    expect(await call('openid-heavy-reporter', 'me.delete', { confirm: true })).toMatchObject({ ok: true })
    const _ = db().command
    expect(
      (
        await db()
          .collection('orders')
          .where({ reporterId: userId, reporterErased: _.neq(true) })
          .count()
      ).total,
    ).toBe(0)
    expect(
      (await db().collection('orders').where({ reporterId: userId, reporterName: '老报告' }).count()).total,
    ).toBe(0)
    expect((await db().collection('orders').where({ followerIds: userId }).count()).total).toBe(0)
    expect(await docOf('orders', 'wo_heavy_229')).toMatchObject({
      reporterName: '新邻居',
      events: [{ byName: '新邻居' }],
      reporterErased: true,
    })
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
    expect(yang.grants).toEqual([])
    expect(yang.helper).toBeUndefined()
  })
})

describe('helper profile (党员亮身份)', () => {
  const HUANG = 'demo-openid-helper-huang'
  const LIU = 'demo-openid-helper-liu'

  it('lets a helper edit skills; the grid card shows them', async () => {
    const res = await call(LIU, 'helper.update', { skills: ['家电维修', '修自行车'], showParty: true })
    expect(res).toMatchObject({
      ok: true,
      data: { partyMember: true, showParty: true, skills: ['家电维修', '修自行车'] },
    })
    expect(await call(LIU, 'helper.profile')).toMatchObject({
      ok: true,
      data: { skills: ['家电维修', '修自行车'] },
    })
    const card = await call('demo-openid-resident-li', 'directory.card')
    expect(card.data.contacts.find((c: { name: string }) => c.name === '刘志强')).toMatchObject({
      kind: 'party_member',
      skills: ['家电维修', '修自行车'],
    })
  })

  it('hides party membership when the member chooses so', async () => {
    await call(LIU, 'helper.update', { skills: ['家电维修'], showParty: false })
    const card = await call('demo-openid-resident-li', 'directory.card')
    expect(card.data.contacts.find((c: { name: string }) => c.name === '刘志强')).toMatchObject({
      kind: 'volunteer',
    })
    expect((await userDoc('user-helper-liu')).helper.partyMember).toBe(true)
  })

  it('never shows a volunteer as a party member, whatever they ask', async () => {
    const res = await call(HUANG, 'helper.update', { skills: ['电脑手机教学'], showParty: true })
    expect(res).toMatchObject({ ok: true, data: { partyMember: false, showParty: false } })
    expect((await userDoc('user-helper-huang')).helper).toEqual({
      partyMember: false,
      showParty: false,
      skills: ['电脑手机教学'],
    })
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
    expect(
      (await call(HUANG, 'helper.update', { skills: ['代收快递'], showParty: false, notifyErrands: true }))
        .data,
    ).toMatchObject({ notifyErrands: true })
    expect((await userDoc('user-helper-huang')).helper.notifyErrands).toBe(true)
    expect(
      (await call(HUANG, 'helper.update', { skills: ['代收快递', '理发'], showParty: false })).data,
    ).toMatchObject({ notifyErrands: true, skills: ['代收快递', '理发'] })
    expect((await call(HUANG, 'helper.profile')).data).toMatchObject({ notifyErrands: true })
    expect(
      await call(HUANG, 'helper.update', { skills: [], showParty: false, notifyErrands: 'yes' }),
    ).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect((await userDoc('user-helper-huang')).helper.notifyErrands).toBe(true)
    await call(HUANG, 'helper.update', { skills: [], showParty: false, notifyErrands: false })
    expect((await call(HUANG, 'helper.profile')).data).toMatchObject({ notifyErrands: false })
  })

  it("shows my latest 20 thank-you notes, newest first, requester masked; nobody else's", async () => {
    const base = Date.UTC(2026, 10, 1, 2)
    const errand = (i: number, over: Record<string, unknown> = {}) => ({
      _id: `er_thanks_${i}`,
      requestId: `req-thanks-${i}`,
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
    const thanks = res.data.thanks as {
      errandId: string
      at: string
      from: string
      typeLabel: string
      note: string
    }[]
    expect(thanks).toHaveLength(20)
    expect(thanks.map((t) => t.errandId)).toEqual(Array.from({ length: 20 }, (_, i) => `er_thanks_${21 - i}`))
    expect(thanks[0]).toEqual({
      errandId: 'er_thanks_21',
      at: new Date(base + 21 * 3_600_000).toISOString(),
      from: '王**',
      typeLabel: '代收快递',
      note: '谢谢第21次',
    })
    expect(thanks[1]).toMatchObject({ typeLabel: '代买米买菜' })
    expect(JSON.stringify(res.data)).not.toContain('王秀英')
    expect(JSON.stringify(res.data)).not.toContain('给刘师傅')
  })

  it('is for helpers only', async () => {
    expect(await call('demo-openid-resident-li', 'helper.profile')).toMatchObject({
      ok: false,
      error: { code: 'AUTH.FORBIDDEN' },
    })
    expect(
      await call('demo-openid-resident-li', 'helper.update', { skills: [], showParty: false }),
    ).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })
})

// me.delete and the errands and reports: settled, anonymised (also when a helper races it), batch after batch for a heavy reporter.
import { inMin, ok } from '../../support/api-test'
import { WANG, XINHUA_01_WORKER as WORKER } from '../../support/demo-people'
import { rid, call, db, docOf } from './harness'

describe('me.delete', () => {
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
})

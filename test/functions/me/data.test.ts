// me.data: everything stored about me, bounded, and nobody else's.
import { ok, awardPoints } from '../../support/api-test'
import { WANG } from '../../support/demo-people'
import { SeedIds } from '../../../emulator/seed/demo-data'
import { form, rid, call, db } from './harness'

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

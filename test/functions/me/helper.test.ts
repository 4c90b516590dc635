// The helper profile (党员亮身份): skills, party membership, the new-errand opt-in and the thank-you notes.
import { call, db, userDoc } from './harness'

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

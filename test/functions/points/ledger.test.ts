// Reading the ledger: my lines, the audit, and the community's transfers (access-logged).
import { codeOf, ok } from '../../support/api-test'
import {
  DONGSHAN_ADMIN as OTHER_ADMIN,
  STREET_ADMIN,
  WANG,
  XINHUA_01_WORKER as WORKER,
  XINHUA_ADMIN as ADMIN,
  ZHAO,
} from '../../support/demo-people'
import { rid, call, db, count } from './harness'

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

import { useApi } from '../support/api-test'
import { WANG, XINHUA_01_WORKER as WORKER_01 } from '../support/demo-people'

const { call, db } = useApi()

// Every read of someone else's personal data is logged with whose data it was, and refusals are
// logged even when the caller holds no role at all; the people concerned see it in me.data.

const logsOf = async (where: Record<string, unknown>) =>
  (await db().collection('access_logs').where(where).get()).data as Record<string, unknown>[]

describe('access log', () => {
  it('logs a resident’s refused attempt to list another grid’s residents (no staff role at all)', async () => {
    const res = await call(WANG, 'staff.list', { scopeId: 'gr-xinhua-02' })
    expect(res).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(await logsOf({ actorId: 'user-resident-wang', action: 'staff.list' })).toEqual([
      expect.objectContaining({
        subject: 'gr-xinhua-02',
        allowed: false,
        people: [],
        requestId: expect.any(String),
      }),
    ])
  })

  it('does not log refusals of actions that read no one’s data', async () => {
    await call(WANG, 'org.children', { level: 'grid', parentId: 'cm-dongshan' })
    expect(await logsOf({ actorId: 'user-resident-wang', action: 'org.children' })).toEqual([])
  })

  it('names every resident a staff list showed, and each of them sees it in me.data', async () => {
    const res = await call(WORKER_01, 'staff.list', { scopeId: 'gr-xinhua-01' })
    expect(res.ok).toBe(true)
    const shown = (res.data.items as { userId: string }[]).map((i) => i.userId)
    expect(shown).toContain('user-resident-wang')
    const [entry] = await logsOf({ actorId: 'user-xinhua-01-worker', action: 'staff.list', allowed: true })
    expect(entry?.people).toEqual(shown)

    const mine = await call(WANG, 'me.data')
    expect(mine.data.accessLog).toContainEqual(
      // The viewer by role and surname (the grid worker's display name is a demo person's).
      expect.objectContaining({
        who: expect.stringMatching(/^网格员 .\*\*$/),
        action: '在居民名单中查看了您的信息',
        allowed: true,
      }),
    )
  })

  it('logs whose join requests a decider’s inbox showed', async () => {
    const submitted = await call('openid-access-log-applicant', 'join.submit', {
      requestId: 'req-access-log-1',
      unitId: 'bd-xinhua-01-03-u1',
      room: '401',
      name: '钱海燕',
      consent: true,
    })
    expect(submitted.ok).toBe(true)
    const inbox = await call(WORKER_01, 'join.inbox')
    expect((inbox.data as { name: string }[]).map((j) => j.name)).toContain('钱海燕')
    const applicant = (await call('openid-access-log-applicant', 'me.profile')).data.userId as string
    const entries = await logsOf({ actorId: 'user-xinhua-01-worker', action: 'join.inbox' })
    expect(entries.some((e) => (e.people as string[]).includes(applicant))).toBe(true)
  })
})

import { useSeededEmulator } from '../support/seeded-emulator'

const emu = useSeededEmulator()

// The built `api` function (cloudfunctions/api/index.js) run by the local CloudBase, with the real
// @cloudbase/node-sdk inside it; callers are simulated the way the platform does (OPENID in context).

type Result = { ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string } }
const call = async (event: unknown, openid?: string) =>
  (await emu().invoke('api', event, openid === undefined ? {} : { openid })) as Result

async function usersWithOpenId(openid: string): Promise<unknown[]> {
  const res = await emu().app.database().collection('users').where({ openid }).get()
  return res.data as unknown[]
}

describe('api · me.profile', () => {
  it('creates a user on first contact and finds them afterwards', async () => {
    const first = await call({ action: 'me.profile', input: {} }, 'openid-first-contact')
    expect(first).toMatchObject({
      ok: true,
      data: { created: true, household: null, roles: [], displayName: '新邻居' },
    })
    const again = await call({ action: 'me.profile', input: {} }, 'openid-first-contact')
    expect(again).toMatchObject({ ok: true, data: { created: false, userId: first.data?.userId } })
    expect(await usersWithOpenId('openid-first-contact')).toHaveLength(1)
  })

  it('keeps one user when first calls race', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => call({ action: 'me.profile', input: {} }, 'openid-racing')),
    )
    expect(results.every((r) => r.ok)).toBe(true)
    expect(new Set(results.map((r) => r.data?.userId)).size).toBe(1)
    expect(await usersWithOpenId('openid-racing')).toHaveLength(1)
  })

  it('shows a seeded resident their household with every level named', async () => {
    const res = await call({ action: 'me.profile' }, 'demo-openid-resident-wang')
    expect(res).toMatchObject({
      ok: true,
      data: {
        userId: 'user-resident-wang',
        displayName: '王秀英',
        household: {
          streetName: '东街道',
          communityName: '新华社区',
          gridName: '新华社区第1网格',
          buildingName: '1号楼',
          unitName: '1单元',
          room: '302',
        },
      },
    })
    expect(JSON.stringify(res)).not.toContain('demo-openid')
  })

  it('refuses a call without platform identity, and stores nothing', async () => {
    const before = (await emu().app.database().collection('users').count()).total
    const res = await call({ action: 'me.profile', input: {} })
    expect(res).toMatchObject({ ok: false, error: { code: 'AUTH.UNAUTHENTICATED' } })
    expect((await emu().app.database().collection('users').count()).total).toBe(before)
  })

  it.each([
    ['an unknown action', { action: 'me.erase_everyone', input: {} }, 'INPUT.UNKNOWN_ACTION'],
    ['no action', { input: {} }, 'INPUT.UNKNOWN_ACTION'],
    ['a prototype key as action', { action: '__proto__' }, 'INPUT.UNKNOWN_ACTION'],
    [
      'an identity smuggled in the input',
      { action: 'me.profile', input: { openid: 'demo-openid-street-admin' } },
      'INPUT.INVALID',
    ],
    ['input that is not an object', { action: 'me.profile', input: 'x' }, 'INPUT.INVALID'],
  ])('answers %s with %s and creates no user', async (_name, event, code) => {
    const res = await call(event, 'openid-bad-input')
    expect(res).toMatchObject({ ok: false, error: { code } })
    expect(await usersWithOpenId('openid-bad-input')).toHaveLength(0)
  })
})

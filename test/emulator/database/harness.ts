/**
 * Protocol tests: the real @cloudbase/node-sdk drives the local CloudBase over its own wire protocol
 * (`serviceUrl` override), for every database action; results and stored state are asserted.
 */
import { fixtures } from '../helpers'
import { startTestEmulator, type TestEmulator } from '../../support/emulator'

export let emu: TestEmulator
export type Db = ReturnType<TestEmulator['app']['database']>
export let db: Db

export const seed = {
  items: Array.from({ length: 130 }, (_, i) => ({
    _id: `item-${String(i).padStart(3, '0')}`,
    n: i,
    group: i % 3 === 0 ? 'a' : 'b',
    tags: i % 10 === 0 ? ['x', 'y'] : ['z'],
    at: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
  })),
  // arrays of scalars next to arrays of embedded documents ($elemMatch)
  arrays: [
    { _id: 'numbers', tags: [1, 2, 3] },
    { _id: 'strings', tags: ['Go'] },
    { _id: 'embedded', tags: [{ value: 3 }, { value: -1 }] },
  ],
  users: [
    {
      _id: 'u1',
      openid: 'o1',
      displayName: '王秀英',
      grants: [{ role: 'resident', scope: { streetId: 's1' } }],
    },
    {
      _id: 'u2',
      openid: 'o2',
      displayName: '李志强',
      grants: [{ role: 'grid_worker', scope: { streetId: 's1', gridId: 'g1' } }],
    },
  ],
}

beforeAll(async () => {
  emu = await startTestEmulator({ functionsDir: fixtures, seed })
  db = emu.app.database()
}, 60_000)
afterAll(async () => {
  await emu?.stop()
})

export const code = async (p: Promise<unknown>): Promise<unknown> => {
  try {
    await p
  } catch (e) {
    return (e as { code?: unknown }).code
  }
  return 'no error'
}

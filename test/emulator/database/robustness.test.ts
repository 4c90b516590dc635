// Bad input never crashes the emulator, and acknowledged writes survive a restart.
import { post, fixtures } from '../helpers'
import { sdkApp, spawnEmulator } from '../../support/emulator'
import { emu, db } from './harness'

describe('bad input never crashes the emulator', () => {
  const send = async (body: string | Buffer): Promise<unknown> => (await post(emu.sdkUrl, body)).json

  it('answers malformed EJSON, unknown actions and collections with platform codes', async () => {
    expect(
      await send(
        JSON.stringify({
          action: 'database.getDocument',
          collectionName: 'items',
          query: '{"n": {"$numberInt": "x"',
        }),
      ),
    ).toMatchObject({ code: 'INVALID_PARAM' })
    expect(
      await send(
        JSON.stringify({ action: 'database.insertDocument', collectionName: 'items', data: ['{"$date": 1'] }),
      ),
    ).toMatchObject({ code: 'INVALID_PARAM' })
    expect(await send('{not json')).toMatchObject({ code: 'INVALID_PARAM' })
    expect(await send(JSON.stringify({ action: 'database.dropEverything' }))).toMatchObject({
      code: 'INVALID_PARAM',
    })
    expect(await send(JSON.stringify({ action: 'teleport.now' }))).toMatchObject({ code: 'INVALID_PARAM' })
    expect(
      await send(JSON.stringify({ action: 'database.getDocument', collectionName: 'ghosts' })),
    ).toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' })
    expect(
      await send(
        JSON.stringify({
          action: 'database.getDocument',
          collectionName: 'items',
          query: '{"n":{"$frobnicate":1}}',
        }),
      ),
    ).toMatchObject({ code: 'DATABASE_INVALID_OPERRATOR' })
  })

  it('rejects payloads over 16 MB', async () => {
    const big = JSON.stringify({
      action: 'database.insertDocument',
      collectionName: 'orders',
      data: [JSON.stringify({ blob: 'x'.repeat(17 * 1024 * 1024) })],
    })
    const res = await post(emu.sdkUrl, big)
    expect(res.json).toMatchObject({ code: 'INVALID_PARAM' })
    expect((await db.collection('items').count()).total).toBe(130) // still serving
  })

  it('logs one line per error', () => {
    const lines = emu
      .logs()
      .split('\n')
      .filter((l) => l.includes(' ERROR '))
    expect(lines.length).toBeGreaterThanOrEqual(8)
    expect(lines.every((l) => /^\[emulator\] \S+ ERROR /.test(l))).toBe(true)
  })
})

describe('durability across restart', () => {
  it('refuses a second emulator on the same data directory, keeps acknowledged writes and does not re-seed', async () => {
    await db.collection('orders').add({ _id: 'persisted', v: 42, at: new Date(0) })
    await expect(
      spawnEmulator([
        '--data-dir',
        emu.dataDir,
        '--functions-dir',
        fixtures,
        '--seed',
        'none',
        '--no-timers',
      ]),
    ).rejects.toThrow(/in use/)
    const dataDir = emu.dataDir
    process.kill(emu.pid, 'SIGTERM')
    await waitForExit(emu.pid)
    const again = await spawnEmulator([
      '--data-dir',
      dataDir,
      '--functions-dir',
      fixtures,
      '--seed',
      'none',
      '--no-timers',
    ])
    try {
      expect(again.ready.seeded).toBe(false)
      const app = sdkApp(again.ready.sdkUrl, again.ready.envId)
      expect((await app.database().collection('orders').doc('persisted').get()).data).toEqual([
        { _id: 'persisted', v: 42, at: new Date(0) },
      ])
      expect((await app.database().collection('items').count()).total).toBe(130)
      expect((await app.database().collection('users').where({ openid: 'o1' }).count()).total).toBe(1)
      // unique indexes are rebuilt from the stored data
      await expect(app.database().collection('users').add({ openid: 'o1' })).rejects.toMatchObject({
        code: 'DATABASE_REQUEST_FAILED',
      })
    } finally {
      again.child.kill('SIGTERM')
      await new Promise((r) => again.child.once('exit', r))
    }
  })
})

async function waitForExit(pid: number): Promise<void> {
  for (;;) {
    try {
      process.kill(pid, 0)
    } catch {
      return
    }
    await new Promise((r) => setTimeout(r, 25))
  }
}

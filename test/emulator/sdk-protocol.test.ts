/**
 * Protocol shape snapshot: the emulator records the shape (action, keys, value types — no values) of
 * every request the real SDKs send during a scenario covering every action we support. An SDK upgrade
 * that changes the protocol changes this set and fails here loudly. Refresh deliberately with
 * UPDATE_SDK_SNAPSHOT=1 after checking the emulator still speaks the new protocol.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fixtures, post } from './helpers'
import { sdkApp, spawnEmulator, type SpawnedEmulator } from '../support/emulator'

const snapshotFile = path.join(__dirname, '__snapshots__', 'sdk-requests.json')
let emu: SpawnedEmulator
let dataDir: string
let recordFile: string

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emulin-proto-'))
  recordFile = path.join(dataDir, 'requests.jsonl')
  emu = await spawnEmulator(
    ['--data-dir', path.join(dataDir, 'data'), '--functions-dir', fixtures, '--seed', 'none', '--no-timers'],
    { EMULATOR_RECORD_REQUESTS: recordFile },
  )
}, 60_000)
afterAll(async () => {
  emu.child.kill('SIGTERM')
  await new Promise((r) => emu.child.once('exit', r))
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const invoke = async (fn: string, event: unknown, openid?: string): Promise<unknown> =>
  (
    await post(`${emu.ready.url}/__admin/invoke`, JSON.stringify({ fn, event, openid }), {
      'x-emulator-admin': emu.ready.adminToken,
    })
  ).json

it('the SDKs send the request shapes the emulator was built for', async () => {
  const app = sdkApp(emu.ready.sdkUrl, emu.ready.envId)
  const db = app.database()
  const _ = db.command
  const c = db.collection('orders')
  await c.add({ a: 1, at: db.serverDate() })
  await c.add([{ _id: 'p1', a: 2 }, { a: 3 }])
  await c
    .where({ a: _.gt(0) })
    .orderBy('a', 'desc')
    .skip(1)
    .limit(2)
    .field({ a: true })
    .get()
  await c.get()
  await c.doc('p1').get()
  await c.doc('p1').field({ a: true }).get()
  await c.where({ a: 1 }).count()
  await c.doc('p1').set({ a: 5 })
  await c.doc('p1').update({ a: _.inc(1) })
  await c.where({ a: 3 }).update({ b: true })
  await c.where({ _id: 'p1' }).updateAndReturn({ a: 9 })
  await c
    .aggregate()
    .match({ a: _.gt(0) })
    .group({ _id: null, n: _.aggregate.sum(1) })
    .sort({ n: 1 })
    .project({ n: 1 })
    .skip(0)
    .limit(5)
    .end()
  await c
    .aggregate()
    .unwind('$tags')
    .lookup({ from: 'users', localField: 'u', foreignField: '_id', as: 'user' })
    .count('n')
    .end()
  await db.createCollection('made_here')
  await db.runTransaction(async (t: Awaited<ReturnType<typeof db.startTransaction>>) => {
    await t.collection('orders').doc('p1').get()
    await t.collection('orders').doc('p1').update({ a: 10 })
    await t.collection('orders').doc('p2').set({ a: 11 })
    await t.collection('orders').add({ _id: 'p3' })
    await t.collection('orders').doc('p3').remove()
  })
  const t = await db.startTransaction()
  await t.rollback()
  await c.doc('p1').remove()
  await c.where({ b: true }).remove()
  await invoke('probe', { op: 'call', name: 'probe', data: { op: 'echo' } })
  await invoke('probe', {
    op: 'openapi',
    apiName: 'security.msgSecCheck',
    data: { content: 'x', version: 2, scene: 1, openid: 'o' },
  })
  await invoke('probe', { op: 'upload', path: 'a/b.txt', content: 'x' })
  await invoke('notify', { op: 'qr', scene: 'a=1' })
  await invoke('notify', { op: 'db' }, 'openid-1')

  const shapes = [...new Set(fs.readFileSync(recordFile, 'utf8').trim().split('\n'))].sort()
  const actual = shapes.map((s) => JSON.parse(s) as Record<string, string>)
  if (process.env.UPDATE_SDK_SNAPSHOT === '1' || !fs.existsSync(snapshotFile)) {
    fs.writeFileSync(snapshotFile, JSON.stringify(actual, null, 2) + '\n')
  }
  const expected = JSON.parse(fs.readFileSync(snapshotFile, 'utf8')) as unknown
  expect(actual).toEqual(expected)
  const actions = new Set(actual.map((s) => s.action))
  for (const a of [
    'database.insertDocument',
    'database.getDocument',
    'database.calculateDocument',
    'database.modifyDocument',
    'database.modifyAndReturnDoc',
    'database.removeDocument',
    'database.aggregateDocuments',
    'database.addCollection',
    'database.startTransaction',
    'database.commitTransaction',
    'database.abortTransaction',
    'functions.invokeFunction',
    'wx.api',
    'wx.openApi',
    'storage.getUploadMetadata',
    'storage.batchGetDownloadUrl',
    'storage.batchDeleteFile',
  ]) {
    expect(actions).toContain(a)
  }
}, 60_000)

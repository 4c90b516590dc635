/**
 * Crash safety: a burst of concurrent SDK writes, `kill -9` of the emulator process in the middle of
 * it, restart on the same data directory: every write the SDK saw acknowledged is there. A tiny
 * compaction threshold makes snapshot + log truncation happen during the burst as well.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fixtures } from './helpers'
import { sdkApp, spawnEmulator } from '../support/emulator'

it('keeps every acknowledged write across kill -9', async () => {
  // requests cut off by the kill never clear the SDK's 3 s slow-request warning timer
  process.env.SILENCE = 'true'
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emulin-crash-'))
  const args = ['--data-dir', dataDir, '--functions-dir', fixtures, '--seed', 'none', '--no-timers']
  try {
    const first = await spawnEmulator(args, { EMULATOR_COMPACT_BYTES: String(64 * 1024) })
    const db = sdkApp(first.ready.sdkUrl, first.ready.envId).database()
    const acked = new Set<string>()
    let stop = false
    const writer = async (w: number): Promise<void> => {
      for (let i = 0; !stop; i++) {
        const _id = `w${w}-${i}`
        try {
          if (i % 5 === 4)
            await db
              .collection('burst')
              .doc(`w${w}-${i - 1}`)
              .update({ touched: true })
          await db.collection('burst').add({ _id, w, i, payload: 'x'.repeat(200), at: new Date() })
          acked.add(_id)
        } catch {
          return // the emulator is gone
        }
      }
    }
    const writers = Array.from({ length: 24 }, (_, w) => writer(w))
    while (acked.size < 600) await new Promise((r) => setTimeout(r, 5))
    process.kill(first.child.pid as number, 'SIGKILL')
    await new Promise((r) => first.child.once('exit', r))
    stop = true
    await Promise.all(writers)
    const ackedCount = acked.size

    const second = await spawnEmulator(args)
    try {
      const db2 = sdkApp(second.ready.sdkUrl, second.ready.envId).database()
      const total = (await db2.collection('burst').count()).total as number
      expect(total).toBeGreaterThanOrEqual(ackedCount)
      const stored = new Set<string>()
      for (let skip = 0; skip < total; skip += 1000) {
        const page = await db2
          .collection('burst')
          .orderBy('_id', 'asc')
          .skip(skip)
          .limit(1000)
          .field({ _id: true })
          .get()
        for (const d of page.data as Array<{ _id: string }>) stored.add(d._id)
      }
      const missing = [...acked].filter((id) => !stored.has(id))
      expect(missing).toEqual([])
      // and the store keeps working after recovery
      await db2.collection('burst').add({ _id: 'after-crash' })
      expect((await db2.collection('burst').doc('after-crash').get()).data).toHaveLength(1)
    } finally {
      second.child.kill('SIGTERM')
      await new Promise((r) => second.child.once('exit', r))
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}, 60_000)

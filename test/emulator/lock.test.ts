/**
 * The data directory's LOCK, with real processes: a restart right after `kill -9` is never refused
 * (even while the killed emulator is an unreaped zombie, or when its pid now belongs to another
 * process), and a second live emulator on the same directory still is.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fixtures } from './helpers'
import {
  ensureEmulatorBuilt,
  repoRoot,
  sdkApp,
  spawnEmulator,
  type SpawnedEmulator,
} from '../support/emulator'

const linux = fs.existsSync('/proc/self/stat')
const cli = path.join(repoRoot, 'emulator', 'dist', 'cli.js')
const argsFor = (dataDir: string): string[] => [
  '--data-dir',
  dataDir,
  '--functions-dir',
  fixtures,
  '--seed',
  'none',
  '--no-timers',
]

let dataDir: string
const cleanup: Array<() => Promise<void> | void> = []
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emulin-lock-'))
})
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const stop = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGKILL')
  await exited
}

const procState = (pid: number): string | undefined => {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    return text.slice(text.lastIndexOf(')') + 2).split(' ')[0]
  } catch {
    return undefined
  }
}

async function canWrite(e: SpawnedEmulator, id: string): Promise<void> {
  const db = sdkApp(e.ready.sdkUrl, e.ready.envId).database()
  await db.createCollection('lock_probe').catch(() => undefined)
  await db.collection('lock_probe').add({ _id: id })
  expect((await db.collection('lock_probe').doc(id).get()).data).toEqual([{ _id: id }])
}

it('still refuses a second live emulator on the same data directory', async () => {
  const first = await spawnEmulator(argsFor(dataDir))
  cleanup.push(() => stop(first.child))
  const lock = JSON.parse(fs.readFileSync(path.join(dataDir, 'db', 'LOCK'), 'utf8')) as {
    pid: number
    start?: string
  }
  expect(lock.pid).toBe(first.child.pid)
  if (linux) expect(lock.start).toMatch(/^\d+$/)
  await expect(spawnEmulator(argsFor(dataDir))).rejects.toThrow(/is in use by process/)
  await canWrite(first, 'first-still-serves')
}, 60_000)

;(linux ? it : it.skip)(
  'restarts at once after kill -9, while the killed emulator is still an unreaped zombie',
  async () => {
    ensureEmulatorBuilt()
    // `exec sleep` makes sleep the emulator's parent: it never reaps it, so after kill -9 the emulator
    // stays a zombie whose pid still answers kill(pid, 0).
    const holder = spawn(
      'sh',
      [
        '-c',
        '"$0" "$@" & echo "pid $!"; exec sleep 600',
        process.execPath,
        cli,
        '--port',
        '0',
        '--ready-json',
        ...argsFor(dataDir),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, EMULATOR_QUIET: '1' } },
    )
    cleanup.push(() => stop(holder))
    let out = ''
    const ready = await new Promise<{ sdkUrl: string; envId: string }>((resolve, reject) => {
      holder.stdout?.on('data', (c: Buffer) => {
        out += c.toString('utf8')
        const line = out.split('\n').find((l) => l.startsWith('{'))
        if (line) resolve(JSON.parse(line) as { sdkUrl: string; envId: string })
      })
      holder.once('exit', () => reject(new Error(`emulator did not start: ${out}`)))
    })
    const pid = Number(/^pid (\d+)$/m.exec(out)?.[1])
    expect(pid).toBeGreaterThan(0)
    await sdkApp(ready.sdkUrl, ready.envId).database().createCollection('acked')
    process.kill(pid, 'SIGKILL')
    while (procState(pid) !== 'Z') await new Promise((r) => setTimeout(r, 10))
    process.kill(pid, 0) // the zombie still "exists" for kill(pid, 0): the old check refused here

    const second = await spawnEmulator(argsFor(dataDir))
    cleanup.push(() => stop(second.child))
    expect(procState(pid)).toBe('Z') // it really was restarted before the old one was reaped
    await canWrite(second, 'after-zombie')
    // what the killed emulator acknowledged (a new collection) is there
    expect(
      (await sdkApp(second.ready.sdkUrl, second.ready.envId).database().collection('acked').count()).total,
    ).toBe(0)
  },
  60_000,
)

;(linux ? it : it.skip)(
  'restarts when the pid in a stale LOCK now belongs to another process',
  async () => {
    // kill -9 an emulator, then let its pid "be recycled": the LOCK names a live process that is not it
    const first = await spawnEmulator(argsFor(dataDir))
    const exited = new Promise((r) => first.child.once('exit', r))
    first.child.kill('SIGKILL')
    await exited
    const other = spawn('sleep', ['600'], { stdio: 'ignore' })
    cleanup.push(() => stop(other))
    const lockFile = path.join(dataDir, 'db', 'LOCK')
    const stale = fs.readFileSync(lockFile, 'utf8')
    expect(stale).toContain(String(first.child.pid))
    fs.writeFileSync(lockFile, stale.replace(String(first.child.pid), String(other.pid)))
    process.kill(other.pid as number, 0) // alive: the old pid-only check refused here

    const second = await spawnEmulator(argsFor(dataDir))
    cleanup.push(() => stop(second.child))
    await canWrite(second, 'after-recycled-pid')
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: second.child.pid })
    // and the restarted emulator is protected in turn
    await expect(spawnEmulator(argsFor(dataDir))).rejects.toThrow(/is in use by process/)
  },
  60_000,
)

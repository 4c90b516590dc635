/** Command-line flags and signal handling shared by `npm run emulator` (cli.ts) and `npm start` (start.ts). */
import fs from 'node:fs'
import path from 'node:path'
import { EJSON } from 'bson'
import type { Emulator, EmulatorOptions } from './emulator'
import { normalize } from './ejson'
import * as log from './log'
import { repoRoot, workerFile } from './paths'
import { buildDemoData } from '../seed/demo-data'

type Seed = Record<string, Array<Record<string, unknown>>>

export function parseArgs(argv: string[]): { opts: EmulatorOptions; readyJson: boolean } {
  const flags = new Map<string, string | true>()
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string
    if (!a.startsWith('--')) continue
    const next = argv[i + 1]
    if (a.startsWith('--no-') || a === '--ready-json' || next === undefined || next.startsWith('--'))
      flags.set(a.slice(2), true)
    else {
      flags.set(a.slice(2), next)
      i++
    }
  }
  const str = (flag: string, env: string): string | undefined => {
    const v = flags.get(flag)
    return typeof v === 'string' ? v : process.env[env] || undefined
  }
  const functionsDir = path.resolve(
    str('functions-dir', 'EMULATOR_FUNCTIONS_DIR') ?? path.join(repoRoot, 'cloudfunctions'),
  )
  const ownCollections = path.join(functionsDir, 'collections.json')
  const collectionsFile = path.resolve(
    str('collections', 'EMULATOR_COLLECTIONS') ??
      (fs.existsSync(ownCollections)
        ? ownCollections
        : path.join(repoRoot, 'cloudfunctions', 'collections.json')),
  )
  const seedSpec = str('seed', 'EMULATOR_SEED') ?? 'demo'
  let seed: (() => Seed) | undefined
  if (seedSpec === 'demo') seed = () => buildDemoData() as Seed
  else if (seedSpec !== 'none')
    seed = () =>
      normalize(EJSON.parse(fs.readFileSync(seedSpec, 'utf8'), { relaxed: true }), Date.now()) as Seed
  const secFile = str('seccheck', 'EMULATOR_SECCHECK')
  const timeout = str('timeout-ms', 'EMULATOR_FUNCTION_TIMEOUT_MS')
  const port = str('port', 'EMULATOR_PORT')
  const maxInstances = str('max-instances', 'EMULATOR_MAX_INSTANCES')
  return {
    readyJson: flags.has('ready-json'),
    opts: {
      host: str('host', 'EMULATOR_HOST') ?? '127.0.0.1',
      port: port === undefined ? 9000 : Number(port),
      dataDir: path.resolve(
        str('data-dir', 'EMULATOR_DATA_DIR') ?? path.join(repoRoot, '.local', 'emulator'),
      ),
      functionsDir,
      collectionsFile,
      workerFile,
      staticDir: str('static-dir', 'EMULATOR_STATIC_DIR'),
      seed,
      secCheck: secFile
        ? (JSON.parse(fs.readFileSync(secFile, 'utf8')) as EmulatorOptions['secCheck'])
        : undefined,
      timers: !flags.has('no-timers'),
      fsync: !flags.has('no-fsync'),
      functionTimeoutMs: timeout ? Number(timeout) : undefined,
      maxInstancesPerFunction: maxInstances ? Math.max(1, Number(maxInstances)) : undefined,
      adminToken: str('admin-token', 'EMULATOR_ADMIN_TOKEN'),
      recordFile: process.env.EMULATOR_RECORD_REQUESTS || undefined,
      compactBytes: process.env.EMULATOR_COMPACT_BYTES
        ? Number(process.env.EMULATOR_COMPACT_BYTES)
        : undefined,
    },
  }
}

/** stops cleanly on Ctrl-C / SIGTERM: server closed, workers terminated, store flushed and compacted */
export function stopOnSignals(emu: Emulator, before?: () => void): void {
  let stopping = false
  const stop = (sig: string): void => {
    if (stopping) return
    stopping = true
    before?.()
    log.info(`${sig}: stopping…`)
    emu.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        log.error('stop', 'SYS_ERR', String(e))
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
  // Started through `npm start`, this process sits under `sh -c`, which npm signals: a SIGTERM to
  // npm ends the shell and would leave us running, orphaned. When the parent is gone, stop too.
  const parent = process.ppid
  const watch = setInterval(() => {
    if (process.ppid !== parent) stop('parent process gone')
  }, 1000)
  watch.unref()
}

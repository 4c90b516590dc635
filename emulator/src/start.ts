/**
 * `npm start`: builds what is needed (cloud functions always — esbuild is fast; the H5 app unless
 * dist/h5/index.html is newer than every file under src/), starts the local CloudBase with demo data
 * on a fresh data directory and the H5 build at /, prints the URLs, and stops everything on Ctrl-C.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs, stopOnSignals } from './args'
import { startEmulator } from './emulator'
import * as log from './log'
import { repoRoot } from './paths'

function newestUnder(dir: string): number {
  let t = 0
  if (!fs.existsSync(dir)) return t
  for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, ent.name)
    t = Math.max(t, ent.isDirectory() ? newestUnder(p) : fs.statSync(p).mtimeMs)
  }
  return t
}

process.env.TZ = 'UTC' // the platform's runtime clock zone

let child: ReturnType<typeof spawn> | undefined
let interrupted = false

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    log.info(`$ ${cmd} ${args.join(' ')}`)
    child = spawn(cmd, args, { cwd: repoRoot, stdio: 'inherit', env: process.env })
    child.on('exit', (code, signal) => {
      child = undefined
      if (interrupted) reject(new Error('interrupted'))
      else if (code === 0) resolve()
      else reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? code})`))
    })
    child.on('error', reject)
  })
}

async function main(): Promise<void> {
  const onSignal = (): void => {
    interrupted = true
    child?.kill('SIGTERM')
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)

  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  if (pkg.scripts?.['build:functions']) await run(npm, ['run', '--silent', 'build:functions'])
  else if (fs.existsSync(path.join(repoRoot, 'config', 'build-functions.mjs')))
    await run(process.execPath, ['config/build-functions.mjs'])
  else log.info('no build:functions script: using the cloud functions as they are')

  const staticDir = path.join(repoRoot, 'dist', 'h5')
  const index = path.join(staticDir, 'index.html')
  const h5Fresh = fs.existsSync(index) && fs.statSync(index).mtimeMs > newestUnder(path.join(repoRoot, 'src'))
  if (h5Fresh) log.info('H5 build is up to date (dist/h5/index.html is newer than src/)')
  else if (pkg.scripts?.['build:h5']) await run(npm, ['run', '--silent', 'build:h5'])
  else log.info('no build:h5 script: serving only the dev pages')

  process.removeListener('SIGINT', onSignal)
  process.removeListener('SIGTERM', onSignal)
  const { opts } = parseArgs(process.argv.slice(2))
  const emu = await startEmulator({ ...opts, staticDir: opts.staticDir ?? staticDir })
  stopOnSignals(emu)
  const line = '─'.repeat(60)
  process.stdout.write(
    `\n${line}\n  e睦邻 本地环境已启动 (local CloudBase, no cloud account needed)\n\n` +
      `  应用 App:        ${emu.url}/\n` +
      `  开发登录 Dev:    ${emu.url}/dev/\n` +
      `  发件箱 Outbox:   ${emu.url}/dev/outbox\n` +
      `  小程序码 QR:     ${emu.url}/dev/qrcodes\n` +
      `  SDK endpoint:    ${emu.sdkUrl}\n` +
      `  Data:            ${opts.dataDir}${emu.seeded ? ' (fresh: demo data seeded)' : ' (kept from last run)'}\n\n` +
      `  Ctrl-C 停止 / to stop\n${line}\n`,
  )
}

main().catch((e: unknown) => {
  if (interrupted) process.exit(130)
  log.error('start', 'SYS_ERR', (e as Error)?.message ?? String(e))
  process.exit(1)
})

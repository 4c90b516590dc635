/**
 * `npm start`: builds what is needed (cloud functions always — esbuild is fast; the H5 app unless
 * dist/h5/index.html is newer than all its inputs: src/, the Taro config, babel config, package
 * files), starts the local CloudBase with demo data on a fresh data directory and the H5 build at /,
 * prints the URLs, and stops everything on Ctrl-C. The local H5 build is minified with esbuild
 * (`H5_MINIFIER=esbuild`, config/index.ts) rather than terser: about half the build time
 * (docs/adr/0017-h5-performance.md).
 *
 * It prints one line per step. The builds' own output, the functions' logs and the emulator's
 * routine lines (timers firing) go to files under .local/logs/ (`--verbose`: to the terminal;
 * `--log-dir <dir>`: elsewhere); errors always reach the terminal. `--no-build` starts with what is
 * built. test/emulator/start-output.test.ts holds it to this.
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
  if (!fs.statSync(dir).isDirectory()) return fs.statSync(dir).mtimeMs
  for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, ent.name)
    t = Math.max(t, ent.isDirectory() ? newestUnder(p) : fs.statSync(p).mtimeMs)
  }
  return t
}

/** What the H5 build reads besides node_modules: when none is newer than dist/h5/index.html, it is reused. */
const H5_INPUTS = [
  'src',
  'config/index.ts',
  'config/dev.ts',
  'config/prod.ts',
  'babel.config.js',
  'tsconfig.json',
  'tsconfig.base.json',
  'package.json',
  'package-lock.json',
]

process.env.TZ = 'UTC' // the platform's runtime clock zone

let child: ReturnType<typeof spawn> | undefined
let interrupted = false

const verbose = process.argv.includes('--verbose')
/** `--no-build`: start with what is built (cloud functions, dist/h5), without looking at the sources. */
const noBuild = process.argv.includes('--no-build')
const logDirAt = process.argv.indexOf('--log-dir')
const logDir = path.resolve(
  logDirAt >= 0 && process.argv[logDirAt + 1]
    ? (process.argv[logDirAt + 1] as string)
    : path.join(repoRoot, '.local', 'logs'),
)

/** Runs one build step: one line on the terminal, its output in .local/logs/<name>.log (or inline with --verbose). */
function run(
  step: string,
  name: string,
  cmd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<void> {
  const started = Date.now()
  const logFile = path.join(logDir, `${name}.log`)
  process.stdout.write(`▶ ${step}…${verbose ? '\n' : ' '}`)
  return new Promise((resolve, reject) => {
    const out = verbose ? 'inherit' : fs.openSync(logFile, 'w')
    child = spawn(cmd, args, { cwd: repoRoot, stdio: ['ignore', out, out], env: { ...process.env, ...env } })
    child.on('exit', (code, signal) => {
      child = undefined
      if (typeof out === 'number') fs.closeSync(out)
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      if (interrupted) return reject(new Error('interrupted'))
      if (code === 0) {
        process.stdout.write(`完成 (${seconds} s)\n`)
        return resolve()
      }
      process.stdout.write('失败\n')
      if (!verbose) {
        const tail = fs.readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-40).join('\n')
        process.stderr.write(`${tail}\n(完整输出 / full output: ${path.relative(repoRoot, logFile)})\n`)
      }
      reject(new Error(`${step} failed (${signal ?? code})`))
    })
    child.on('error', reject)
  })
}

/** Builds the cloud functions (always: esbuild is fast) and the H5 app unless it is newer than its inputs. */
async function buildWhatIsStale(scripts: Record<string, string>, staticDir: string): Promise<void> {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  if (scripts['build:functions'])
    await run('构建云函数 / building cloud functions', 'build-functions', npm, [
      'run',
      '--silent',
      'build:functions',
    ])
  else log.info('no build:functions script: using the cloud functions as they are')

  const index = path.join(staticDir, 'index.html')
  const h5Fresh =
    fs.existsSync(index) &&
    fs.statSync(index).mtimeMs > Math.max(...H5_INPUTS.map((p) => newestUnder(path.join(repoRoot, p))))
  if (h5Fresh) process.stdout.write('▶ H5 应用已是最新 / H5 build is up to date\n')
  else if (scripts['build:h5'])
    await run(
      '构建 H5 应用（首次约 1 分钟）/ building the H5 app',
      'build-h5',
      npm,
      ['run', '--silent', 'build:h5'],
      { H5_MINIFIER: 'esbuild' },
    )
  else log.info('no build:h5 script: serving only the dev pages')
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
  fs.mkdirSync(logDir, { recursive: true })
  const staticDir = path.join(repoRoot, 'dist', 'h5')
  if (noBuild) process.stdout.write('▶ 不构建，使用已构建的云函数与 H5（--no-build）/ using what is built\n')
  else await buildWhatIsStale(pkg.scripts ?? {}, staticDir)

  process.removeListener('SIGINT', onSignal)
  process.removeListener('SIGTERM', onSignal)
  const { opts } = parseArgs(process.argv.slice(2))
  const functionLog = verbose
    ? undefined
    : fs.createWriteStream(path.join(logDir, 'functions.log'), { flags: 'a' })
  const emulatorLog = verbose
    ? undefined
    : fs.createWriteStream(path.join(logDir, 'emulator.log'), { flags: 'a' })
  process.stdout.write('▶ 启动本地 CloudBase / starting the local CloudBase… ')
  const emu = await startEmulator({ ...opts, staticDir: opts.staticDir ?? staticDir, functionLog })
  process.stdout.write('完成\n')
  if (emulatorLog) log.infoTo((line) => emulatorLog.write(line))
  stopOnSignals(emu, () => log.infoTo(null))
  const line = '─'.repeat(60)
  process.stdout.write(
    `\n${line}\n  e睦邻 本地环境已启动 (local CloudBase, no cloud account needed)\n\n` +
      `  应用 App:        ${emu.url}/\n` +
      `  开发登录 Dev:    ${emu.url}/dev/\n` +
      `  发件箱 Outbox:   ${emu.url}/dev/outbox\n` +
      `  楼栋码 Codes:    ${emu.url}/dev/codes\n` +
      `  SDK endpoint:    ${emu.sdkUrl}\n` +
      `  Data:            ${opts.dataDir}${emu.seeded ? ' (fresh: demo data seeded)' : ' (kept from last run)'}\n\n` +
      (verbose ? '' : `  日志 Logs:       ${path.relative(repoRoot, logDir)}/ (--verbose 在终端显示)\n`) +
      `\n  Ctrl-C 停止 / to stop\n${line}\n`,
  )
}

main().catch((e: unknown) => {
  if (interrupted) process.exit(130)
  log.error('start', 'SYS_ERR', (e as Error)?.message ?? String(e))
  process.exit(1)
})

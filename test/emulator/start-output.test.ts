// `npm start`'s terminal (issue #14 §6): one short line per step and the addresses, nothing else —
// no build progress, no English asset warnings, no JSON log lines from the functions (those go to a
// log file). Started with `--no-build` so it uses what the test run has built and writes nothing the
// other suites read; `--log-dir` keeps its logs out of a developer's .local/logs.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ensureEmulatorBuilt } from '../support/emulator'

const repoRoot = path.join(__dirname, '..', '..')
const ENDED = 'Ctrl-C 停止 / to stop'

let child: ChildProcess | undefined
let tmp = ''
afterEach(() => {
  if (child?.exitCode === null) child.kill('SIGKILL')
  fs.rmSync(tmp, { recursive: true, force: true })
})

/** Starts `node emulator/dist/start.js` and resolves with its terminal once the addresses are printed. */
function startProduct(): Promise<{ out: () => string; err: () => string }> {
  ensureEmulatorBuilt()
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'emulin-start-'))
  const args = [
    '--no-build',
    '--port',
    '0',
    '--data-dir',
    path.join(tmp, 'data'),
    '--log-dir',
    path.join(tmp, 'logs'),
  ]
  child = spawn(process.execPath, [path.join(repoRoot, 'emulator', 'dist', 'start.js'), ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, EMULATOR_QUIET: '' },
  })
  let out = ''
  let err = ''
  child.stderr?.on('data', (c: Buffer) => (err += c.toString('utf8')))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no addresses within 60 s:\n${out}\n${err}`)), 60_000)
    child?.stdout?.on('data', (c: Buffer) => {
      out += c.toString('utf8')
      if (out.includes(ENDED)) {
        clearTimeout(timer)
        resolve({ out: () => out, err: () => err })
      }
    })
    child?.once('exit', (code) => reject(new Error(`start exited (${code}):\n${out}\n${err}`)))
  })
}

describe('npm start (terminal output)', () => {
  it('prints one line per step and the addresses; a function’s log lines go to the log file, not the terminal', async () => {
    const term = await startProduct()
    const lines = term.out().trimEnd().split('\n')
    expect(lines.length).toBeLessThanOrEqual(20)
    expect(lines.filter((l) => l.startsWith('▶'))).toEqual([
      expect.stringContaining('--no-build'),
      expect.stringMatching(/^▶ 启动本地 CloudBase .*完成$/),
    ])
    const url = /应用 App:\s+(http:\/\/\S+)\//.exec(term.out())?.[1]
    expect(url).toBeDefined()
    expect(term.out()).toContain('日志 Logs:')

    // A function writes a JSON log line for a refused call: it lands in functions.log.
    const login = await fetch(`${url}/dev/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'user-resident-wang' }),
    })
    const { token } = (await login.json()) as { token: string }
    const res = await fetch(`${url}/api/api`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ action: 'no.such.action', input: {} }),
    })
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'INPUT.UNKNOWN_ACTION' } })
    const functionsLog = path.join(tmp, 'logs', 'functions.log')
    for (let i = 0; i < 50 && !fs.readFileSync(functionsLog, 'utf8').includes('no.such.action'); i++)
      await new Promise((r) => setTimeout(r, 100))
    expect(fs.readFileSync(functionsLog, 'utf8')).toContain('"action":"no.such.action"')

    const all = term.out()
    expect(all).not.toMatch(/webpack|asset size|entrypoint|\{"level"|no\.such\.action/i)
    for (const line of all.split('\n')) expect([...line].length).toBeLessThanOrEqual(90)
    expect(term.err()).toBe('')

    // Ctrl-C stops it.
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)))
    child?.kill('SIGINT')
    expect([0, 130]).toContain(await exited)
  })
})

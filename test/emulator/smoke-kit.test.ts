/**
 * The live smoke kit (config/deploy/smoke.mjs, docs/adr/0015-deploy-and-smoke.md) run with --local:
 * the same checks against the local emulator, so the kit itself is exercised offline. The checks
 * that need the real platform (WeChat open APIs, timers, SCF cold starts) say so instead of passing.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ensureEmulatorBuilt, repoRoot } from '../support/emulator'

const kit = path.join(repoRoot, 'config', 'deploy', 'smoke.mjs')
function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [kit, ...args], { cwd: repoRoot, encoding: 'utf8' }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}
const rowOf = (table: string, check: RegExp): string[] => {
  const line = table.split('\n').find((l) => l.startsWith('| ') && check.test(l))
  if (!line) throw new Error(`no row ${check} in:\n${table}`)
  return line.split(' | ').map((c) => c.replace(/^\| |\s*\|$/g, '').trim())
}

beforeAll(() => ensureEmulatorBuilt())

describe('npm run smoke -- --local', () => {
  it('runs every database check against the emulator, skips the platform ones, cleans up', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'smoke-kit-')), 'smoke.md')
    const { code, stdout, stderr } = await run('--local', '--out', out)
    expect(stderr).toBe('')
    expect(code).toBe(0)
    for (const check of [
      /updateAndReturn/,
      /racing accepts/,
      /transaction conflict and retry/,
      /unique index/,
    ])
      expect(rowOf(stdout, check)[1]).toBe('pass')
    expect(rowOf(stdout, /updateAndReturn/)[2]).toMatch(/matching: updated 1.*no longer matching: updated 0/)
    expect(rowOf(stdout, /racing/)[2]).toMatch(/^5\/5 rounds/)
    expect(rowOf(stdout, /transaction conflict/)[2]).toMatch(/DATABASE_TRANSACTION_CONFLICT.*n = 2/)
    expect(rowOf(stdout, /unique index/)[2]).toMatch(/refused: .*E11000.*; 1 stored/)
    // the undocumented behaviours a real environment settles: the emulator agrees with its own reading
    for (const check of [
      /inside a transaction/,
      /ObjectId/,
      /jsonSchema/,
      /starting with/,
      /committed transaction/,
    ])
      expect(rowOf(stdout, new RegExp(`settles: .*${check.source}`))[1]).toBe('pass')
    expect(rowOf(stdout, /committed transaction/)[2]).toMatch(
      /^refused DATABASE_TRANSACTION_FAIL \[ResourceUnavailable/,
    )
    for (const check of [/subscribe message/, /msgSecCheck/, /timer trigger/, /cold start/])
      expect(rowOf(stdout, check)[1]).toBe('skipped: needs a live environment')
    // the table is the file's content; the scratch directory (data, collections file) is gone
    expect(fs.readFileSync(out, 'utf8')).toBe(`${stdout.trimEnd()}\n`)
    const removed = /Cleanup: emulator stopped, (\S+) removed/.exec(stdout)
    expect(removed).not.toBeNull()
    expect(fs.existsSync(removed?.[1] ?? '')).toBe(false)
    fs.rmSync(path.dirname(out), { recursive: true, force: true })
  }, 60_000)

  it('refuses unclear arguments with exit code 2 and touches nothing', async () => {
    for (const args of [[], ['--local', '--env', 'x'], ['--env'], ['--bogus']]) {
      const { code, stdout, stderr } = await run(...args)
      expect(code).toBe(2)
      expect(stdout).toBe('')
      expect(stderr).toMatch(/^smoke: /)
    }
  })
})

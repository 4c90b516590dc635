// config/size-report.mjs on the real build and on budgets it must reject.
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { requireWeappBuild } from '../support/weapp-harness'

const repo = path.resolve(__dirname, '..', '..')
const report = path.join(repo, 'config', 'size-report.mjs')
let tmp: string

function size(...args: string[]) {
  const res = spawnSync(process.execPath, [report, ...args], { cwd: repo, encoding: 'utf8' })
  return { code: res.status, out: `${res.stdout}\n${res.stderr}` }
}
function budget(main: number, total: number): string {
  const file = path.join(tmp, `budget-${main}-${total}.json`)
  fs.writeFileSync(
    file,
    JSON.stringify({ weapp: { mainPackageBytes: main, totalBytes: total }, report: { largestFiles: 3 } }),
  )
  return file
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'size-report-'))
})
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

describe('size report', () => {
  it('the real build is within config/size-budget.json and every subpackage is listed', () => {
    const r = size('--weapp', requireWeappBuild())
    expect(r.out).toMatch(/^main\s+\d+\s+[\d.]+ KiB\s+420\.0 KiB\s+ok/m)
    for (const root of ['features/reports', 'features/errands', 'features/points'])
      expect(r.out).toContain(root)
    expect(r.out).toMatch(/^total\s+\d+\s+[\d.]+ KiB\s+1536\.0 KiB\s+ok/m)
    expect(r.code).toBe(0)
  })

  it('fails over the main-package budget, naming the largest files', () => {
    const r = size('--weapp', requireWeappBuild(), '--budget', budget(100 * 1024, 10 * 1024 * 1024))
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/FAIL main package is [\d.]+ KiB \(\d+ B\), budget 100\.0 KiB/)
    expect(r.out).toMatch(/largest files in the main package:\n\s+[\d.]+ KiB\s+taro\.js/)
  })

  it('fails over the total budget; subpackage files count there, not in the main package', () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'weapp-'))
    fs.cpSync(requireWeappBuild(), dir, { recursive: true })
    fs.writeFileSync(path.join(dir, 'features/reports/pages/index/big.js'), Buffer.alloc(600 * 1024, 'x'))
    fs.writeFileSync(path.join(dir, 'vendors.js.map'), Buffer.alloc(600 * 1024, 'x'))
    const r = size('--weapp', dir, '--budget', budget(512 * 1024, 800 * 1024))
    expect(r.code).toBe(1)
    expect(r.out).not.toContain('FAIL main package')
    expect(r.out).toMatch(/FAIL total is/)
    expect(r.out).toContain('features/reports/pages/index/big.js')
    expect(r.out).not.toMatch(/KiB\s+vendors\.js\.map/)
  })

  it('fails clearly without a build', () => {
    const r = size('--weapp', path.join(tmp, 'nothing-here'))
    expect(r.code).toBe(2)
    expect(r.out).toContain('run npm run build:weapp first')
  })
})

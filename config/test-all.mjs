#!/usr/bin/env node
// `npm test`: every check a change must pass, in the order a failure is cheapest to find.
// lint → typecheck → builds (functions, weapp, h5) → weapp validation and size budget →
// jest (core, functions, emulator, ui, weapp) → end-to-end journeys in Chromium.
// Ends with one line "N passed, M failed" counting every test case run.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => join(root, 'node_modules', '.bin', name)
const resultsDir = join(root, 'test-results')
mkdirSync(resultsDir, { recursive: true })

const timings = []
function step(title, cmd, args, { allowFail = false } = {}) {
  const started = Date.now()
  console.log(`\n▶ ${title}`)
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  timings.push(`${title.padEnd(34)} ${seconds.padStart(6)} s  ${res.status === 0 ? 'ok' : 'FAILED'}`)
  if (res.status !== 0 && !allowFail) {
    console.error(`\n✖ ${title} failed (exit ${res.status ?? res.signal}).`)
    summary()
    console.log('0 passed, 1 failed')
    process.exit(1)
  }
  return res.status === 0
}

function summary() {
  console.log('\nSteps:')
  for (const t of timings) console.log(`  ${t}`)
}

function jest(title, projects, outFile) {
  const args = [
    '-c',
    'config/jest.config.js',
    '--ci',
    '--json',
    `--outputFile=${outFile}`,
    '--selectProjects',
    ...projects,
  ]
  const ok = step(title, bin('jest'), args, { allowFail: true })
  if (!existsSync(outFile)) return { ok: false, passed: 0, failed: 1 }
  const json = JSON.parse(readFileSync(outFile, 'utf8'))
  const failedSuites = json.numFailedTestSuites ?? 0
  return {
    ok,
    passed: json.numPassedTests,
    failed: json.numFailedTests + (json.numTotalTests === 0 ? 1 : 0) + failedSuites,
  }
}

step('lint', bin('eslint'), ['--max-warnings=0', '.'])
step('format (prettier --check)', bin('prettier'), ['--check', '--log-level=warn', '.'])
step('typecheck app', bin('tsc'), ['-p', 'tsconfig.json'])
step('typecheck functions/emulator', bin('tsc'), ['-p', 'tsconfig.node.json'])
step('build functions', process.execPath, ['config/build-functions.mjs'])
step('build weapp', bin('taro'), ['build', '--type', 'weapp'])
step('validate weapp (wcc/wcsc)', process.execPath, ['config/validate-weapp.mjs'])
step('size budget', process.execPath, ['config/size-report.mjs'])
step('build h5', bin('taro'), ['build', '--type', 'h5'])

const unit = jest(
  'jest: core functions emulator perf ui weapp',
  ['core', 'functions', 'emulator', 'perf', 'ui', 'weapp'],
  join(resultsDir, 'jest-unit.json'),
)
step('browser (Debian chromium)', process.execPath, ['config/ensure-chromium.mjs'])
const e2e = jest('jest: e2e (Chromium)', ['e2e'], join(resultsDir, 'jest-e2e.json'))

summary()
const passed = unit.passed + e2e.passed
const failed = unit.failed + e2e.failed
console.log(`${passed} passed, ${failed} failed`)
process.exit(unit.ok && e2e.ok && failed === 0 ? 0 : 1)

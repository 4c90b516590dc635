// A local CloudBase with the demo street in a child process, for the benchmark scripts
// (config/bench-*.mjs): started on a free port with its own data directory, stopped and removed after.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..')

/**
 * Resolves with `{ ready: { url, sdkUrl, envId, adminToken }, stop() }` once the emulator listens.
 * `extraArgs` are passed to the CLI as they are (e.g. `['--static-dir', 'dist/h5']`).
 */
export function startDemoEmulator(prefix, extraArgs = []) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), prefix))
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'emulator', 'dist', 'cli.js'),
      '--port',
      '0',
      '--ready-json',
      '--seed',
      'demo',
      '--no-timers',
      '--data-dir',
      dataDir,
      '--functions-dir',
      path.join(root, 'cloudfunctions'),
      ...extraArgs,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, EMULATOR_QUIET: '1' } },
  )
  // Waits for the emulator to exit before removing its data directory (it flushes on SIGTERM).
  const stop = () =>
    new Promise((resolve) => {
      child.once('exit', resolve)
      child.kill()
    }).then(() => rmSync(dataDir, { recursive: true, force: true }))
  return new Promise((resolve, reject) => {
    let buf = ''
    let ready = null
    child.stdout.on('data', (c) => {
      buf += c
      const nl = buf.indexOf('\n')
      if (nl >= 0 && !ready) {
        ready = JSON.parse(buf.slice(0, nl))
        resolve({ ready, stop })
      }
    })
    child.once('exit', (code) => reject(new Error(`emulator exited (${code}) before it was ready`)))
  })
}

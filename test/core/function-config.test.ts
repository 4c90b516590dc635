/**
 * One source of truth for deploying functions (docs/adr/0013-function-runtime.md):
 * cloudfunctions/<fn>/config.json. cloudbaserc.json (what `tcb fn deploy` reads) must equal what is
 * generated from those files, triggers included; the runtime must be the Node.js that CI tests on,
 * and the bundles must be built for it.
 */
import fs, { readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

interface FunctionConfig {
  runtime: string
  memorySize: number
  timeout: number
  triggers?: Array<{ name: string; type: string; config: string }>
  permissions?: { openapi?: string[] }
}
const fc = require('../../config/function-config.cjs') as {
  functionNames(): string[]
  readFunctionConfig(name: string, dir?: string): FunctionConfig
  renderCloudbaserc(): { functions: Array<Record<string, unknown>> }
  esbuildTarget(runtime: string): string
}

const root = path.join(__dirname, '..', '..')
const json = (p: string): unknown => JSON.parse(readFileSync(path.join(root, p), 'utf8'))

describe('function deploy config', () => {
  it('cloudbaserc.json is exactly what cloudfunctions/*/config.json generate (node config/function-config.cjs --write)', () => {
    expect(json('cloudbaserc.json')).toEqual(fc.renderCloudbaserc())
  })

  it('ships each function with the timer trigger its config.json (and the emulator) uses', () => {
    const rc = json('cloudbaserc.json') as {
      functions: Array<{ name: string; triggers?: unknown[]; timeout: number }>
    }
    for (const name of fc.functionNames()) {
      const cfg = fc.readFunctionConfig(name)
      const deployed = rc.functions.find((f) => f.name === name)
      expect({ name, triggers: deployed?.triggers ?? [], timeout: deployed?.timeout }).toEqual({
        name,
        triggers: cfg.triggers ?? [],
        timeout: cfg.timeout,
      })
    }
    // ADR 0011: the sweep runs every minute
    expect(fc.readFunctionConfig('sweep').triggers).toEqual([
      { name: 'sweepOverdue', type: 'timer', config: '0 * * * * * *' },
    ])
  })

  it('deploys on the Node.js major CI tests on, and builds bundles for that runtime', () => {
    const engines = (json('package.json') as { engines: { node: string } }).engines.node
    const ciMajor = /^>=(\d+) <(\d+)$/.exec(engines)
    expect(ciMajor?.[1]).toBeDefined()
    expect(Number(ciMajor?.[2])).toBe(Number(ciMajor?.[1]) + 1) // one major, no range
    for (const name of fc.functionNames()) {
      const { runtime } = fc.readFunctionConfig(name)
      expect({ name, major: /^Nodejs(\d+)\./.exec(runtime)?.[1] }).toEqual({ name, major: ciMajor?.[1] })
    }
    expect(fc.esbuildTarget('Nodejs20.19')).toBe('node20.19')
    const build = readFileSync(path.join(root, 'config', 'build-functions.mjs'), 'utf8')
    expect(build).toMatch(/target: esbuildTarget\(config\.runtime\)/)
  })

  it('rejects configs CloudBase would not take', () => {
    const bad = (cfg: Record<string, unknown>): string => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fncfg-'))
      try {
        fs.mkdirSync(path.join(dir, 'f', 'src'), { recursive: true })
        fs.writeFileSync(path.join(dir, 'f', 'src', 'index.ts'), '')
        fs.writeFileSync(path.join(dir, 'f', 'config.json'), JSON.stringify(cfg))
        try {
          fc.readFunctionConfig('f', dir)
          return 'accepted'
        } catch (e) {
          return (e as Error).message
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true })
      }
    }
    const ok = { runtime: 'Nodejs20.19', memorySize: 128, timeout: 10 }
    expect(bad(ok)).toBe('accepted')
    expect(bad({ ...ok, runtime: 'Nodejs20' })).toMatch(/runtime/)
    expect(bad({ ...ok, memorySize: 100 })).toMatch(/memorySize/)
    expect(bad({ ...ok, timeout: 0 })).toMatch(/timeout/)
    expect(bad({ ...ok, triggers: [{ name: 't', type: 'timer', config: '0 */5 * * * *' }] })).toMatch(
      /7-field cron/,
    )
    expect(
      bad({
        ...ok,
        triggers: [
          { name: 'a', type: 'timer', config: '0 * * * * * *' },
          { name: 'b', type: 'timer', config: '0 * * * * * *' },
        ],
      }),
    ).toMatch(/one trigger/)
    expect(bad({ ...ok, memory: 128 })).toMatch(/unknown key "memory"/)
  })
})

/**
 * The functions the emulator serves: every subdirectory of the functions directory with an
 * `index.js` (shared/ and node_modules/ ignored), its `config.json` and its timer triggers.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseCron, type Cron } from './cron'

export interface TriggerDecl {
  name: string
  type: string
  config: string
}

export interface FunctionConfig {
  permissions?: { openapi?: string[] }
  triggers?: TriggerDecl[]
  /** seconds, as in the platform's config.json */
  timeout?: number
  /** the variables the platform starts the function's process with */
  envVariables?: Record<string, string>
  /** the HTTP access service's path for this function (served at it and below it) */
  httpPath?: string
}

export interface FunctionDef {
  name: string
  file: string
  config: FunctionConfig
  timers: Array<{ name: string; cron: Cron }>
}

const IGNORED = new Set(['shared', 'node_modules'])

/** functions = subdirectories of `dir` with an index.js (shared/ and node_modules/ ignored) */
export function discoverFunctions(dir: string): Map<string, FunctionDef> {
  const defs = new Map<string, FunctionDef>()
  if (fs.existsSync(dir)) {
    for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!ent.isDirectory() || IGNORED.has(ent.name) || ent.name.startsWith('.')) continue
      const file = path.join(dir, ent.name, 'index.js')
      if (!fs.existsSync(file)) continue
      let config: FunctionConfig = {}
      const cfgFile = path.join(dir, ent.name, 'config.json')
      if (fs.existsSync(cfgFile)) config = JSON.parse(fs.readFileSync(cfgFile, 'utf8')) as FunctionConfig
      const timers = (config.triggers ?? [])
        .filter((t) => t.type === 'timer')
        .map((t) => ({ name: t.name, cron: parseCron(t.config) }))
      defs.set(ent.name, { name: ent.name, file, config, timers })
    }
  }
  return defs
}

/** The execution timeout of a function: the runner's override, its config.json's, or the platform's 3 s. */
export function timeoutMsOf(fn: FunctionDef, override?: number): number {
  if (override) return override
  const s = fn.config.timeout
  return (typeof s === 'number' && s > 0 ? s : 3) * 1000
}

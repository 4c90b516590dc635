// The one source of truth for how each cloud function deploys: cloudfunctions/<fn>/config.json
// (runtime, memorySize, timeout, triggers, permissions.openapi, envVariables, httpPath). The local CloudBase reads the same
// file (timeout, triggers, open-API permissions); cloudbaserc.json, which `tcb fn deploy` reads, is
// generated from it and checked by test/core/function-config.test.ts (docs/adr/0013-function-runtime.md).
//
//   node config/function-config.cjs --write   regenerate cloudbaserc.json
//   node config/function-config.cjs --check   exit 1 if cloudbaserc.json differs from the configs
'use strict'
const fs = require('node:fs')
const path = require('node:path')

const root = path.join(__dirname, '..')
const fnRoot = path.join(root, 'cloudfunctions')
const rcPath = path.join(root, 'cloudbaserc.json')

/** Node.js runtimes CloudBase offers for ordinary cloud functions (docs.cloudbase.net, cloud-function/develop/introduce). */
const RUNTIMES = ['Nodejs20.19', 'Nodejs18.15', 'Nodejs16.13']
/** memory sizes the CLI accepts (docs.cloudbase.net/cli-v1/functions/configs) */
const MEMORY_SIZES = [128, 256, 512, 1024, 2048]
/** what every function's package ignores: sources and maps stay home, dependencies install in the cloud */
const IGNORE = ['src', 'src/**', '*.map', 'node_modules', 'node_modules/**']
const KEYS = new Set([
  'runtime',
  'memorySize',
  'timeout',
  'triggers',
  'permissions',
  'envVariables',
  'httpPath',
])

/** functions = cloudfunctions/<fn>/ with src/index.ts (shared/ holds code, not a function) */
function functionNames(dir = fnRoot) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'src', 'index.ts')))
    .map((d) => d.name)
    .sort()
}

/** "Nodejs20.19" → "node20.19" (esbuild target) */
function esbuildTarget(runtime) {
  const m = /^Nodejs(\d+)\.(\d+)$/.exec(runtime)
  if (!m) throw new Error(`not a Node.js runtime: ${runtime}`)
  return `node${m[1]}.${m[2]}`
}

/** validates one function's config.json and returns it; throws with every problem listed */
function readFunctionConfig(name, dir = fnRoot) {
  const file = path.join(dir, name, 'config.json')
  const cfg = JSON.parse(fs.readFileSync(file, 'utf8'))
  const problems = []
  for (const k of Object.keys(cfg)) if (!KEYS.has(k)) problems.push(`unknown key "${k}"`)
  if (!RUNTIMES.includes(cfg.runtime)) problems.push(`runtime must be one of ${RUNTIMES.join(', ')}`)
  if (!MEMORY_SIZES.includes(cfg.memorySize))
    problems.push(`memorySize must be one of ${MEMORY_SIZES.join(', ')}`)
  if (!Number.isInteger(cfg.timeout) || cfg.timeout < 1 || cfg.timeout > 60)
    problems.push('timeout must be an integer number of seconds, 1–60')
  const triggers = cfg.triggers ?? []
  if (!Array.isArray(triggers) || triggers.length > 1)
    problems.push('triggers: CloudBase allows at most one trigger per function')
  for (const t of Array.isArray(triggers) ? triggers : []) {
    if (t.type !== 'timer') problems.push(`trigger ${t.name}: only timer triggers are used`)
    if (!/^[A-Za-z][A-Za-z0-9_-]{0,59}$/.test(String(t.name)))
      problems.push(`trigger ${t.name}: name must start with a letter, ≤ 60 chars`)
    if (String(t.config).trim().split(/\s+/).length !== 7)
      problems.push(`trigger ${t.name}: config must be a 7-field cron (sec min hour day month weekday year)`)
  }
  const openapi = cfg.permissions?.openapi ?? []
  if (!Array.isArray(openapi) || openapi.some((a) => typeof a !== 'string'))
    problems.push('permissions.openapi must be a list of open-API names')
  // Environment variables the platform starts the function's process with (cloudbaserc
  // `envVariables`). Configuration for the runtime only: function code never reads them to branch.
  const env = cfg.envVariables ?? {}
  if (typeof env !== 'object' || Array.isArray(env) || Object.values(env).some((v) => typeof v !== 'string'))
    problems.push('envVariables must map names to strings')
  for (const k of Object.keys(env))
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) problems.push(`envVariables: bad name "${k}"`)
  // The HTTP access service's path for an HTTP-triggered function (cloudbaserc `path`: `tcb fn deploy`
  // creates the route; the local CloudBase serves the function at the same path).
  if (cfg.httpPath !== undefined && !/^\/[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*$/.test(String(cfg.httpPath)))
    problems.push('httpPath must be a path like "/open311/v2" (no trailing slash)')
  if (problems.length) throw new Error(`cloudfunctions/${name}/config.json: ${problems.join('; ')}`)
  return cfg
}

/** cloudbaserc.json as it must be for these configs */
function renderCloudbaserc(dir = fnRoot) {
  return {
    version: '2.0',
    envId: '{{env.ENV_ID}}',
    functionRoot: './cloudfunctions',
    functions: functionNames(dir).map((name) => {
      const cfg = readFunctionConfig(name, dir)
      return {
        name,
        handler: 'index.main',
        runtime: cfg.runtime,
        memorySize: cfg.memorySize,
        timeout: cfg.timeout,
        installDependency: true,
        ...(cfg.envVariables && Object.keys(cfg.envVariables).length
          ? { envVariables: { ...cfg.envVariables } }
          : {}),
        ...(cfg.httpPath ? { path: cfg.httpPath } : {}),
        ...(cfg.triggers?.length
          ? { triggers: cfg.triggers.map((t) => ({ name: t.name, type: t.type, config: t.config })) }
          : {}),
        ignore: IGNORE,
      }
    }),
  }
}

module.exports = {
  RUNTIMES,
  MEMORY_SIZES,
  functionNames,
  esbuildTarget,
  readFunctionConfig,
  renderCloudbaserc,
}

if (require.main === module) {
  const mode = process.argv[2]
  const want = `${JSON.stringify(renderCloudbaserc(), null, 2)}\n`
  if (mode === '--write') {
    // formatted as `npm run lint` (prettier --check .) expects
    const prettier = require('prettier')
    prettier
      .resolveConfig(rcPath)
      .then((cfg) => prettier.format(want, { ...cfg, filepath: rcPath }))
      .then((text) => {
        fs.writeFileSync(rcPath, text)
        console.log('cloudbaserc.json regenerated from cloudfunctions/*/config.json')
      })
      .catch((e) => {
        console.error(e)
        process.exit(1)
      })
  } else if (mode === '--check') {
    const have = fs.existsSync(rcPath) ? JSON.stringify(JSON.parse(fs.readFileSync(rcPath, 'utf8'))) : ''
    if (have !== JSON.stringify(JSON.parse(want))) {
      console.error(
        'cloudbaserc.json differs from cloudfunctions/*/config.json: run node config/function-config.cjs --write',
      )
      process.exit(1)
    }
  } else {
    console.error('usage: node config/function-config.cjs --write | --check')
    process.exit(2)
  }
}

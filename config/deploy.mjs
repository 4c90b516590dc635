#!/usr/bin/env node
// `npm run deploy` — ships the built cloud functions to a CloudBase environment, unchanged.
// Needs the CloudBase CLI (`npm i -g @cloudbase/cli`, then `tcb login`) and ENV_ID=<your env id>.
// Functions are deployed from cloudbaserc.json, which is generated from cloudfunctions/<fn>/config.json
// (runtime, memory, timeout, trigger; ADR 0013) and refused here if stale; collections, indexes and
// security rules are listed in cloudfunctions/collections.json and printed here to create once.
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..')
const envId = process.env.ENV_ID
if (!envId) {
  console.error(
    'deploy: set ENV_ID to your CloudBase environment id, e.g. ENV_ID=emulin-prod-1a2b npm run deploy',
  )
  process.exit(1)
}
if (spawnSync('tcb', ['--version'], { stdio: 'ignore' }).status !== 0) {
  console.error('deploy: the CloudBase CLI is not installed: npm i -g @cloudbase/cli && tcb login')
  process.exit(1)
}
execFileSync(process.execPath, [path.join(root, 'config', 'function-config.cjs'), '--check'], {
  stdio: 'inherit',
})
execFileSync(process.execPath, [path.join(root, 'config', 'build-functions.mjs')], { stdio: 'inherit' })
execFileSync('tcb', ['fn', 'deploy', '--force', '-e', envId], { cwd: root, stdio: 'inherit' })
// `fn deploy` creates functions; their timer triggers (one per function) come from cloudbaserc.json too
execFileSync('tcb', ['fn', 'trigger', 'create', '--yes', '-e', envId], { cwd: root, stdio: 'inherit' })

const { collections } = JSON.parse(
  readFileSync(path.join(root, 'cloudfunctions', 'collections.json'), 'utf8'),
)
console.log(
  `\nCollections this release uses (create once in the CloudBase console of ${envId}; rule: read/write false):`,
)
for (const c of collections) {
  const idx = c.indexes.map(
    (i) =>
      `${i.name}(${i.keys.map((k) => `${k.field}${k.direction === -1 ? ' desc' : ''}`).join(', ')})${i.unique ? ' unique' : ''}`,
  )
  console.log(`  ${c.name}${idx.length ? `  indexes: ${idx.join('; ')}` : ''}`)
}

// What an environment must hold, read from the repo's one source of truth for each part:
// cloudfunctions/<fn>/config.json (runtime, memory, timeout, trigger; via function-config.cjs, which
// also generates cloudbaserc.json) and cloudfunctions/collections.json (collections, indexes, rules).
// The code of each function is identified by the sha256 of the files that deploy ships.
'use strict'
const crypto = require('node:crypto')
const fs = require('node:fs')
const path = require('node:path')
const { functionNames, readFunctionConfig } = require('../function-config.cjs')
const { validateState } = require('./plan.cjs')

const root = path.join(__dirname, '..', '..')
const fnRoot = path.join(root, 'cloudfunctions')
/** the files `tcb fn deploy` uploads for a built function (cloudbaserc.json ignores src, maps, node_modules) */
const SHIPPED = ['index.js', 'package.json', 'config.json']
/** how deploy marks the code it shipped in the function's description, read back by observe */
const CODE_MARK = /\bsha256:([0-9a-f]{64})\b/

/** sha256 over the shipped files of a built function; null when it has not been built */
function codeSha256(name, dir = fnRoot) {
  const hash = crypto.createHash('sha256')
  for (const f of SHIPPED) {
    const file = path.join(dir, name, f)
    if (!fs.existsSync(file)) return null
    hash.update(`${f}\0`).update(fs.readFileSync(file)).update('\0')
  }
  return hash.digest('hex')
}

function describeCode(sha) {
  return `e睦邻 ${sha ? `sha256:${sha}` : ''}`.trim()
}

/** the desired state (see plan.cjs for its shape) */
function desiredState({ dir = fnRoot, collectionsFile = path.join(fnRoot, 'collections.json') } = {}) {
  const functions = {}
  for (const name of functionNames(dir)) {
    const cfg = readFunctionConfig(name, dir)
    const t = cfg.triggers?.[0]
    functions[name] = {
      runtime: cfg.runtime,
      memorySize: cfg.memorySize,
      timeout: cfg.timeout,
      env: { ...(cfg.envVariables ?? {}) },
      codeSha256: codeSha256(name, dir),
      trigger: t ? { name: t.name, type: t.type, config: t.config } : null,
      // the HTTP access service's route to it (config.json httpPath; docs/adr/0025-open311.md)
      route: cfg.httpPath ?? null,
    }
  }
  const collections = {}
  const file = JSON.parse(fs.readFileSync(collectionsFile, 'utf8'))
  for (const c of file.collections) {
    if (collections[c.name]) throw new Error(`${collectionsFile}: collection "${c.name}" is listed twice`)
    const indexes = {}
    for (const i of c.indexes ?? []) {
      if (indexes[i.name]) throw new Error(`${collectionsFile}: ${c.name} has two indexes named "${i.name}"`)
      indexes[i.name] = {
        keys: i.keys.map((k) => ({ field: k.field, direction: k.direction })),
        unique: Boolean(i.unique),
      }
    }
    collections[c.name] = { rule: c.rule ?? null, indexes }
  }
  return validateState({ functions, collections }, 'desired')
}

module.exports = { SHIPPED, CODE_MARK, codeSha256, describeCode, desiredState }

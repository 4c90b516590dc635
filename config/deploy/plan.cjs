// The deploy planner (docs/adr/0015-deploy-and-smoke.md): PURE. It diffs the desired state (from
// cloudfunctions/<fn>/config.json and cloudfunctions/collections.json, see desired.cjs) against a
// description of what an environment holds (observe.cjs, or a JSON file for --dry-run --state) and
// returns one step per function, trigger, collection, index and rule: create / update / recreate /
// delete / unchanged. No I/O here; apply.cjs executes a plan, applyToState() models what it does.
//
// State (desired and observed share one shape):
// {
//   functions:   { <fn>: { runtime, memorySize, timeout, env?: {NAME: value}, codeSha256, trigger: {name,type,config} | null, route?: "/path" | null } },
//   collections: { <name>: { rule: {read, write} | null, indexes: { <index>: { keys: [{field, direction}], unique } } } }
// }
'use strict'

/** A rule preset of CloudBase collection permissions ↔ the security rule it stands for. */
const OWNER = 'doc._openid == auth.openid'
const RULE_PRESETS = {
  ADMINONLY: { read: false, write: false },
  ADMINWRITE: { read: true, write: false },
  READONLY: { read: true, write: OWNER },
  PRIVATE: { read: OWNER, write: OWNER },
}

/** JSON with object keys sorted: two equal values give the same text */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`
  return JSON.stringify(value)
}
const same = (a, b) => canonical(a) === canonical(b)

/** {permission, securityRule?} for a rule: a preset when one says exactly this, else CUSTOM */
function permissionOf(rule) {
  for (const [permission, preset] of Object.entries(RULE_PRESETS))
    if (same(rule, preset)) return { permission }
  return { permission: 'CUSTOM', securityRule: JSON.stringify(rule) }
}

/** the rule a described permission stands for (null when unknown or unreadable) */
function ruleOf(permission, securityRule) {
  if (permission && RULE_PRESETS[permission]) return { ...RULE_PRESETS[permission] }
  if (permission === 'CUSTOM' && typeof securityRule === 'string') {
    try {
      return JSON.parse(securityRule)
    } catch {
      return null
    }
  }
  return null
}

const fail = (where, what) => {
  throw new Error(`state: ${where}: ${what}`)
}
const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v)

/** checks a state's shape; throws one clear error naming the first bad field. Returns the state. */
function validateState(state, label = 'state') {
  if (!isObj(state)) fail(label, 'must be an object with "functions" and "collections"')
  const fns = state.functions ?? {}
  const cols = state.collections ?? {}
  if (!isObj(fns)) fail(`${label}.functions`, 'must be an object keyed by function name')
  if (!isObj(cols)) fail(`${label}.collections`, 'must be an object keyed by collection name')
  for (const [name, f] of Object.entries(fns)) {
    const at = `${label}.functions.${name}`
    if (!isObj(f)) fail(at, 'must be an object')
    if (typeof f.runtime !== 'string') fail(`${at}.runtime`, 'must be a string like "Nodejs20.19"')
    if (!Number.isInteger(f.memorySize)) fail(`${at}.memorySize`, 'must be an integer (MB)')
    if (!Number.isInteger(f.timeout)) fail(`${at}.timeout`, 'must be an integer (s)')
    if (f.codeSha256 != null && typeof f.codeSha256 !== 'string') fail(`${at}.codeSha256`, 'must be a string')
    const t = f.trigger ?? null
    if (t !== null && !(isObj(t) && typeof t.name === 'string' && typeof t.type === 'string'))
      fail(`${at}.trigger`, 'must be null or {name, type, config}')
    if (t !== null && typeof t.config !== 'string') fail(`${at}.trigger.config`, 'must be a string')
    if (f.route != null && (typeof f.route !== 'string' || !f.route.startsWith('/')))
      fail(`${at}.route`, 'must be null or an HTTP access path like "/open311/v2"')
  }
  for (const [name, c] of Object.entries(cols)) {
    const at = `${label}.collections.${name}`
    if (!isObj(c)) fail(at, 'must be an object')
    if (c.rule != null && !isObj(c.rule)) fail(`${at}.rule`, 'must be null or {read, write}')
    if (!isObj(c.indexes ?? {})) fail(`${at}.indexes`, 'must be an object keyed by index name')
    for (const [iname, i] of Object.entries(c.indexes ?? {})) {
      const ia = `${at}.indexes.${iname}`
      if (!isObj(i) || !Array.isArray(i.keys) || i.keys.length === 0)
        fail(ia, 'must be {keys: [{field, direction}], unique}')
      for (const k of i.keys)
        if (!isObj(k) || typeof k.field !== 'string' || ![1, -1, '2dsphere'].includes(k.direction))
          fail(`${ia}.keys`, 'each key is {field: string, direction: 1 | -1 | "2dsphere"}')
      if (typeof i.unique !== 'boolean') fail(`${ia}.unique`, 'must be true or false')
    }
  }
  return state
}

const showKeys = (i) =>
  `(${i.keys.map((k) => `${k.field}${k.direction === -1 ? ' desc' : k.direction === 1 ? '' : ` ${k.direction}`}`).join(', ')})${i.unique ? ' unique' : ''}`
const showTrigger = (t) => (t ? `${t.name} ${t.type} "${t.config}"` : 'none')

/**
 * The plan: every desired function, trigger, collection, index and rule gets one step.
 * Extra things the environment holds (other functions, collections, indexes such as `_id_`) are left
 * alone: deploy never deletes data or indexes it does not own. A trigger is the one exception: each
 * of our functions has at most the trigger its config.json names.
 */
function plan(desired, observed) {
  validateState(desired, 'desired')
  validateState(observed, 'observed')
  const steps = []
  const have = observed.functions ?? {}
  for (const [name, want] of Object.entries(desired.functions ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    const got = have[name]
    const to = {
      runtime: want.runtime,
      memorySize: want.memorySize,
      timeout: want.timeout,
      env: { ...(want.env ?? {}) },
      codeSha256: want.codeSha256 ?? null,
    }
    if (!got)
      steps.push({
        kind: 'function',
        target: name,
        action: 'create',
        to,
        detail: `${want.runtime}, ${want.memorySize} MB, ${want.timeout} s`,
      })
    else if (got.runtime !== want.runtime)
      // CloudBase sets a function's runtime only when it is created
      steps.push({
        kind: 'function',
        target: name,
        action: 'recreate',
        to,
        detail: `runtime ${got.runtime} → ${want.runtime}`,
      })
    else {
      const changes = []
      if (got.memorySize !== want.memorySize) changes.push(`memory ${got.memorySize} → ${want.memorySize} MB`)
      if (got.timeout !== want.timeout) changes.push(`timeout ${got.timeout} → ${want.timeout} s`)
      const envText = (e) =>
        Object.entries(e ?? {})
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, v]) => `${k}=${v}`)
          .join(' ') || 'none'
      if (envText(got.env) !== envText(want.env))
        changes.push(`env ${envText(got.env)} → ${envText(want.env)}`)
      if (want.codeSha256 && got.codeSha256 !== want.codeSha256)
        changes.push(
          `code ${String(got.codeSha256 ?? 'unknown').slice(0, 12)} → ${want.codeSha256.slice(0, 12)}`,
        )
      steps.push(
        changes.length
          ? { kind: 'function', target: name, action: 'update', to, detail: changes.join('; ') }
          : { kind: 'function', target: name, action: 'unchanged' },
      )
    }
    // The HTTP access service's route to the function (its path), like a trigger: ours to keep true.
    const wantR = want.route ?? null
    const gotR = got ? (got.route ?? null) : null
    if (wantR || gotR) {
      const target = `${name}${wantR ?? gotR}`
      if (wantR === gotR) steps.push({ kind: 'route', target, action: 'unchanged', fn: name })
      else if (!gotR)
        steps.push({ kind: 'route', target, action: 'create', fn: name, to: wantR, detail: wantR })
      else if (!wantR)
        steps.push({ kind: 'route', target, action: 'delete', fn: name, from: gotR, detail: gotR })
      else
        steps.push({
          kind: 'route',
          target,
          action: 'update',
          fn: name,
          from: gotR,
          to: wantR,
          detail: `${gotR} → ${wantR}`,
        })
    }
    const wantT = want.trigger ?? null
    const gotT = got ? (got.trigger ?? null) : null
    // a recreated function loses its trigger with it
    const gotEffective = got && got.runtime !== want.runtime ? null : gotT
    if (!wantT && !gotEffective) continue
    if (!gotEffective)
      steps.push({
        kind: 'trigger',
        target: `${name}/${wantT.name}`,
        action: 'create',
        fn: name,
        to: wantT,
        detail: showTrigger(wantT),
      })
    else if (!wantT)
      steps.push({
        kind: 'trigger',
        target: `${name}/${gotEffective.name}`,
        action: 'delete',
        fn: name,
        from: gotEffective,
        detail: showTrigger(gotEffective),
      })
    else if (!same(wantT, gotEffective))
      steps.push({
        kind: 'trigger',
        target: `${name}/${wantT.name}`,
        action: 'update',
        fn: name,
        from: gotEffective,
        to: wantT,
        detail: `${showTrigger(gotEffective)} → ${showTrigger(wantT)}`,
      })
    else steps.push({ kind: 'trigger', target: `${name}/${wantT.name}`, action: 'unchanged', fn: name })
  }

  const haveCols = observed.collections ?? {}
  for (const [name, want] of Object.entries(desired.collections ?? {})) {
    const got = haveCols[name]
    steps.push({ kind: 'collection', target: name, action: got ? 'unchanged' : 'create' })
    const gotIdx = got?.indexes ?? {}
    for (const [iname, wi] of Object.entries(want.indexes ?? {})) {
      const gi = gotIdx[iname]
      const target = `${name}.${iname}`
      const to = { keys: wi.keys, unique: wi.unique }
      if (!gi)
        steps.push({
          kind: 'index',
          target,
          action: 'create',
          collection: name,
          index: iname,
          to,
          detail: showKeys(wi),
        })
      else if (!same(gi.keys, wi.keys) || gi.unique !== wi.unique)
        // an index cannot be altered in place: drop it and create it again under the same name
        steps.push({
          kind: 'index',
          target,
          action: 'recreate',
          collection: name,
          index: iname,
          to,
          detail: `${showKeys(gi)} → ${showKeys(wi)}`,
        })
      else steps.push({ kind: 'index', target, action: 'unchanged', collection: name, index: iname })
    }
    if (want.rule) {
      const gr = got?.rule ?? null
      if (gr && same(gr, want.rule))
        steps.push({ kind: 'rule', target: name, action: 'unchanged', collection: name })
      else
        steps.push({
          kind: 'rule',
          target: name,
          action: gr ? 'update' : 'create',
          collection: name,
          to: want.rule,
          ...permissionOf(want.rule),
          detail: `${gr ? `${JSON.stringify(gr)} → ` : ''}${JSON.stringify(want.rule)} (${permissionOf(want.rule).permission})`,
        })
    }
  }
  return steps
}

/** the steps that change something */
const changes = (steps) => steps.filter((s) => s.action !== 'unchanged')

/** The state an environment is in after `steps` ran on `observed` (a model of apply.cjs). Pure. */
function applyToState(observed, steps) {
  const next = JSON.parse(JSON.stringify({ functions: {}, collections: {}, ...observed }))
  for (const s of steps) {
    if (s.kind === 'function' && s.action !== 'unchanged') {
      const prev = next.functions[s.target]
      next.functions[s.target] = {
        ...s.to,
        trigger: s.action === 'update' ? (prev?.trigger ?? null) : null,
        route: prev?.route ?? null,
      }
    } else if (s.kind === 'route' && s.action !== 'unchanged') {
      next.functions[s.fn].route = s.action === 'delete' ? null : s.to
    } else if (s.kind === 'trigger' && s.action !== 'unchanged') {
      next.functions[s.fn].trigger = s.action === 'delete' ? null : { ...s.to }
    } else if (s.kind === 'collection' && s.action === 'create') {
      next.collections[s.target] = { rule: null, indexes: {} }
    } else if (s.kind === 'index' && s.action !== 'unchanged') {
      next.collections[s.collection].indexes[s.index] = JSON.parse(JSON.stringify(s.to))
    } else if (s.kind === 'rule' && s.action !== 'unchanged') {
      next.collections[s.collection].rule = { ...s.to }
    }
  }
  return next
}

/** the plan as text: one line per step that changes something, then counts per kind and action */
function formatPlan(steps, { verbose = false } = {}) {
  const lines = []
  for (const s of steps) {
    if (s.action === 'unchanged' && !verbose) continue
    lines.push(`  ${s.action.padEnd(9)} ${s.kind.padEnd(10)} ${s.target}${s.detail ? `  ${s.detail}` : ''}`)
  }
  const kinds = {
    function: 'functions',
    trigger: 'triggers',
    route: 'routes',
    collection: 'collections',
    index: 'indexes',
    rule: 'rules',
  }
  const summary = Object.entries(kinds).map(([k, label]) => {
    const of = steps.filter((s) => s.kind === k)
    const counts = {}
    for (const s of of) counts[s.action] = (counts[s.action] ?? 0) + 1
    // Changes first, in a fixed order, whatever the order of the steps.
    const order = ['create', 'update', 'recreate', 'delete', 'unchanged']
    const rank = (a) => (order.includes(a) ? order.indexOf(a) : order.length)
    const parts = Object.entries(counts)
      .sort(([a], [b]) => rank(a) - rank(b))
      .map(([a, n]) => `${n} ${a}`)
    return `  ${label.padEnd(12)} ${parts.length ? parts.join(', ') : 'none'}`
  })
  const n = changes(steps).length
  return [
    n === 0 ? 'Plan: no changes (everything unchanged).' : `Plan: ${n} change${n === 1 ? '' : 's'}.`,
    ...lines,
    'Summary:',
    ...summary,
  ].join('\n')
}

module.exports = {
  RULE_PRESETS,
  canonical,
  same,
  permissionOf,
  ruleOf,
  validateState,
  plan,
  changes,
  applyToState,
  formatPlan,
}

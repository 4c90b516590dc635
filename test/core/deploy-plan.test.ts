/**
 * The deploy planner (config/deploy/plan.cjs, docs/adr/0015-deploy-and-smoke.md): pure, it diffs the
 * desired state against a described environment. Deploying twice changes nothing the second time:
 * applying a plan to the observed state (the model of apply.cjs) and planning again is empty.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

interface Key {
  field: string
  direction: 1 | -1 | '2dsphere'
}
interface Index {
  keys: Key[]
  unique: boolean
}
interface Trigger {
  name: string
  type: string
  config: string
}
interface Fn {
  runtime: string
  memorySize: number
  timeout: number
  env?: Record<string, string>
  codeSha256: string | null
  trigger: Trigger | null
  route?: string | null
}
interface Collection {
  rule: Record<string, unknown> | null
  indexes: Record<string, Index>
}
interface State {
  functions: Record<string, Fn>
  collections: Record<string, Collection>
}
interface Step {
  kind: 'function' | 'trigger' | 'route' | 'collection' | 'index' | 'rule'
  target: string
  action: 'create' | 'update' | 'recreate' | 'delete' | 'unchanged'
  permission?: string
  securityRule?: string
  to?: unknown
}
const planner = require('../../config/deploy/plan.cjs') as {
  plan(desired: State, observed: State): Step[]
  changes(steps: Step[]): Step[]
  applyToState(observed: State, steps: Step[]): State
  formatPlan(steps: Step[]): string
  permissionOf(rule: unknown): { permission: string; securityRule?: string }
  ruleOf(permission: string, securityRule?: string): unknown
}
const { desiredState } = require('../../config/deploy/desired.cjs') as { desiredState(): State }
const { plan, changes, applyToState, formatPlan } = planner

const root = path.join(__dirname, '..', '..')
const SHA_A = 'a'.repeat(64)
const SHA_B = 'b'.repeat(64)
const deny = { read: false, write: false }

/** the fixture: a State with named members (so a test can reach into it) */
type Fixture = {
  functions: { api: Fn; sweep: Fn }
  collections: {
    users: {
      rule: Collection['rule']
      indexes: { openid_unique: Index; household?: Index } & Record<string, Index>
    }
    orders: { rule: Collection['rule']; indexes: { grid_status: Index } & Record<string, Index> }
  }
}
/** obj[key], or a failed test naming the key */
function get<T>(obj: Record<string, T>, key: string): T {
  const v = obj[key]
  if (v === undefined) throw new Error(`missing ${key}`)
  return v
}

function desired(): Fixture {
  return {
    functions: {
      api: { runtime: 'Nodejs20.19', memorySize: 128, timeout: 10, codeSha256: SHA_A, trigger: null },
      sweep: {
        runtime: 'Nodejs20.19',
        memorySize: 128,
        timeout: 20,
        codeSha256: SHA_A,
        trigger: { name: 'sweepOverdue', type: 'timer', config: '0 * * * * * *' },
      },
    },
    collections: {
      users: {
        rule: deny,
        indexes: {
          openid_unique: { keys: [{ field: 'openid', direction: 1 }], unique: true },
          household: { keys: [{ field: 'householdId', direction: 1 }], unique: false },
        },
      },
      orders: {
        rule: deny,
        indexes: {
          grid_status: {
            keys: [
              { field: 'gridId', direction: 1 },
              { field: 'status', direction: 1 },
            ],
            unique: false,
          },
        },
      },
    },
  }
}
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T
const empty = (): State => ({ functions: {}, collections: {} })
const find = (steps: Step[], kind: Step['kind'], target: string): Step => {
  const s = steps.find((x) => x.kind === kind && x.target === target)
  if (!s) throw new Error(`no ${kind} step for ${target}`)
  return s
}
/** deploy twice: the second plan, made against the state the first one left, must be empty */
const secondPlan = (want: State, have: State): Step[] =>
  changes(plan(want, applyToState(have, plan(want, have))))

describe('deploy planner', () => {
  it('on an empty environment creates every function, trigger, collection, index and rule', () => {
    const steps = plan(desired(), empty())
    expect(steps.map((s) => `${s.action} ${s.kind} ${s.target}`)).toEqual([
      'create function api',
      'create function sweep',
      'create trigger sweep/sweepOverdue',
      'create collection users',
      'create index users.openid_unique',
      'create index users.household',
      'create rule users',
      'create collection orders',
      'create index orders.grid_status',
      'create rule orders',
    ])
    expect(secondPlan(desired(), empty())).toEqual([])
  })

  it('the same state everywhere: every step unchanged, and the printed plan says so', () => {
    const steps = plan(desired(), desired())
    expect(steps.length).toBe(10)
    expect(changes(steps)).toEqual([])
    expect(formatPlan(steps)).toMatch(/^Plan: no changes/)
  })

  it('creates a unique index as unique, and recreates an index that lost or gained uniqueness', () => {
    const created = find(plan(desired(), empty()), 'index', 'users.openid_unique')
    expect(created.to).toEqual({ keys: [{ field: 'openid', direction: 1 }], unique: true })
    const have = desired()
    have.collections.users.indexes.openid_unique.unique = false
    const steps = plan(desired(), have)
    expect(find(steps, 'index', 'users.openid_unique')).toMatchObject({
      action: 'recreate',
      to: { unique: true },
    })
    expect(changes(steps)).toHaveLength(1)
    expect(secondPlan(desired(), have)).toEqual([])
  })

  it('an index whose keys changed (field, order or direction) is dropped and recreated under its name', () => {
    const variants: Array<(i: Index) => void> = [
      (i) => (i.keys = [i.keys[0] as Key, { field: 'state', direction: 1 }]),
      (i) => i.keys.reverse(),
      (i) => (i.keys = [{ field: 'gridId', direction: -1 }, ...i.keys.slice(1)]),
      (i) => i.keys.pop(),
    ]
    for (const change of variants) {
      const have = desired()
      change(have.collections.orders.indexes.grid_status)
      const steps = plan(desired(), have)
      expect(changes(steps)).toEqual([
        expect.objectContaining({ kind: 'index', target: 'orders.grid_status', action: 'recreate' }),
      ])
      expect(find(steps, 'index', 'orders.grid_status').to).toEqual(
        desired().collections.orders.indexes.grid_status,
      )
      expect(secondPlan(desired(), have)).toEqual([])
    }
  })

  it('a missing index on an existing collection is created; indexes it does not own are left alone', () => {
    const have = desired()
    delete have.collections.users.indexes.household
    have.collections.users.indexes.legacy = { keys: [{ field: 'x', direction: 1 }], unique: false }
    const steps = plan(desired(), have)
    expect(changes(steps).map((s) => `${s.action} ${s.target}`)).toEqual(['create users.household'])
    expect(steps.some((s) => s.target === 'users.legacy')).toBe(false)
    expect(secondPlan(desired(), have)).toEqual([])
  })

  it('rules: missing → create, different → update, as a preset when one says exactly the rule, else CUSTOM', () => {
    const have = desired()
    have.collections.users.rule = null
    have.collections.orders.rule = { read: true, write: false }
    const steps = plan(desired(), have)
    expect(find(steps, 'rule', 'users')).toMatchObject({ action: 'create', permission: 'ADMINONLY' })
    expect(find(steps, 'rule', 'orders')).toMatchObject({
      action: 'update',
      permission: 'ADMINONLY',
      to: deny,
    })
    expect(secondPlan(desired(), have)).toEqual([])

    const custom = { read: 'doc.gridId == auth.openid', write: false }
    const want = desired()
    want.collections.orders.rule = custom
    const s = find(plan(want, desired()), 'rule', 'orders')
    expect(s).toMatchObject({ action: 'update', permission: 'CUSTOM', securityRule: JSON.stringify(custom) })
    expect(secondPlan(want, desired())).toEqual([])
  })

  it('rules compare by meaning: key order does not matter, a described preset reads as its rule', () => {
    const have = desired()
    have.collections.users.rule = { write: false, read: false }
    expect(changes(plan(desired(), have))).toEqual([])
    expect(planner.ruleOf('ADMINONLY')).toEqual(deny)
    expect(planner.ruleOf('CUSTOM', JSON.stringify(deny))).toEqual(deny)
    expect(planner.ruleOf('CUSTOM', 'not json')).toBeNull()
    expect(planner.permissionOf({ read: true, write: false })).toEqual({ permission: 'ADMINWRITE' })
  })

  it('triggers: a changed schedule or name is updated, a trigger no config names is deleted', () => {
    const have = desired()
    have.functions.sweep.trigger = { name: 'sweepOverdue', type: 'timer', config: '0 */5 * * * * *' }
    expect(changes(plan(desired(), have))).toEqual([
      expect.objectContaining({ kind: 'trigger', target: 'sweep/sweepOverdue', action: 'update' }),
    ])
    expect(secondPlan(desired(), have)).toEqual([])

    const renamed = desired()
    renamed.functions.sweep.trigger = { name: 'old', type: 'timer', config: '0 * * * * * *' }
    expect(find(plan(desired(), renamed), 'trigger', 'sweep/sweepOverdue').action).toBe('update')
    expect(secondPlan(desired(), renamed)).toEqual([])

    const extra = desired()
    extra.functions.api.trigger = { name: 'stray', type: 'timer', config: '0 0 * * * * *' }
    expect(changes(plan(desired(), extra))).toEqual([
      expect.objectContaining({ kind: 'trigger', target: 'api/stray', action: 'delete' }),
    ])
    expect(secondPlan(desired(), extra)).toEqual([])

    const missing = desired()
    missing.functions.sweep.trigger = null
    expect(find(plan(desired(), missing), 'trigger', 'sweep/sweepOverdue').action).toBe('create')
  })

  it('functions: memory, timeout or code → update; a runtime change recreates it with its trigger', () => {
    for (const change of [
      (f: Fn) => (f.memorySize = 256),
      (f: Fn) => (f.timeout = 3),
      (f: Fn) => (f.codeSha256 = SHA_B),
      (f: Fn) => (f.codeSha256 = null),
      (f: Fn) => (f.env = { NODE_OPTIONS: '--max-semi-space-size=2' }),
    ]) {
      const have = desired()
      change(have.functions.api)
      expect(changes(plan(desired(), have))).toEqual([
        expect.objectContaining({ kind: 'function', target: 'api', action: 'update' }),
      ])
      expect(secondPlan(desired(), have)).toEqual([])
    }
    const old = desired()
    old.functions.sweep.runtime = 'Nodejs16.13'
    expect(changes(plan(desired(), old)).map((s) => `${s.action} ${s.kind} ${s.target}`)).toEqual([
      'recreate function sweep',
      'create trigger sweep/sweepOverdue',
    ])
    expect(secondPlan(desired(), old)).toEqual([])
  })

  it('functions: an environment variable that differs is updated, and says from what to what', () => {
    const want = desired()
    want.functions.api.env = { NODE_OPTIONS: '--max-semi-space-size=2' }
    const have = desired()
    have.functions.api.env = { NODE_OPTIONS: '--max-semi-space-size=16' }
    expect(changes(plan(want, have))).toEqual([
      expect.objectContaining({
        kind: 'function',
        target: 'api',
        action: 'update',
        detail: 'env NODE_OPTIONS=--max-semi-space-size=16 → NODE_OPTIONS=--max-semi-space-size=2',
      }),
    ])
    expect(secondPlan(want, have)).toEqual([])
  })

  it('routes: an HTTP access path is created, moved and removed with its function’s config', () => {
    const want = desired()
    want.functions.api.route = '/open311/v2'
    const none = desired()
    expect(changes(plan(want, none)).map((s) => `${s.action} ${s.kind} ${s.target}`)).toEqual([
      'create route api/open311/v2',
    ])
    expect(secondPlan(want, none)).toEqual([])
    const moved = desired()
    moved.functions.api.route = '/feed'
    expect(changes(plan(want, moved))).toEqual([
      expect.objectContaining({ kind: 'route', action: 'update', detail: '/feed → /open311/v2' }),
    ])
    expect(secondPlan(want, moved)).toEqual([])
    expect(changes(plan(none, want)).map((s) => `${s.action} ${s.kind} ${s.target}`)).toEqual([
      'delete route api/open311/v2',
    ])
    expect(secondPlan(none, want)).toEqual([])
    expect(changes(plan(want, want))).toEqual([])
  })

  it('is pure: the states it is given are not changed', () => {
    const want = desired()
    const have = desired()
    have.functions.api.memorySize = 512
    const before = [clone(want), clone(have)]
    applyToState(have, plan(want, have))
    expect([want, have]).toEqual(before)
  })

  it('refuses a described state with a clear error naming the bad field', () => {
    const bad = clone(desired()) as unknown as {
      collections: { users: { indexes: Record<string, unknown> } }
    }
    bad.collections.users.indexes.household = {
      keys: [{ field: 'householdId', direction: 2 }],
      unique: false,
    }
    expect(() => plan(desired(), bad as unknown as State)).toThrow(
      /observed\.collections\.users\.indexes\.household\.keys/,
    )
    expect(() => plan(desired(), { functions: [] } as unknown as State)).toThrow(/observed\.functions/)
  })
})

describe('the repo as desired state', () => {
  it('has every function config and every collection, index and rule of collections.json', () => {
    const want = desiredState()
    const file = JSON.parse(
      fs.readFileSync(path.join(root, 'cloudfunctions', 'collections.json'), 'utf8'),
    ) as {
      collections: Array<{ name: string; rule: unknown; indexes: Array<{ name: string; unique: boolean }> }>
    }
    expect(Object.keys(want.collections).sort()).toEqual(file.collections.map((c) => c.name).sort())
    for (const c of file.collections) {
      expect(get(want.collections, c.name).rule).toEqual(c.rule)
      for (const i of c.indexes)
        expect(get(get(want.collections, c.name).indexes, i.name).unique).toBe(i.unique)
    }
    // The heap setting each function's config.json starts its process with (ADR 0013) is deployed.
    for (const fn of ['api', 'notify', 'sweep'])
      expect(get(want.functions, fn).env).toEqual({ NODE_OPTIONS: '--max-semi-space-size=2' })
    expect(get(want.functions, 'sweep').trigger).toEqual({
      name: 'sweepOverdue',
      type: 'timer',
      config: '0 * * * * * *',
    })
    expect(secondPlan(want, empty())).toEqual([])
  })

  it('npm run deploy -- --dry-run --state prints the plan offline; a bad state file is refused', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-plan-'))
    try {
      const want = desiredState()
      const have = clone(want)
      delete have.collections.users
      get(have.functions, 'sweep').trigger = {
        name: 'sweepOverdue',
        type: 'timer',
        config: '0 */5 * * * * *',
      }
      const good = path.join(dir, 'observed.json')
      fs.writeFileSync(good, JSON.stringify(have))
      const run = (...args: string[]) =>
        execFileSync(process.execPath, [path.join(root, 'config', 'deploy.mjs'), '--no-build', ...args], {
          cwd: root,
          encoding: 'utf8',
          env: { ...process.env, ENV_ID: '', TENCENTCLOUD_SECRETID: '', TENCENTCLOUD_SECRETKEY: '' },
          stdio: ['ignore', 'pipe', 'pipe'],
        })
      const out = run('--dry-run', '--state', good)
      expect(out).toContain('create    collection users')
      expect(out).toContain('update    trigger    sweep/sweepOverdue')
      expect(out).toMatch(/collections\s+1 create, \d+ unchanged/)

      const bad = path.join(dir, 'bad.json')
      fs.writeFileSync(bad, JSON.stringify({ functions: { api: { runtime: 20 } } }))
      let err: { status?: number; stderr?: string } = {}
      try {
        run('--dry-run', '--state', bad)
      } catch (e) {
        err = e as typeof err
      }
      expect(err.status).toBe(2)
      expect(err.stderr).toMatch(/observed\.functions\.api\.runtime/)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})

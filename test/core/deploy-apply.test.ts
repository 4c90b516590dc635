/**
 * observe.cjs and apply.cjs speak @cloudbase/manager-node (docs/adr/0015-deploy-and-smoke.md). This
 * machine cannot reach CloudBase, so they run here against an in-memory environment that answers
 * with the response shapes of manager-node 5.6.5's own types (GetFunction's Triggers with a JSON
 * TriggerDesc, DescribeTable's Indexes with string directions and `_id_`, DescribeResourcePermission's
 * PermissionList) and a `tcb fn deploy` that, like the CLI, also creates the function's trigger from
 * cloudbaserc.json. Deploying twice must leave the second plan empty, and nothing but the plan runs.
 */
interface Key {
  field: string
  direction: 1 | -1 | '2dsphere'
}
interface State {
  functions: Record<string, { runtime: string; memorySize: number; timeout: number; trigger: unknown }>
  collections: Record<string, { rule: unknown; indexes: Record<string, { keys: Key[]; unique: boolean }> }>
}
interface Step {
  kind: string
  target: string
  action: string
}
const { plan, changes } = require('../../config/deploy/plan.cjs') as {
  plan(desired: State, observed: State): Step[]
  changes(steps: Step[]): Step[]
}
const { observe } = require('../../config/deploy/observe.cjs') as {
  observe(manager: unknown, desired: State): Promise<State>
}
const { applyPlan } = require('../../config/deploy/apply.cjs') as {
  applyPlan(
    steps: Step[],
    ctx: { manager: unknown; tcb(args: string[]): void; log(l: string): void },
  ): Promise<void>
}
const { desiredState } = require('../../config/deploy/desired.cjs') as { desiredState(): State }
const { renderCloudbaserc } = require('../../config/function-config.cjs') as {
  renderCloudbaserc(): {
    functions: Array<{
      name: string
      runtime: string
      memorySize: number
      timeout: number
      triggers?: Array<{ name: string; type: string; config: string }>
      path?: string
    }>
  }
}

interface FakeFn {
  Runtime: string
  MemorySize: number
  Timeout: number
  Description: string
  Environment?: { Variables: Array<{ Key: string; Value: string }> }
  Triggers: Array<{ TriggerName: string; Type: string; TriggerDesc: string }>
}
interface FakeIndex {
  Name: string
  Keys: Array<{ Name: string; Direction: string }>
  Unique: boolean
}

/** an environment as manager-node shows it, recording every call that changes something */
function fakeEnvironment() {
  const fns = new Map<string, FakeFn>()
  const tables = new Map<string, FakeIndex[]>()
  const perms = new Map<string, { Permission: string; SecurityRule?: string }>()
  /** the HTTP access service's routes (GetCloudBaseGWAPI's APISet) */
  const routes: Array<{ APIId: string; Path: string; Name: string; Type: number }> = []
  let apiSeq = 0
  const writes: string[] = []
  const notFound = (what: string) =>
    Object.assign(new Error(`[ResourceNotFound.Function] ${what} 不存在`), {
      code: 'ResourceNotFound.Function',
    })
  const fnOf = (name: string): FakeFn => {
    const f = fns.get(name)
    if (!f) throw notFound(name)
    return f
  }
  const manager = {
    functions: {
      async getFunctionDetail(name: string) {
        return { FunctionName: name, ...(JSON.parse(JSON.stringify(fnOf(name))) as FakeFn) }
      },
      async waitFunctionActive(name: string) {
        fnOf(name)
      },
      async updateFunctionConfig(func: {
        name: string
        description?: string
        envVariables?: Record<string, string>
      }) {
        writes.push(`updateFunctionConfig ${func.name}`)
        if (func.description !== undefined) fnOf(func.name).Description = func.description
        // manager-node sends Environment only when given, and then replaces every variable
        if (func.envVariables && Object.keys(func.envVariables).length)
          fnOf(func.name).Environment = {
            Variables: Object.entries(func.envVariables).map(([Key, Value]) => ({ Key, Value })),
          }
        return { RequestId: 'r' }
      },
      async deleteFunction(name: string) {
        writes.push(`deleteFunction ${name}`)
        fnOf(name)
        fns.delete(name)
        return { RequestId: 'r' }
      },
      async createFunctionTriggers(
        name: string,
        triggers: Array<{ name: string; type: string; config: string }>,
      ) {
        writes.push(`createFunctionTriggers ${name}`)
        const f = fnOf(name)
        for (const t of triggers) {
          if (f.Triggers.some((x) => x.TriggerName === t.name)) throw new Error(`trigger ${t.name} exists`)
          f.Triggers.push({
            TriggerName: t.name,
            Type: t.type,
            TriggerDesc: JSON.stringify({ cron: t.config }),
          })
        }
        return { RequestId: 'r' }
      },
      async deleteFunctionTrigger(name: string, triggerName: string) {
        writes.push(`deleteFunctionTrigger ${name}/${triggerName}`)
        const f = fnOf(name)
        f.Triggers = f.Triggers.filter((t) => t.TriggerName !== triggerName)
        return { RequestId: 'r' }
      },
    },
    database: {
      async listCollections(opts: { MgoOffset: number; MgoLimit: number }) {
        const all = [...tables.keys()]
        return {
          Collections: all
            .slice(opts.MgoOffset, opts.MgoOffset + opts.MgoLimit)
            .map((CollectionName) => ({ CollectionName })),
          Pager: { Offset: opts.MgoOffset, Limit: opts.MgoLimit, Total: all.length },
        }
      },
      async describeCollection(name: string) {
        const t = tables.get(name)
        if (!t) throw new Error(`no table ${name}`)
        return { Indexes: JSON.parse(JSON.stringify(t)) as FakeIndex[], IndexNum: t.length }
      },
      async createCollectionIfNotExists(name: string) {
        writes.push(`createCollectionIfNotExists ${name}`)
        const existed = tables.has(name)
        if (!existed)
          tables.set(name, [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true }])
        return { IsCreated: !existed, ExistsResult: { Exists: existed } }
      },
      async checkIndexExists(name: string, index: string) {
        return { Exists: (tables.get(name) ?? []).some((i) => i.Name === index) }
      },
      async updateCollection(
        name: string,
        info: {
          CreateIndexes?: Array<{
            IndexName: string
            MgoKeySchema: { MgoIndexKeys: Array<{ Name: string; Direction: string }>; MgoIsUnique: boolean }
          }>
          DropIndexes?: Array<{ IndexName: string }>
        },
      ) {
        const t = tables.get(name)
        if (!t) throw new Error(`no table ${name}`)
        for (const d of info.DropIndexes ?? []) {
          writes.push(`dropIndex ${name}.${d.IndexName}`)
          const at = t.findIndex((i) => i.Name === d.IndexName)
          if (at < 0) throw new Error(`no index ${d.IndexName}`)
          t.splice(at, 1)
        }
        for (const c of info.CreateIndexes ?? []) {
          writes.push(`createIndex ${name}.${c.IndexName}`)
          if (t.some((i) => i.Name === c.IndexName)) throw new Error(`index ${c.IndexName} exists`)
          expect(c.MgoKeySchema.MgoIndexKeys.every((k) => typeof k.Direction === 'string')).toBe(true)
          t.push({ Name: c.IndexName, Keys: c.MgoKeySchema.MgoIndexKeys, Unique: c.MgoKeySchema.MgoIsUnique })
        }
        return { RequestId: 'r' }
      },
    },
    access: {
      async getAccessList(opts: { name?: string; path?: string }) {
        const APISet = routes.filter(
          (r) => (!opts.name || r.Name === opts.name) && (!opts.path || r.Path === opts.path),
        )
        return { APISet: JSON.parse(JSON.stringify(APISet)) as typeof routes, Total: APISet.length }
      },
      async createAccess(opts: { name: string; path: string; type?: number }) {
        writes.push(`createAccess ${opts.path} → ${opts.name}`)
        // the platform refuses a second route at one path (InvalidParameter.APICreated)
        if (routes.some((r) => r.Path === opts.path)) throw new Error('InvalidParameter.APICreated')
        routes.push({ APIId: `api-${(apiSeq += 1)}`, Path: opts.path, Name: opts.name, Type: opts.type ?? 1 })
        return { APIId: `api-${apiSeq}`, RequestId: 'r' }
      },
      async deleteAccess(opts: { apiId: string }) {
        writes.push(`deleteAccess ${opts.apiId}`)
        const at = routes.findIndex((r) => r.APIId === opts.apiId)
        if (at < 0) throw new Error(`no route ${opts.apiId}`)
        routes.splice(at, 1)
        return { RequestId: 'r' }
      },
    },
    permission: {
      async describeResourcePermission(opts: { resourceType: string; resources: string[] }) {
        expect(opts.resourceType).toBe('collection')
        expect(opts.resources.length).toBeLessThanOrEqual(100)
        const PermissionList = opts.resources
          .filter((r) => perms.has(r))
          .map((r) => ({ ResourceType: 'collection', Resource: r, ...perms.get(r) }))
        return { Data: { TotalCount: PermissionList.length, PermissionList }, RequestId: 'r' }
      },
      async modifyResourcePermission(opts: {
        resourceType: string
        resource: string
        permission: string
        securityRule?: string
      }) {
        writes.push(`modifyResourcePermission ${opts.resource} ${opts.permission}`)
        expect(tables.has(opts.resource)).toBe(true)
        perms.set(opts.resource, { Permission: opts.permission, SecurityRule: opts.securityRule })
        return { Data: { Success: true }, RequestId: 'r' }
      },
    },
  }
  /** `tcb fn deploy <fn> --force --yes -e <env>`: code and config from cloudbaserc.json, trigger and HTTP path too */
  const tcb = (args: string[]) => {
    writes.push(`tcb ${args.join(' ')}`)
    expect(args.slice(0, 2)).toEqual(['fn', 'deploy'])
    const rc = renderCloudbaserc().functions.find((f) => f.name === args[2])
    if (!rc) throw new Error(`no function ${args[2]} in cloudbaserc.json`)
    const prev = fns.get(rc.name)
    fns.set(rc.name, {
      Runtime: prev?.Runtime ?? rc.runtime,
      MemorySize: rc.memorySize,
      Timeout: rc.timeout,
      Description: prev?.Description ?? '',
      // Whether the CLI applies cloudbaserc's envVariables is not relied on: apply sets them itself.
      ...(prev?.Environment ? { Environment: prev.Environment } : {}),
      Triggers: prev?.Triggers.length
        ? prev.Triggers
        : (rc.triggers ?? []).map((t) => ({
            TriggerName: t.name,
            Type: t.type,
            TriggerDesc: JSON.stringify({ cron: t.config }),
          })),
    })
    // like the CLI (createAccessPath): the path cloudbaserc.json names, unless it already leads here
    if (rc.path && !routes.some((r) => r.Path === rc.path && r.Name === rc.name))
      routes.push({ APIId: `api-${(apiSeq += 1)}`, Path: rc.path, Name: rc.name, Type: 1 })
  }
  return { manager, tcb, fns, tables, perms, writes, routes }
}

async function deploy(env: ReturnType<typeof fakeEnvironment>, desired: State): Promise<Step[]> {
  const steps = plan(desired, await observe(env.manager, desired))
  await applyPlan(steps, { manager: env.manager, tcb: env.tcb, log: () => undefined })
  return steps
}

describe('deploy against an environment as manager-node shows it', () => {
  it('provisions an empty environment; deploying again plans and writes nothing', async () => {
    const env = fakeEnvironment()
    const desired = desiredState()
    const first = await deploy(env, desired)
    expect(changes(first).length).toBe(first.length)
    const fileCollections = Object.keys(desired.collections)
    expect([...env.tables.keys()].sort()).toEqual([...fileCollections].sort())
    expect([...env.perms.values()].every((p) => p.Permission === 'ADMINONLY')).toBe(true)
    const users = env.tables.get('users') ?? []
    expect(users.find((i) => i.Name === 'openid_unique')).toEqual({
      Name: 'openid_unique',
      Keys: [{ Name: 'openid', Direction: '1' }],
      Unique: true,
    })
    expect(env.fns.get('sweep')?.Triggers).toEqual([
      { TriggerName: 'sweepOverdue', Type: 'timer', TriggerDesc: JSON.stringify({ cron: '0 * * * * * *' }) },
    ])

    // the Open311 feed's HTTP access path (cloudfunctions/open311/config.json httpPath), made by the CLI
    expect(env.routes.map((r) => `${r.Path} → ${r.Name}`)).toEqual(['/open311/v2 → open311'])

    env.writes.length = 0
    const second = await deploy(env, desired)
    expect(changes(second)).toEqual([])
    expect(env.writes).toEqual([])
  })

  it('puts back a deleted or moved HTTP access route, once', async () => {
    const env = fakeEnvironment()
    const desired = desiredState()
    await deploy(env, desired)
    env.routes.length = 0
    env.writes.length = 0
    const steps = changes(await deploy(env, desired))
    expect(steps.map((s) => `${s.action} ${s.kind} ${s.target}`)).toEqual(['create route open311/open311/v2'])
    expect(env.writes).toEqual(['createAccess /open311/v2 → open311'])
    const route = env.routes[0]
    if (!route) throw new Error('route not made')
    route.Path = '/old-feed'
    env.writes.length = 0
    await deploy(env, desired)
    expect(env.writes).toEqual(['deleteAccess api-2', 'createAccess /open311/v2 → open311'])
    expect(changes(plan(desired, await observe(env.manager, desired)))).toEqual([])
  })

  it('repairs drift: a 5-minute sweep, an index with other keys, a readable collection, an old runtime', async () => {
    const env = fakeEnvironment()
    const desired = desiredState()
    await deploy(env, desired)
    const sweep = env.fns.get('sweep')
    if (!sweep) throw new Error('sweep not deployed')
    sweep.Triggers = [
      {
        TriggerName: 'sweepOverdue',
        Type: 'timer',
        TriggerDesc: JSON.stringify({ cron: '0 */5 * * * * *' }),
      },
    ]
    const users = env.tables.get('users') ?? []
    const idx = users.find((i) => i.Name === 'openid_unique')
    if (!idx) throw new Error('index missing')
    idx.Unique = false
    env.perms.set('orders', { Permission: 'READONLY' })
    const notify = env.fns.get('notify')
    if (!notify) throw new Error('notify not deployed')
    notify.Runtime = 'Nodejs16.13'

    env.writes.length = 0
    const steps = changes(await deploy(env, desired))
    expect(steps.map((s) => `${s.action} ${s.kind} ${s.target}`).sort()).toEqual(
      [
        'update trigger sweep/sweepOverdue',
        'recreate index users.openid_unique',
        'update rule orders',
        'recreate function notify',
        'create trigger notify/retryUndelivered',
      ].sort(),
    )
    expect(env.writes).toEqual(
      expect.arrayContaining([
        'deleteFunction notify',
        'deleteFunctionTrigger sweep/sweepOverdue',
        'dropIndex users.openid_unique',
        'createIndex users.openid_unique',
        'modifyResourcePermission orders ADMINONLY',
      ]),
    )
    // the recreated function got its trigger from the CLI deploy: apply did not create it twice
    expect(env.fns.get('notify')?.Triggers).toHaveLength(1)
    expect(changes(plan(desired, await observe(env.manager, desired)))).toEqual([])
  })
})

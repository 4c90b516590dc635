// Executes a plan (plan.cjs) on a CloudBase environment, in order:
//   functions  → the pinned tcb CLI (`tcb fn deploy <fn> --force`, reading cloudbaserc.json), then
//                the code mark in the description through manager-node (observe reads it back);
//                a runtime change deletes the function first (CloudBase sets runtime at creation);
//   triggers   → manager-node createFunctionTriggers / deleteFunctionTrigger;
//   routes     → manager-node access.createAccess / deleteAccess (HTTP access service paths);
//   collections, indexes, rules → manager-node createCollectionIfNotExists, updateCollection
//                (CreateIndexes / DropIndexes, unique included), modifyResourcePermission.
// Each step re-checks what it is about to change where the platform allows it, so a step that a
// previous, interrupted run already made is not made twice.
'use strict'
const { describeCode } = require('./desired.cjs')
const { routeOf, triggerOf } = require('./observe.cjs')
const { same } = require('./plan.cjs')

const createIndex = (name, to) => ({
  IndexName: name,
  MgoKeySchema: {
    MgoIndexKeys: to.keys.map((k) => ({ Name: k.field, Direction: String(k.direction) })),
    MgoIsUnique: to.unique,
  },
})

/**
 * @param steps the plan
 * @param ctx { manager: CloudBase (manager-node), tcb(args: string[]): void, log(line): void }
 */
async function applyPlan(steps, { manager, tcb, log = console.log }) {
  const todo = steps.filter((s) => s.action !== 'unchanged')
  for (const s of todo.filter((x) => x.kind === 'function')) {
    log(`${s.action} function ${s.target}${s.detail ? ` (${s.detail})` : ''}`)
    if (s.action === 'recreate') await manager.functions.deleteFunction(s.target)
    tcb(['fn', 'deploy', s.target, '--force', '--yes'])
    // SCF refuses a configuration change while the function is still creating or updating
    await manager.functions.waitFunctionActive(s.target)
    await manager.functions.updateFunctionConfig({
      name: s.target,
      description: describeCode(s.to.codeSha256),
      // the platform starts the function's process with these (e.g. NODE_OPTIONS sizing the heap)
      ...(Object.keys(s.to.env ?? {}).length ? { envVariables: s.to.env } : {}),
    })
  }
  for (const s of todo.filter((x) => x.kind === 'trigger')) {
    log(`${s.action} trigger ${s.target}${s.detail ? ` (${s.detail})` : ''}`)
    // `tcb fn deploy` may already have created the trigger from cloudbaserc.json
    const info = await manager.functions.getFunctionDetail(s.fn)
    const now = (info.Triggers ?? []).filter((t) => t.Type === 'timer').map(triggerOf)
    for (const t of now)
      if (s.action === 'delete' || !s.to || !same(t, s.to))
        await manager.functions.deleteFunctionTrigger(s.fn, t.name)
    if (s.action !== 'delete' && !now.some((t) => same(t, s.to)))
      await manager.functions.createFunctionTriggers(s.fn, [s.to])
  }
  for (const s of todo.filter((x) => x.kind === 'route')) {
    log(`${s.action} route ${s.target}${s.detail ? ` (${s.detail})` : ''}`)
    // `tcb fn deploy` creates the path named in cloudbaserc.json: look before making it again
    const now = await routeOf(manager, s.fn)
    if (now && now !== s.to) {
      const { APISet } = await manager.access.getAccessList({ name: s.fn })
      for (const a of (APISet ?? []).filter((x) => x.Name === s.fn && x.Path === now))
        await manager.access.deleteAccess({ apiId: a.APIId })
    }
    if (s.action !== 'delete' && now !== s.to)
      await manager.access.createAccess({ name: s.fn, path: s.to, type: 1 })
  }
  for (const s of todo.filter((x) => x.kind === 'collection')) {
    log(`create collection ${s.target}`)
    await manager.database.createCollectionIfNotExists(s.target)
  }
  for (const s of todo.filter((x) => x.kind === 'index')) {
    log(`${s.action} index ${s.target} ${s.detail ?? ''}`)
    if (s.action === 'recreate' || (await manager.database.checkIndexExists(s.collection, s.index)).Exists)
      await manager.database.updateCollection(s.collection, { DropIndexes: [{ IndexName: s.index }] })
    await manager.database.updateCollection(s.collection, { CreateIndexes: [createIndex(s.index, s.to)] })
  }
  for (const s of todo.filter((x) => x.kind === 'rule')) {
    log(`${s.action} rule ${s.target} → ${s.permission}`)
    await manager.permission.modifyResourcePermission({
      resourceType: 'collection',
      resource: s.collection,
      permission: s.permission,
      ...(s.securityRule ? { securityRule: s.securityRule } : {}),
    })
  }
}

module.exports = { applyPlan, createIndex }

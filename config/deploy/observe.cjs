// Reads what a CloudBase environment holds, in the planner's state shape (plan.cjs), through the
// pinned @cloudbase/manager-node: functions (GetFunction: runtime, memory, timeout, triggers, and
// the code mark deploy leaves in the description), collections (ListTables), their indexes
// (DescribeTable) and their permissions (DescribeResourcePermission, ≤ 100 names per call).
'use strict'
const { CODE_MARK } = require('./desired.cjs')
const { ruleOf, validateState } = require('./plan.cjs')

const notFound = (e) => /ResourceNotFound|not ?found|不存在/i.test(`${e?.code ?? ''} ${e?.message ?? ''}`)

/** a timer trigger as GetFunction describes it: TriggerDesc is `{"cron":"…"}` on SCF */
function triggerOf(t) {
  const name = t.TriggerName ?? t.Name
  const type = t.Type
  let config = t.TriggerDesc ?? t.Config ?? ''
  try {
    const parsed = JSON.parse(config)
    if (parsed && typeof parsed.cron === 'string') config = parsed.cron
  } catch {
    // already a plain cron expression
  }
  return { name, type, config }
}

/** The HTTP access service's path to a function (type 1 = cloud function), or null. */
async function routeOf(manager, name) {
  const res = await manager.access.getAccessList({ name })
  const api = (res.APISet ?? []).find((a) => a.Name === name && Number(a.Type) === 1)
  return api ? api.Path : null
}

/** direction as collections.json writes it: 1, -1 or "2dsphere" */
const direction = (d) => (d === '1' || d === 1 ? 1 : d === '-1' || d === -1 ? -1 : String(d))

/** the observed state of the functions and collections named in `desired` (others are not read) */
async function observe(manager, desired) {
  const functions = {}
  for (const name of Object.keys(desired.functions)) {
    let info
    try {
      info = await manager.functions.getFunctionDetail(name)
    } catch (e) {
      if (notFound(e)) continue
      throw e
    }
    const mark = CODE_MARK.exec(info.Description ?? '')
    const triggers = (info.Triggers ?? []).filter((t) => t.Type === 'timer').map(triggerOf)
    functions[name] = {
      runtime: info.Runtime,
      memorySize: Number(info.MemorySize),
      timeout: Number(info.Timeout),
      env: Object.fromEntries((info.Environment?.Variables ?? []).map((v) => [v.Key, String(v.Value)])),
      codeSha256: mark ? mark[1] : null,
      trigger: triggers[0] ?? null,
      route: await routeOf(manager, name),
    }
  }

  const existing = new Set()
  for (let offset = 0; ;) {
    const res = await manager.database.listCollections({ MgoOffset: offset, MgoLimit: 100 })
    for (const c of res.Collections ?? []) existing.add(c.CollectionName)
    offset += (res.Collections ?? []).length
    if (!(res.Collections ?? []).length || offset >= (res.Pager?.Total ?? 0)) break
  }
  const collections = {}
  const names = Object.keys(desired.collections).filter((n) => existing.has(n))
  for (const name of names) {
    const table = await manager.database.describeCollection(name)
    const indexes = {}
    for (const i of table.Indexes ?? []) {
      if (i.Name === '_id_') continue
      indexes[i.Name] = {
        keys: (i.Keys ?? []).map((k) => ({ field: k.Name, direction: direction(k.Direction) })),
        unique: Boolean(i.Unique),
      }
    }
    collections[name] = { rule: null, indexes }
  }
  for (let i = 0; i < names.length; i += 100) {
    const { Data } = await manager.permission.describeResourcePermission({
      resourceType: 'collection',
      resources: names.slice(i, i + 100),
    })
    for (const p of Data?.PermissionList ?? [])
      if (collections[p.Resource]) collections[p.Resource].rule = ruleOf(p.Permission, p.SecurityRule)
  }
  return validateState({ functions, collections }, 'observed')
}

module.exports = { observe, triggerOf, routeOf }

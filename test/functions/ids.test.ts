import * as v from 'valibot'
import { apiActions } from '../../src/core/api'
import { permissionTable } from '../../src/core/permissions'
import type { Role } from '../../src/core/roles'
import { SeedIds } from '../../emulator/seed/demo-data'
import { apiCaller, useSeededEmulator, type ApiResult } from '../support/seeded-emulator'

const emu = useSeededEmulator()

// Ids through the built `api` function (ADR 0016): opaque, never carrying a person's id, and every
// unknown id refused as not found, never answered with defaults or echoed back.

const call = apiCaller(emu)
const db = () => emu().app.database()

/** One demo caller per role (the permission table says which roles may call an action). */
const CALLER: Record<Role, string> = {
  resident: 'demo-openid-resident-wang',
  helper: 'demo-openid-helper-liu',
  grid_worker: 'demo-openid-xinhua-01-worker',
  building_leader: 'demo-openid-leader-zhou',
  council_member: 'demo-openid-helper-yang',
  community_admin: 'demo-openid-xinhua-admin',
  street_admin: 'demo-openid-street-admin',
}

let seq = 0
const rid = () => `req-ids-${(seq += 1)}-${Math.random().toString(36).slice(2, 8)}`
const ok = (r: ApiResult) => {
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.data
}

// ── Which actions take an id, read from their input schemas ──

type Schema = v.GenericSchema & {
  readonly type: string
  readonly entries?: Record<string, Schema>
  readonly wrapped?: Schema
  readonly options?: readonly unknown[]
  readonly literal?: unknown
  readonly item?: Schema
}

/** An input field that names a record or a place (`requestId` is the client's, not a record's). */
const isIdField = (name: string) => /Id$/.test(name) && name !== 'requestId'

/** Does this schema name an id anywhere (a nested `to: { userId }` included)? */
function hasId(schema: Schema): boolean {
  const s = inner(schema)
  if (s.entries) return Object.entries(s.entries).some(([name, f]) => isIdField(name) || hasId(f))
  if (s.options && (s.type === 'union' || s.type === 'variant')) return (s.options as Schema[]).some(hasId)
  if (s.item) return hasId(s.item)
  return false
}

/** The object schemas an action's input may take (a union or variant: each of its options). */
function shapesOf(schema: Schema): Schema[] {
  if (schema.type === 'object' || schema.type === 'strict_object' || schema.type === 'loose_object')
    return [schema]
  if (schema.type === 'union' || schema.type === 'variant')
    return (schema.options as Schema[]).flatMap((o) => shapesOf(o))
  return []
}

const inner = (s: Schema): Schema =>
  s.type === 'optional' || s.type === 'nullish' || s.type === 'nullable' ? (s.wrapped as Schema) : s

const ISO_SOON = () => new Date(Date.now() + 3 * 86_400_000).toISOString()
/** Well-formed values for ordinary fields, tried in order until the field's own schema accepts one. */
const STRING_CANDIDATES = () => [
  '楼道灯坏了，请帮忙看看',
  'abcdefgh12',
  'ABCD2345',
  '13800001111',
  '101',
  ISO_SOON(),
]

/** A value the field's schema accepts; ids get `unknown`. Throws when nothing fits (add a candidate). */
function sample(name: string, schema: Schema, unknown: string): unknown {
  const s = inner(schema)
  const accepts = (x: unknown) => v.safeParse(s, x).success
  const pick = (xs: readonly unknown[]) => {
    const found = xs.find(accepts)
    if (found === undefined) throw new Error(`no sample for field ${name} (${s.type})`)
    return found
  }
  if (isIdField(name)) return pick([unknown])
  if (name === 'requestId') return pick([rid()])
  switch (s.type) {
    case 'string':
      return pick(STRING_CANDIDATES())
    case 'number':
      return pick([1, 10, 100, 0])
    case 'boolean':
      return pick([true, false])
    case 'picklist':
      return pick(s.options ?? [])
    case 'literal':
      return s.literal
    case 'array':
      return pick([[], [sample(`${name}[]`, s.item as Schema, unknown)]])
    case 'object':
    case 'strict_object':
    case 'loose_object':
      return inputOf(s, unknown)
    case 'union':
    case 'variant': {
      // An option naming an id first: the sweep is about ids.
      const options = [...(s.options as Schema[])].sort((a, b) => Number(hasId(b)) - Number(hasId(a)))
      return pick(options.map((o) => sample(name, o, unknown)))
    }
    default:
      throw new Error(`no sample for field ${name} (${s.type})`)
  }
}

/** The smallest well-formed input of one shape: its required fields and every id field, ids unknown. */
function inputOf(shape: Schema, unknown: string): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [name, field] of Object.entries(shape.entries ?? {})) {
    const optional = field.type === 'optional' || field.type === 'nullish'
    if (optional && !isIdField(name) && !hasId(field)) continue
    out[name] = sample(name, field, unknown)
  }
  return out
}

interface Probe {
  readonly action: string
  readonly input: Record<string, unknown>
}

/**
 * Every action whose input names an id, one probe per input shape that does, and one per option of
 * a top-level choice (`level: street | community | …`), since each may look the id up differently.
 */
function probes(unknown: string): Probe[] {
  const out: Probe[] = []
  for (const [action, def] of Object.entries(apiActions)) {
    for (const shape of shapesOf(def.input as unknown as Schema)) {
      if (!hasId(shape)) continue
      const base = inputOf(shape, unknown)
      const choices = Object.entries(shape.entries ?? {}).filter(
        ([name, f]) => name in base && f.type === 'picklist',
      )
      const inputs = choices.length
        ? choices.flatMap(([name, f]) => (f.options ?? []).map((o) => ({ ...base, [name]: o })))
        : [base]
      for (const input of inputs) {
        if (!v.safeParse(def.input, input).success)
          throw new Error(`${action}: the sweep's input is not well formed: ${JSON.stringify(input)}`)
        out.push({ action, input })
      }
    }
  }
  return out
}

/** The roles that may call an action (`anyone`: a resident stands for everyone). */
function rolesFor(action: string): Role[] {
  const rule = permissionTable[action]
  if (!rule) return []
  return 'anyone' in rule ? ['resident'] : [...rule.roles]
}

/**
 * Not found, as the action says it. DATA.NOT_FOUND is the convention; these features refine it with
 * their own not-found codes, which their pages show with their own copy (each one means "no such
 * record", never anything else).
 */
const NOT_FOUND = new Set([
  'DATA.NOT_FOUND',
  'ACTIVITY.NOT_FOUND',
  'MARKET.ITEM_NOT_FOUND',
  'MARKET.VOUCHER_NOT_FOUND',
  'JOIN.UNIT_NOT_FOUND',
])

/** Probes where an unknown id is not "not found" by design, each with why. */
const EXCEPTIONS: readonly { action: string; when: Record<string, unknown>; why: string }[] = [
  { action: 'join.options', when: { level: 'street' }, why: 'lists every street: its parentId is ignored' },
]
const excepted = ({ action, input }: Probe) =>
  EXCEPTIONS.some((e) => e.action === action && Object.entries(e.when).every(([k, x]) => input[k] === x))

const PERSON_RECORDS = [
  'orders',
  'errands',
  'join_requests',
  'market_items',
  'market_vouchers',
  'activities',
  'activity_signups',
  'point_transfers',
  'point_entries',
  'volunteer_hours',
]
const counts = async () =>
  Object.fromEntries(
    await Promise.all(
      PERSON_RECORDS.map(async (c) => [c, (await db().collection(c).count()).total as number] as const),
    ),
  )

describe('unknown ids', () => {
  it('finds the actions that take an id from the contract (a new action is covered without a list)', () => {
    const actions = new Set(probes('zz-unknown').map((p) => p.action))
    // A few known ones, to show the reading of the schemas works; the sweep below covers them all.
    for (const a of [
      'order.get',
      'errand.get',
      'join.cancel',
      'market.redeem',
      'activity.get',
      'report.categories',
    ])
      expect(actions).toContain(a)
    // Each exception matches a probe (a stale one fails), and only that probe of its action is skipped.
    for (const e of EXCEPTIONS) {
      const matching = probes('zz-unknown').filter((p) => p.action === e.action)
      expect(matching.filter(excepted).length).toBeGreaterThan(0)
      expect(matching.filter((p) => !excepted(p)).length).toBeGreaterThan(0)
    }
    for (const a of actions) expect(rolesFor(a).length).toBeGreaterThan(0)
  })

  it.each([
    ['a well-formed unknown id', 'zz9unknown9record9id'],
    ['a script tag', '<script>alert(1)</script>'],
  ])(
    'every action answers %s as not found, for every role that may call it, storing nothing',
    async (_, unknown) => {
      const before = await counts()
      const wrong: string[] = []
      for (const probe of probes(unknown)) {
        if (excepted(probe)) continue
        const { action, input } = probe
        for (const role of rolesFor(action)) {
          const res = await call(CALLER[role], action, input)
          const code = res.ok ? 'ok' : (res.error?.code ?? '?')
          if (!NOT_FOUND.has(code)) wrong.push(`${action} as ${role}: ${code} ${JSON.stringify(input)}`)
          if (JSON.stringify(res).includes(unknown)) wrong.push(`${action} as ${role}: echoes the id back`)
        }
      }
      expect(wrong).toEqual([])
      expect(await counts()).toEqual(before)
    },
    120_000,
  )
})

// ── Ids carry nobody ──

/** Every string the answer holds under an id-like key (`id`, `…Id`, `…Ids`), with where. */
function idsIn(value: unknown, at = ''): { at: string; id: string }[] {
  if (Array.isArray(value)) return value.flatMap((x, i) => idsIn(x, `${at}[${i}]`))
  if (!value || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([k, x]) => {
    const here = `${at}.${k}`
    const idKey = k === 'id' || k === '_id' || /Ids?$/.test(k)
    const strings = idKey
      ? (Array.isArray(x) ? x : [x]).filter((s): s is string => typeof s === 'string')
      : []
    return [...strings.map((id) => ({ at: here, id })), ...idsIn(x, here)]
  })
}

describe('opaque ids', () => {
  it("no id the API answers contains a person's user id or openid (a reference to the person is the id itself)", async () => {
    const WANG = CALLER.resident
    const ADMIN = CALLER.community_admin
    const NEWCOMER = 'demo-openid-newcomer'
    const soon = (min: number) => new Date(Date.now() + min * 60_000).toISOString()
    const answers: { action: string; data: unknown }[] = []
    const run = async (openid: string, action: string, input: Record<string, unknown> = {}) => {
      const data = ok(await call(openid, action, input))
      answers.push({ action, data })
      return data
    }
    // Records people create, each kind once…
    const order = await run(WANG, 'report.submit', {
      requestId: rid(),
      category: 'street_light',
      text: '3号楼前的路灯一直不亮，晚上很黑',
    })
    const errand = await run(WANG, 'errand.post', {
      requestId: rid(),
      type: 'groceries',
      text: '帮忙买一袋大米',
      windowStart: soon(10),
      windowEnd: soon(130),
    })
    const join = await run(NEWCOMER, 'join.submit', {
      requestId: rid(),
      unitId: 'bd-xinhua-01-09-u1',
      room: '402',
      name: '孙晓东',
      consent: true,
    })
    const activity = await run(ADMIN, 'activity.publish', {
      requestId: rid(),
      communityId: 'cm-xinhua',
      title: '敬老院陪伴',
      team: '彩虹桥·助老服务队',
      description: '陪老人聊天、读报',
      place: '东街道敬老院',
      startAt: soon(120),
      endAt: soon(270),
      capacity: 10,
      points: 10,
    })
    await run(WANG, 'activity.signup', { activityId: activity.activityId })
    const award = await run(ADMIN, 'points.award', {
      userId: 'user-resident-wang',
      amount: 30,
      reason: '社区清洁日',
      requestId: rid(),
    })
    await run(WANG, 'points.give', {
      to: 'fund',
      amount: 1,
      note: '谢谢帮忙',
      requestId: rid(),
    })
    const voucher = await run(WANG, 'market.redeem', { itemId: SeedIds.items.soap, requestId: rid() })
    // …and the views that list them.
    await run(WANG, 'order.get', { orderId: order.orderId })
    await run(WANG, 'report.mine')
    await run(WANG, 'errand.get', { errandId: errand.errandId })
    await run(WANG, 'errand.mine', { as: 'requester' })
    await run(NEWCOMER, 'me.data')
    await run(WANG, 'me.data')
    await run(WANG, 'points.mine')
    await run(WANG, 'market.vouchers')
    await run(WANG, 'activity.get', { activityId: activity.activityId })
    await run(ADMIN, 'points.transfers', { communityId: 'cm-xinhua' })

    const created = [
      order.orderId,
      errand.errandId,
      join.joinId,
      activity.activityId,
      award.transferId,
      voucher.voucherId,
    ] as string[]
    const people = (
      (await db().collection('users').field({ _id: true, openid: true }).limit(1000).get()).data as {
        _id: string
        openid: string
      }[]
    ).flatMap((u) => [u._id, u.openid])
    const found = answers.flatMap(({ action, data }) => idsIn(data).map((x) => ({ action, ...x })))
    // The sweep saw the new records' ids (so an empty result means something).
    expect(found.map((f) => f.id)).toEqual(expect.arrayContaining(created))
    const leaking = found.filter(({ id }) => people.some((p) => id !== p && id.includes(p)))
    expect(leaking).toEqual([])
    // Each is a prefix and 20 random base32 characters.
    for (const id of created) expect(id).toMatch(/^[a-z]{2}_[a-z2-7]{20}$/)
  })
})

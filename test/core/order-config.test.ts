import { apiActions } from '../../src/core/api'
import { parseInput } from '../../src/core/contract/validate'
import { categoriesFor, DefaultCategories, findCategory } from '../../src/core/orders/categories'
import {
  applyConfigure,
  customCategoryId,
  recordPartsOf,
  SlaFieldLabel,
  SlaFields,
  slaTableProblems,
  stateOf,
  stateOfView,
  viewOf,
  type ConfigState,
  type ConfigurePatch,
} from '../../src/core/orders/config'
import { can } from '../../src/core/permissions'
import { DefaultSla, nextDeadline, slaFor } from '../../src/core/orders/sla'
import { Roles, type Role } from '../../src/core/roles'
import { actorWith, elsewhereOf, scopeOf } from '../support/builders'

const fresh = stateOf(null)
const apply = (patch: ConfigurePatch, state: ConfigState = fresh) => applyConfigure(state, patch)
const ok = (patch: ConfigurePatch, state: ConfigState = fresh): ConfigState => {
  const r = apply(patch, state)
  if (!r.ok) throw new Error(JSON.stringify(r.details))
  return r.state
}
const problems = (patch: ConfigurePatch, state: ConfigState = fresh) => {
  const r = apply(patch, state)
  return r.ok ? [] : r.details
}

describe('SLA bounds: ORDER.CONFIG_INVALID details per field', () => {
  it.each([
    [
      'grid accept 0 h',
      { tiers: { grid: { acceptHours: 0 } } },
      'sla.tiers.grid.acceptHours',
      '网格接单时限（小时）应在 1–72 之间',
    ],
    [
      'grid accept 73 h',
      { tiers: { grid: { acceptHours: 73 } } },
      'sla.tiers.grid.acceptHours',
      '网格接单时限（小时）应在 1–72 之间',
    ],
    [
      'street accept 1.5 h',
      { tiers: { street: { acceptHours: 1.5 } } },
      'sla.tiers.street.acceptHours',
      '街道接单时限（小时）请填写整数',
    ],
    [
      'community reply 0 days',
      { tiers: { community: { replyDays: 0 } } },
      'sla.tiers.community.replyDays',
      '社区答复时限（天）应在 1–30 之间',
    ],
    [
      'department reply 31 days',
      { tiers: { department: { replyDays: 31 } } },
      'sla.tiers.department.replyDays',
      '职能部门答复时限（天）应在 1–30 之间',
    ],
    ['reopen 0 days', { reopenDays: 0 }, 'sla.reopenDays', '可重新办理的天数应在 1–30 之间'],
    ['reopen 31 days', { reopenDays: 31 }, 'sla.reopenDays', '可重新办理的天数应在 1–30 之间'],
    [
      'hazard 0 h',
      { hazardAcceptHours: 0 },
      'sla.hazardAcceptHours',
      '安全隐患接单时限（小时）应在 1–72 之间',
    ],
    [
      'hazard NaN',
      { hazardAcceptHours: Number.NaN },
      'sla.hazardAcceptHours',
      '安全隐患接单时限（小时）请填写数字',
    ],
    [
      'hazard slower than grid accept',
      { hazardAcceptHours: 5 },
      'sla.hazardAcceptHours',
      '安全隐患接单时限不能长于各级接单时限（最短 4 小时）',
    ],
    [
      'grid accept faster than hazard',
      { tiers: { grid: { acceptHours: 2 } }, hazardAcceptHours: 3 },
      'sla.hazardAcceptHours',
      '安全隐患接单时限不能长于各级接单时限（最短 2 小时）',
    ],
    ['promise 6 days', { maxPromiseDays: 6 }, 'sla.maxPromiseDays', '限期办最长承诺天数应在 7–180 之间'],
  ] as const)('%s', (_name, sla, path, message) => {
    expect(problems({ sla })).toEqual([{ path, message }])
  })

  it.each([
    ['grid 1 h, hazard 1 h', { tiers: { grid: { acceptHours: 1 } }, hazardAcceptHours: 1 }],
    [
      'upper bounds',
      { tiers: { department: { acceptHours: 72, replyDays: 30 } }, reopenDays: 30, maxPromiseDays: 180 },
    ],
    ['hazard equal to the fastest tier', { hazardAcceptHours: 4 }],
  ] as const)('accepts %s', (_name, sla) => {
    expect(apply({ sla }).ok).toBe(true)
  })

  it('lists every bad field at once and applies nothing', () => {
    const r = apply({ sla: { tiers: { grid: { acceptHours: 0, replyDays: 99 } }, reopenDays: -1 } })
    expect(r.ok).toBe(false)
    if (!r.ok)
      expect(r.details.map((d) => d.path)).toEqual([
        'sla.tiers.grid.acceptHours',
        'sla.tiers.grid.replyDays',
        'sla.reopenDays',
      ])
  })

  it('stores only what differs from the default; null resets; the effective table follows', () => {
    const s = ok({ sla: { tiers: { grid: { acceptHours: 2, replyDays: 3 } }, reopenDays: 10 } })
    expect(s.sla).toEqual({ tiers: { grid: { acceptHours: 2 } }, reopenDays: 10 })
    expect(slaFor(s.sla).tiers.grid).toEqual({ acceptHours: 2, replyDays: 3 })
    const view = viewOf({ id: 'c', name: '社区' }, s, true, null)
    expect(view.overridden).toEqual(['tiers.grid.acceptHours', 'reopenDays'])
    expect(view.defaults).toEqual(DefaultSla)
    const back = ok({ sla: { tiers: { grid: { acceptHours: null } }, reopenDays: null } }, s)
    expect(back.sla).toEqual({})
  })

  it('validates the whole default table as sane, and every field has a label', () => {
    expect(slaTableProblems(DefaultSla)).toEqual([])
    for (const f of SlaFields) expect(SlaFieldLabel[f]).toMatch(/\S/)
  })

  it('an SLA change moves the next deadline of a new order', () => {
    const s = ok({ sla: { tiers: { grid: { acceptHours: 2 } } } })
    const o = {
      status: 'submitted' as const,
      tier: 'grid' as const,
      tierSince: new Date('2026-03-01T00:00:00Z'),
      lastReplyAt: null,
      reply: null,
      hazard: false,
    }
    expect(nextDeadline(o, slaFor(s.sla))?.at.toISOString()).toBe('2026-03-01T02:00:00.000Z')
    expect(nextDeadline(o, slaFor(fresh.sla))?.at.toISOString()).toBe('2026-03-01T04:00:00.000Z')
  })
})

describe('categories: hide, add custom, names unique, 其他 fixed', () => {
  it.each([
    ['hide 其他', { hidden: ['other'] }, 'categories.hidden', '“其他”类别不能隐藏'],
    ['hide an unknown id', { hidden: ['nope'] }, 'categories.hidden', '没有这个类别：nope'],
    ['empty name', { custom: [{ name: '  ' }] }, 'categories.custom.0.name', '请填写类别名称'],
    [
      '9-character name',
      { custom: [{ name: '一二三四五六七八九' }] },
      'categories.custom.0.name',
      '类别名称不超过 8 个字',
    ],
    ['angle brackets', { custom: [{ name: '<b>' }] }, 'categories.custom.0.name', '类别名称不能包含特殊字符'],
    [
      '31-character hint',
      { custom: [{ name: '文明养犬', hint: '字'.repeat(31) }] },
      'categories.custom.0.hint',
      '说明不超过 30 个字',
    ],
    [
      'name of a built-in category',
      { custom: [{ name: '路灯不亮' }] },
      'categories.custom.0.name',
      '已有名为“路灯不亮”的类别',
    ],
    ['name of 其他', { custom: [{ name: '其他' }] }, 'categories.custom.0.name', '已有名为“其他”的类别'],
    [
      'editing a built-in category',
      { custom: [{ id: 'drain', name: '下水道' }] },
      'categories.custom.0.id',
      '系统内置类别不能修改，可以隐藏',
    ],
    [
      'editing an unknown id',
      { custom: [{ id: 'c_nope', name: '新名字' }] },
      'categories.custom.0.id',
      '要修改的类别不存在',
    ],
  ] as const)('%s', (_name, categories, path, message) => {
    expect(problems({ categories })).toEqual([{ path, message }])
  })

  it('hides without deleting: hidden ids are not offered but stay known, and can be shown again', () => {
    const s = ok({ categories: { hidden: ['parking', 'noise'] } })
    expect(s.hidden).toEqual(['parking', 'noise'])
    const parts = recordPartsOf(s)
    expect(parts.categories).toBeUndefined() // defaults unchanged: nothing frozen into the document
    expect(categoriesFor(parts).map((c) => c.id)).not.toContain('parking')
    expect(stateOf(parts).categories.map((c) => c.id)).toContain('parking')
    expect(
      viewOf({ id: 'c', name: '' }, s, true, null).categories.find((c) => c.id === 'parking'),
    ).toMatchObject({ hidden: true, custom: false })
    expect(ok({ categories: { hidden: [] } }, s).hidden).toEqual([])
  })

  it('adds a custom category with a stable id from its name, before 其他; a retry adds it once', () => {
    const add = {
      categories: { custom: [{ name: ' 文明养犬 ', hint: '遛狗不牵绳、犬只扰民', hazard: false }] },
    }
    const s = ok(add)
    const id = customCategoryId('文明养犬', new Set())
    expect(id).toMatch(/^c_[0-9a-f]{8}$/)
    expect(s.categories.slice(-2).map((c) => c.id)).toEqual([id, 'other'])
    expect(ok(add, s)).toEqual(s)
    const parts = recordPartsOf(s)
    expect(findCategory(parts, id)).toEqual({
      id,
      name: '文明养犬',
      hint: '遛狗不牵绳、犬只扰民',
      hazard: false,
    })
    expect(categoriesFor(parts).map((c) => c.id)).toEqual([
      ...DefaultCategories.map((c) => c.id).filter((x) => x !== 'other'),
      id,
      'other',
    ])
  })

  it('renames a custom category in place (the id stays, so old orders still resolve), and never deletes one', () => {
    const s = ok({ categories: { custom: [{ name: '文明养犬' }] } })
    const id = s.categories.at(-2)?.id as string
    const renamed = ok({ categories: { custom: [{ id, name: '养犬', hazard: true }] } }, s)
    expect(renamed.categories.find((c) => c.id === id)).toMatchObject({ name: '养犬', hazard: true })
    // Omitting it from `custom` leaves it; only `hidden` takes it off the list.
    expect(ok({ categories: { custom: [] } }, renamed).categories.map((c) => c.id)).toContain(id)
    // A new category with the old name gets a different id.
    const again = ok({ categories: { custom: [{ name: '文明养犬' }] } }, renamed)
    expect(new Set(again.categories.map((c) => c.id)).size).toBe(again.categories.length)
  })

  it('refuses renaming into another category’s name and two new ones of the same name are one', () => {
    const s = ok({ categories: { custom: [{ name: '文明养犬' }, { name: '快递柜' }] } })
    const id = s.categories.find((c) => c.name === '快递柜')?.id as string
    expect(problems({ categories: { custom: [{ id, name: '文明养犬' }] } }, s)).toEqual([
      { path: 'categories.custom.0.name', message: '已有名为“文明养犬”的类别' },
    ])
    expect(
      ok({
        categories: { custom: [{ name: '充电桩' }, { name: '充电桩', hazard: true }] },
      }).categories.filter((c) => c.name === '充电桩'),
    ).toHaveLength(1)
  })

  it('caps custom categories at 20, hidden ones included', () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ name: `自定义${i}` }))
    expect(problems({ categories: { custom: many } })).toEqual([
      { path: 'categories.custom', message: '自定义类别最多 20 个（隐藏的也算在内）' },
    ])
  })

  it('keeps a community’s own list (set by hand) and treats its ids as custom', () => {
    const own = stateOf({
      categories: [{ id: 'pets', name: '文明养犬', hint: '', hazard: false }],
      hidden: ['other'],
    })
    expect(own.categories.map((c) => c.id)).toEqual(['pets', 'other'])
    expect(own.hidden).toEqual([]) // 其他 can never be hidden
    const s = ok({ categories: { custom: [{ id: 'pets', name: '养狗' }] } }, own)
    expect(recordPartsOf(s).categories?.map((c) => c.name)).toEqual(['养狗', '其他'])
  })

  it('the page rebuilds the same state from the view it was given', () => {
    const s = ok({
      categories: { hidden: ['noise'], custom: [{ name: '文明养犬', hazard: true }] },
      sla: { reopenDays: 14, tiers: { street: { replyDays: 7 } } },
    })
    expect(stateOfView(viewOf({ id: 'c', name: '' }, s, true, null))).toEqual(s)
  })
})

describe('who may read and change a community config', () => {
  const community = { streetId: 's', communityId: 'c' }
  const cells = Roles.flatMap(
    (role) =>
      [
        [role, 'in', 'order.config'],
        [role, 'in', 'order.configure'],
        [role, 'out', 'order.config'],
        [role, 'out', 'order.configure'],
      ] as const,
  )
  const readers: readonly Role[] = ['grid_worker', 'community_admin', 'street_admin']
  const writers: readonly Role[] = ['community_admin', 'street_admin']
  it.each(cells)('%s %s scope: %s', (role, where, action) => {
    const actor = actorWith(role, where === 'in' ? scopeOf[role] : elsewhereOf[role])
    // elsewhereOf a grid worker is another grid of the same community: still a reader of it.
    const inCommunity =
      where === 'in' ||
      role === 'grid_worker' ||
      role === 'building_leader' ||
      role === 'helper' ||
      role === 'resident'
    const expected = inCommunity && (action === 'order.config' ? readers : writers).includes(role)
    expect(can(actor, action, community)).toBe(expected)
  })

  it('a grid worker of another community may not read it', () => {
    expect(
      can(
        actorWith('grid_worker', { streetId: 's', communityId: 'c2', gridId: 'g9' }),
        'order.config',
        community,
      ),
    ).toBe(false)
  })
})

describe('order.configure input schema', () => {
  const schema = apiActions['order.configure'].input
  it.each([
    ['unknown field', { communityId: 'c', colour: 'red' }],
    ['sla number as text', { communityId: 'c', sla: { reopenDays: '7' } }],
    ['unknown tier', { communityId: 'c', sla: { tiers: { moon: { acceptHours: 1 } } } }],
    ['bad request id', { communityId: 'c', requestId: 'x' }],
  ])('refuses %s with INPUT.INVALID', (_name, input) => {
    expect(() => parseInput(schema, input)).toThrow(expect.objectContaining({ code: 'INPUT.INVALID' }))
  })
  it('takes a full request', () => {
    expect(() =>
      parseInput(schema, {
        communityId: 'c',
        requestId: 'abcdefgh12',
        categories: { hidden: ['noise'], custom: [{ name: '文明养犬', hint: '', hazard: false }] },
        sla: {
          tiers: { grid: { acceptHours: 2, replyDays: null } },
          hazardAcceptHours: 1,
          reopenDays: 7,
          maxPromiseDays: 90,
        },
      }),
    ).not.toThrow()
  })
})

/**
 * A community's work-order configuration (collection `order_config`, `_id` = communityId): which
 * report categories it offers and its SLA table. Pure rules, shared by the `api` function
 * (cloudfunctions/shared/repos/order-config.ts) and the admin page, which runs the same checks
 * before saving.
 *
 * Stored shape (exactly what repos/orders.ts reads through `categoriesFor` and `slaFor`):
 * - `categories`: the community's own full list (defaults it kept + its custom ones, 其他 last);
 *   absent while the community uses the defaults unchanged.
 * - `hidden`: ids no longer offered. Hiding is not deleting: a hidden or renamed category keeps its
 *   id, so orders filed under it still name it (they also keep `categoryName`), and it can be shown
 *   again. Custom categories are never removed, only hidden.
 * - `sla`: the values that differ from DefaultSla (a value equal to the default is not stored, so
 *   "overridden" means "differs"); `null` in a request resets a value to the default.
 * - `requestIds`: the last few client request ids applied (a retried save lands once).
 */
import type { ErrorDetail } from '../errors'
import type { CategoryView } from './api'
import { DefaultCategories, OTHER_CATEGORY, type CategoryDef } from './categories'
import { Tiers, type Tier } from './model'
import { DefaultSla, slaFor, type SlaOverride, type SlaTable } from './sla'

export const ConfigErrors = {
  /** Out-of-bounds SLA numbers, bad or duplicate category names, hiding 其他…; `details` per field. */
  INVALID: 'ORDER.CONFIG_INVALID',
} as const

export const CATEGORY_NAME_MAX = 8
export const CATEGORY_HINT_MAX = 30
/** Custom categories a community may define (hidden ones count: they are never deleted). */
export const CUSTOM_CATEGORIES_MAX = 20
/** How many recent request ids the document remembers for idempotent retries. */
export const REMEMBERED_REQUESTS = 20

// ── SLA fields, labels and bounds ──

export type SlaField =
  | `tiers.${Tier}.acceptHours`
  | `tiers.${Tier}.replyDays`
  | 'hazardAcceptHours'
  | 'reopenDays'
  | 'maxPromiseDays'

export const SlaFields: readonly SlaField[] = [
  ...Tiers.flatMap((t) => [`tiers.${t}.acceptHours` as const, `tiers.${t}.replyDays` as const]),
  'hazardAcceptHours',
  'reopenDays',
  'maxPromiseDays',
]

const TierName: Readonly<Record<Tier, string>> = {
  grid: '网格',
  community: '社区',
  street: '街道',
  department: '职能部门',
}

/** Plain-language labels (the page shows them, error details name them). */
export const SlaFieldLabel: Readonly<Record<SlaField, string>> = {
  ...(Object.fromEntries(
    Tiers.flatMap((t) => [
      [`tiers.${t}.acceptHours`, `${TierName[t]}接单时限（小时）`],
      [`tiers.${t}.replyDays`, `${TierName[t]}答复时限（天）`],
    ]),
  ) as Record<`tiers.${Tier}.${'acceptHours' | 'replyDays'}`, string>),
  hazardAcceptHours: '安全隐患接单时限（小时）',
  reopenDays: '可重新办理的天数',
  maxPromiseDays: '限期办最长承诺天数',
}

export interface Bounds {
  readonly min: number
  readonly max: number
}

export function boundsOf(field: SlaField): Bounds {
  if (field.endsWith('.acceptHours') || field === 'hazardAcceptHours') return { min: 1, max: 72 }
  if (field.endsWith('.replyDays')) return { min: 1, max: 30 }
  if (field === 'reopenDays') return { min: 1, max: 30 }
  return { min: 7, max: 180 }
}

export function slaValue(table: SlaTable | SlaOverride, field: SlaField): number | undefined {
  const parts = field.split('.')
  if (parts[0] === 'tiers') {
    const tier = (table.tiers as Partial<Record<Tier, Partial<Record<string, number>>>> | undefined)?.[
      parts[1] as Tier
    ]
    return tier?.[parts[2] as string]
  }
  return (table as Record<string, unknown>)[field] as number | undefined
}

function withSlaValue(o: SlaOverride, field: SlaField, value: number | undefined): SlaOverride {
  const parts = field.split('.')
  if (parts[0] === 'tiers') {
    const tier = parts[1] as Tier
    const key = parts[2] as 'acceptHours' | 'replyDays'
    const tiers = { ...(o.tiers ?? {}) }
    const t = { ...(tiers[tier] ?? {}) }
    if (value === undefined) delete t[key]
    else t[key] = value
    if (Object.keys(t).length === 0) delete tiers[tier]
    else tiers[tier] = t
    const { tiers: _old, ...rest } = o
    return Object.keys(tiers).length === 0 ? rest : { ...rest, tiers }
  }
  const next: Record<string, unknown> = { ...o }
  if (value === undefined) delete next[field]
  else next[field] = value
  return next as SlaOverride
}

/** A number allowed for this field, or why not. */
export function slaValueProblem(field: SlaField, value: unknown): string | null {
  const { min, max } = boundsOf(field)
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${SlaFieldLabel[field]}请填写数字`
  if (!Number.isInteger(value)) return `${SlaFieldLabel[field]}请填写整数`
  if (value < min || value > max) return `${SlaFieldLabel[field]}应在 ${min}–${max} 之间`
  return null
}

/** Every bound of a whole table plus the cross-field rule: hazards are accepted no slower than normal orders. */
export function slaTableProblems(table: SlaTable): ErrorDetail[] {
  const details: ErrorDetail[] = []
  for (const field of SlaFields) {
    const problem = slaValueProblem(field, slaValue(table, field))
    if (problem) details.push({ path: `sla.${field}`, message: problem })
  }
  const slowest = Math.min(...Tiers.map((t) => table.tiers[t].acceptHours))
  if (!details.some((d) => d.path === 'sla.hazardAcceptHours') && table.hazardAcceptHours > slowest) {
    details.push({
      path: 'sla.hazardAcceptHours',
      message: `安全隐患接单时限不能长于各级接单时限（最短 ${slowest} 小时）`,
    })
  }
  return details
}

// ── Categories ──

const DEFAULT_IDS = new Set(DefaultCategories.map((c) => c.id))
export const isCustomCategoryId = (id: string) => id !== OTHER_CATEGORY.id && !DEFAULT_IDS.has(id)

/** FNV-1a, 32 bits, as 8 hex digits: a stable id from a name, in pure code (client and function agree). */
function fnv1a(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h.toString(16).padStart(8, '0')
}

/** `c_<hash of the name>`; on the (unlikely) clash with a taken id, a numbered variant. */
export function customCategoryId(name: string, taken: ReadonlySet<string>): string {
  const base = `c_${fnv1a(name.trim())}`
  if (!taken.has(base)) return base
  for (let n = 2; ; n += 1) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`
}

export function categoryNameProblem(name: string): string | null {
  const n = name.trim()
  if (n.length === 0) return '请填写类别名称'
  if ([...n].length > CATEGORY_NAME_MAX) return `类别名称不超过 ${CATEGORY_NAME_MAX} 个字`
  if (!/^[^\p{Cc}<>]+$/u.test(n)) return '类别名称不能包含特殊字符'
  return null
}

export function categoryHintProblem(hint: string): string | null {
  if ([...hint.trim()].length > CATEGORY_HINT_MAX) return `说明不超过 ${CATEGORY_HINT_MAX} 个字`
  if (hint.trim() !== '' && !/^[^\p{Cc}<>]+$/u.test(hint.trim())) return '说明不能包含特殊字符'
  return null
}

// ── State, requests, views ──

/** What the stored document says, normalised: every known category (其他 last), hidden ids, SLA override. */
export interface ConfigState {
  readonly categories: readonly CategoryDef[]
  readonly hidden: readonly string[]
  readonly sla: SlaOverride
}

/** The stored document (fields other features may add are kept on write). */
export interface OrderConfigRecord {
  readonly _id?: string
  readonly categories?: readonly CategoryDef[]
  readonly hidden?: readonly string[]
  readonly sla?: SlaOverride
  readonly requestIds?: readonly string[]
  readonly updatedAt?: Date | string
  readonly updatedBy?: string
}

export interface CustomCategoryInput {
  /** An existing custom category to edit; absent = a new one (or the existing one of that name). */
  readonly id?: string
  readonly name: string
  readonly hint?: string
  readonly hazard?: boolean
}

/** SLA changes: a number sets a value, null resets it to the default, absent leaves it. */
export interface SlaPatch {
  readonly tiers?: Partial<
    Record<Tier, { readonly acceptHours?: number | null; readonly replyDays?: number | null }>
  >
  readonly hazardAcceptHours?: number | null
  readonly reopenDays?: number | null
  readonly maxPromiseDays?: number | null
}

export interface ConfigurePatch {
  /** `hidden`: the complete list of hidden ids (absent = unchanged); `custom`: upserts, never deletes. */
  readonly categories?: {
    readonly hidden?: readonly string[]
    readonly custom?: readonly CustomCategoryInput[]
  }
  readonly sla?: SlaPatch
}

export interface ConfigCategory extends CategoryView {
  readonly hidden: boolean
  /** Defined by the community (not one of the built-in categories). */
  readonly custom: boolean
  /** 其他: always offered, cannot be hidden. */
  readonly fixed: boolean
}

export interface OrderConfigView {
  readonly communityId: string
  readonly communityName: string
  /** Every category the community knows, in order, hidden ones included, 其他 last. */
  readonly categories: readonly ConfigCategory[]
  /** The effective table. */
  readonly sla: SlaTable
  readonly defaults: SlaTable
  /** SLA fields whose value differs from the default. */
  readonly overridden: readonly SlaField[]
  /** May the caller change it (community/street admins in scope). */
  readonly editable: boolean
  readonly updatedAt: string | null
}

const cleanDef = (c: CategoryDef): CategoryDef => ({
  id: c.id,
  name: c.name,
  hint: c.hint ?? '',
  hazard: c.hazard === true,
})

export function stateOf(record: OrderConfigRecord | null | undefined): ConfigState {
  const own = record?.categories && record.categories.length > 0 ? record.categories : DefaultCategories
  const other = own.find((c) => c.id === OTHER_CATEGORY.id) ?? OTHER_CATEGORY
  const categories = [...own.filter((c) => c.id !== OTHER_CATEGORY.id), other].map(cleanDef)
  const hidden = new Set([...(record?.hidden ?? []), ...own.filter((c) => c.disabled).map((c) => c.id)])
  hidden.delete(OTHER_CATEGORY.id)
  return {
    categories,
    hidden: categories.filter((c) => hidden.has(c.id)).map((c) => c.id),
    sla: normaliseSla(record?.sla ?? {}),
  }
}

/** Only valid values that differ from the default. */
function normaliseSla(o: SlaOverride): SlaOverride {
  let out: SlaOverride = {}
  for (const field of SlaFields) {
    const value = slaValue(o, field)
    if (value !== undefined && value !== slaValue(DefaultSla, field)) out = withSlaValue(out, field, value)
  }
  return out
}

/** The page's copy of the state, rebuilt from what `order.config` answered. */
export function stateOfView(view: OrderConfigView): ConfigState {
  let sla: SlaOverride = {}
  for (const field of view.overridden) sla = withSlaValue(sla, field, slaValue(view.sla, field))
  return {
    categories: view.categories.map(cleanDef),
    hidden: view.categories.filter((c) => c.hidden).map((c) => c.id),
    sla,
  }
}

export type ConfigureOutcome =
  | { readonly ok: true; readonly state: ConfigState }
  | { readonly ok: false; readonly details: readonly ErrorDetail[] }

/** Applies a request to the state, or lists every problem by field (nothing applied then). */
export function applyConfigure(state: ConfigState, patch: ConfigurePatch): ConfigureOutcome {
  const details: ErrorDetail[] = []
  let categories = [...state.categories]
  let hidden = [...state.hidden]

  const custom = patch.categories?.custom ?? []
  custom.forEach((entry, i) => {
    const at = `categories.custom.${i}`
    const nameProblem = categoryNameProblem(entry.name)
    const hintProblem = categoryHintProblem(entry.hint ?? '')
    if (nameProblem) details.push({ path: `${at}.name`, message: nameProblem })
    if (hintProblem) details.push({ path: `${at}.hint`, message: hintProblem })
    if (nameProblem || hintProblem) return
    const name = entry.name.trim()
    const def = { name, hint: (entry.hint ?? '').trim(), hazard: entry.hazard === true }
    const byId = entry.id !== undefined ? categories.findIndex((c) => c.id === entry.id) : -1
    if (entry.id !== undefined && (byId < 0 || !isCustomCategoryId(entry.id))) {
      details.push({
        path: `${at}.id`,
        message: byId < 0 ? '要修改的类别不存在' : '系统内置类别不能修改，可以隐藏',
      })
      return
    }
    const index = byId >= 0 ? byId : categories.findIndex((c) => isCustomCategoryId(c.id) && c.name === name)
    if (index >= 0) {
      categories[index] = { ...(categories[index] as CategoryDef), ...def }
      return
    }
    const id = customCategoryId(name, new Set(categories.map((c) => c.id)))
    categories = [
      ...categories.slice(0, -1),
      { id, ...def },
      categories[categories.length - 1] as CategoryDef,
    ]
  })
  // Names are unique among all categories, hidden ones too (a hidden one may be shown again).
  const seen = new Map<string, string>()
  for (const c of categories) {
    const clash = seen.get(c.name)
    if (clash !== undefined) {
      const i = custom.findIndex((e) => e.name.trim() === c.name)
      details.push({
        path: i >= 0 ? `categories.custom.${i}.name` : 'categories',
        message: `已有名为“${c.name}”的类别`,
      })
    }
    seen.set(c.name, c.id)
  }
  if (categories.filter((c) => isCustomCategoryId(c.id)).length > CUSTOM_CATEGORIES_MAX) {
    details.push({
      path: 'categories.custom',
      message: `自定义类别最多 ${CUSTOM_CATEGORIES_MAX} 个（隐藏的也算在内）`,
    })
  }

  if (patch.categories?.hidden !== undefined) {
    const known = new Set(categories.map((c) => c.id))
    for (const id of patch.categories.hidden) {
      if (id === OTHER_CATEGORY.id) details.push({ path: 'categories.hidden', message: '“其他”类别不能隐藏' })
      else if (!known.has(id)) details.push({ path: 'categories.hidden', message: `没有这个类别：${id}` })
    }
    const want = new Set(patch.categories.hidden)
    hidden = categories.filter((c) => want.has(c.id)).map((c) => c.id)
  }

  let sla = state.sla
  const p = patch.sla
  if (p) {
    for (const field of SlaFields) {
      const value = slaValue(p as SlaOverride, field) as number | null | undefined
      if (value === undefined) continue
      if (value === null) {
        sla = withSlaValue(sla, field, undefined)
        continue
      }
      const problem = slaValueProblem(field, value)
      if (problem) details.push({ path: `sla.${field}`, message: problem })
      else sla = withSlaValue(sla, field, value)
    }
    if (!details.some((d) => d.path?.startsWith('sla.'))) details.push(...slaTableProblems(slaFor(sla)))
    sla = normaliseSla(sla)
  }

  if (details.length > 0) return { ok: false, details }
  return { ok: true, state: { categories, hidden, sla } }
}

/** The parts of the document to store for this state (repos/orders.ts reads exactly these). */
export function recordPartsOf(state: ConfigState): {
  categories?: CategoryDef[]
  hidden: string[]
  sla: SlaOverride
} {
  const own = state.categories.map(cleanDef)
  const defaults = DefaultCategories.map(cleanDef)
  const same =
    own.length === defaults.length && own.every((c, i) => JSON.stringify(c) === JSON.stringify(defaults[i]))
  return { ...(same ? {} : { categories: own }), hidden: [...state.hidden], sla: state.sla }
}

export function viewOf(
  community: { readonly id: string; readonly name: string },
  state: ConfigState,
  editable: boolean,
  updatedAt: Date | string | null | undefined,
): OrderConfigView {
  const hidden = new Set(state.hidden)
  const sla = slaFor(state.sla)
  return {
    communityId: community.id,
    communityName: community.name,
    categories: state.categories.map((c) => ({
      ...cleanDef(c),
      hidden: hidden.has(c.id),
      custom: isCustomCategoryId(c.id),
      fixed: c.id === OTHER_CATEGORY.id,
    })),
    sla,
    defaults: DefaultSla,
    overridden: SlaFields.filter((f) => slaValue(sla, f) !== slaValue(DefaultSla, f)),
    editable,
    updatedAt: updatedAt ? new Date(updatedAt).toISOString() : null,
  }
}

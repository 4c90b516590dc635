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
 * - `gasRepairPhone`: the community's gas repair line (燃气抢修), offered with 119 when someone
 *   chooses a hazard category (hazard.ts); null when not set.
 * - `requestIds`: the last few client request ids applied (a retried save lands once).
 */
import type { ErrorDetail } from '../errors'
import type { CategoryView } from './api'
import { DefaultCategories, OTHER_CATEGORY, type CategoryDef } from './categories'
import { gasRepairPhoneOf, gasRepairPhoneProblem, normalisePhone } from './hazard'
import type { Tier } from './model'
import { DefaultSla, slaFor, type SlaOverride, type SlaTable } from './sla'
import {
  SlaFields,
  slaTableProblems,
  slaValue,
  slaValueProblem,
  withSlaValue,
  type SlaField,
} from './config-sla'

export {
  boundsOf,
  SlaFieldLabel,
  SlaFields,
  slaTableProblems,
  slaValue,
  slaValueProblem,
  type Bounds,
  type SlaField,
} from './config-sla'

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
  readonly gasRepairPhone: string | null
}

/** The stored document (fields other features may add are kept on write). */
export interface OrderConfigRecord {
  readonly _id?: string
  readonly categories?: readonly CategoryDef[]
  readonly hidden?: readonly string[]
  readonly sla?: SlaOverride
  readonly gasRepairPhone?: string | null
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
  /** The gas repair line: a number sets it, '' or null clears it, absent leaves it. */
  readonly gasRepairPhone?: string | null
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
  /** The gas repair line (燃气抢修) the report form offers with 119, or null. */
  readonly gasRepairPhone: string | null
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
    gasRepairPhone: gasRepairPhoneOf(record?.gasRepairPhone),
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
    gasRepairPhone: view.gasRepairPhone,
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

  let gasRepairPhone = state.gasRepairPhone
  if (patch.gasRepairPhone !== undefined) {
    const text = normalisePhone(patch.gasRepairPhone ?? '')
    const problem = text === '' ? null : gasRepairPhoneProblem(text)
    if (problem) details.push({ path: 'gasRepairPhone', message: problem })
    else gasRepairPhone = text === '' ? null : text
  }

  if (details.length > 0) return { ok: false, details }
  return { ok: true, state: { categories, hidden, sla, gasRepairPhone } }
}

/** The parts of the document to store for this state (repos/orders.ts reads exactly these). */
export function recordPartsOf(state: ConfigState): {
  categories?: CategoryDef[]
  hidden: string[]
  sla: SlaOverride
  gasRepairPhone: string | null
} {
  const own = state.categories.map(cleanDef)
  const defaults = DefaultCategories.map(cleanDef)
  const same =
    own.length === defaults.length && own.every((c, i) => JSON.stringify(c) === JSON.stringify(defaults[i]))
  return {
    ...(same ? {} : { categories: own }),
    hidden: [...state.hidden],
    sla: state.sla,
    // Always written (null when cleared), so a save replaces the stored number.
    gasRepairPhone: state.gasRepairPhone,
  }
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
    gasRepairPhone: state.gasRepairPhone,
    editable,
    updatedAt: updatedAt ? new Date(updatedAt).toISOString() : null,
  }
}

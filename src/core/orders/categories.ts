/**
 * Report categories, seeded from the seed articles (shared/seeds): 飞线充电 and other safety
 * hazards, 乱搭乱建, broken street lights (路灯大多损坏), blocked drains (下水道不通), clutter
 * (杂物乱堆乱放), parking (停车), noise and neighbour disputes (纠纷调解), suggestions. Each community
 * may replace or trim the list (collection `order_config`, `_id` = communityId); "其他" is always
 * there, last.
 */
import type { CategoryView, ReportCategories } from './api'
import { hazardAdviceOf } from './hazard'
import type { SlaTable } from './sla'

export interface CategoryDef extends CategoryView {
  /** Stop offering it without deleting (old orders keep their category name). */
  readonly disabled?: boolean
}

export const OTHER_CATEGORY: CategoryDef = { id: 'other', name: '其他', hint: '以上都不是', hazard: false }

export const DefaultCategories: readonly CategoryDef[] = [
  { id: 'safety', name: '安全隐患', hint: '电动车飞线充电、消防通道堵塞、燃气异味', hazard: true },
  { id: 'illegal_build', name: '违章搭建', hint: '私搭乱建、违规圈占公共区域', hazard: false },
  { id: 'street_light', name: '路灯不亮', hint: '路灯、楼道灯损坏或时好时坏', hazard: false },
  { id: 'drain', name: '下水道堵塞', hint: '下水道、化粪池堵塞外溢', hazard: false },
  { id: 'clutter', name: '楼道堆物', hint: '楼道、小区杂物乱堆乱放', hazard: false },
  { id: 'parking', name: '停车问题', hint: '乱停乱放、占用通道', hazard: false },
  { id: 'sanitation', name: '环境卫生', hint: '垃圾清运不及时、绿化破坏', hazard: false },
  { id: 'noise', name: '噪音扰民', hint: '装修、商铺、夜间噪音', hazard: false },
  { id: 'dispute', name: '邻里纠纷', hint: '漏水、占用、矛盾需要调解', hazard: false },
  { id: 'suggestion', name: '意见建议', hint: '对社区服务的想法和建议', hazard: false },
  OTHER_CATEGORY,
]

/** A community's override: its own list (replaces the defaults) and/or ids to hide. */
export interface CategoryOverride {
  readonly categories?: readonly CategoryDef[]
  readonly hidden?: readonly string[]
}

/** The categories a community offers, in order, "其他" last and exactly once. */
export function categoriesFor(override: CategoryOverride | null | undefined): CategoryDef[] {
  const base =
    override?.categories && override.categories.length > 0 ? override.categories : DefaultCategories
  const hidden = new Set(override?.hidden ?? [])
  const list = base.filter((c) => !c.disabled && !hidden.has(c.id) && c.id !== OTHER_CATEGORY.id)
  return [...list, base.find((c) => c.id === OTHER_CATEGORY.id) ?? OTHER_CATEGORY]
}

/** Any category the community has had, hidden ones included (orders already filed under it keep its rules). */
export function knownCategory(override: CategoryOverride | null | undefined, id: string): CategoryDef | null {
  const base =
    override?.categories && override.categories.length > 0 ? override.categories : DefaultCategories
  return (
    base.find((c) => c.id === id) ??
    DefaultCategories.find((c) => c.id === id) ??
    (id === OTHER_CATEGORY.id ? OTHER_CATEGORY : null)
  )
}

/** The category with this id if the community offers it. */
export function findCategory(override: CategoryOverride | null | undefined, id: string): CategoryDef | null {
  return categoriesFor(override).find((c) => c.id === id) ?? null
}

/**
 * The answer of `report.categories`: the categories the community offers (public fields only) and
 * the advice its hazard categories open with (hazard.ts). `record` is the community's `order_config`
 * document (null: the defaults); `sla` its effective table.
 */
export function reportCategoriesOf(
  communityId: string,
  record: (CategoryOverride & { readonly gasRepairPhone?: unknown }) | null | undefined,
  sla: SlaTable,
): ReportCategories {
  return {
    communityId,
    categories: categoriesFor(record).map(({ id, name, hint, hazard }) => ({ id, name, hint, hazard })),
    hazardAdvice: hazardAdviceOf(record?.gasRepairPhone, sla),
  }
}

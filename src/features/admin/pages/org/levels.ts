/**
 * The org page's drill-down: each level's label and the level it opens into, the join policies a
 * community may have, what is being edited, and the line of details under an item.
 */
import type { OrgItem } from '@core/admin/api'
import type { ManagedLevel } from '@core/admin/rules'
import type { JoinPolicy } from '@core/org/model'

export const LEVEL_LABEL: Record<ManagedLevel, string> = {
  community: '社区',
  grid: '网格',
  building: '楼栋',
  unit: '单元',
}
export const NEXT: Record<ManagedLevel, ManagedLevel | null> = {
  community: 'grid',
  grid: 'building',
  building: 'unit',
  unit: null,
}
export const POLICY_OPTIONS: readonly { id: JoinPolicy; name: string }[] = [
  { id: 'auto', name: '自动通过' },
  { id: 'grid_worker', name: '网格员审核' },
  { id: 'building_leader', name: '楼栋长审核' },
]
const policyName = (p: JoinPolicy) => POLICY_OPTIONS.find((o) => o.id === p)?.name ?? p

/** One step of the drill-down: the children of `parentId` at `level`. */
export interface Crumb {
  readonly level: ManagedLevel
  readonly parentId: string
  readonly title: string
}

export type Editing =
  | { readonly kind: 'rename'; readonly item: OrgItem; readonly name: string }
  | { readonly kind: 'boundary'; readonly item: OrgItem & { level: 'grid' }; readonly text: string }
  | { readonly kind: 'policy'; readonly item: OrgItem & { level: 'community' } }
  | null

/** Runs a change, shows `done` (or the failure), closes the editor and reloads the list. */
export type Run = (work: () => Promise<unknown>, done: string) => Promise<void>

export function detailsOf(item: OrgItem): string {
  switch (item.level) {
    case 'community':
      return `入格审核：${policyName(item.joinPolicy)}`
    case 'grid':
      return [
        `网格员：${item.workers.join('、') || '未设置'}`,
        `民警：${item.police?.name ?? '未设置'}`,
        `家庭医生：${item.doctor?.name ?? '未设置'}`,
        `边界：${item.boundary ? `${item.boundary.length} 个点` : '未设置'}`,
      ].join(' · ')
    case 'building':
      return `${item.unitCount} 个单元 · 楼栋长：${item.leaders.join('、') || '未设置'}`
    case 'unit':
      return ''
  }
}

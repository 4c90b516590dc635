/**
 * The SLA half of a community's work-order configuration (config.ts): the fields a community may
 * change, their plain-language labels and bounds, and the checks of one value and of a whole table.
 */
import type { ErrorDetail } from '../errors'
import { Tiers, type Tier } from './model'
import type { SlaOverride, SlaTable } from './sla'

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

export function withSlaValue(o: SlaOverride, field: SlaField, value: number | undefined): SlaOverride {
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

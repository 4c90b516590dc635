/**
 * What a person is told when they choose a safety hazard (安全隐患: a category with `hazard: true`,
 * the defaults' or one the community marks) on the report form, before the form: the emergency
 * numbers — 119 for gas smell or fire, and the community's gas repair line (燃气抢修) when it set
 * one in its order configuration (`order_config.gasRepairPhone`) — and how fast the report will be
 * taken up. A hazard report is already the urgent kind: it gets the short accept clock
 * (`SlaTable.hazardAcceptHours`, 1 hour by default, sla.ts) and comes first in the grid worker's
 * inbox (urgency.ts); nothing else marks it.
 */
import type { HazardAdvice } from './api'
import type { SlaTable } from './sla'

export type { HazardAdvice } from './api'

/** Fire and gas emergencies (火警). */
export const FIRE_PHONE = '119'

/**
 * A number a gas repair line can have: a mobile number, a landline with its area code
 * (0571-87654321), a five-digit service hotline (95xxx / 96xxx, as many gas companies use) or a
 * 400/800 number. Spaces and dashes are allowed where people write them.
 */
const GAS_REPAIR_PHONE = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|9[56]\d{3}|[48]00-?\d{3}-?\d{4})$/

/** The number as stored: trimmed, inner spaces gone (dashes kept as written). */
export const normalisePhone = (text: string): string => text.trim().replace(/\s+/g, '')

/** Why this is not a gas repair number, or null when it is (empty is handled by the caller: it clears). */
export function gasRepairPhoneProblem(text: string): string | null {
  if (GAS_REPAIR_PHONE.test(normalisePhone(text))) return null
  return '燃气抢修电话请填写手机号、带区号的座机号（如 0571-87654321）或 95/96 开头的 5 位热线'
}

/** A stored value that is still a valid number, else null (the form then offers 119 only). */
export function gasRepairPhoneOf(stored: unknown): string | null {
  return typeof stored === 'string' && stored !== '' && gasRepairPhoneProblem(stored) === null
    ? normalisePhone(stored)
    : null
}

/** The advice the report form shows for this community's hazards. */
export function hazardAdviceOf(gasRepairPhone: unknown, sla: SlaTable): HazardAdvice {
  return { gasRepairPhone: gasRepairPhoneOf(gasRepairPhone), acceptHours: sla.hazardAcceptHours }
}

import { grantsExcept } from '../access'
import type { RoleGrant } from '../roles'
import { DEFAULT_DISPLAY_NAME } from './model'

/**
 * Roles that erasing one's personal data ends: living in a household (resident) and volunteering
 * (helper: shown on the public service card by name). Staff positions (grid worker, building leader,
 * admins) are the organisation's records of responsibility: the granting staff revoke those.
 */
export const ErasedRoles = ['resident', 'helper'] as const

export function grantsAfterErasure(grants: readonly RoleGrant[]): RoleGrant[] {
  return grantsExcept(grants, ErasedRoles)
}

/**
 * The name an erased person goes by on the community's records that stay (their reports, errands,
 * timelines): the same neutral placeholder their user record shows after erasure, shown as is
 * (never masked: it names nobody).
 */
export const ERASED_NAME = DEFAULT_DISPLAY_NAME

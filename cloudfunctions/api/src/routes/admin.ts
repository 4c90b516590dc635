import type { adminActions } from '../../../../src/core/admin/api'
import type { RoutesFor } from '../../../shared/kit'

/** Org tree management, CSV import, assignments and role grants (community and street admins). */
export const adminRoutes: RoutesFor<typeof adminActions> = {}

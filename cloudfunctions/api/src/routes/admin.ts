import type { adminActions } from '../../../../src/core/admin/api'
import type { RoutesFor } from '../../../shared/kit'
import { importBuildings } from '../../../shared/repos/admin-import'
import { children, create, rename, setContacts, update, updateStreet } from '../../../shared/repos/admin-org'
import { grant, listStaff, revoke } from '../../../shared/repos/admin-people'
import { defineServerFeature } from '../../../shared/feature'

const now = () => new Date()

/** Org tree management, CSV import, assignments and role grants (community and street admins). */
export const adminRoutes: RoutesFor<typeof adminActions> = {
  'org.children': (input, ctx) => children(ctx.actor, input.level, input.parentId),
  'org.create': (input, ctx) => create(ctx.actor, input, now()),
  'org.rename': (input, ctx) => rename(ctx.actor, input.level, input.id, input.name),
  'org.update': (input, ctx) => update(ctx.actor, input),
  'org.import': (input, ctx) => importBuildings(ctx.actor, input.communityId, input.csv, now()),
  'org.contacts': (input, ctx) => setContacts(ctx.actor, input),
  'org.street': (input, ctx) => updateStreet(ctx.actor, input),
  'role.grant': (input, ctx) => grant(ctx.actor, input, now()),
  'role.revoke': (input, ctx) => revoke(ctx.actor, input, now()),
  'staff.list': (input, ctx) => listStaff(ctx.actor, input.scopeId, input.cursor, ctx.requestId, now()),
}

export const adminServer = defineServerFeature({
  name: 'admin',
  routes: adminRoutes,
})

import type { directoryActions } from '../../../../src/core/directory/api'
import type { RoutesFor } from '../../../shared/kit'
import { card, reveal } from '../../../shared/repos/directory'
import { defineServerFeature } from '../../../shared/feature'

export const directoryRoutes: RoutesFor<typeof directoryActions> = {
  'directory.card': (_input, ctx) => card(ctx.user),
  'directory.call': (input, ctx) => reveal(ctx.actor, ctx.user, input.contactId, ctx.requestId, new Date()),
}

export const directoryServer = defineServerFeature({
  name: 'directory',
  routes: directoryRoutes,
})

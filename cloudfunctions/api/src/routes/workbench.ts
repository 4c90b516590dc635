import type { workbenchActions } from '../../../../src/core/workbench/api'
import { defineServerFeature } from '../../../shared/feature'
import type { RoutesFor } from '../../../shared/kit'
import * as store from '../../../shared/repos/workbench'

const routes: RoutesFor<typeof workbenchActions> = {
  'workbench.summary': (_input, ctx) => store.summary(ctx.actor, new Date()),
}

/** The workbench's server side: it stores nothing, so it has no privacy contribution. */
export const workbenchServer = defineServerFeature({ name: 'workbench', routes })

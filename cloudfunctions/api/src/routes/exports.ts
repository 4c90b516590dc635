import type { exportsActions } from '../../../../src/core/exports/api'
import { defineServerFeature } from '../../../shared/feature'
import { placeOf, type RoutesFor } from '../../../shared/kit'
import { makeExport } from '../../../shared/repos/exports'

const now = () => new Date()

const routes: RoutesFor<typeof exportsActions> = {
  'export.community': (input, ctx) =>
    makeExport(ctx, input, 'community', input.communityId, placeOf(ctx).name, now()),
  'export.street': (input, ctx) => makeExport(ctx, input, 'street', input.streetId, placeOf(ctx).name, now()),
}

/**
 * Excel exports: no store of their own (the files live in cloud storage, each one an access-log
 * entry), so no privacy contribution: what they read is each owner feature's.
 */
export const exportsServer = defineServerFeature({ name: 'exports', routes })

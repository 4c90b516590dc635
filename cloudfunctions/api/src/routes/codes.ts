import type { codeActions } from '../../../../src/core/codes/api'
import type { RoutesFor } from '../../../shared/kit'
import { codeGrids, listCodes, regenerateCode } from '../../../shared/repos/codes'
import { defineServerFeature } from '../../../shared/feature'

const now = () => new Date()

/** Building and grid invite codes: list (issuing and imaging lazily), regenerate, grid picker. */
export const codeRoutes: RoutesFor<typeof codeActions> = {
  'codes.grids': (_input, ctx) => codeGrids(ctx.actor),
  'codes.list': (input, ctx) => listCodes(ctx.actor, input.gridId, now()),
  'codes.regenerate': (input, ctx) => regenerateCode(ctx.actor, input, now()),
}

export const codesServer = defineServerFeature({
  name: 'codes',
  routes: codeRoutes,
})

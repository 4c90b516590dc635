import type { pointActions } from '../../../../src/core/points/api'
import type { RoutesFor } from '../../../shared/kit'
import * as ledger from '../../../shared/repos/ledger'
import { defineServerFeature } from '../../../shared/feature'
import { pointsPrivacy } from '../../../shared/repos/points-privacy'

const now = () => new Date()

export const pointRoutes: RoutesFor<typeof pointActions> = {
  'points.mine': (input, ctx) => ledger.mine(ctx.actor, input.cursor),
  'points.recipients': (_input, ctx) => ledger.recipients(ctx.actor),
  'points.give': (input, ctx) => ledger.give(ctx.actor, input, now()),
  'points.award': (input, ctx) => ledger.award(ctx.actor, input, now()),
  'points.correct': (input, ctx) => ledger.correct(ctx.actor, input, now()),
  'points.audit': (input, ctx) => ledger.audit(ctx.actor, input.communityId),
  'points.transfers': (input, ctx) => ledger.communityTransfers(ctx.actor, input, ctx.requestId, now()),
}

export const pointsServer = defineServerFeature({
  name: 'points',
  routes: pointRoutes,
  privacy: pointsPrivacy,
})

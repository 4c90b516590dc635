import type { marketActions } from '../../../../src/core/market/api'
import type { RoutesFor } from '../../../shared/kit'
import * as market from '../../../shared/repos/market'
import { defineServerFeature } from '../../../shared/feature'
import { marketPrivacy } from '../../../shared/repos/market-privacy'

const now = () => new Date()

export const marketRoutes: RoutesFor<typeof marketActions> = {
  'market.items': (input, ctx) => market.items(ctx.actor, input),
  'market.save': (input, ctx) => market.save(ctx.actor, input, now()),
  'market.redeem': (input, ctx) => market.redeem(ctx.actor, input, now()),
  'market.vouchers': (input, ctx) => market.vouchers(ctx.actor, input.cursor),
  'market.cancel': (input, ctx) => market.cancel(ctx.actor, input.voucherId, now()),
  'market.lookup': (input, ctx) =>
    market.lookup({ actor: ctx.actor, requestId: ctx.requestId, now: now() }, input.code),
  'market.verify': (input, ctx) =>
    market.verify({ actor: ctx.actor, requestId: ctx.requestId, now: now() }, input.code),
  'fund.view': (input) => market.fundView(input.communityId),
  'fund.pay': (input, ctx) => market.fundPay(ctx.actor, input, now()),
}

export const marketServer = defineServerFeature({
  name: 'market',
  routes: marketRoutes,
  privacy: marketPrivacy,
})

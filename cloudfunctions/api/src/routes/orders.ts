import type { orderActions } from '../../../../src/core/orders/api'
import { checkText, SecScene } from '../../../shared/content-security'
import type { RoutesFor } from '../../../shared/kit'
import * as orders from '../../../shared/repos/orders'
import { callerOpenId } from '../../../shared/sdk'
import { defineServerFeature } from '../../../shared/feature'
import { ordersPrivacy } from '../../../shared/repos/orders-privacy'
import { orderConfigRoutes } from './order-config'

/** The functions' clock. The sweep alone may be given another one (by trusted callers): sweep/src/index.ts. */
const now = () => new Date()

export const orderRoutes: RoutesFor<typeof orderActions> = {
  'report.categories': (input, ctx) => orders.categories(ctx.actor, input.communityId),
  'report.similar': (input, ctx) => orders.similar(ctx.actor, input.category, input.location),
  'report.submit': (input, ctx) =>
    orders.submit(ctx, input, now(), async (text) => {
      // Risky → CONTENT.RISKY (nothing stored); review → the order is stored held for a grid worker.
      const verdict = await checkText(callerOpenId(), text, SecScene.forum)
      return verdict === 'review' ? 'review' : 'pass'
    }),
  'report.follow': (input, ctx) => orders.follow(ctx.actor, input.orderId, now()),
  'report.mine': (input, ctx) => orders.mine(ctx.actor, input.cursor),
  'order.get': (input, ctx) => orders.get(ctx.actor, input.orderId, now()),
  'order.inbox': (input, ctx) => orders.inbox(ctx.actor, input.box, input.cursor),
  'order.queue': (input, ctx) => orders.queue(ctx.actor, input.level, input.box, input.id, input.cursor),
  'order.accept': (input, ctx) => orders.accept(ctx, input.orderId, now()),
  'order.dispatch': (input, ctx) => orders.dispatchFor(ctx.actor, input.orderId, now()),
  'order.start': (input, ctx) => orders.move(ctx, input.orderId, { move: 'start' }, now()),
  'order.reply': async (input, ctx) => {
    const { orderId, ...reply } = input
    // The reply is shown to the resident and followers: checked like any published text.
    if (reply.outcome)
      await checkText(
        callerOpenId(),
        [reply.text, reply.reason ?? '', reply.to ?? ''].join('\n'),
        SecScene.comment,
      )
    return orders.move(ctx, orderId, { move: 'reply', ...reply }, now())
  },
  'order.escalate': (input, ctx) =>
    orders.move(
      ctx,
      input.orderId,
      { move: 'escalate', reason: input.reason, ...(input.to ? { to: input.to } : {}) },
      now(),
    ),
  'order.release': (input, ctx) => orders.move(ctx, input.orderId, { move: 'release' }, now()),
  'order.rate': async (input, ctx) => {
    if (input.comment) await checkText(callerOpenId(), input.comment, SecScene.comment)
    return orders.move(
      ctx,
      input.orderId,
      { move: 'rate', rating: input.rating, ...(input.comment ? { comment: input.comment } : {}) },
      now(),
    )
  },
  'order.reopen': (input, ctx) =>
    orders.move(ctx, input.orderId, { move: 'reopen', reason: input.reason }, now()),
  'stats.rates': (input, ctx) => orders.rates(ctx, input.level, input.id),
}

export const ordersServer = defineServerFeature({
  name: 'orders',
  routes: { ...orderRoutes, ...orderConfigRoutes },
  privacy: ordersPrivacy,
})

/**
 * Wire contract of a community's work-order configuration (report categories and SLA table), routed
 * by cloudfunctions/api/src/routes/order-config.ts. The rules are in ./config.ts.
 *
 * - `order.config { communityId }` → OrderConfigView: every category with hidden/custom flags, the
 *   effective SLA table, the defaults and which fields are overridden. Grid workers of the
 *   community and community/street admins in scope.
 * - `order.configure { communityId, requestId?, categories?, sla?, gasRepairPhone? }` → the new
 *   OrderConfigView. Community/street admins in scope. ORDER.CONFIG_INVALID with one detail per
 *   field (`path` like `sla.tiers.grid.acceptHours`, `categories.custom.0.name`,
 *   `categories.hidden`, `gasRepairPhone`); nothing stored then. Idempotent on requestId. New
 *   orders, moves and sweeps use the new values (repos/orders.ts reads the same document).
 */
import * as v from 'valibot'
import { defineAction } from '../contract/define'
import { Tiers, type Tier } from './model'
import type { OrderConfigView } from './config'

export { ConfigErrors, type OrderConfigView } from './config'

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64))
const requestId = v.pipe(v.string(), v.regex(/^[0-9A-Za-z_-]{8,64}$/, 'bad request id'))
/** Shape only; bounds are checked by the rules (ORDER.CONFIG_INVALID with per-field details). */
const slaNumber = v.optional(v.nullable(v.number()))
const tierPatch = v.strictObject({ acceptHours: slaNumber, replyDays: slaNumber })

export const configActions = {
  'order.config': defineAction<OrderConfigView>()(v.strictObject({ communityId: id })),
  'order.configure': defineAction<OrderConfigView>()(
    v.strictObject({
      communityId: id,
      requestId: v.optional(requestId),
      categories: v.optional(
        v.strictObject({
          hidden: v.optional(v.pipe(v.array(id), v.maxLength(100))),
          custom: v.optional(
            v.pipe(
              v.array(
                v.strictObject({
                  id: v.optional(id),
                  name: v.pipe(v.string(), v.maxLength(64)),
                  hint: v.optional(v.pipe(v.string(), v.maxLength(200))),
                  hazard: v.optional(v.boolean()),
                }),
              ),
              v.maxLength(50),
            ),
          ),
        }),
      ),
      sla: v.optional(
        v.strictObject({
          tiers: v.optional(
            v.strictObject(
              Object.fromEntries(Tiers.map((t) => [t, v.optional(tierPatch)])) as Record<
                Tier,
                v.OptionalSchema<typeof tierPatch, undefined>
              >,
            ),
          ),
          hazardAcceptHours: slaNumber,
          reopenDays: slaNumber,
          maxPromiseDays: slaNumber,
        }),
      ),
      /** The gas repair line (燃气抢修): '' or null clears it; the rules check the number. */
      gasRepairPhone: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(32)))),
    }),
  ),
}

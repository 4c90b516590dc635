/**
 * What the main package calls of work orders: the drafts outbox submits reports from app launch
 * (src/services/drafts-report.ts) and nudges the dispatch after the receipt. Its own file so the
 * main package does not carry every order schema (docs/adr/0002); `orderActions` includes these.
 */
import * as v from 'valibot'
import { defineAction } from '../contract/define'
import type { ReportReceipt } from './api'

export const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128))
const requestId = v.pipe(v.string(), v.regex(/^[0-9A-Za-z_-]{8,64}$/, 'bad request id'))
/** Structural bounds only; the real limits are checked in core with REPORT.* codes. */
const looseText = v.pipe(v.string(), v.maxLength(5000))
const shortText = (max: number) => v.pipe(v.string(), v.trim(), v.maxLength(max))
const fileId = v.pipe(v.string(), v.minLength(1), v.maxLength(512))
const mobile = v.pipe(v.string(), v.trim(), v.regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号'))

export const locationSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('household') }),
  v.strictObject({ kind: v.literal('building'), buildingId: id }),
  v.strictObject({
    kind: v.literal('point'),
    lng: v.pipe(v.number(), v.minValue(-180), v.maxValue(180)),
    lat: v.pipe(v.number(), v.minValue(-90), v.maxValue(90)),
    label: v.optional(shortText(50)),
  }),
])

export const reportActions = {
  /**
   * Submits a report (see the module comment for photos and idempotency). `hideName`: the name is
   * hidden from other residents (staff still see it). `publicText`: the reporter allows the text
   * in the public Open311 feed (opt-in; default off). `onBehalfOf`: staff intake for a resident who
   * phoned or walked in; then `location` must be a building or point.
   */
  'report.submit': defineAction<ReportReceipt>()(
    v.strictObject({
      requestId,
      category: id,
      text: looseText,
      photos: v.optional(v.pipe(v.array(fileId), v.maxLength(50)), []),
      location: v.optional(locationSchema, { kind: 'household' }),
      hideName: v.optional(v.boolean(), false),
      publicText: v.optional(v.boolean(), false),
      onBehalfOf: v.optional(
        v.strictObject({
          name: v.pipe(v.string(), v.trim(), v.minLength(1, '请填写居民姓名'), v.maxLength(20)),
          phone: v.optional(mobile),
          channel: v.picklist(['phone', 'walk_in']),
        }),
      ),
    }),
  ),
  /**
   * The app's nudge right after a submit or an accept was answered: carries out what that one write
   * left owed (counters, messages, the reply deadline; src/core/orders/outbox.ts) now instead of at
   * the next timer run. Idempotent; for anyone who may see the order.
   */
  'order.dispatch': defineAction<{ readonly dispatched: number }>()(v.strictObject({ orderId: id })),
}

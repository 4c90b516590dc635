/**
 * The lending store's holds and their queue: reserving (joining the end of the queue) and cancelling.
 *
 * The queue: a hold's pickup window starts only when the item is free and the hold is first in
 * line (`startNext`, run after every move that may free an item and by the sweep); it is one
 * transaction on the hold's and the item's versions, so two starters start one hold.
 */
import { entryOf } from '../../../src/core/effects'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { ItemDetail } from '../../../src/core/lending/api'
import { moveHold, newHold } from '../../../src/core/lending/decide'
import { holdEffects } from '../../../src/core/lending/effects'
import { LendingErrors } from '../../../src/core/lending/errors'
import { LIMITS, type HoldRecord, type ItemRecord } from '../../../src/core/lending/model'
import { checkReserve, cleanText, holdParties, holdToStart } from '../../../src/core/lending/rules'
import { homeOf } from '../../../src/core/access'
import type { Plan } from '../../../src/core/plan'
import { byRequest, isDuplicateKey, newId } from '../ids'
import type { CallContext } from '../kit'
import { nudge } from '../outbox'
import { decideAndRun, runPlan } from '../runner'
import { getDoc, withoutId } from './docs'
import { HOLDS, ITEMS, loadHold, loadItem, nameOf, queueOf } from './lending-base'
import { detailFor, reserveFacts } from './lending-read'

/**
 * Starts the pickup window of the first hold in line when the item is free and nobody's window
 * runs; the holder is told (the hold's outbox). One transaction on the hold's and item's versions.
 * Returns the started hold's id, or null.
 */
export async function startNext(itemId: string, now: Date): Promise<string | null> {
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const item = await getDoc<ItemRecord>(ITEMS, itemId)
    if (!item) return null
    const h = holdToStart(item, await queueOf(itemId))
    if (!h) return null
    const next = moveHold(h, 'start', 'system', 'system', now, item)
    const entry = entryOf(`v${next.version}`, now, holdEffects(next, 'start', 'system', now))
    const plan: Plan = {
      writes: [
        {
          op: 'update',
          collection: HOLDS,
          id: h._id,
          if: { version: h.version, status: 'waiting' },
          set: {
            status: next.status,
            readyAt: next.readyAt,
            readyUntil: next.readyUntil,
            version: next.version,
            updatedAt: now,
            events: next.events,
          },
        },
        {
          op: 'update',
          collection: ITEMS,
          id: item._id,
          if: { version: item.version, status: 'available' },
          set: { queueAt: now },
        },
      ],
      ...(entry ? { outbox: { on: { collection: HOLDS, id: h._id }, entry } } : {}),
    }
    if (await runPlan(plan, now)) {
      if (entry) await nudge(HOLDS, h._id, now)
      return h._id
    }
  }
  return null
}

/** lending.reserve: join the end of the queue (idempotent on requestId); the window starts if it is free. */
export async function reserve(
  ctx: CallContext,
  itemId: string,
  requestId: string,
  now: Date,
): Promise<ItemDetail> {
  const { actor } = ctx
  const earlier = await byRequest<HoldRecord>(HOLDS, { holderId: actor.userId, requestId })
  if (earlier) return detailFor(ctx, await loadItem(earlier.itemId), now, 'lending.item')
  const item = await loadItem(itemId)
  if (!homeOf(actor)) throw new DomainError(LendingErrors.NO_HOUSEHOLD, '请先加入网格')
  checkReserve(actor, { item, ...(await reserveFacts(actor.userId)) }, now)
  const hold = newHold(item, { userId: actor.userId, name: nameOf(ctx) }, newId('lh'), requestId, now)
  try {
    await runPlan({ writes: [{ op: 'create', collection: HOLDS, id: hold._id, doc: withoutId(hold) }] }, now)
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
  }
  await startNext(item._id, now)
  return detailFor(ctx, await loadItem(item._id), now, 'lending.item')
}

/** lending.cancel: the holder leaves the queue, or staff take a hold out (the holder told); the next may start. */
export async function cancel(
  ctx: CallContext,
  holdId: string,
  reason: string | undefined,
  now: Date,
): Promise<ItemDetail> {
  const h0 = await loadHold(holdId)
  const item = await loadItem(h0.itemId)
  const note = cleanText(reason, LIMITS.reason, false, '原因') || null
  await decideAndRun(
    () => loadHold(holdId),
    (h) => {
      const parties = holdParties(ctx.actor, h, item)
      if (parties.length === 0) throw new DomainError(CommonErrorCodes.NOT_FOUND, '预约不存在')
      if (h.status === 'cancelled' && parties.includes('holder')) return { done: null }
      const next = moveHold(h, 'cancel', parties, ctx.actor.userId, now)
      const events = note
        ? [...next.events.slice(0, -1), { ...next.events[next.events.length - 1], note }]
        : next.events
      const entry = entryOf(`v${next.version}`, now, holdEffects(next, 'cancel', ctx.actor.userId, now))
      return {
        plan: {
          writes: [
            {
              op: 'update',
              collection: HOLDS,
              id: h._id,
              if: { version: h.version },
              set: { status: next.status, version: next.version, updatedAt: now, events },
            },
          ],
          ...(entry ? { outbox: { on: { collection: HOLDS, id: h._id }, entry } } : {}),
        },
        result: null,
      }
    },
    now,
  )
  await startNext(item._id, now)
  return detailFor(ctx, await loadItem(item._id), now, 'lending.item')
}

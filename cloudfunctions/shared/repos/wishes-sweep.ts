/** The wish wall's part of the timer: published needs past their date expire. */
import { moveWish } from '../../../src/core/wishes/decide'
import type { WishRecord } from '../../../src/core/wishes/model'
import { nudge } from '../outbox'
import { runPlan } from '../runner'
import { db } from '../sdk'
import { WISHES, wishPlan } from './wishes-base'

/** Published needs past their date expire (the grid's staff and the owner told); 50 per run. */
export async function expireDue(now: Date): Promise<number> {
  const res = await db()
    .collection(WISHES)
    .where({ status: 'published', kind: 'need', expiresAt: db().command.lte(now) })
    .orderBy('expiresAt', 'asc')
    .limit(50)
    .get()
  let expired = 0
  for (const doc of res.data as WishRecord[]) {
    const w = { ...doc, _id: String(doc._id) }
    const out = moveWish(w, { move: 'expire' }, { kind: 'system' }, now)
    if (await runPlan(wishPlan(w, out.next, out, now), now)) {
      expired += 1
      await nudge(WISHES, w._id, now)
    }
  }
  return expired
}

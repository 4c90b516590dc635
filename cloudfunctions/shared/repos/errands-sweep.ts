/** The timer: open errands whose window ended expire, their requesters told. */
import { applyMove } from '../../../src/core/errands/decide'
import type { ErrandRecord } from '../../../src/core/errands/model'
import { isOverdue } from '../../../src/core/errands/window'
import { db } from '../sdk'
import { ERRANDS } from './errands-base'
import { writeMove } from './errands-moves'

export interface ErrandSweepReport {
  readonly found: number
  readonly expired: number
}

/** Open errands whose window ended: expired, requester notified. Conditional on version: racing sweeps expire once. */
export async function sweepErrands(now: Date, limit = 100): Promise<ErrandSweepReport> {
  const _ = db().command
  const res = await db()
    .collection(ERRANDS)
    .where({ open: true, windowEnd: _.lte(now) })
    .orderBy('windowEnd', 'asc')
    .limit(limit)
    .get()
  const due = (res.data as ErrandRecord[]).filter((e) => e.status === 'open' && isOverdue(e.windowEnd, now))
  let expired = 0
  for (const e of due) {
    const next = applyMove(e, 'expire', 'system', now)
    if (await writeMove(e, next, 'expire', 'system', now)) expired += 1
  }
  return { found: due.length, expired }
}

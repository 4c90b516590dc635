/** The timer: orders whose deadline passed are escalated, marked overdue or closed, once each. */
import { applyMove, markOverdue, type MoveResult } from '../../../src/core/orders/decide'
import type { OrderRecord } from '../../../src/core/orders/model'
import { sweepDecision } from '../../../src/core/orders/sla'
import { nudge } from '../outbox'
import { runPlan } from '../runner'
import { db } from '../sdk'
import { configOf, hazardOf, ORDERS } from './orders-base'
import { movePlan, withNotifiedFlag } from './orders-moves'

export interface SweepReport {
  readonly found: number
  readonly escalated: number
  readonly overdue: number
  readonly closed: number
  readonly lost: number
}

/**
 * Orders whose deadline passed (index `due`), oldest first, at most `limit`: escalate, mark
 * overdue, or close — each a conditional write on the version (its effects in the same write), so
 * two sweeps at once act once.
 */
export async function sweep(now: Date, limit = 50): Promise<SweepReport> {
  const _ = db().command
  const res = await db()
    .collection(ORDERS)
    .where({ dueAt: _.lte(now) })
    .orderBy('dueAt', 'asc')
    .limit(limit)
    .get()
  const found = res.data as OrderRecord[]
  const out = { found: found.length, escalated: 0, overdue: 0, closed: 0, lost: 0 }
  for (const o of found) {
    const decision = sweepDecision(o, now)
    if (!decision) continue
    const config = await configOf(o.path.communityId)
    let r: MoveResult
    try {
      r =
        decision.kind === 'overdue'
          ? markOverdue(o, now)
          : applyMove(
              o,
              decision.kind === 'close'
                ? { move: 'close' }
                : { move: 'escalate', reason: '超过办理时限，自动上报' },
              { by: { kind: 'system' }, now, sla: config.sla, hazard: hazardOf(config, o.categoryId) },
            )
    } catch (err) {
      console.log(
        JSON.stringify({ level: 'error', what: 'sweep.decide', orderId: o._id, error: String(err) }),
      )
      continue
    }
    r = withNotifiedFlag(o, r)
    if (!(await runPlan(movePlan(o, r, config, now), now))) {
      out.lost += 1
      continue
    }
    // Who held it and the supervisors are told now; a failure here is the timer's next dispatch.
    await nudge(ORDERS, o._id, now)
    if (decision.kind === 'escalate') out.escalated += 1
    else if (decision.kind === 'overdue') out.overdue += 1
    else out.closed += 1
  }
  return out
}

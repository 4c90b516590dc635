/**
 * Moves. Every move is read → core decides (src/core/orders/decide.ts) and says what follows
 * (src/core/orders/effects.ts) → the runner's ONE conditional update `where({ _id, version })`
 * with the effects pushed onto the order's outbox in the same write (cloudfunctions/shared/runner.ts).
 * Of two racing moves exactly one matches the version; the loser re-reads and gets the domain
 * answer (e.g. ORDER.ALREADY_ACCEPTED). The dispatcher carries the effects out right after the
 * write (cloudfunctions/shared/outbox.ts). The common accept is ONE conditional write that returns
 * the order (`accept`); its counting and reply deadline are its entry's follow-on work.
 */
import type { OrderDetail } from '../../../src/core/orders/api'
import {
  applyMove,
  partiesOf,
  staffRoleFor,
  type MoveRequest,
  type MoveResult,
  type Mover,
} from '../../../src/core/orders/decide'
import { moveEffects } from '../../../src/core/orders/effects'
import type { OrderRecord } from '../../../src/core/orders/model'
import { FastAcceptState, fastAcceptFor } from '../../../src/core/orders/outbox'
import { toDetail, viewerOf } from '../../../src/core/orders/view'
import { entryOf } from '../../../src/core/effects'
import { updatePlan, type Plan } from '../../../src/core/plan'
import { decideAndRun } from '../runner'
import { db } from '../sdk'
import {
  bodyOf,
  type Caller,
  type Config,
  configOf,
  hazardOf,
  nameOfUser,
  notFound,
  ORDERS,
  readOrder,
} from './orders-base'
import { detail } from './orders-read'

/**
 * One move by a person: read, decide in core, conditional write on the version; a lost race
 * re-reads and decides again (which usually answers with the precise domain error). The mover's
 * name comes with the call (the kit's identify), so the move is one read and one write before its
 * effects are dispatched.
 */
export async function move(
  { actor, user }: Caller,
  orderId: string,
  req: MoveRequest,
  now: Date,
): Promise<OrderDetail> {
  return decideAndRun(
    async () => {
      const o = await readOrder(orderId)
      if (!o) throw notFound()
      return { o, config: await configOf(o.path.communityId) }
    },
    ({ o, config }) => {
      const viewer = viewerOf(actor, o)
      if (!viewer) throw notFound()
      const parties = partiesOf(actor, o)
      const role =
        parties.includes('handler') || parties.includes('supervisor')
          ? staffRoleFor(actor, o.path)
          : 'resident'
      const name = role === 'resident' ? o.reporterName : nameOfUser(user)
      const mover: Mover = { kind: 'person', userId: actor.userId, name, role, parties }
      const r = withNotifiedFlag(
        o,
        applyMove(o, req, { by: mover, now, sla: config.sla, hazard: hazardOf(config, o.categoryId) }),
      )
      return {
        plan: movePlan(o, r, config, now),
        result: toDetail(actor, r.next, viewerOf(actor, r.next) ?? viewer, now, config.sla),
      }
    },
    now,
  )
}

/**
 * 接单. The common case — a new order at the grid tier, nobody has accepted it, nothing held, its
 * accept deadline not passed — is ONE conditional write that returns the order
 * (`updateAndReturn`): the accept rule compiled into the condition by core (`fastAcceptFor`), so of
 * two racing accepts exactly one matches. Counting it and storing the reply deadline are its outbox
 * entry's (`dispatch`). Anything else, and every refusal, takes `move`.
 */
export async function accept(caller: Caller, orderId: string, now: Date): Promise<OrderDetail> {
  const plan = fastAcceptFor(caller.actor, nameOfUser(caller.user), now)
  if (plan) {
    const _ = db().command
    const where = _.and([
      { _id: orderId, ...FastAcceptState, dueAt: _.gt(now) },
      _.or(
        plan.scopes.map((scope) =>
          Object.fromEntries(Object.entries(scope).map(([k, v]) => [`path.${k}`, v])),
        ),
      ),
    ])
    const res = (await db()
      .collection(ORDERS)
      .where(where)
      .updateAndReturn({
        ...plan.set,
        version: _.inc(1),
        events: _.push([plan.event]),
        outbox: _.push([plan.entry]),
      })) as {
      updated?: number
      doc?: OrderRecord | null
    }
    if (res.updated === 1 && res.doc) return detail(caller.actor, { ...res.doc, _id: orderId }, now)
  }
  return move(caller, orderId, { move: 'accept' }, now)
}

/**
 * `unnotified` as the move leaves it: an escalation raises it (the new tier's handlers are still to
 * be reached; announceToHandlers clears it when a message gets through), an accept settles it
 * (whoever accepted knows). Written in the move's own write, so no crash can leave it stale-false.
 */
export function withNotifiedFlag(before: OrderRecord, r: MoveResult): MoveResult {
  if (r.next.tier !== before.tier) return { ...r, next: { ...r.next, unnotified: true } }
  if (r.event.kind === 'accept') return { ...r, next: { ...r.next, unnotified: false } }
  return r
}

/**
 * The move as a plan: the order's changed fields on the condition that its version is still the one
 * decided on, and the move's effects as an outbox entry. Following, a topic raised from it, the
 * outbox and (unless the move itself sets it) `unnotified` are left out: following, raising a topic,
 * dispatching and delivery outcomes are not moves and are written meanwhile without a version bump.
 */
export function movePlan(before: OrderRecord, r: MoveResult, config: Config, now: Date): Plan {
  const { followerIds: _f, raisedTopicId: _t, unnotified, outbox: _o, outboxAt: _a, ...rest } = bodyOf(r.next)
  const body = unnotified !== before.unnotified ? { ...rest, unnotified } : rest
  const effects = moveEffects(before, r, config.sla, hazardOf(config, before.categoryId), now)
  return updatePlan(
    ORDERS,
    before._id,
    { version: before.version },
    body,
    entryOf(`v${r.next.version}`, now, effects),
  )
}

/**
 * Moves. Concurrency: every move is read → core decides (src/core/orders/decide.ts) → ONE
 * conditional update `where({ _id, version })`. Of two racing moves exactly one matches the version;
 * the loser re-reads and gets the domain answer (e.g. ORDER.ALREADY_ACCEPTED). A single-document
 * conditional update is atomic in CloudBase, so no multi-request transaction is needed on the hot
 * paths. The common accept is ONE conditional write that returns the order (`accept`); its counting
 * and reply deadline ride on its outbox entry (`orders-dispatch.ts`). Other moves, and accepts off
 * the common case, have their side effects carried out inline (`afterMove`, `orders-announce.ts`).
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
import type { OrderRecord } from '../../../src/core/orders/model'
import { FastAcceptState, fastAcceptFor } from '../../../src/core/orders/outbox'
import { toDetail, viewerOf } from '../../../src/core/orders/view'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import { db } from '../sdk'
import {
  bodyOf,
  type Caller,
  configOf,
  hazardOf,
  nameOfUser,
  notFound,
  ORDERS,
  readOrder,
} from './orders-base'
import { detail } from './orders-read'
import { afterMove } from './orders-announce'

const MAX_TRIES = 4

/**
 * One move by a person: read, decide in core, conditional write on the version; a lost race
 * re-reads and decides again (which usually answers with the precise domain error). The mover's
 * name comes with the call (the kit's identify), so the hot path is one read and one write before
 * the side effects.
 */
export async function move(
  { actor, user }: Caller,
  orderId: string,
  req: MoveRequest,
  now: Date,
): Promise<OrderDetail> {
  for (let attempt = 0; attempt < MAX_TRIES; attempt += 1) {
    const o = await readOrder(orderId)
    if (!o) throw notFound()
    const viewer = viewerOf(actor, o)
    if (!viewer) throw notFound()
    const config = await configOf(o.path.communityId)
    const parties = partiesOf(actor, o)
    const role =
      parties.includes('handler') || parties.includes('supervisor') ? staffRoleFor(actor, o.path) : 'resident'
    const name = role === 'resident' ? o.reporterName : nameOfUser(user)
    const mover: Mover = { kind: 'person', userId: actor.userId, name, role, parties }
    const r = withNotifiedFlag(
      o,
      applyMove(o, req, { by: mover, now, sla: config.sla, hazard: hazardOf(config, o.categoryId) }),
    )
    if (await writeIfVersion(o, r.next)) {
      await afterMove(o, r, config, now)
      return toDetail(actor, r.next, viewerOf(actor, r.next) ?? viewer, now, config.sla)
    }
  }
  throw new DomainError(CommonErrorCodes.CONFLICT, '操作冲突，请重试')
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

export async function writeIfVersion(before: OrderRecord, next: OrderRecord): Promise<boolean> {
  const { followerIds: _f, unnotified, outbox: _o, outboxAt: _a, outboxLease: _l, ...rest } = bodyOf(next)
  // followerIds, the outbox and (unless the move itself sets it) unnotified are left alone:
  // following, dispatching and delivery outcomes are not moves and are written meanwhile without a
  // version bump.
  const body = unnotified !== before.unnotified ? { ...rest, unnotified } : rest
  const res = (await db()
    .collection(ORDERS)
    .where({ _id: before._id, version: before.version })
    .update(body)) as { updated?: number }
  return res.updated === 1
}

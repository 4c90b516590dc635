/**
 * Pure deciders for work orders: who the caller is to an order (parties), and what a move does to
 * it (the new record, its timeline event), or exactly why not. The clock is passed in.
 */
import { CommonErrorCodes, DomainError, type ErrorCode } from '../errors'
import { holdsOver, isStaffOver, staffRoleOver } from '../access'
import type { OrgPath } from '../org/model'
import type { Actor, Role } from '../roles'
import { OrderErrors, ReportErrors } from './errors'
import { NoMove, NotParty } from '../machine'
import {
  belowTop,
  isOpen,
  orderMachine,
  type OrderMachineContext,
  type OrderMove,
  type Party,
} from './machine'
import type { OrderEvent, OrderRecord, Outcome, Rating, Tier } from './model'
import { NextTier, nextDeadline, promiseDateValid, type SlaTable } from './sla'

/** Staff who handle an order at each tier, within their subtree. */
export const TierHandlers: Readonly<Record<Tier, readonly Role[]>> = {
  grid: ['grid_worker'],
  community: ['community_admin'],
  street: ['street_admin'],
  department: ['street_admin'],
}

/** Staff above a tier who may step in and who take 不满意 orders (the street supervises itself). */
export const TierSupervisors: Readonly<Record<Tier, readonly Role[]>> = {
  grid: ['community_admin', 'street_admin'],
  community: ['street_admin'],
  street: ['street_admin'],
  department: ['street_admin'],
}

/** The parties the caller is to this order (possibly several, possibly none). */
export function partiesOf(
  actor: Actor,
  o: Pick<OrderRecord, 'reporterId' | 'tier' | 'path' | 'handlerId'>,
): Party[] {
  const out: Party[] = []
  if (actor.userId === o.reporterId) out.push('reporter')
  if (
    holdsOver(actor, TierHandlers[o.tier], o.path) ||
    (o.handlerId === actor.userId && isStaffOver(actor, o.path))
  )
    out.push('handler')
  if (holdsOver(actor, TierSupervisors[o.tier], o.path)) out.push('supervisor')
  return out
}

/** The role label an event shows for this staff member acting on this order. */
export function staffRoleFor(actor: Actor, path: OrgPath): OrderEvent['byRole'] {
  return staffRoleOver(actor, path) ?? 'resident'
}

export type MoveRequest =
  | { readonly move: 'accept' }
  | { readonly move: 'start' }
  | {
      readonly move: 'reply'
      readonly outcome?: Outcome
      readonly text: string
      readonly promisedDate?: string
      readonly reason?: string
      readonly to?: string
    }
  | { readonly move: 'escalate'; readonly reason: string; readonly to?: string }
  | { readonly move: 'rate'; readonly rating: Rating; readonly comment?: string }
  | { readonly move: 'reopen'; readonly reason: string }
  | { readonly move: 'close' }
  | { readonly move: 'release' }

/** Who makes the move: a person (with their parties to the order) or the sweep. */
export type Mover =
  | {
      readonly kind: 'person'
      readonly userId: string
      readonly name: string
      readonly role: OrderEvent['byRole']
      readonly parties: readonly Party[]
    }
  | { readonly kind: 'system' }

export interface MoveContext {
  readonly by: Mover
  readonly now: Date
  readonly sla: SlaTable
  readonly hazard: boolean
}

export interface MoveResult {
  readonly next: OrderRecord
  readonly event: OrderEvent
}

const bad = (msg = '工单状态已变化，请刷新后再操作') => new DomainError(OrderErrors.BAD_STATE, msg)
const forbidden = () => new DomainError(CommonErrorCodes.FORBIDDEN, '您无权处理该工单')

/** Re-derives the stored helpers of a record after its fields changed: group, deadline, version. */
export function settle(o: OrderRecord, sla: SlaTable, hazard: boolean): OrderRecord {
  const due = nextDeadline({ ...o, hazard }, sla)
  return {
    ...o,
    open: isOpen(o.status),
    dueAt: due?.at ?? null,
    dueAction: due?.action ?? null,
    version: o.version + 1,
  }
}

/** Reply input checks, in the order a person fills the form. */
function checkReply(r: Extract<MoveRequest, { move: 'reply' }>, now: Date, sla: SlaTable): Outcome {
  if (!r.outcome) throw new DomainError(OrderErrors.OUTCOME_REQUIRED, '请选择办理结果')
  if (!r.text.trim()) throw new DomainError(ReportErrors.TEXT_EMPTY, '请填写答复内容')
  if (r.outcome === 'deadline') {
    if (!r.promisedDate) throw new DomainError(OrderErrors.PROMISED_DATE_REQUIRED, '请填写承诺办结日期')
    if (!promiseDateValid(r.promisedDate, now, sla))
      throw new DomainError(OrderErrors.PROMISED_DATE_INVALID, '承诺日期不正确')
  }
  if (r.outcome === 'explained' && !r.reason?.trim())
    throw new DomainError(OrderErrors.REASON_REQUIRED, '请填写原因')
  if (r.outcome === 'transferred' && !r.to?.trim())
    throw new DomainError(OrderErrors.TRANSFER_TARGET_REQUIRED, '请填写承办单位')
  return r.outcome
}

/** What a guard of the machine refuses with, as the person reads it. */
const GuardMessages: Readonly<Record<string, string>> = {
  [OrderErrors.ALREADY_RATED]: '已评价',
  [OrderErrors.REOPEN_EXPIRED]: '已超过重新办理期限',
  [OrderErrors.NOT_HELD]: '该工单无需审核',
  [OrderErrors.TOP_TIER]: '已在最高一级',
}

/** The status `move` leads to by the machine (core/orders/machine.ts), or exactly why not. */
function statusMove(
  o: OrderRecord,
  move: OrderMove,
  by: Mover,
  m: OrderMachineContext,
): OrderRecord['status'] {
  const parties: readonly Party[] = by.kind === 'system' ? ['system'] : by.parties
  const step = orderMachine.next(o.status, move, parties, m)
  if (step.ok) return step.to
  if (move === 'accept' && o.status !== 'submitted' && o.handlerId)
    throw new DomainError(OrderErrors.ALREADY_ACCEPTED, '该工单已被接单')
  if (step.code === NoMove) throw bad()
  if (step.code === NotParty) throw forbidden()
  throw guardRefusal(step.code)
}

/** A guard's refusal as the domain error the caller gets. */
function guardRefusal(code: string): DomainError {
  return new DomainError(code as ErrorCode, GuardMessages[code] ?? '暂时不能进行此操作')
}

/**
 * Applies one move to an order, or throws the reason it is not possible. A deadline already past
 * marks the order overdue first (a late move between two sweeps still counts as late).
 */
export function applyMove(order: OrderRecord, req: MoveRequest, ctx: MoveContext): MoveResult {
  const { now, by, sla } = ctx
  const base: OrderRecord =
    order.dueAction === 'escalate' && order.dueAt && new Date(order.dueAt).getTime() < now.getTime()
      ? { ...order, overdue: true }
      : order
  const who =
    by.kind === 'system'
      ? { by: 'system', byRole: 'system' as const, byName: '系统' }
      : { by: by.userId, byRole: by.role, byName: by.name }
  const event = (e: Omit<OrderEvent, 'at' | 'by' | 'byRole' | 'byName'>): OrderEvent => ({
    at: now,
    ...who,
    ...e,
  })
  const personId = by.kind === 'person' ? by.userId : null
  const personName = by.kind === 'person' ? by.name : null
  const take = (o: OrderRecord): OrderRecord =>
    personId && by.kind === 'person' && by.role !== 'resident'
      ? {
          ...o,
          handlerId: o.handlerId ?? personId,
          handlerName: o.handlerName ?? personName,
          firstReceiverId: o.firstReceiverId ?? personId,
          firstReceiverName: o.firstReceiverName ?? personName,
        }
      : o
  const m: OrderMachineContext = { order: base, now, sla }
  const done = (o: OrderRecord, e: OrderEvent): MoveResult => ({
    next: settle({ ...o, events: [...o.events, e] }, sla, ctx.hazard),
    event: e,
  })

  switch (req.move) {
    case 'release': {
      statusMove(base, 'release', by, m)
      return done({ ...base, held: false, photosChecked: true }, event({ kind: 'release', tier: base.tier }))
    }
    case 'accept': {
      const status = statusMove(base, 'accept', by, m)
      const o = take({
        ...base,
        status,
        handlerId: personId,
        handlerName: personName,
        acceptedAt: base.acceptedAt ?? now,
        photosChecked: base.photosChecked || !base.held,
      })
      return done(o, event({ kind: 'accept', tier: base.tier }))
    }
    case 'start': {
      const status = statusMove(base, 'start', by, m)
      return done(take({ ...base, status }), event({ kind: 'start', tier: base.tier }))
    }
    case 'reply': {
      const outcome = checkReply(req, now, sla)
      const status = statusMove(base, outcome === 'deadline' ? 'promise' : 'reply', by, m)
      const reply = {
        outcome,
        text: req.text.trim(),
        promisedDate: outcome === 'deadline' ? (req.promisedDate ?? null) : null,
        reason: outcome === 'explained' ? (req.reason?.trim() ?? null) : null,
        to: outcome === 'transferred' ? (req.to?.trim() ?? null) : null,
        at: now,
        by: personId ?? 'system',
      }
      const final = outcome !== 'deadline'
      const o = take({
        ...base,
        status,
        reply,
        lastReplyAt: now,
        repliedAt: final ? (base.repliedAt ?? now) : base.repliedAt,
        acceptedAt: base.acceptedAt ?? now,
        // A promise resets the clock to the promised date; its own deadline is the date.
        tierSince: final ? base.tierSince : now,
      })
      return done(
        o,
        event({
          kind: 'reply',
          tier: base.tier,
          outcome,
          text: reply.text,
          ...(reply.promisedDate ? { promisedDate: reply.promisedDate } : {}),
          ...(reply.reason ? { reason: reply.reason } : {}),
          ...(reply.to ? { to: reply.to } : {}),
        }),
      )
    }
    case 'escalate': {
      // The machine's top-tier guard, asked before anything else: at the top the answer is
      // ORDER.TOP_TIER whoever asks (statusMove would ask it only of the order's parties).
      const top = belowTop(m)
      if (top !== true) throw guardRefusal(top)
      const toTier = NextTier[base.tier]
      if (!toTier) throw bad() // not reached: belowTop answered at the top
      if (toTier === 'department' && !req.to?.trim())
        throw new DomainError(OrderErrors.TRANSFER_TARGET_REQUIRED, '请填写承办部门')
      const status = statusMove(base, 'escalate', by, m)
      const auto = by.kind === 'system'
      const o: OrderRecord = {
        ...base,
        status,
        tier: toTier,
        tierSince: now,
        handlerId: null,
        handlerName: null,
        department: toTier === 'department' ? (req.to?.trim() ?? null) : base.department,
        overdue: base.overdue || auto,
      }
      return done(
        o,
        event({
          kind: 'escalate',
          tier: base.tier,
          toTier,
          reason: req.reason,
          ...(req.to && toTier === 'department' ? { to: req.to.trim() } : {}),
          auto,
        }),
      )
    }
    case 'rate': {
      if (by.kind !== 'person' || !by.parties.includes('reporter'))
        throw new DomainError(OrderErrors.NOT_REPORTER, '只有上报人可以评价')
      const move = req.rating === 'unsatisfied' ? 'rate_unsatisfied' : 'rate_ok'
      // No rate from this status: a rated order stays rated (even reopened), else it waits for a reply.
      if (!orderMachine.exists(move, base.status))
        throw base.rating
          ? new DomainError(OrderErrors.ALREADY_RATED, GuardMessages[OrderErrors.ALREADY_RATED] ?? '')
          : new DomainError(OrderErrors.NOT_REPLIED, '尚未答复')
      const status = statusMove(base, move, by, m)
      const rating = { rating: req.rating, comment: req.comment?.trim() || null, at: now }
      return done(
        {
          ...base,
          status,
          rating,
          closedAt: status === 'closed' ? now : base.closedAt,
          tierSince: status === 'unsatisfied' ? now : base.tierSince,
        },
        event({
          kind: 'rate',
          tier: base.tier,
          rating: req.rating,
          ...(rating.comment ? { comment: rating.comment } : {}),
        }),
      )
    }
    case 'reopen': {
      if (by.kind !== 'person' || !by.parties.includes('reporter'))
        throw new DomainError(OrderErrors.NOT_REPORTER, '只有上报人可以重新办理')
      const status = statusMove(base, 'reopen', by, m)
      return done(
        {
          ...base,
          status,
          tierSince: now,
          closedAt: null,
          reopenCount: base.reopenCount + 1,
          overdue: false,
        },
        event({ kind: 'reopen', tier: base.tier, reason: req.reason }),
      )
    }
    case 'close': {
      const status = statusMove(base, 'close', by, m)
      return done({ ...base, status, closedAt: now }, event({ kind: 'close', tier: base.tier, auto: true }))
    }
  }
}

/**
 * The sweep found the tier's deadline passed but nowhere to escalate automatically (street and
 * department tiers): the order is marked overdue once and the deadline cleared.
 */
export function markOverdue(order: OrderRecord, now: Date): MoveResult {
  const e: OrderEvent = {
    kind: 'overdue',
    at: now,
    by: 'system',
    byRole: 'system',
    byName: '系统',
    tier: order.tier,
    auto: true,
  }
  return {
    next: {
      ...order,
      overdue: true,
      dueAt: null,
      dueAction: null,
      events: [...order.events, e],
      version: order.version + 1,
    },
    event: e,
  }
}

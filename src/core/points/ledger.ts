/**
 * Pure ledger rules: what one transfer writes (the transfer, its two entries, both balances after),
 * or exactly why it may not happen; the reversing transfer of a correction; the audit comparison.
 * The store (cloudfunctions/shared/repos/ledger.ts) reads the two balances inside a transaction,
 * asks `planTransfer`, and writes what it answers — nothing else.
 */
import { entryOf } from '../effects'
import { DomainError } from '../errors'
import { ledgerDayCounts } from './day-stats'
import { PointsErrors } from './errors'
import {
  Causes,
  causeKind,
  entryIdFor,
  isCause,
  MAX_AMOUNT,
  mayGoNegative,
  parseAccount,
  type AccountId,
  type EntryRecord,
  type TransferRecord,
} from './model'

export interface TransferRequest {
  readonly cause: string
  readonly from: AccountId
  readonly to: AccountId
  readonly amount: number
  readonly reason: string
  readonly communityId: string
  readonly by: string
  readonly reverses?: string | null
}

export interface TransferPlan {
  readonly transfer: TransferRecord
  readonly entries: readonly [EntryRecord, EntryRecord]
  /** Balances after the transfer, by account. */
  readonly balances: Readonly<Record<string, number>>
}

/** Checks a request on its own (no balances needed): amount, accounts, cause, reason. */
export function checkRequest(req: TransferRequest): void {
  if (!Number.isInteger(req.amount) || req.amount <= 0 || req.amount > MAX_AMOUNT) {
    throw new DomainError(PointsErrors.BAD_AMOUNT, `积分数量应为 1–${MAX_AMOUNT} 的整数`)
  }
  if (!parseAccount(req.from) || !parseAccount(req.to))
    throw new DomainError(PointsErrors.BAD_CAUSE, 'bad account')
  if (req.from === req.to) throw new DomainError(PointsErrors.SAME_ACCOUNT, '不能转给自己')
  if (!isCause(req.cause)) throw new DomainError(PointsErrors.BAD_CAUSE, `bad cause ${req.cause}`)
  const kind = causeKind(req.cause)
  if (
    (kind === 'award' || kind === 'correction' || kind === 'fund' || kind === 'forfeit') &&
    !req.reason.trim()
  ) {
    throw new DomainError(PointsErrors.REASON_REQUIRED, '请填写原因')
  }
}

/**
 * The writes of one transfer given the two current balances, or the reason it may not happen.
 * The paying balance never goes below zero (issuance exempt).
 */
export function planTransfer(
  req: TransferRequest,
  fromBalance: number,
  toBalance: number,
  now: Date,
  /** The new transfer's id: opaque, drawn by the store (ADR 0016). */
  id: string,
): TransferPlan {
  checkRequest(req)
  const fromAfter = fromBalance - req.amount
  if (fromAfter < 0 && !mayGoNegative(req.from)) {
    throw new DomainError(PointsErrors.INSUFFICIENT, `积分不足（当前 ${fromBalance} 分）`)
  }
  const toAfter = toBalance + req.amount
  const kind = causeKind(req.cause)
  const reason = req.reason.trim()
  const transfer: TransferRecord = {
    _id: id,
    cause: req.cause,
    kind,
    from: req.from,
    to: req.to,
    amount: req.amount,
    reason,
    communityId: req.communityId,
    by: req.by,
    reverses: req.reverses ?? null,
    at: now,
    // Its day counts (points issued or spent) go through the one outbox, on the transfer itself.
    ...withCounts(ledgerDayCounts(req, now), now),
  }
  const common = { transferId: id, cause: req.cause, kind, reason, communityId: req.communityId, at: now }
  const debit: EntryRecord = {
    _id: entryIdFor(id, 'debit'),
    account: req.from,
    counterparty: req.to,
    delta: -req.amount,
    balanceAfter: fromAfter,
    ...common,
  }
  const credit: EntryRecord = {
    _id: entryIdFor(id, 'credit'),
    account: req.to,
    counterparty: req.from,
    delta: req.amount,
    balanceAfter: toAfter,
    ...common,
  }
  return { transfer, entries: [debit, credit], balances: { [req.from]: fromAfter, [req.to]: toAfter } }
}

function withCounts(counts: ReturnType<typeof ledgerDayCounts>, now: Date) {
  const entry = entryOf('day', now, counts)
  return entry ? { outbox: [entry], outboxAt: now } : {}
}

/** The reversing transfer of `original`: same amount, back from `to` to `from`, with a reason. */
export function correctionOf(original: TransferRecord, reason: string, by: string): TransferRequest {
  return {
    cause: Causes.correction(original._id),
    from: original.to,
    to: original.from,
    amount: original.amount,
    reason,
    communityId: original.communityId,
    by,
    reverses: original._id,
  }
}

export interface BalanceDifference {
  readonly account: string
  /** What `point_accounts` says (0 when the account has no record). */
  readonly cached: number
  /** The sum of the account's entries. */
  readonly computed: number
}

/**
 * Compares cached balances with the entries' sums, for every account seen in either. Empty when the
 * ledger is consistent.
 */
export function auditDifferences(
  entries: Iterable<{ readonly account: string; readonly delta: number }>,
  cached: ReadonlyMap<string, number>,
): BalanceDifference[] {
  const computed = new Map<string, number>()
  for (const e of entries) computed.set(e.account, (computed.get(e.account) ?? 0) + e.delta)
  const accounts = new Set([...computed.keys(), ...cached.keys()])
  const out: BalanceDifference[] = []
  for (const account of [...accounts].sort()) {
    const c = cached.get(account) ?? 0
    const s = computed.get(account) ?? 0
    if (c !== s) out.push({ account, cached: c, computed: s })
  }
  return out
}

/** A ledger line as its account holder reads it: what the cause was, in Chinese. */
export const CauseLabel: Readonly<Record<string, string>> = {
  errand: '邻里互助',
  activity: '志愿活动',
  wish: '微心愿',
  redemption: '爱心超市兑换',
  refund: '兑换退回',
  award: '社区奖励',
  gift: '积分转赠',
  fund: '社区基金',
  pledge: '借用押分',
  unpledge: '押分退回',
  forfeit: '押分扣留',
  donation: '捐赠工具',
  correction: '更正',
}

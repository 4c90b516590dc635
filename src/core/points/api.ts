/**
 * Wire contract of the love-card points ledger (爱心卡). Pages: 我的爱心卡 (balance + ledger lines),
 * staff award / correct / audit.
 */
import * as v from 'valibot'
import { defineAction } from '../contract/define'
import { clientRequestId } from '../join/api'
import type { CauseKind } from './model'
import type { BalanceDifference } from './ledger'

/** One line of my ledger: one entry of one transfer, newest first. */
export interface LedgerLine {
  readonly transferId: string
  readonly at: string
  /** + earned, − spent. */
  readonly delta: number
  readonly balanceAfter: number
  readonly cause: string
  readonly kind: CauseKind
  /** 邻里互助 / 志愿活动 / 社区奖励 / 更正 … */
  readonly label: string
  readonly reason: string
  /** For a correction: the transfer it reverses. */
  readonly reverses: string | null
}

export interface MyPoints {
  readonly balance: number
  readonly lines: readonly LedgerLine[]
  readonly cursor: string | null
}

export interface TransferView {
  readonly transferId: string
  readonly cause: string
  readonly from: string
  readonly to: string
  readonly amount: number
  readonly reason: string
  readonly at: string
  /** True when the cause had already been paid: nothing new was written. */
  readonly retried: boolean
}

export interface AuditReport {
  readonly accounts: number
  readonly entries: number
  readonly differences: readonly BalanceDifference[]
}

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(120))
/** Empty reasons and bad amounts pass the schema on purpose: the ledger answers them with POINTS.* codes. */
const reason = v.pipe(v.string(), v.maxLength(100, '原因不超过 100 个字'))

export const pointActions = {
  /** My balance and ledger lines (20 per page, newest first) with their causes. */
  'points.mine': defineAction<MyPoints>()(v.strictObject({ cursor: v.optional(v.pipe(v.string(), v.maxLength(200))) })),
  /** A community admin awards points to a resident of their community (from issuance), with a reason. */
  'points.award': defineAction<TransferView>()(
    v.strictObject({
      userId: id,
      amount: v.number(),
      reason,
      requestId: clientRequestId,
    }),
  ),
  /**
   * A resident gives points to another resident of their community (for a service done) or to the
   * community fund (`to: 'fund'`). Idempotent on requestId; never below zero (POINTS.INSUFFICIENT).
   */
  'points.give': defineAction<TransferView>()(
    v.strictObject({ to: v.union([v.literal('fund'), v.strictObject({ userId: id })]), amount: v.number(), note: v.optional(v.pipe(v.string(), v.maxLength(50))), requestId: clientRequestId }),
  ),
  /** A community admin reverses a transfer of their community with a reason (idempotent per transfer). */
  'points.correct': defineAction<TransferView>()(v.strictObject({ transferId: id, reason })),
  /** Recomputes the balances of accounts touched in the community from their entries; lists differences. */
  'points.audit': defineAction<AuditReport>()(v.strictObject({ communityId: id })),
}

/**
 * Wire contract of the love-card points ledger (爱心卡). Pages: 我的爱心卡 (balance + ledger lines),
 * staff award / correct / audit.
 */
import * as v from 'valibot'
import { defineAction } from '../contract/define'
import { clientRequestId } from '../join/api'
import type { ErrandType } from '../errands/model'
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

/** One transfer of a community as its admins see it (积分管理 → 积分流水). */
export interface TransferLine {
  readonly transferId: string
  readonly at: string
  readonly kind: CauseKind
  /** 邻里互助 / 社区奖励 / 更正 … */
  readonly label: string
  readonly amount: number
  /** Account ids (`u:<userId>`, `fund:<communityId>`…) and how they read: a person's name, 社区基金, 爱心超市, 积分发行. */
  readonly from: string
  readonly fromName: string
  readonly to: string
  readonly toName: string
  readonly reason: string
  /** For a correction: the transfer it reverses. */
  readonly reverses: string | null
  /** True when a correction of this transfer exists (it cannot be corrected again). */
  readonly corrected: boolean
}

export interface CommunityTransfers {
  readonly lines: readonly TransferLine[]
  readonly cursor: string | null
}

export interface AuditReport {
  readonly accounts: number
  readonly entries: number
  readonly differences: readonly BalanceDifference[]
}

/** A neighbour who served me: the helper of one of my confirmed errands (the latest one shown). */
export interface GiftNeighbour {
  readonly userId: string
  /** As the errand shows the helper to me (the name they had when they took it). */
  readonly name: string
  readonly errandId: string
  readonly type: ErrandType
  /** 代收快递 / 代买米买菜 … */
  readonly typeLabel: string
  /** When I confirmed it. */
  readonly at: string
}

/** Whom I may give points to (转赠积分): my community's fund, and the neighbours who served me. */
export interface GiftRecipients {
  readonly balance: number
  /** 「新华社区爱心基金」 */
  readonly fundName: string
  /** Newest first, one per neighbour, at most 10; only people still residents of my community. */
  readonly neighbours: readonly GiftNeighbour[]
}

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(120))
/** Empty reasons and bad amounts pass the schema on purpose: the ledger answers them with POINTS.* codes. */
const reason = v.pipe(v.string(), v.maxLength(100, '原因不超过 100 个字'))

export const pointActions = {
  /** My balance and ledger lines (20 per page, newest first) with their causes. */
  'points.mine': defineAction<MyPoints>()(
    v.strictObject({ cursor: v.optional(v.pipe(v.string(), v.maxLength(200))) }),
  ),
  /** A community admin awards points to a resident of their community (from issuance), with a reason. */
  'points.award': defineAction<TransferView>()(
    v.strictObject({
      userId: id,
      amount: v.number(),
      reason,
      requestId: clientRequestId,
    }),
  ),
  /** My balance and whom I may give to: the community fund and the helpers of my confirmed errands. */
  'points.recipients': defineAction<GiftRecipients>()(v.strictObject({})),
  /**
   * A resident gives points to another resident of their community who served them (the helper of
   * one of their confirmed errands, else POINTS.NOT_MY_HELPER) or to the community fund
   * (`to: 'fund'`). Idempotent on requestId; never below zero (POINTS.INSUFFICIENT).
   */
  'points.give': defineAction<TransferView>()(
    v.strictObject({
      to: v.union([v.literal('fund'), v.strictObject({ userId: id })]),
      amount: v.number(),
      note: v.optional(v.pipe(v.string(), v.maxLength(50))),
      requestId: clientRequestId,
    }),
  ),
  /** A community admin reverses a transfer of their community with a reason (idempotent per transfer). */
  'points.correct': defineAction<TransferView>()(v.strictObject({ transferId: id, reason })),
  /**
   * A community's transfers, newest first, 20 a page (cursor `<ms>_<transferId>`), with the people's
   * names: for its community admins (and street admins above it). Every call is access-logged.
   */
  'points.transfers': defineAction<CommunityTransfers>()(
    v.strictObject({ communityId: id, cursor: v.optional(v.pipe(v.string(), v.maxLength(200))) }),
  ),
  /** Recomputes the balances of accounts touched in the community from their entries; lists differences. */
  'points.audit': defineAction<AuditReport>()(v.strictObject({ communityId: id })),
}

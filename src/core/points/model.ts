/**
 * The love-card points ledger (爱心卡积分), as trustworthy as money: double entry, append only.
 *
 * - Every movement is ONE transfer (collection `point_transfers`) with exactly two entries
 *   (`point_entries`): a debit of `from` and a credit of `to`, same amount. Neither is ever updated
 *   or deleted; a mistake is undone by a reversing transfer (a correction) with a reason. (A
 *   transfer's `outbox` fields are the one effects path's bookkeeping, not its content: its day
 *   counts for the dashboards are carried out from there, and the entry removed.)
 * - Every transfer carries its cause (`errand:<id>`, `activity:<id>:<userId>`, `correction:<id>`…),
 *   unique in `point_transfers` (index `cause_unique`): the same cause can never pay twice. Its
 *   `_id` is opaque and random (ADR 0016), never derived from the cause or the people in it.
 * - Balances are cached per account (`point_accounts`) and written in the same transaction as the
 *   entries; `auditAccounts` recomputes them from the entries and reports any difference.
 * - No balance ever goes below zero, except the issuance account's (points enter the economy there).
 * - A lending pledge (百宝屋 押分) is points held, never money: at pickup they move from the borrower
 *   to the community's escrow `pledge:<communityId>` (cause `pledge:<loanId>`), and at return back
 *   to the borrower (`unpledge:<loanId>`) or, kept by staff with a reason, to the community's fund
 *   (`forfeit:<loanId>`). A loan's pledge is released or kept once: the two causes exclude each other
 *   because the loan's move that makes either is a compare-and-set in the same transaction.
 */

import type { WithOutbox } from '../effects'

/**
 * Account kinds: a person, a community's fund, a community's love supermarket, issuance (mint), and
 * a community's escrow of lending pledges.
 */
export const AccountKinds = ['u', 'fund', 'market', 'issuance', 'pledge'] as const
export type AccountKind = (typeof AccountKinds)[number]

/** `u:<userId>`, `fund:<communityId>`, `market:<communityId>`, `issuance:<communityId>`, `pledge:<communityId>`. */
export type AccountId = `${AccountKind}:${string}`

const ID_PART = /^[0-9A-Za-z_-]{1,64}$/

export const personAccount = (userId: string): AccountId => `u:${userId}`
export const fundAccount = (communityId: string): AccountId => `fund:${communityId}`
export const marketAccount = (communityId: string): AccountId => `market:${communityId}`
export const issuanceAccount = (communityId: string): AccountId => `issuance:${communityId}`
export const pledgeAccount = (communityId: string): AccountId => `pledge:${communityId}`

/** How the community's own accounts read on staff pages (a person's account reads as their name). */
export const AccountLabel: Readonly<Record<Exclude<AccountKind, 'u'>, string>> = {
  fund: '社区基金',
  market: '爱心超市',
  issuance: '积分发行',
  pledge: '借用押分',
}

export function parseAccount(id: string): { kind: AccountKind; ref: string } | null {
  const cut = id.indexOf(':')
  if (cut < 0) return null
  const kind = id.slice(0, cut) as AccountKind
  const ref = id.slice(cut + 1)
  return AccountKinds.includes(kind) && ID_PART.test(ref) ? { kind, ref } : null
}

/** May this account's balance go below zero? Only issuance: it is where points come from. */
export function mayGoNegative(account: string): boolean {
  return account.startsWith('issuance:')
}

/**
 * What a transfer is for. The cause is the idempotency key: one cause, at most one transfer.
 * Segments are ids (letters, digits, `_`, `-`), so the mapping to a transfer id is one-to-one.
 */
export const CauseKinds = [
  'errand',
  'activity',
  'wish',
  'redemption',
  'refund',
  'award',
  'gift',
  'fund',
  'pledge',
  'unpledge',
  'forfeit',
  'donation',
  'correction',
] as const
export type CauseKind = (typeof CauseKinds)[number]

export const Causes = {
  errand: (errandId: string) => `errand:${errandId}`,
  activity: (activityId: string, userId: string) => `activity:${activityId}:${userId}`,
  wish: (wishId: string) => `wish:${wishId}`,
  redemption: (redemptionId: string) => `redemption:${redemptionId}`,
  refund: (redemptionId: string) => `refund:${redemptionId}`,
  /** A manual award: the admin's id and their client request id (a retried tap lands once). */
  award: (adminId: string, requestId: string) => `award:${adminId}:${requestId}`,
  gift: (giverId: string, requestId: string) => `gift:${giverId}:${requestId}`,
  fund: (adminId: string, requestId: string) => `fund:${adminId}:${requestId}`,
  /** A lending pledge held at pickup, released at return, or kept (百宝屋). */
  pledge: (loanId: string) => `pledge:${loanId}`,
  unpledge: (loanId: string) => `unpledge:${loanId}`,
  forfeit: (loanId: string) => `forfeit:${loanId}`,
  /** Points for a donated tool accepted into a community's 百宝屋. */
  donation: (donationId: string) => `donation:${donationId}`,
  correction: (transferId: string) => `correction:${transferId}`,
} as const satisfies Record<CauseKind, (...ids: string[]) => string>

const CAUSE = new RegExp(
  `^(${CauseKinds.filter((k) => k !== 'correction').join('|')})(:[0-9A-Za-z_-]{1,80}){1,3}$`,
)
/** A correction names the transfer it reverses: one segment, the (opaque) transfer id. */
const CORRECTION = /^correction:tr_[0-9A-Za-z_-]{1,80}$/

export function isCause(cause: string): boolean {
  return CAUSE.test(cause) || CORRECTION.test(cause)
}

export function causeKind(cause: string): CauseKind {
  return cause.slice(0, cause.indexOf(':')) as CauseKind
}

export function entryIdFor(transferId: string, side: 'debit' | 'credit'): string {
  return `${transferId}.${side === 'debit' ? 'd' : 'c'}`
}

/** Collection `point_transfers`: immutable. */
export interface TransferRecord extends WithOutbox {
  readonly _id: string
  readonly cause: string
  readonly kind: CauseKind
  readonly from: AccountId
  readonly to: AccountId
  /** Positive integer. */
  readonly amount: number
  /** Why, in words (required for awards and corrections; shown in the ledger). */
  readonly reason: string
  /** The community the movement belongs to (audits and staff views are scoped by it). */
  readonly communityId: string
  /** Who caused it: a user id, or `system`. */
  readonly by: string
  /** For a correction: the transfer it reverses. */
  readonly reverses: string | null
  readonly at: Date
}

/** Collection `point_entries`: immutable; `delta` negative for the debit, positive for the credit. */
export interface EntryRecord {
  readonly _id: string
  readonly transferId: string
  readonly account: AccountId
  readonly counterparty: AccountId
  readonly delta: number
  readonly balanceAfter: number
  readonly cause: string
  readonly kind: CauseKind
  readonly reason: string
  readonly communityId: string
  readonly at: Date
}

/** Collection `point_accounts`: the cached balance; `_id` is the account id. */
export interface AccountRecord {
  readonly _id: AccountId
  readonly balance: number
  /** Sum of credits and of debits (absolute), for quick reading; the entries are the truth. */
  readonly credited: number
  readonly debited: number
  readonly updatedAt: Date
}

/** Largest single movement: a typo of a few zeros must not mint a fortune. */
export const MAX_AMOUNT = 10_000

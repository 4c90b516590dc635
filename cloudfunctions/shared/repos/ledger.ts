/**
 * The points ledger store (src/core/points). One transfer = one transaction that writes the
 * transfer, its two entries and both cached balances, after reading the balances in the same
 * transaction: two debits racing on one account conflict (first writer wins), the loser is retried
 * against the new balance and fails with POINTS.INSUFFICIENT rather than overdraw.
 *
 * Entries and transfers are only ever created (`set` on a fresh opaque id), never updated or
 * deleted. A cause already paid answers the existing transfer (`retried: true`); the unique
 * `point_transfers.cause_unique` index makes racing payers of one cause write it once (ADR 0016).
 *
 * This module is the store's public face; each part lives next door:
 * - `ledger-base.ts`: the collections, the page and its cursor, who may read a community's ledger;
 * - `ledger-transfer.ts`: the one write (a transfer, in its own or the caller's transaction);
 * - `ledger-moves.ts`: what a person asks for: award, give (and its recipients), correct;
 * - `ledger-read.ts`: my points, an account's latest movements, a community's transfers;
 * - `ledger-audit.ts`: balances recomputed from the entries.
 */
export { TRANSFERS, ENTRIES, ACCOUNTS } from './ledger-base'
export { type TransferOutcome, transferInTx, transfer, viewOf, balanceOf } from './ledger-transfer'
export { award, recipients, give, correct } from './ledger-moves'
export { mine, recentTransfers, communityTransfers } from './ledger-read'
export { auditAccounts, audit } from './ledger-audit'

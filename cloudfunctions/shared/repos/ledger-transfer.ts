/**
 * The one write of the points ledger: a transfer, its two entries and both cached balances, in one
 * transaction after reading the balances in it (the runner and the market pay inside their own
 * transaction with `transferInTx`); a cause pays once.
 */
import { withRetry, type Tx } from '../tx'
import type { TransferView } from '../../../src/core/points/api'
import { planTransfer, checkRequest, type TransferRequest } from '../../../src/core/points/ledger'
import type { AccountRecord, TransferRecord } from '../../../src/core/points/model'
import { byRequest, isDuplicateKey, newId } from '../ids'
import { firstDoc, getDoc } from './docs'
import { ACCOUNTS, ENTRIES, TRANSFERS } from './ledger-base'

export interface TransferOutcome {
  readonly transfer: TransferRecord
  readonly retried: boolean
}

/** The transfer a cause made, if any (`cause` is unique in `point_transfers`). */
async function transferOfCause(cause: string): Promise<TransferRecord | null> {
  return byRequest<TransferRecord>(TRANSFERS, { cause })
}

/**
 * Inside the caller's transaction (so a feature can pay in the same commit as its own write, e.g.
 * an errand's confirmation): the transfer of `req`, or the one its cause already made. The cause is
 * looked up by a query beside the transaction (no where-queries inside one); a racing payer of the
 * same cause conflicts on the accounts (and is retried, then finds it) or loses on the unique
 * `cause` index at commit, so one cause never pays twice.
 */
export async function transferInTx(tx: Tx, req: TransferRequest, now: Date): Promise<TransferOutcome> {
  checkRequest(req)
  const existing = await transferOfCause(req.cause)
  if (existing) return { transfer: existing, retried: true }
  const [from, to] = await Promise.all(
    [req.from, req.to].map(async (a) =>
      firstDoc<AccountRecord>((await tx.collection(ACCOUNTS).doc(a).get()).data),
    ),
  )
  const plan = planTransfer(req, from?.balance ?? 0, to?.balance ?? 0, now, newId('tr'))
  const { _id, ...transfer } = plan.transfer
  await tx.collection(TRANSFERS).doc(_id).set(transfer)
  for (const e of plan.entries) {
    const { _id: entryId, ...entry } = e
    await tx.collection(ENTRIES).doc(entryId).set(entry)
  }
  const account = (a: AccountRecord | null | undefined, delta: number): Omit<AccountRecord, '_id'> => ({
    balance: (a?.balance ?? 0) + delta,
    credited: (a?.credited ?? 0) + Math.max(delta, 0),
    debited: (a?.debited ?? 0) + Math.max(-delta, 0),
    updatedAt: now,
  })
  await tx.collection(ACCOUNTS).doc(req.from).set(account(from, -req.amount))
  await tx.collection(ACCOUNTS).doc(req.to).set(account(to, req.amount))
  return { transfer: plan.transfer, retried: false }
}

/** One transfer in its own transaction (a concurrent one of the same cause answers that one). */
export async function transfer(req: TransferRequest, now: Date): Promise<TransferOutcome> {
  try {
    return await withRetry((tx) => transferInTx(tx, req, now))
  } catch (err) {
    const again = isDuplicateKey(err) ? await transferOfCause(req.cause) : null
    if (!again) throw err
    return { transfer: again, retried: true }
  }
}

export function viewOf(o: TransferOutcome): TransferView {
  const t = o.transfer
  return {
    transferId: t._id,
    cause: t.cause,
    from: t.from,
    to: t.to,
    amount: t.amount,
    reason: t.reason,
    at: new Date(t.at).toISOString(),
    retried: o.retried,
  }
}

export async function balanceOf(account: string): Promise<number> {
  return (await getDoc<AccountRecord>(ACCOUNTS, account))?.balance ?? 0
}

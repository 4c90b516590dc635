/**
 * The 百宝屋's part of me.data and me.delete (see privacy.ts).
 * Shown (百宝屋): my holds and loans, counts and the newest `MY_DATA_RECENT`.
 * Settled: my holds still queued are cancelled (the next in line may start) through the holder's
 * own move; my offered donations are withdrawn.
 * An unreturned loan is NOT deleted: the tool belongs to the community and my name stays on the
 * open loan (and the pledge stays held in the ledger) until the desk registers its return or staff
 * close it as lost; it is marked `erasePending`, and that closing move takes my name off.
 * Anonymised: closed holds and loans and my donations keep their record (the community's lending
 * ledger), the name becomes `ERASED_NAME`; a return note and photo stay (about the tool).
 */
import { MY_DATA_RECENT, type MyData, type MyLendingLine } from '../../../src/core/me/api'
import { ERASED_NAME } from '../../../src/core/me/erase'
import {
  HoldStatusLabel,
  LoanStatusLabel,
  type DonationRecord,
  type HoldRecord,
  type LoanRecord,
} from '../../../src/core/lending/model'
import type { CallContext } from '../kit'
import { definePrivacy, ERASE_BATCH, iso, recent, rewrite, settleOne } from '../privacy'
import { db } from '../sdk'
import { DONATIONS, HOLDS, LOANS } from './lending-base'
import { cancel } from './lending-holds'

async function myLending(userId: string): Promise<Pick<MyData, 'lending'>> {
  const [holds, loans] = await Promise.all([
    recent<HoldRecord>(HOLDS, { holderId: userId }, 'createdAt'),
    recent<LoanRecord>(LOANS, { borrowerId: userId }, 'pickedAt'),
  ])
  const lines: MyLendingLine[] = [
    ...holds.rows.map((h) => ({
      kind: 'hold' as const,
      id: h._id,
      itemName: h.itemName,
      statusLabel: HoldStatusLabel[h.status],
      at: iso(h.createdAt) ?? '',
      dueAt: null,
    })),
    ...loans.rows.map((l) => ({
      kind: 'loan' as const,
      id: l._id,
      itemName: l.itemName,
      statusLabel: LoanStatusLabel[l.status],
      at: iso(l.pickedAt) ?? '',
      dueAt: iso(l.dueAt),
    })),
  ]
    .sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id))
    .slice(0, MY_DATA_RECENT)
  return { lending: { count: holds.count + loans.count, lines } }
}

async function settleLending(ctx: CallContext, now: Date): Promise<void> {
  const _ = db().command
  const userId = ctx.actor.userId
  const [holds, loans, offered] = await Promise.all([
    db()
      .collection(HOLDS)
      .where({ holderId: userId, status: _.in(['waiting', 'ready']) })
      .limit(ERASE_BATCH)
      .get(),
    db().collection(LOANS).where({ borrowerId: userId, status: 'out' }).limit(ERASE_BATCH).get(),
    db().collection(DONATIONS).where({ donorId: userId, status: 'offered' }).limit(ERASE_BATCH).get(),
  ])
  for (const h of holds.data as HoldRecord[])
    await settleOne('lending hold', h._id, () => cancel(ctx, h._id, undefined, now))
  for (const l of loans.data as LoanRecord[])
    await rewrite<LoanRecord>(LOANS, l._id, (doc) =>
      doc.status === 'out' && !doc.erasePending ? { erasePending: true } : null,
    )
  for (const d of offered.data as DonationRecord[])
    await rewrite<DonationRecord>(DONATIONS, d._id, (doc) =>
      doc.status === 'offered' ? { status: 'withdrawn', updatedAt: now } : null,
    )
}

/** One batch of each collection: closed holds and loans, and donations, lose my name. */
async function anonymiseLending(userId: string): Promise<boolean> {
  const _ = db().command
  const [holds, loans, donations] = await Promise.all([
    db()
      .collection(HOLDS)
      .where({ holderId: userId, status: _.nin(['waiting', 'ready']), erased: _.neq(true) })
      .limit(ERASE_BATCH)
      .get(),
    db()
      .collection(LOANS)
      .where({ borrowerId: userId, status: _.neq('out'), erased: _.neq(true) })
      .limit(ERASE_BATCH)
      .get(),
    db()
      .collection(DONATIONS)
      .where({ donorId: userId, erased: _.neq(true) })
      .limit(ERASE_BATCH)
      .get(),
  ])
  for (const h of holds.data as HoldRecord[])
    await rewrite<HoldRecord>(HOLDS, h._id, (d) =>
      d.erased ? null : { holderName: ERASED_NAME, erased: true },
    )
  for (const l of loans.data as LoanRecord[])
    await rewrite<LoanRecord>(LOANS, l._id, (d) =>
      d.erased || d.status === 'out'
        ? null
        : { borrowerName: ERASED_NAME, erased: true, erasePending: false },
    )
  for (const d of donations.data as DonationRecord[])
    await rewrite<DonationRecord>(DONATIONS, d._id, (x) =>
      x.erased ? null : { donorName: ERASED_NAME, erased: true },
    )
  return [holds, loans, donations].some((r) => r.data.length === ERASE_BATCH)
}

export const lendingPrivacy = definePrivacy({
  feature: 'lending',
  sections: ['lending'],
  data: (actor) => myLending(actor.userId),
  settle: settleLending,
  anonymise: anonymiseLending,
})

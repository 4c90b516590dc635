/**
 * The 百宝屋 desk: pickup and return (staff, or the item's keeper, after scanning or typing its
 * code), a loan closed as lost, renewals, one loan, the staff lists and the printable label.
 *
 * - Pickup: ONE transaction: the ready hold collected, the loan created (unique per hold, so a
 *   retried pickup lends once), the item lent, and the pledge (if any) moved from the borrower to
 *   the community's escrow `pledge:<communityId>` (cause `pledge:<loanId>`).
 * - Return: ONE transaction: the loan closed with what came back, the item back (or to maintenance
 *   on damage), and the pledge released to the borrower (`unpledge:<loanId>`) or kept to the fund
 *   (`forfeit:<loanId>`, staff, with a reason); the borrower (and on damage the staff) told through
 *   the loan's outbox. Then the next hold in line may start.
 */
import { entryOf } from '../../../src/core/effects'
import { CommonErrorCodes, DomainError, isDomainError } from '../../../src/core/errors'
import type { DeskPage, DeskViewKey, LabelView, LoanView } from '../../../src/core/lending/api'
import { loseLoan, pickup, renew, returnLoan } from '../../../src/core/lending/decide'
import { returnEffects } from '../../../src/core/lending/effects'
import { LendingErrors } from '../../../src/core/lending/errors'
import { LIMITS, type HoldRecord, type ItemRecord, type LoanRecord } from '../../../src/core/lending/model'
import {
  checkPhotos,
  checkTicked,
  cleanText,
  endOfChinaDay,
  holdParties,
  isLendingStaff,
  itemScene,
  ITEM_WXACODE,
  labelImagePath,
  loanParties,
  mayDesk,
} from '../../../src/core/lending/rules'
import type { Plan, Write } from '../../../src/core/plan'
import { Causes, fundAccount, personAccount, pledgeAccount } from '../../../src/core/points/model'
import type { TransferRequest } from '../../../src/core/points/ledger'
import { PointsErrors } from '../../../src/core/points/errors'
import { isDuplicateKey, newId } from '../ids'
import { jsonLog, type CallContext } from '../kit'
import { decideAndRun } from '../runner'
import { cloud, db } from '../sdk'
import { getUnlimitedWxacode } from '../wxacode'
import { logAccess } from './access-log'
import { firstDoc, getDoc } from './docs'
import { afterTimeCursor, timeCursor } from './paging'
import { HOLDS, ITEMS, LOANS, loadItem, loadLoan, loanViewOf, PAGE, queueOf, startNext } from './lending'

const LOAN_FIELDS = (l: LoanRecord) => {
  const { _id, outbox: _o, outboxAt: _a, ...rest } = l
  return rest
}

/**
 * A loan ending (returned or lost): the loan, on the condition that it is still out at the version
 * decided on, and its item on its version (its status, events and whatever else changed).
 */
function closeWrites(
  loan: LoanRecord,
  item: ItemRecord,
  out: { readonly loan: LoanRecord; readonly item: ItemRecord },
  now: Date,
  more: Readonly<Record<string, unknown>> = {},
): Write[] {
  return [
    {
      op: 'update',
      collection: LOANS,
      id: loan._id,
      if: { version: loan.version, status: 'out' },
      set: LOAN_FIELDS(out.loan),
    },
    {
      op: 'update',
      collection: ITEMS,
      id: item._id,
      if: { version: item.version },
      set: {
        status: out.item.status,
        ...more,
        version: out.item.version,
        updatedAt: now,
        events: out.item.events,
      },
    },
  ]
}

async function logNames(
  ctx: CallContext,
  action: string,
  subject: string,
  people: readonly string[],
  now: Date,
) {
  const others = people.filter((p) => p !== ctx.actor.userId)
  if (others.length === 0) return
  await logAccess({
    actorId: ctx.actor.userId,
    action,
    subject,
    people: others,
    allowed: true,
    requestId: ctx.requestId,
    at: now,
  })
}

/** lending.pickup: the ready hold's holder takes the item; due date set now; pledge held. */
export async function pickupItem(
  ctx: CallContext,
  input: { itemId: string; holdId: string; accessories: readonly string[]; requestId: string },
  now: Date,
): Promise<LoanView> {
  const existing = async () =>
    firstDoc<LoanRecord>((await db().collection(LOANS).where({ holdId: input.holdId }).limit(1).get()).data)
  const earlier = await existing()
  if (earlier) {
    // A retried pickup answers the loan it made; another hold's pickup is refused.
    if (earlier.itemId !== input.itemId) throw new DomainError(LendingErrors.NOT_READY, '这不是该物品的预约')
    const item = await loadItem(earlier.itemId)
    if (!mayDesk(ctx.actor, item)) throw new DomainError(CommonErrorCodes.NOT_FOUND, '物品不存在')
    return loanViewOf(ctx.actor, earlier, item, 0, now)
  }
  const loanId = newId('ll')
  let loan: LoanRecord
  try {
    loan = await decideAndRun(
      async () => {
        const [item, hold] = await Promise.all([
          loadItem(input.itemId),
          getDoc<HoldRecord>(HOLDS, input.holdId),
        ])
        return { item, hold }
      },
      ({ item, hold }) => {
        if (!mayDesk(ctx.actor, item)) throw new DomainError(CommonErrorCodes.NOT_FOUND, '物品不存在')
        if (!hold) throw new DomainError(LendingErrors.NOT_READY, '这不是该物品的预约')
        const ticked = checkTicked(item, input.accessories)
        const out = pickup(
          item,
          hold,
          holdParties(ctx.actor, hold, item),
          ticked,
          ctx.actor.userId,
          loanId,
          now,
        )
        const transfers: TransferRequest[] =
          out.loan.pledge === 'held'
            ? [
                {
                  cause: Causes.pledge(loanId),
                  from: personAccount(out.loan.borrowerId),
                  to: pledgeAccount(item.communityId),
                  amount: out.loan.pledgePoints,
                  reason: `借用押分：${item.name}`,
                  communityId: item.communityId,
                  by: ctx.actor.userId,
                },
              ]
            : []
        const writes: Write[] = [
          { op: 'create', collection: LOANS, id: loanId, doc: LOAN_FIELDS(out.loan) },
          {
            op: 'update',
            collection: HOLDS,
            id: hold._id,
            if: { version: hold.version, status: 'ready' },
            set: {
              status: out.hold.status,
              loanId,
              version: out.hold.version,
              updatedAt: now,
              events: out.hold.events,
            },
          },
          {
            op: 'update',
            collection: ITEMS,
            id: item._id,
            if: { version: item.version, status: 'available' },
            set: {
              status: out.item.status,
              version: out.item.version,
              updatedAt: now,
              events: out.item.events,
            },
          },
        ]
        return { plan: { writes, transfers }, result: out.loan }
      },
      now,
    )
  } catch (err) {
    if (isDomainError(err) && err.code === PointsErrors.INSUFFICIENT)
      throw new DomainError(LendingErrors.PLEDGE_SHORT, '借用人积分不足，不够这件物品的押分')
    const twin = isDuplicateKey(err) ? await existing() : null
    if (!twin) throw err
    loan = twin
  }
  const item = await loadItem(loan.itemId)
  await logNames(ctx, 'lending.loan', loan._id, [loan.borrowerId], now)
  return loanViewOf(ctx.actor, loan, item, 0, now)
}

/** lending.return: what came back, the condition and an optional photo; pledge released or kept. */
export async function returnItem(
  ctx: CallContext,
  input: {
    itemId: string
    loanId: string
    accessories: readonly string[]
    condition: ItemRecord['condition']
    note?: string
    photos: readonly string[]
    keepReason?: string
    requestId: string
  },
  now: Date,
  check: (text: string) => Promise<void>,
): Promise<LoanView> {
  const note = cleanText(input.note, LIMITS.note, false, '说明') || null
  const keepReason = cleanText(input.keepReason, LIMITS.reason, false, '扣留原因') || null
  const [photo] = checkPhotos(input.photos, ctx.actor.userId, input.requestId, LIMITS.returnPhotos)
  const first = await getDoc<LoanRecord>(LOANS, input.loanId)
  const item0 = await loadItem(input.itemId)
  if (!mayDesk(ctx.actor, item0))
    throw new DomainError(CommonErrorCodes.FORBIDDEN, '归还请交给百宝屋工作人员或保管人登记')
  if (first && first.status !== 'out' && first.returnRequestId === input.requestId)
    return loanViewOf(ctx.actor, first, item0, 0, now)
  if (!first || first.itemId !== input.itemId || first.status !== 'out')
    throw new DomainError(LendingErrors.NOT_ON_LOAN, '这件物品不在该借用人名下借用中')
  if (note || keepReason) await check([note, keepReason].filter(Boolean).join('\n'))
  type Returned = { loan: LoanRecord; item: ItemRecord; damaged: boolean }
  const answer = await decideAndRun<{ item: ItemRecord; loan: LoanRecord }, Returned>(
    async () => {
      const [item, loan] = await Promise.all([loadItem(input.itemId), loadLoan(input.loanId)])
      return { item, loan }
    },
    ({ item, loan }) => {
      if (loan.status !== 'out' && loan.returnRequestId === input.requestId)
        return { done: { loan, item, damaged: false } }
      const ticked = checkTicked(item, input.accessories)
      const out = returnLoan(
        item,
        loan,
        loanParties(ctx.actor, loan, item),
        {
          ticked,
          condition: input.condition,
          note,
          photo: photo ?? null,
          keepReason,
          requestId: input.requestId,
        },
        ctx.actor.userId,
        now,
      )
      const transfers: TransferRequest[] =
        loan.pledge === 'held'
          ? [
              out.loan.pledge === 'kept'
                ? {
                    cause: Causes.forfeit(loan._id),
                    from: pledgeAccount(item.communityId),
                    to: fundAccount(item.communityId),
                    amount: loan.pledgePoints,
                    reason: `押分扣留：${keepReason ?? ''}`,
                    communityId: item.communityId,
                    by: ctx.actor.userId,
                  }
                : {
                    cause: Causes.unpledge(loan._id),
                    from: pledgeAccount(item.communityId),
                    to: personAccount(loan.borrowerId),
                    amount: loan.pledgePoints,
                    reason: `押分退回：${item.name}`,
                    communityId: item.communityId,
                    by: ctx.actor.userId,
                  },
            ]
          : []
      const entry = entryOf(
        `v${out.loan.version}`,
        now,
        returnEffects(out.loan, out.damaged, item.keeperId, ctx.actor.userId, now),
      )
      const plan: Plan = {
        writes: closeWrites(loan, item, out, now, { condition: out.item.condition }),
        transfers,
        ...(entry ? { outbox: { on: { collection: LOANS, id: loan._id }, entry } } : {}),
      }
      return { plan, result: { loan: out.loan, item: out.item, damaged: out.damaged } }
    },
    now,
  )
  await startNext(input.itemId, now)
  await logNames(ctx, 'lending.loan', answer.loan._id, [answer.loan.borrowerId], now)
  return loanViewOf(ctx.actor, answer.loan, answer.item, 0, now)
}

/** lending.lose: staff close a loan that will not come back (pledge kept with the reason; item retired). */
export async function lose(
  ctx: CallContext,
  input: { loanId: string; reason: string },
  now: Date,
): Promise<LoanView> {
  const reason = cleanText(input.reason, LIMITS.reason, true, '原因')
  const answer = await decideAndRun(
    async () => {
      const loan = await loadLoan(input.loanId)
      return { loan, item: await loadItem(loan.itemId) }
    },
    ({ loan, item }) => {
      if (!isLendingStaff(ctx.actor, loan.communityId))
        throw new DomainError(CommonErrorCodes.NOT_FOUND, '借用记录不存在')
      const out = loseLoan(item, loan, loanParties(ctx.actor, loan, item), reason, ctx.actor.userId, now)
      const entry = entryOf(
        `v${out.loan.version}`,
        now,
        returnEffects(out.loan, false, null, ctx.actor.userId, now),
      )
      return {
        plan: {
          writes: closeWrites(loan, item, out, now),
          transfers:
            loan.pledge === 'held'
              ? [
                  {
                    cause: Causes.forfeit(loan._id),
                    from: pledgeAccount(loan.communityId),
                    to: fundAccount(loan.communityId),
                    amount: loan.pledgePoints,
                    reason: `押分扣留：${reason}`,
                    communityId: loan.communityId,
                    by: ctx.actor.userId,
                  },
                ]
              : [],
          ...(entry ? { outbox: { on: { collection: LOANS, id: loan._id }, entry } } : {}),
        },
        result: out,
      }
    },
    now,
  )
  return loanViewOf(ctx.actor, answer.loan, answer.item, 0, now)
}

/** lending.renew: the borrower, with nobody waiting, up to the limit. */
export async function renewLoan(ctx: CallContext, loanId: string, now: Date): Promise<LoanView> {
  const out = await decideAndRun(
    async () => {
      const loan = await loadLoan(loanId)
      const [item, queue] = await Promise.all([loadItem(loan.itemId), queueOf(loan.itemId)])
      return { loan, item, waiting: queue.length }
    },
    ({ loan, item, waiting }) => {
      if (loanParties(ctx.actor, loan, item).length === 0)
        throw new DomainError(CommonErrorCodes.NOT_FOUND, '借用记录不存在')
      const next = renew(loan, loanParties(ctx.actor, loan, item), waiting, item.periodDays, now)
      return {
        plan: {
          writes: [
            {
              op: 'update',
              collection: LOANS,
              id: loan._id,
              if: { version: loan.version, status: 'out' },
              set: {
                dueAt: next.dueAt,
                renewals: next.renewals,
                reminded: next.reminded,
                remindAt: next.remindAt,
                version: next.version,
                updatedAt: now,
                events: next.events,
              },
            },
          ],
        },
        result: { loan: next, item },
      }
    },
    now,
  )
  return loanViewOf(ctx.actor, out.loan, out.item, 0, now)
}

/** lending.loan: its borrower, or the desk of its item (the read of the borrower's name logged). */
export async function getLoan(ctx: CallContext, loanId: string, now: Date): Promise<LoanView> {
  const loan = await loadLoan(loanId)
  const item = await loadItem(loan.itemId)
  if (loan.borrowerId !== ctx.actor.userId && !mayDesk(ctx.actor, item))
    throw new DomainError(CommonErrorCodes.NOT_FOUND, '借用记录不存在')
  const waiting = loan.status === 'out' ? (await queueOf(loan.itemId)).length : 0
  await logNames(ctx, 'lending.loan', loan._id, [loan.borrowerId], now)
  return loanViewOf(ctx.actor, loan, item, waiting, now)
}

/**
 * lending.desk: pickups waiting (ready holds, soonest deadline first), loans due by today's end,
 * overdue loans (oldest due first), items under maintenance. Staff of the community only.
 */
export async function deskList(
  ctx: CallContext,
  input: { communityId: string; view: DeskViewKey; cursor?: string },
  now: Date,
): Promise<DeskPage> {
  if (!isLendingStaff(ctx.actor, input.communityId))
    throw new DomainError(CommonErrorCodes.FORBIDDEN, '您无权查看')
  const _ = db().command
  const { communityId, cursor } = input
  const page = async <T extends { _id: string }>(
    collection: string,
    where: object,
    field: string,
  ): Promise<{ rows: T[]; cursor: string | null }> => {
    const res = await db()
      .collection(collection)
      .where(_.and([where, afterTimeCursor(cursor, field, 'asc')]))
      .orderBy(field, 'asc')
      .orderBy('_id', 'asc')
      .limit(PAGE + 1)
      .get()
    const docs = res.data as T[]
    const rows = docs.slice(0, PAGE)
    const last = rows[rows.length - 1] as (T & Record<string, Date>) | undefined
    return { rows, cursor: docs.length > PAGE && last ? timeCursor(last[field] as Date, last._id) : null }
  }
  const iso = (d: Date | string | null) => new Date(d ?? now).toISOString()
  let out: DeskPage
  if (input.view === 'pickups') {
    const p = await page<HoldRecord>(HOLDS, { communityId, status: 'ready' }, 'readyUntil')
    out = {
      lines: p.rows.map((h) => ({
        id: h._id,
        itemId: h.itemId,
        itemName: h.itemName,
        who: h.holderName,
        at: iso(h.readyUntil),
      })),
      cursor: p.cursor,
    }
    await logNames(
      ctx,
      'lending.desk',
      communityId,
      p.rows.map((h) => h.holderId),
      now,
    )
  } else if (input.view === 'maintenance') {
    const p = await page<ItemRecord>(ITEMS, { communityId, status: 'maintenance' }, 'updatedAt')
    out = {
      lines: p.rows.map((i) => ({
        id: i._id,
        itemId: i._id,
        itemName: i.name,
        who: '',
        at: iso(i.updatedAt),
      })),
      cursor: p.cursor,
    }
  } else {
    const due =
      input.view === 'due' ? { dueAt: _.and(_.gte(now), _.lt(endOfChinaDay(now))) } : { dueAt: _.lt(now) }
    const p = await page<LoanRecord>(LOANS, { communityId, status: 'out', ...due }, 'dueAt')
    out = {
      lines: p.rows.map((l) => ({
        id: l._id,
        itemId: l.itemId,
        itemName: l.itemName,
        who: l.borrowerName,
        at: iso(l.dueAt),
      })),
      cursor: p.cursor,
    }
    await logNames(
      ctx,
      'lending.desk',
      communityId,
      p.rows.map((l) => l.borrowerId),
      now,
    )
  }
  return out
}

/**
 * lending.label: the item's code and its mini-program code image, made once through the same
 * wxacode path as the building codes (src/core/codes, repos/codes-images.ts) and stored.
 */
export async function label(ctx: CallContext, itemId: string): Promise<LabelView> {
  const item = await loadItem(itemId)
  if (!isLendingStaff(ctx.actor, item.communityId))
    throw new DomainError(CommonErrorCodes.NOT_FOUND, '物品不存在')
  let fileId = item.labelFileId
  if (!fileId) {
    try {
      const png = await getUnlimitedWxacode({ scene: itemScene(item.code), ...ITEM_WXACODE })
      const up = await cloud().uploadFile({
        cloudPath: labelImagePath(item._id, item.code),
        fileContent: png,
      })
      fileId = up.fileID
      await db().collection(ITEMS).doc(item._id).update({ labelFileId: fileId })
    } catch (err) {
      jsonLog({
        level: 'error',
        what: 'lending label wxacode',
        itemId,
        error: err instanceof Error ? err.message : String(err),
      })
    }
  }
  let imageUrl: string | null = null
  if (fileId) {
    const res = await cloud().getTempFileURL({ fileList: [{ fileID: fileId, maxAge: 7200 }] })
    const f = res.fileList?.[0]
    imageUrl = f && f.code === 'SUCCESS' ? (f.tempFileURL ?? null) : null
  }
  return {
    itemId: item._id,
    name: item.name,
    code: item.code,
    scene: itemScene(item.code),
    imageUrl,
    location: item.location,
  }
}

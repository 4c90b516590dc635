/**
 * One builder per export kind: what each reads (counted first, then in keyset pages of the period),
 * which residents its rows carry, and its rows (core's mappers, src/core/exports/rows.ts).
 */
import { gridCounters } from '../../../src/core/dashboard/view'
import { leagueCells, leagueRowOf, sortLeague, type LeagueRow } from '../../../src/core/exports/league'
import { daysOf } from './dashboard'
import type { Period } from '../../../src/core/exports/period'
import {
  attendanceRow,
  errandRow,
  ledgerRow,
  orderRow,
  voucherRow,
  type ActivityForExport,
  type ErrandForExport,
  type ExportKind,
  type OrderForExport,
  type SignupForExport,
  type TransferForExport,
  type VoucherForExport,
} from '../../../src/core/exports/rows'
import { parseAccount } from '../../../src/core/points/model'
import { db } from '../sdk'
import { pagesOf } from './paging'
import {
  capped,
  communityWhere,
  countOf,
  emit,
  namesInto,
  pathWhere,
  scan,
  write,
  PAGE,
  type ExportScope,
  type Out,
} from './exports-base'

type OrderDoc = OrderForExport & { readonly reporterId: string }

/** What an order's row needs: not its text, photos or the names on its timeline. */
const ORDER_FIELDS = {
  categoryName: true,
  path: true,
  placeName: true,
  status: true,
  tier: true,
  department: true,
  acceptedAt: true,
  repliedAt: true,
  closedAt: true,
  overdue: true,
  rating: true,
  reporterId: true,
  'events.kind': true,
  'events.at': true,
  'events.byRole': true,
  'events.toTier': true,
  'events.outcome': true,
  'events.rating': true,
  'events.auto': true,
} as const

async function orders(out: Out, period: Period): Promise<void> {
  const where = pathWhere(out.scope)
  capped(await countOf('orders', where, 'submittedAt', period), out.scope)
  for await (const docs of scan<OrderDoc>('orders', where, 'submittedAt', period, 'asc', ORDER_FIELDS))
    emit(
      out,
      docs,
      (o) => [o.reporterId],
      (o) => orderRow(o, out.scope.places),
    )
}

type ErrandDoc = ErrandForExport & {
  readonly _id: string
  readonly requesterId: string
  readonly helperId: string | null
}

async function errands(out: Out, period: Period): Promise<void> {
  const where = pathWhere(out.scope)
  capped(await countOf('errands', where, 'createdAt', period), out.scope)
  for await (const docs of scan<ErrandDoc>('errands', where, 'createdAt', period))
    emit(
      out,
      docs,
      (e) => [e.requesterId, e.helperId],
      (e) => errandRow(e, out.scope.places),
    )
}

type ActivityDoc = ActivityForExport & { readonly _id: string }
type SignupDoc = SignupForExport & {
  readonly _id: string
  readonly userId: string
  readonly activityId: string
}

/** Activities that started in the period, and one row per sign-up (withdrawn ones too, with their status). */
async function attendance(out: Out, period: Period): Promise<void> {
  const _ = db().command
  const activities: ActivityDoc[] = []
  for await (const docs of scan<ActivityDoc>('activities', communityWhere(out.scope), 'startAt', period))
    activities.push(...docs)
  const ids = activities.map((a) => a._id)
  let count = 0
  for (let i = 0; i < ids.length; i += 100)
    count += (
      await db()
        .collection('activity_signups')
        .where({ activityId: _.in(ids.slice(i, i + 100)) })
        .count()
    ).total as number
  capped(count, out.scope)
  const names = new Map<string, string>()
  for (const a of activities) {
    // One activity's sign-ups (at most its capacity), paged by id all the same.
    for await (const signups of pagesOf<SignupDoc>('activity_signups', [{ activityId: a._id }], PAGE)) {
      await namesInto(
        names,
        signups.map((s) => s.userId),
      )
      emit(
        out,
        signups,
        (s) => [s.userId],
        (s) => attendanceRow(a, s, names.get(s.userId) ?? '', out.scope.places),
      )
    }
  }
}

type VoucherDoc = VoucherForExport & {
  readonly _id: string
  readonly userId: string
  readonly verifiedBy: string | null
}

async function vouchers(out: Out, period: Period): Promise<void> {
  const where = communityWhere(out.scope)
  capped(await countOf('market_vouchers', where, 'issuedAt', period), out.scope)
  const names = new Map<string, string>()
  for await (const docs of scan<VoucherDoc>('market_vouchers', where, 'issuedAt', period)) {
    await namesInto(
      names,
      docs.flatMap((v) => [v.userId, v.verifiedBy]),
    )
    emit(
      out,
      docs,
      (v) => [v.userId, v.verifiedBy],
      (v) =>
        voucherRow(
          v,
          names.get(v.userId) ?? '',
          v.verifiedBy ? (names.get(v.verifiedBy) ?? '') : '',
          out.scope.places,
        ),
    )
  }
}

type TransferDoc = TransferForExport & { readonly _id: string }

/** The ledger's transfers of the period, newest first (its staff index, community_time). */
async function ledger(out: Out, period: Period): Promise<void> {
  const where = communityWhere(out.scope)
  capped(await countOf('point_transfers', where, 'at', period), out.scope)
  const names = new Map<string, string>()
  const personOf = (account: string) => {
    const p = parseAccount(account)
    return p?.kind === 'u' ? p.ref : null
  }
  for await (const docs of scan<TransferDoc>('point_transfers', where, 'at', period, 'desc')) {
    await namesInto(
      names,
      docs.flatMap((t) => [personOf(t.from), personOf(t.to)]),
    )
    emit(
      out,
      docs,
      (t) => [personOf(t.from), personOf(t.to)],
      (t) => ledgerRow(t, names, out.scope.places),
    )
  }
}

/**
 * The league table: the scope's grids with their order counters over the period, summed from the
 * day buckets (src/core/dashboard/days.ts) as the dashboard sums them: O(grids × days) small
 * documents, never the orders. The rates are those of the orders received in the period.
 */
export async function leagueRows(scope: ExportScope, period: Period): Promise<LeagueRow[]> {
  const byGrid = gridCounters(await daysOf(scope.communityIds, period.fromDay, period.toDay))
  return sortLeague(
    scope.grids.map((g) =>
      leagueRowOf(
        {
          gridId: g._id,
          gridName: g.name,
          communityId: g.communityId,
          communityName: scope.places.communities.get(g.communityId) ?? '',
        },
        byGrid.get(g._id),
      ),
    ),
  )
}

async function league(out: Out, period: Period): Promise<void> {
  write(out, (await leagueRows(out.scope, period)).map(leagueCells))
}

export const builders: Readonly<Record<ExportKind, (out: Out, period: Period) => Promise<void>>> = {
  orders,
  errands,
  attendance,
  vouchers,
  ledger,
  league,
}

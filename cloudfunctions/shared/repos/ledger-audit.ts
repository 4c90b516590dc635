/**
 * The ledger's audit (points.audit): every account a community's transfers touched, its balance
 * recomputed from all its entries and compared with the cached one.
 */
import type { AuditReport } from '../../../src/core/points/api'
import { auditDifferences, type BalanceDifference } from '../../../src/core/points/ledger'
import type { AccountRecord, EntryRecord, TransferRecord } from '../../../src/core/points/model'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { Actor } from '../../../src/core/roles'
import { db } from '../sdk'
import { getDoc } from './docs'
import { ACCOUNTS, adminOf, ENTRIES, TRANSFERS } from './ledger-base'
import { allById } from './paging'

/**
 * Recomputes these accounts' balances from ALL their entries and compares with the cached ones.
 * Used by `points.audit` and directly by tests.
 */
export async function auditAccounts(
  accounts: readonly string[],
): Promise<{ entries: number; differences: BalanceDifference[] }> {
  const _ = db().command
  const unique = [...new Set(accounts)]
  let entries = 0
  const differences: BalanceDifference[] = []
  for (let i = 0; i < unique.length; i += 50) {
    const chunk = unique.slice(i, i + 50)
    const [list, cached] = await Promise.all([
      allById<EntryRecord>(ENTRIES, { account: _.in(chunk) }, 20),
      allById<AccountRecord>(ACCOUNTS, { _id: _.in(chunk) }, 20),
    ])
    entries += list.length
    differences.push(...auditDifferences(list, new Map(cached.map((a) => [a._id, a.balance]))))
  }
  return { entries, differences }
}

/** points.audit: every account touched by the community's transfers, recomputed. */
export async function audit(actor: Actor, communityId: string): Promise<AuditReport> {
  const community = await getDoc<{ streetId: string }>('communities', communityId)
  if (!community) throw new DomainError(CommonErrorCodes.NOT_FOUND, '社区不存在')
  if (!adminOf(actor, communityId, community.streetId))
    throw new DomainError(CommonErrorCodes.FORBIDDEN, '只能核对本辖区的积分')
  const touched = await allById<TransferRecord>(TRANSFERS, { communityId }, 20)
  const accounts = [...new Set(touched.flatMap((t) => [t.from, t.to]))]
  const { entries, differences } = await auditAccounts(accounts)
  return { accounts: accounts.length, entries, differences }
}

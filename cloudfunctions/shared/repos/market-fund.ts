/** The community fund: its balance and recent payouts, and paying a resident of the community. */
import { homeCommunity } from '../../../src/core/access'
import type { TransferView } from '../../../src/core/points/api'
import { PointsErrors } from '../../../src/core/points/errors'
import { Causes, fundAccount, personAccount } from '../../../src/core/points/model'
import { DomainError } from '../../../src/core/errors'
import type { UserRecord } from '../../../src/core/me/model'
import type { Actor } from '../../../src/core/roles'
import { getDoc } from './docs'
import { balanceOf, recentTransfers, transfer, viewOf } from './ledger'

export async function fundView(
  communityId: string,
): Promise<{ communityId: string; balance: number; recent: TransferView[] }> {
  // The community scope was checked by the kit (permission row `fund.view`).
  const account = fundAccount(communityId)
  const [balance, recent] = await Promise.all([balanceOf(account), recentTransfers(account, 20)])
  return { communityId, balance, recent }
}

/** fund.pay: the fund → a resident of the community, with a reason; idempotent on requestId. */
export async function fundPay(
  actor: Actor,
  input: { communityId: string; userId: string; amount: number; reason: string; requestId: string },
  now: Date,
): Promise<TransferView> {
  // The community scope was checked by the kit (permission row `fund.pay`).
  const user = await getDoc<UserRecord>('users', input.userId)
  const home = user ? homeCommunity(user) : null
  if (!user || home !== input.communityId)
    throw new DomainError(PointsErrors.NOT_IN_SCOPE, '只能支付给本社区的居民')
  const outcome = await transfer(
    {
      cause: Causes.fund(actor.userId, input.requestId),
      from: fundAccount(input.communityId),
      to: personAccount(input.userId),
      amount: input.amount,
      reason: input.reason,
      communityId: input.communityId,
      by: actor.userId,
    },
    now,
  )
  return viewOf(outcome)
}

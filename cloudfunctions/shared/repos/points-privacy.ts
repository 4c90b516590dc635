/**
 * The points ledger's part of me.data: my balance, how many entries my account has and the newest.
 * Nothing is erased: account `u:<userId>` with its transfers and entries are immutable accounting
 * records (ADR 0009) holding the user id, never a name; the balance is the person's again if they rejoin.
 */
import { MY_DATA_RECENT } from '../../../src/core/me/api'
import { personAccount } from '../../../src/core/points/model'
import { definePrivacy } from '../privacy'
import { db } from '../sdk'
import { ENTRIES, mine } from './ledger'

export const pointsPrivacy = definePrivacy({
  feature: 'points',
  sections: ['points'],
  data: async (actor) => {
    const [points, entries] = await Promise.all([
      mine(actor),
      db()
        .collection(ENTRIES)
        .where({ account: personAccount(actor.userId) })
        .count(),
    ])
    return {
      points: {
        balance: points.balance,
        entries: entries.total,
        lines: points.lines.slice(0, MY_DATA_RECENT),
      },
    }
  },
})

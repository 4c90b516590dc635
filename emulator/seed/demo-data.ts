/**
 * Demo data for the local CloudBase: one street modelled on the seed articles' world (东街道 and its
 * "e睦邻" platform), 6 communities, 6 grids each, buildings and units, and demo people for every
 * role. All names of people are invented. Seeded only into a fresh data directory.
 *
 * Ids are readable and stable so journeys, tests and the dev login can name them.
 *
 * The parts: `ids.ts` (stable ids, codes, phones), `street.ts` (the tree and its invite codes),
 * `people.ts` (the demo people and the populated first grid of 新华社区), `market.ts` (its love
 * supermarket and fund), `activities.ts` (its volunteer activities, sign-ups and hours) and
 * `deliberation.ts` (its 议事厅: a topic decided by a household vote, one on the agenda) and
 * `meetings.ts` (the decided topic's 议事会, held, with its minutes), `wishes.ts` (its 心愿墙), `lending.ts` (its 百宝屋) and
 * `notices.ts` (the street's and 新华社区's notices, and the service guide with 新华's own 老年优待证),
 * `orders.ts` (eight weeks of concluded work orders in the street's other grids, for the dashboards).
 */
import { issuanceAccount } from '../../src/core/points/model'
import { xinhuaActivities } from './activities'
import { xinhuaDeliberation } from './deliberation'
import { SEEDED_AT } from './ids'
import { xinhuaMarket } from './market'
import { xinhuaMeetings } from './meetings'
import { xinhuaWishes } from './wishes'
import { xinhuaLending } from './lending'
import { newRoll, populateXinhuaGrid } from './people'
import { demoGuide, demoNotices } from './notices'
import { buildStreet } from './street'
import { streetHistory } from './orders'
import { settleOutboxes } from './counts'

export { demoInviteCode, SeedIds } from './ids'

type Doc = Record<string, unknown> & { _id: string }

export function buildDemoData(): Record<string, Doc[]> {
  const roll = newRoll()
  const { street, communities, grids, buildings, units, codes } = buildStreet(roll)
  const households = populateXinhuaGrid(roll)
  const { users } = roll
  const { marketItems, fundStart } = xinhuaMarket()
  const xinhuaAdmin = users.find((u) => u._id === 'user-xinhua-admin')?.displayName ?? ''
  const { activities, signups, hoursLines, volunteerPay } = xinhuaActivities(
    xinhuaAdmin,
    fundStart.balances[issuanceAccount('cm-xinhua')] ?? 0,
  )

  const seedAccounts = Object.entries({ ...fundStart.balances, ...volunteerPay.balances }).map(
    ([account, balance]) => ({
      _id: account,
      balance,
      credited: Math.max(balance, 0),
      debited: Math.max(-balance, 0),
      updatedAt: SEEDED_AT,
    }),
  )

  const wang = users.find((u) => u._id === 'user-resident-wang')?.householdId
  if (typeof wang !== 'string') throw new Error('the demo resident 王秀英 has no household')
  const { topics, supports, ballots } = xinhuaDeliberation(households, wang)

  const ownerOf = (slug: string) => {
    const u = users.find((x) => x._id === `user-${slug}`)
    const h = households.find((x) => x._id === u?.householdId)
    if (!u || !h) throw new Error(`the demo resident ${slug} has no household`)
    return { userId: u._id, name: u.realName ?? u.displayName, buildingId: h.buildingId, householdId: h._id }
  }
  const wishes = xinhuaWishes({ wang: ownerOf('resident-wang'), chen: ownerOf('resident-chen') })

  const staff = (slug: string) => {
    const u = users.find((x) => x._id === `user-${slug}`)
    if (!u) throw new Error(`no demo staff user-${slug}`)
    return { userId: u._id, name: u.displayName }
  }
  // Dated back from the moment of seeding: the dashboards' last eight weeks.
  const history = streetHistory(
    grids,
    buildings,
    (gridId) => staff(`${gridId.replace(/^gr-/, '')}-worker`),
    (communityId) => staff(`${communityId.replace(/^cm-/, '')}-admin`),
    new Date(),
  )

  const docs = <T extends { _id: string }>(list: readonly T[]): Doc[] => list.map((d) => ({ ...d }) as Doc)
  // What the seeded records owe (counts; not messages) carried out once, as the dispatcher would.
  return settleOutboxes({
    streets: docs([street]),
    communities: docs(communities),
    grids: docs(grids),
    buildings: docs(buildings),
    units: docs(units),
    households: docs(households),
    users: docs(users),
    invite_codes: docs(codes),
    join_requests: [],
    access_logs: [],
    market_items: docs(marketItems),
    point_transfers: docs([fundStart.transfer, volunteerPay.transfer]),
    point_entries: docs([...fundStart.entries, ...volunteerPay.entries]),
    point_accounts: docs(seedAccounts),
    activities: docs(activities),
    activity_signups: docs(signups),
    activity_codes: [],
    volunteer_hours: docs(hoursLines),
    topics: docs(topics),
    topic_supports: docs(supports),
    ballots: docs(ballots),
    topic_meetings: docs(xinhuaMeetings(topics)),
    wishes: docs(wishes.wishes),
    wish_numbers: wishes.numbers as Doc[],
    wish_stats: wishes.stats as Doc[],
    notices: docs(demoNotices()),
    guide_entries: docs(demoGuide()),
    lending_items: docs(xinhuaLending().items),
    lending_donations: docs(xinhuaLending().donations),
    orders: docs(history.orders),
  })
}

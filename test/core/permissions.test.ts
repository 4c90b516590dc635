import { apiActions } from '../../src/core/api'
import { features } from '../../src/core/features'
import { can, PlaceFields, permissionTable } from '../../src/core/permissions'
import type { OrgPath } from '../../src/core/org/model'
import { Roles, RoleScopeLevel, type Role } from '../../src/core/roles'
import { actorWith, scopeOf } from '../support/builders'

const scopes = scopeOf

/**
 * Who may call each action, written out by hand from the product brief (not derived from
 * `permissionTable`): `*` anyone identified; otherwise the roles, R resident, H helper, W grid
 * worker, B building leader, K member of a grid's residents' council (议事会成员, not staff: it
 * appears only in deliberation and its workbench desk), C community admin, S street admin. A change to the table that is not
 * also made here fails.
 */
const expected: Readonly<Record<string, string>> = {
  'me.profile': '*',
  'code.resolve': '*',
  'join.options': '*',
  'join.submit': '*',
  'join.mine': '*',
  'join.inbox': 'W B C',
  'join.decide': 'W B C',
  'directory.card': 'R',
  'directory.call': 'R',
  'org.children': 'C S',
  'org.create': 'C S',
  'org.rename': 'C S',
  'org.update': 'C S',
  'org.import': 'C S',
  'org.contacts': 'C S',
  'org.street': 'S',
  'role.grant': 'W C S',
  'role.revoke': 'W C S',
  'staff.list': 'W B C S',
  'codes.grids': 'W C S',
  'codes.list': 'W C S',
  'codes.regenerate': 'C S',
  'me.data': '*',
  'me.delete': '*',
  'household.mine': '*',
  'household.leave': '*',
  // Staff record a household's floor area (业主共同决定 counts it); over its grid (the route's check).
  'household.setArea': 'W C S',
  'join.cancel': '*',
  'phone.fromCode': '*',
  'helper.profile': 'H',
  'helper.update': 'H',
  'report.categories': '*',
  'report.similar': 'R W C S',
  'report.submit': 'R W C S',
  'report.follow': 'R',
  'report.mine': '*',
  'order.get': '*',
  'order.rate': '*',
  'order.reopen': '*',
  'order.inbox': 'W',
  'order.queue': 'C S',
  'order.accept': 'W C S',
  'order.dispatch': 'R W C S',
  'order.start': 'W C S',
  'order.reply': 'W C S',
  'order.escalate': 'W C S',
  'order.release': 'W C S',
  'stats.rates': '*',
  'points.mine': '*',
  'points.give': 'R',
  'points.recipients': 'R',
  'workbench.summary': 'W B K C S',
  'points.award': 'C',
  'points.correct': 'C',
  'points.audit': 'C S',
  'points.transfers': 'C S',
  'errand.post': 'R',
  'errand.trusted': 'R',
  'errand.trust': 'R',
  'errand.board': 'H',
  'errand.accept': 'H',
  'errand.release': 'H',
  'errand.start': 'H',
  'errand.done': 'H',
  'errand.get': '*',
  'errand.mine': '*',
  'errand.cancel': '*',
  'errand.confirm': '*',
  'errand.dispute': '*',
  'errand.thank': '*',
  'errand.queue': 'W C',
  'errand.resolve': 'W C',
  'activity.publish': 'C',
  'activity.cancel': 'C',
  'activity.list': '*',
  'activity.get': '*',
  'activity.signup': 'R',
  // Deliberation (五步议事): residents of the grid raise and support; the grid's council and staff
  // over it confirm or reject and open votes (the council also records a committee decision through
  // topic.move); staff alone close votes and enter paper or proxy ballots; which topic is the
  // rules' (grid scope).
  'topic.list': 'R K W C S',
  'topic.get': 'R K W C S',
  'topic.propose': 'R',
  'topic.support': 'R',
  'topic.raise': 'W C S',
  'topic.sources': 'W C S',
  'topic.move': 'R K W C S',
  'topic.openVote': 'K W C S',
  'topic.closeVote': 'W C S',
  'ballot.cast': 'R W C S',
  // 民办 / 民评: staff carry out and read the metrics; households rate; admins set the community's
  // thresholds (any staff of the community reads them).
  'topic.carry': 'W C S',
  'topic.workOptions': 'W C S',
  'topic.workPhotos': 'W C S',
  'topic.rate': 'R',
  'topic.stats': 'W C S',
  'deliberation.config': 'W C S',
  'deliberation.configure': 'C S',
  // Comments (民议): residents of the grid, its council and staff over it write; only staff hide.
  'comment.list': 'R K W C S',
  'comment.post': 'R K W C S',
  'comment.hide': 'W C S',
  // Meetings (议事会): staff of the place and the grid's council schedule and close; the organiser
  // (a council member's own meetings) and staff cancel; whoever sees the topic sees them.
  'meeting.schedule': 'K W C S',
  'meeting.get': 'R K W C S',
  'meeting.list': 'R K W C S',
  'meeting.close': 'K W C S',
  'meeting.cancel': 'K W C S',
  // 心愿墙: everyone identified reads and answers their own (which wish is the view's and the
  // machine's); residents post, staff post for a family and check; helpers claim and fulfil.
  'wish.list': '*',
  'wish.get': '*',
  'wish.post': 'R W C',
  'wish.publish': 'W C',
  'wish.claim': 'H',
  'wish.helpers': 'H',
  'wish.fulfil': 'H',
  'wish.confirm': '*',
  'wish.move': '*',
  'wish.promote': 'W C',
  'activity.withdraw': 'R',
  'activity.checkin': 'R',
  'activity.checkinCode': 'W C',
  'activity.roster': 'W C',
  'activity.confirm': 'W C',
  'hours.mine': '*',
  'hours.export': 'C',
  'market.items': '*',
  'market.save': 'C',
  'market.redeem': 'R',
  'market.vouchers': '*',
  'market.cancel': '*',
  'market.lookup': 'W C',
  'market.verify': 'W C',
  'fund.view': 'C',
  'fund.pay': 'C',
  'order.config': 'W C S',
  'order.configure': 'C S',
  // Notices (社区公告): residents read theirs; community and street admins publish over their place
  // (grid workers do not publish; they and the admins open a notice by id).
  'notice.latest': 'R',
  'notice.list': 'R',
  'notice.manage': 'C S',
  'notice.get': 'R W C S',
  'notice.publish': 'C S',
  'notice.edit': 'C S',
  'notice.withdraw': 'C S',
  'notice.options': 'C S',
  // Service guide (办事指南): everyone who uses the app reads; admins edit their street's or community's.
  'guide.list': 'R W C S',
  'guide.get': 'R W C S',
  'guide.save': 'C S',
  'guide.remove': 'C S',
  // 百宝屋 (tool lending): residents borrow (and a resident named keeper hands out and takes back:
  // the desk moves are open to R, core checks the item's keeper); the community's grid workers and
  // admins run it. The street does not.
  'dashboard.community': 'C S',
  'dashboard.street': 'S',
  'dashboard.grid': 'W C S',
  'lending.items': 'R W C',
  'lending.item': 'R W C',
  'lending.reserve': 'R',
  'lending.cancel': 'R W C',
  'lending.renew': 'R',
  'lending.mine': 'R',
  'lending.loan': 'R W C',
  'lending.save': 'W C',
  'lending.itemMove': 'W C',
  'lending.label': 'W C',
  'lending.pickup': 'R W C',
  'lending.return': 'R W C',
  'lending.lose': 'W C',
  'lending.desk': 'W C',
  'lending.donate': 'R',
  'lending.donation': 'R W C',
  'lending.donations': 'R W C',
  'lending.decide': 'W C',
  // Excel exports (数据导出): a community admin their community, a street admin their street or one
  // community of it; grid workers export nothing (never a whole community).
  'export.community': 'C S',
  'export.street': 'S',
}

const LETTER: Readonly<Record<string, Role>> = {
  R: 'resident',
  H: 'helper',
  W: 'grid_worker',
  B: 'building_leader',
  K: 'council_member',
  C: 'community_admin',
  S: 'street_admin',
}

const allows = (action: string, role: Role | null) => {
  const cell = expected[action]
  if (cell === undefined) return false
  if (cell === '*') return true
  return role !== null && cell.split(' ').some((l) => LETTER[l] === role)
}

/**
 * Actions that name a community in their input: the handler kit checks the caller's scope before
 * the route runs. For each, who may act on their own community (inside it or over it) — and
 * nobody on another.
 */
const communityScoped: Readonly<Record<string, string>> = {
  'activity.publish': 'C',
  'hours.export': 'C',
  'market.save': 'C',
  'fund.view': 'C',
  'fund.pay': 'C',
  'order.config': 'W C S',
  'order.configure': 'C S',
  'deliberation.config': 'W C S',
  'deliberation.configure': 'C S',
  'lending.save': 'W C',
  'lending.desk': 'W C',
  'dashboard.community': 'C S',
  'export.community': 'C S',
}

/** Actions that name a grid by `gridId`: its grid worker, and the admins over it. */
const gridScoped: Readonly<Record<string, string>> = {
  'dashboard.grid': 'W C S',
}

/** Actions that name a street by `streetId`: its street admin only. */
const streetScoped: Readonly<Record<string, string>> = {
  'dashboard.street': 'S',
  'export.street': 'S',
}

describe('permission table', () => {
  it('lists exactly the actions written out here', () => {
    expect(Object.keys(permissionTable).sort()).toEqual(Object.keys(expected).sort())
  })

  const cells = Object.keys(expected).flatMap((action) =>
    [null, ...Roles].map((role) => [action, role] as const),
  )
  // Every cell: action × role (null = an identified caller with no grants), anywhere in the tree.
  it.each(cells)('%s as %s', (action, role) => {
    expect(can(actorWith(role), action)).toBe(allows(action, role))
  })

  it('denies unknown actions to everyone', () => {
    for (const role of Roles) expect(can(actorWith(role), 'no.such.action')).toBe(false)
  })

  it('scopes each role to its level of the tree', () => {
    for (const role of Roles) {
      const scope = scopes[role]
      const deepest = Object.keys(scope).length - 1
      expect(['street', 'community', 'grid', 'building', 'unit', 'household'][deepest]).toBe(
        RoleScopeLevel[role],
      )
    }
  })
})

describe('place-scoped actions', () => {
  it('are exactly these, each naming its community by `communityId` or its street by `streetId`', () => {
    const scoped = Object.entries(permissionTable)
      .filter(([, rule]) => 'place' in rule && rule.place !== undefined)
      .map(([action, rule]) => [action, (rule as { place: string }).place])
    expect(Object.fromEntries(scoped)).toEqual({
      ...Object.fromEntries(Object.keys(communityScoped).map((a) => [a, 'communityId'])),
      ...Object.fromEntries(Object.keys(streetScoped).map((a) => [a, 'streetId'])),
      ...Object.fromEntries(Object.keys(gridScoped).map((a) => [a, 'gridId'])),
    })
    expect(PlaceFields.communityId).toBe('community')
    expect(PlaceFields.streetId).toBe('street')
  })

  const community: OrgPath = { streetId: 's', communityId: 'c' }
  const other: OrgPath = { streetId: 's', communityId: 'c2' }
  const otherStreet: OrgPath = { streetId: 's2', communityId: 'c3' }
  const cells = Object.keys(communityScoped).flatMap((action) => Roles.map((role) => [action, role] as const))

  it.each(cells)('%s as %s: own community only', (action, role) => {
    const mayHere = communityScoped[action]!.split(' ').some((l) => LETTER[l] === role)
    // scopeOf puts every role inside (or, for the street admin, over) community c of street s.
    expect(can(actorWith(role), action, community)).toBe(mayHere)
    // A street admin is over every community of the street; nobody else reaches another community.
    expect(can(actorWith(role), action, other)).toBe(mayHere && role === 'street_admin')
    expect(can(actorWith(role), action, otherStreet)).toBe(false)
  })
})

describe('grid-scoped actions', () => {
  const grid: OrgPath = { streetId: 's', communityId: 'c', gridId: 'g' }
  // Each role held at its own level right above or at grid g, and the same role one place over.
  const at: Readonly<Record<string, OrgPath>> = {
    grid_worker: grid,
    community_admin: { streetId: 's', communityId: 'c' },
    street_admin: { streetId: 's' },
  }
  const elsewhere: Readonly<Record<string, OrgPath>> = {
    grid_worker: { ...grid, gridId: 'g2' },
    community_admin: { streetId: 's', communityId: 'c2' },
    street_admin: { streetId: 's2' },
  }
  const cells = Object.keys(gridScoped).flatMap((action) => Roles.map((role) => [action, role] as const))

  it.each(cells)('%s as %s: the grid it holds or is over, no other', (action, role) => {
    const may = gridScoped[action]!.split(' ').some((l) => LETTER[l] === role)
    expect(can(actorWith(role, at[role] ?? grid), action, grid)).toBe(may)
    expect(can(actorWith(role, elsewhere[role] ?? { ...grid, gridId: 'g2' }), action, grid)).toBe(false)
  })
})

describe('street-scoped actions', () => {
  const street: OrgPath = { streetId: 's' }
  const otherStreet: OrgPath = { streetId: 's2' }
  const cells = Object.keys(streetScoped).flatMap((action) => Roles.map((role) => [action, role] as const))

  it.each(cells)('%s as %s: own street only', (action, role) => {
    const may = streetScoped[action]!.split(' ').some((l) => LETTER[l] === role)
    expect(can(actorWith(role), action, street)).toBe(may)
    expect(can(actorWith(role), action, otherStreet)).toBe(false)
  })
})

describe('feature declarations', () => {
  it('give every action of the contract exactly one permission row, and no row without an action', () => {
    expect(Object.keys(permissionTable).sort()).toEqual(Object.keys(apiActions).sort())
  })

  it('each declare the actions of their own contract, copy for their own codes, and audit only their own actions', () => {
    for (const f of features) {
      const own = Object.keys(f.permissions)
      for (const action of f.audited ?? []) expect(own).toContain(action)
      for (const code of Object.keys(f.copy ?? {})) expect(code).toMatch(/^[A-Z_]+\.[A-Z_]+$/)
    }
    expect(new Set(features.map((f) => f.name)).size).toBe(features.length)
  })
})

import { holdsOver, holdsWithin } from './access'
import type { OrgPath } from './org/model'
import type { Actor, Role } from './roles'

/**
 * The single permission table: action × role → may the role act, and on what part of the tree.
 * Pages ask it what to show; functions ask it what to allow. Feature issues add rows.
 *
 * - `anyone`: every identified caller, with or without grants (e.g. reading one's own profile).
 * - `roles`: the caller must hold one of these roles; when the action names a target place in the
 *   tree, the grant's scope must contain it (a grid worker of grid A cannot act on grid B).
 */
export type Permission =
  | { readonly anyone: true }
  | {
      readonly roles: readonly Role[]
      /**
       * The input field naming the place the action is on. The handler kit resolves it (an unknown
       * id is DATA.NOT_FOUND) and checks the scope before the route runs; the route gets the place.
       */
      readonly place?: PlaceField
      /** Roles that act on the place from inside it (a grid worker reads their community's config); the rest act over it. */
      readonly inside?: readonly Role[]
      /** The code for a caller with the role but not over this place (default AUTH.FORBIDDEN). */
      readonly outOfScope?: string
    }

/** Input fields that name a place, and the level each names. */
export const PlaceFields = { streetId: 'street', communityId: 'community', gridId: 'grid' } as const
export type PlaceField = keyof typeof PlaceFields

export const permissionTable = {
  'me.profile': { anyone: true },
  // Scan to join: anyone identified may look up a code, browse places and ask to join.
  'code.resolve': { anyone: true },
  'join.options': { anyone: true },
  'join.submit': { anyone: true },
  'join.mine': { anyone: true },
  // Deciding joins: the policy's deciders, each within their subtree (core/join/rules.ts).
  'join.inbox': { roles: ['grid_worker', 'building_leader', 'community_admin'] },
  'join.decide': { roles: ['grid_worker', 'building_leader', 'community_admin'] },
  // The grid card: members of a household (every joined person holds a resident grant).
  'directory.card': { roles: ['resident'] },
  'directory.call': { roles: ['resident'] },
  // ── Org tree admin: tree, CSV import, assignments, role grants (src/core/admin) ──
  // Which level and which subtree: core/admin/rules.ts (ManagedBy, SettingsBy, GrantableBy, StaffViewers).
  'org.children': { roles: ['community_admin', 'street_admin'] },
  'org.create': { roles: ['community_admin', 'street_admin'] },
  'org.rename': { roles: ['community_admin', 'street_admin'] },
  'org.update': { roles: ['community_admin', 'street_admin'] },
  'org.import': { roles: ['community_admin', 'street_admin'] },
  'org.contacts': { roles: ['community_admin', 'street_admin'] },
  'org.street': { roles: ['street_admin'] },
  'role.grant': { roles: ['grid_worker', 'community_admin', 'street_admin'] },
  'role.revoke': { roles: ['grid_worker', 'community_admin', 'street_admin'] },
  'staff.list': { roles: ['grid_worker', 'building_leader', 'community_admin', 'street_admin'] },
  // ── Building codes (src/core/codes) ──
  // Viewing, downloading and printing a grid's codes: its grid workers and the admins above it.
  // Regenerating retires codes already printed on doors, so only community and street admins may.
  'codes.grids': { roles: ['grid_worker', 'community_admin', 'street_admin'] },
  'codes.list': { roles: ['grid_worker', 'community_admin', 'street_admin'] },
  'codes.regenerate': { roles: ['community_admin', 'street_admin'] },
  // ── My data, household, helper profile (src/core/me, src/core/household) ──
  // Everyone reads and erases their own data (PIPL), leaves or moves their own household (idempotent).
  'me.data': { anyone: true },
  'me.delete': { anyone: true },
  'household.mine': { anyone: true },
  'household.leave': { anyone: true },
  'join.cancel': { anyone: true },
  'phone.fromCode': { anyone: true },
  // The volunteer profile (skills, 党员亮身份): helpers only.
  'helper.profile': { roles: ['helper'] },
  'helper.update': { roles: ['helper'] },
  // ── Work orders (src/core/orders): who may act on WHICH order is core/orders/rules.ts ──
  // Reporting needs a household (resident) or staff intake on behalf; reading/rating/reopening own
  // orders is checked per order (reporter or follower, staff in scope).
  'report.categories': { anyone: true },
  'report.similar': { roles: ['resident', 'grid_worker', 'community_admin', 'street_admin'] },
  'report.submit': { roles: ['resident', 'grid_worker', 'community_admin', 'street_admin'] },
  'report.follow': { roles: ['resident'] },
  'report.mine': { anyone: true },
  'order.get': { anyone: true },
  'order.rate': { anyone: true },
  'order.reopen': { anyone: true },
  'order.inbox': { roles: ['grid_worker'] },
  'order.queue': { roles: ['community_admin', 'street_admin'] },
  'order.accept': { roles: ['grid_worker', 'community_admin', 'street_admin'] },
  'order.dispatch': { roles: ['resident', 'grid_worker', 'community_admin', 'street_admin'] },
  'order.start': { roles: ['grid_worker', 'community_admin', 'street_admin'] },
  'order.reply': { roles: ['grid_worker', 'community_admin', 'street_admin'] },
  'order.escalate': { roles: ['grid_worker', 'community_admin', 'street_admin'] },
  'order.release': { roles: ['grid_worker', 'community_admin', 'street_admin'] },
  // Area rates are public figures (事事有回音); a worker's own figures: that worker and staff above.
  'stats.rates': { anyone: true },
  // ── Points ledger (src/core/points): a person reads their own; admins award/correct in their community ──
  'points.mine': { anyone: true },
  'points.give': { roles: ['resident'] },
  'points.recipients': { roles: ['resident'] },
  'points.award': { roles: ['community_admin'] },
  'points.correct': { roles: ['community_admin'] },
  'points.audit': { roles: ['community_admin', 'street_admin'] },
  'points.transfers': { roles: ['community_admin', 'street_admin'] },
  // ── Errands (src/core/errands): who may make which move on WHICH errand is core/errands/machine.ts ──
  // Posting needs a household; the board and taking errands need a helper grant of the errand's grid.
  'errand.post': { roles: ['resident'] },
  'errand.trusted': { roles: ['resident'] },
  'errand.trust': { roles: ['resident'] },
  'errand.board': { roles: ['helper'] },
  'errand.accept': { roles: ['helper'] },
  'errand.release': { roles: ['helper'] },
  'errand.start': { roles: ['helper'] },
  'errand.done': { roles: ['helper'] },
  'errand.get': { anyone: true },
  'errand.mine': { anyone: true },
  'errand.cancel': { anyone: true },
  'errand.confirm': { anyone: true },
  'errand.dispute': { anyone: true },
  'errand.thank': { anyone: true },
  'errand.queue': { roles: ['grid_worker', 'community_admin'] },
  'errand.resolve': { roles: ['grid_worker', 'community_admin'] },
  // ── Volunteer activities and hours (src/core/activities): scope (the activity's community) is checked by the repo ──
  'activity.publish': {
    roles: ['community_admin'],
    place: 'communityId',
    outOfScope: 'ACTIVITY.NOT_IN_SCOPE',
  },
  'activity.cancel': { roles: ['community_admin'] },
  'activity.list': { anyone: true },
  'activity.get': { anyone: true },
  'activity.signup': { roles: ['resident'] },
  'activity.withdraw': { roles: ['resident'] },
  'activity.checkin': { roles: ['resident'] },
  'activity.checkinCode': { roles: ['grid_worker', 'community_admin'] },
  'activity.roster': { roles: ['grid_worker', 'community_admin'] },
  'activity.confirm': { roles: ['grid_worker', 'community_admin'] },
  'hours.mine': { anyone: true },
  'hours.export': { roles: ['community_admin'], place: 'communityId', outOfScope: 'ACTIVITY.NOT_IN_SCOPE' },
  // ── Love supermarket and community fund (src/core/market): community scope checked by the repo ──
  'market.items': { anyone: true },
  'market.save': { roles: ['community_admin'], place: 'communityId', outOfScope: 'MARKET.NOT_IN_SCOPE' },
  'market.redeem': { roles: ['resident'] },
  'market.vouchers': { anyone: true },
  'market.cancel': { anyone: true },
  'market.lookup': { roles: ['grid_worker', 'community_admin'] },
  'market.verify': { roles: ['grid_worker', 'community_admin'] },
  'fund.view': { roles: ['community_admin'], place: 'communityId' },
  'fund.pay': { roles: ['community_admin'], place: 'communityId' },
  // ── Work-order config: a community's report categories and SLA table (src/core/orders/config-api.ts) ──
  // Admins above the community; for reading also the grid workers of its grids.
  'order.config': {
    roles: ['grid_worker', 'community_admin', 'street_admin'],
    place: 'communityId',
    inside: ['grid_worker'],
  },
  'order.configure': { roles: ['community_admin', 'street_admin'], place: 'communityId' },
} as const satisfies Record<string, Permission>

export type PermissionAction = keyof typeof permissionTable

export function permissionOf(action: string): Permission | undefined {
  return (permissionTable as Record<string, Permission>)[action]
}

/**
 * May `actor` perform `action`, on `target` (the place's whole path) when the action concerns a
 * place in the tree? Pure and total: unknown actions are denied. Without a target: does the actor
 * hold a role that may perform it anywhere (what a page asks before showing an entry).
 */
export function can(actor: Actor, action: string, target?: OrgPath): boolean {
  const rule = permissionOf(action)
  if (!rule) return false
  if ('anyone' in rule) return true
  if (target === undefined) return holdsOver(actor, rule.roles)
  const over = rule.roles.filter((r) => !rule.inside?.includes(r))
  return holdsOver(actor, over, target) || (!!rule.inside && holdsWithin(actor, rule.inside, target))
}

/** How the caller relates to an activity's community, and the communities their lists show (core/access.ts). */
import { CommunityStaffRoles, homeCommunity, isCommunityStaff, placeIds } from '../access'
import type { Actor } from '../roles'
import type { Standing } from './machine'

export function standingOf(actor: Actor, communityId: string): Standing {
  return { resident: homeCommunity(actor) === communityId, staff: isCommunityStaff(actor, communityId) }
}

/** Communities whose activities the caller's lists show: their home and those they work for. */
export function listCommunities(actor: Actor): string[] {
  return placeIds(actor, ['resident', ...CommunityStaffRoles], 'community')
}

import type { RoleGrant } from '@core/roles'

/** Communities the caller administers (publish, cancel and export are theirs; the function checks again). */
export function adminCommunities(grants: readonly RoleGrant[]): string[] {
  return [
    ...new Set(
      grants
        .filter((g) => g.role === 'community_admin' && g.scope.communityId)
        .map((g) => g.scope.communityId as string),
    ),
  ]
}

export const isAdminOf = (grants: readonly RoleGrant[], communityId: string) =>
  adminCommunities(grants).includes(communityId)

import type { Actor } from '../roles'
import type { HouseholdSummary, Profile } from './api'
import type { UserRecord } from './model'

/** What the profile command needs from storage (implemented on the node-sdk in cloudfunctions/shared). */
export interface MeDeps {
  readonly findUser: (userId: string) => Promise<UserRecord | null>
  readonly householdSummary: (householdId: string) => Promise<HouseholdSummary | null>
}

/** me.profile: the caller's own profile. Everyone may read their own; nobody else's is reachable. */
export function getProfile(deps: MeDeps) {
  return async (actor: Actor, created: boolean): Promise<Profile> => {
    const user = await deps.findUser(actor.userId)
    if (!user) throw new Error(`identified user ${actor.userId} vanished`)
    const household = user.householdId ? await deps.householdSummary(user.householdId) : null
    return {
      userId: user._id,
      displayName: user.displayName,
      roles: user.grants,
      household,
      created,
    }
  }
}

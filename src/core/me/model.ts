import type { RoleGrant } from '../roles'

/** A person known to the app (collection `users`). The OPENID never leaves the server. */
export interface UserRecord {
  readonly _id: string
  readonly openid: string
  readonly displayName: string
  readonly grants: readonly RoleGrant[]
  /** Set once the person has joined a household. */
  readonly householdId?: string
  readonly createdAt: Date
  /** Real name and phone as given when joining (shown masked to others). */
  readonly realName?: string
  readonly phone?: string | null
  /**
   * The caller's most recent join request: read and written inside the submit transaction, so two
   * concurrent submits by one person conflict and at most one of them can end pending.
   */
  readonly lastJoinId?: string | null
  /** Helpers (党员帮办/志愿者): `partyMember` is set by staff, the rest by the helper. */
  readonly helper?: HelperProfileRecord
  /** When the person erased their personal data (me.delete). */
  readonly erasedAt?: Date
}

export interface HelperProfileRecord {
  readonly partyMember?: boolean
  readonly showParty?: boolean
  readonly skills?: readonly string[]
  /** Opted in to "new errand" reminders (errand.post notifies only these helpers). */
  readonly notifyErrands?: boolean
}

export const DEFAULT_DISPLAY_NAME = '新邻居'

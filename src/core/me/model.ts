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
}

export const DEFAULT_DISPLAY_NAME = '新邻居'

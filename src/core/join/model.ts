import type { WithOutbox } from '../effects'
import type { JoinPolicy, OrgPath } from '../org/model'
import type { JoinStatus } from './rules'

/** Collection `join_requests`. `_id` is opaque (ADR 0016); (userId, requestId) is unique: a retried submit finds its own record. */
export interface JoinRecord extends WithOutbox {
  readonly _id: string
  readonly userId: string
  readonly requestId: string
  /** Down to the unit; the household is created (or found) on approval. */
  readonly path: Required<Omit<OrgPath, 'householdId'>>
  readonly room: string
  readonly name: string
  readonly phone: string | null
  readonly policy: JoinPolicy
  readonly status: JoinStatus
  readonly via: 'code' | 'picker'
  readonly reason: string | null
  readonly decidedBy: string | null
  readonly createdAt: Date
  readonly decidedAt: Date | null
  /** The household the applicant leaves when this request is approved (a move); null for a first join. */
  readonly moveFrom?: string | null
  /** Set when the applicant erased their personal data (me.delete): name and phone are gone. */
  readonly erased?: boolean
}

/** Collection `invite_codes`: `_id` is the code itself. */
export interface InviteCodeRecord {
  readonly _id: string
  readonly target: 'building' | 'grid'
  readonly targetId: string
  readonly path: OrgPath
  readonly active: boolean
  readonly createdAt: Date
}

/**
 * One household per unit + room, whoever joins it first. Its id is opaque (ADR 0016): the store
 * finds it by (unitId, room) under a unique index, so the id never carries the address.
 */
export interface HouseholdPlace {
  readonly unitId: string
  readonly room: string
}

/** Rooms compare case-insensitively ("3a" is "3A"): the stored form. */
export const roomKey = (room: string): string => room.toUpperCase()

/** Is this household the one at (unitId, room)? */
export function isAt(home: HouseholdPlace | null, unitId: string, room: string): boolean {
  return home !== null && home.unitId === unitId && roomKey(home.room) === roomKey(room)
}

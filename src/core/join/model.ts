import type { JoinPolicy, OrgPath } from '../org/model'
import type { JoinStatus } from './rules'

/** Collection `join_requests`. `_id` is opaque (ADR 0016); (userId, requestId) is unique: a retried submit finds its own record. */
export interface JoinRecord {
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

/** One household per unit + room, whoever joins it first. */
export function householdIdFor(unitId: string, room: string): string {
  return `hh_${unitId}_${room.toUpperCase()}`
}

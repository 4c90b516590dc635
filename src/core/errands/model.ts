/**
 * Mutual-aid errands (党员帮办 · 微互助): a resident asks, one helper of the grid takes it, hands it
 * over, the requester confirms and the helper earns love-card points (src/core/points).
 * Collection `errands`; the state machine is ./machine.ts.
 */
import type { WithOutbox } from '../effects'
import type { OrgPath } from '../org/model'

export const ErrandTypes = ['parcel', 'child_pickup', 'groceries', 'other'] as const
export type ErrandType = (typeof ErrandTypes)[number]

export const ErrandTypeLabel: Readonly<Record<ErrandType, string>> = {
  parcel: '代收快递',
  child_pickup: '代接送小孩',
  groceries: '代买米买菜',
  other: '其他',
}

/** Points the helper earns when the requester confirms (paid once, cause `errand:<id>`). */
export const ErrandPoints: Readonly<Record<ErrandType, number>> = {
  parcel: 5,
  child_pickup: 10,
  groceries: 5,
  other: 5,
}

export const ErrandStatuses = [
  'open',
  'accepted',
  'in_progress',
  'done',
  'confirmed',
  'disputed',
  'closed',
  'cancelled',
  'expired',
  'locked',
] as const
export type ErrandStatus = (typeof ErrandStatuses)[number]

export const ErrandStatusLabel: Readonly<Record<ErrandStatus, string>> = {
  open: '待接单',
  accepted: '已接单',
  in_progress: '进行中',
  done: '待确认',
  confirmed: '已完成',
  disputed: '有异议',
  closed: '已处理',
  cancelled: '已取消',
  expired: '已过期',
  locked: '已锁定',
}

/** Wrong handover codes before the errand locks for the grid worker. */
export const MAX_CODE_TRIES = 5

export interface ErrandEvent {
  readonly at: Date
  readonly move: string
  /** User id, or `system`. */
  readonly by: string
  readonly note?: string
}

export interface ErrandRecord extends WithOutbox {
  readonly _id: string
  readonly requestId: string
  readonly requesterId: string
  readonly requesterName: string
  readonly type: ErrandType
  readonly text: string
  /** For the helper only (never on the public board beyond the accepted helper). */
  readonly note: string | null
  /** null = the requester's household (the default meeting point). */
  readonly meetingPoint: string | null
  /** The requester's household path: the errand belongs to its grid. */
  readonly path: Required<
    Pick<OrgPath, 'streetId' | 'communityId' | 'gridId' | 'buildingId' | 'unitId' | 'householdId'>
  >
  readonly windowStart: Date
  readonly windowEnd: Date
  readonly status: ErrandStatus
  /** Open errands only (the board's and the sweep's index); false otherwise. */
  readonly open: boolean
  readonly helperId: string | null
  readonly helperName: string | null
  /** Child pickup: the guardian's approved helpers at posting time; empty for other types. */
  readonly approvedHelperIds: readonly string[]
  /** Child pickup: the handover code the guardian gives the school/child's side. */
  readonly handoverCode: string | null
  readonly codeTries: number
  readonly points: number
  readonly acceptedAt: Date | null
  /** Child pickup: when the child was picked up (code entered). */
  readonly pickedUpAt: Date | null
  /** When the helper marked it done (drop-off for a child pickup). */
  readonly doneAt: Date | null
  readonly confirmedAt: Date | null
  readonly disputeReason: string | null
  readonly thanks: string | null
  /** When the requester thanked (set with `thanks`; the helper profile's index). */
  readonly thankedAt?: Date
  readonly events: readonly ErrandEvent[]
  /**
   * The requester / the helper erased their personal data (me.delete, cloudfunctions/shared/repos/me.ts):
   * their name here is the placeholder `ERASED_NAME` (shown unmasked); the requester's meeting point and
   * note are gone.
   */
  readonly requesterErased?: boolean
  readonly helperErased?: boolean
  /** Bumped by every write: every move is a conditional update on it (compare-and-set). */
  readonly version: number
  readonly createdAt: Date
  readonly updatedAt: Date
}

/** Collection `errand_trust`: a guardian's approved helpers for child pickup (`_id` = guardian's user id). */
export interface TrustRecord {
  readonly _id: string
  readonly gridId: string
  readonly helperIds: readonly string[]
  readonly updatedAt: Date
}

export const MAX_TRUSTED = 10

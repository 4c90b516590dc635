import { grantsExcept } from '../access'
import { CommonErrorCodes, DomainError } from '../errors'
import type { UserRecord } from '../me/model'
import type { OrgPath } from '../org/model'
import type { Actor, RoleGrant } from '../roles'
import type { HouseholdPlace, InviteCodeRecord, JoinRecord } from './model'
import { isAt } from './model'
import { mayDecideJoin, nextJoinStatus } from './rules'

export const JoinErrors = {
  CODE_INVALID: 'JOIN.CODE_INVALID',
  ALREADY_MEMBER: 'JOIN.ALREADY_MEMBER',
  PENDING_EXISTS: 'JOIN.PENDING_EXISTS',
  NOT_PENDING: 'JOIN.NOT_PENDING',
  UNIT_NOT_FOUND: 'JOIN.UNIT_NOT_FOUND',
} as const

/** The household path a join leads to: its unit's path and the household found or made there. */
export function householdPathOf(join: JoinRecord, householdId: string): Required<OrgPath> {
  return { ...join.path, householdId }
}

/** The caller's grants once admitted: their resident grant now points at this household. */
export function grantsAfterAdmission(
  grants: readonly RoleGrant[],
  household: Required<OrgPath>,
): RoleGrant[] {
  return [...grantsExcept(grants, 'resident'), { role: 'resident', scope: household }]
}

/**
 * May this user submit a new join? `current` is the request their `lastJoinId` points at, `home`
 * where their household is (null when they have none).
 * - A pending request to the same place is the same request (idempotent); to another place it blocks.
 * - Members of a household must leave first, or ask to move (`move`); joining the household they
 *   already live in again answers their approved request, if it is the latest.
 * Returns the existing request to answer with, or null when a new request may be stored.
 */
export function checkCanSubmit(
  user: UserRecord,
  current: JoinRecord | null,
  unitId: string,
  room: string,
  move = false,
  home: HouseholdPlace | null = null,
): JoinRecord | null {
  const samePlace = (j: JoinRecord) => j.path.unitId === unitId && j.room.toUpperCase() === room.toUpperCase()
  if (current?.status === 'pending') {
    if (samePlace(current)) return current
    throw new DomainError(JoinErrors.PENDING_EXISTS, '您已有一个待审核的入格申请')
  }
  if (user.householdId) {
    if (isAt(home, unitId, room)) {
      if (current?.status === 'approved' && samePlace(current)) return current
      throw new DomainError(JoinErrors.ALREADY_MEMBER, '您已是该家庭成员')
    }
    if (!move) throw new DomainError(JoinErrors.ALREADY_MEMBER, '您已加入一个家庭，请先退出或迁移')
  }
  return null
}

/**
 * May an approved request admit its applicant now into `householdId` (the household at its unit and
 * room)? A first join needs them out of any household (they may have joined elsewhere meanwhile);
 * a move replaces whatever household they are in.
 */
export function checkCanAdmit(join: JoinRecord, user: UserRecord, householdId: string): void {
  if (!user.householdId || join.moveFrom || user.householdId === householdId) return
  throw new DomainError(JoinErrors.ALREADY_MEMBER, '申请人已加入其他家庭')
}

/** The caller's grants once out of their household: the resident grant goes, staff roles stay. */
export function grantsAfterLeaving(grants: readonly RoleGrant[]): RoleGrant[] {
  return grantsExcept(grants, 'resident')
}

/**
 * How a join arrived: `code` when the scanned (live) code points at the chosen unit's grid, and for
 * a building code at its building; otherwise the resident picked the place by hand.
 */
export function viaOf(
  code: InviteCodeRecord | null,
  unit: { readonly gridId: string; readonly buildingId: string },
): 'code' | 'picker' {
  if (!code || !code.active) return 'picker'
  if (code.target === 'building')
    return code.targetId === unit.buildingId && code.path.gridId === unit.gridId ? 'code' : 'picker'
  return code.path.gridId === unit.gridId ? 'code' : 'picker'
}

/** The applicant withdraws their own pending request. Other people's requests do not exist for them. */
export function applyCancel(join: JoinRecord, applicant: Actor, now: Date): JoinRecord {
  if (join.userId !== applicant.userId) throw new DomainError(CommonErrorCodes.NOT_FOUND, '申请不存在')
  const to = nextJoinStatus(join.status, 'cancel', 'applicant')
  if (!to) throw new DomainError(JoinErrors.NOT_PENDING, '该申请已处理')
  return { ...join, status: to, decidedBy: applicant.userId, decidedAt: now }
}

/** Applies a decider's decision to a pending join, or says exactly why not. */
export function applyDecision(
  join: JoinRecord,
  decider: Actor,
  decision: { decision: 'approve' } | { decision: 'reject'; reason: string },
  now: Date,
): JoinRecord {
  if (!mayDecideJoin(decider, join.policy, join.path)) {
    throw new DomainError(CommonErrorCodes.FORBIDDEN, '您无权审核该申请')
  }
  const to = nextJoinStatus(join.status, decision.decision, 'decider')
  if (!to) throw new DomainError(JoinErrors.NOT_PENDING, '该申请已处理')
  return {
    ...join,
    status: to,
    reason: decision.decision === 'reject' ? decision.reason : null,
    decidedBy: decider.userId,
    decidedAt: now,
  }
}

import { CommonErrorCodes, DomainError } from '../errors'
import type { UserRecord } from '../me/model'
import type { OrgPath } from '../org/model'
import type { Actor, RoleGrant } from '../roles'
import type { JoinRecord } from './model'
import { householdIdFor } from './model'
import { mayDecideJoin, nextJoinStatus } from './rules'

export const JoinErrors = {
  CODE_INVALID: 'JOIN.CODE_INVALID',
  ALREADY_MEMBER: 'JOIN.ALREADY_MEMBER',
  PENDING_EXISTS: 'JOIN.PENDING_EXISTS',
  NOT_PENDING: 'JOIN.NOT_PENDING',
  UNIT_NOT_FOUND: 'JOIN.UNIT_NOT_FOUND',
} as const

/** The household path a join leads to. */
export function householdPathOf(join: JoinRecord): Required<OrgPath> {
  return { ...join.path, householdId: householdIdFor(join.path.unitId, join.room) }
}

/** The caller's grants once admitted: their resident grant now points at this household. */
export function grantsAfterAdmission(grants: readonly RoleGrant[], household: Required<OrgPath>): RoleGrant[] {
  return [...grants.filter((g) => g.role !== 'resident'), { role: 'resident', scope: household }]
}

/**
 * May this user submit a new join? Members of a household must leave or move first; a pending
 * request to the same place is the same request (idempotent), to another place it blocks.
 */
export function checkCanSubmit(user: UserRecord, latest: JoinRecord | null, unitId: string, room: string): JoinRecord | null {
  if (user.householdId) {
    if (user.householdId === householdIdFor(unitId, room) && latest?.status === 'approved') return latest
    throw new DomainError(JoinErrors.ALREADY_MEMBER, '您已加入一个家庭，请先退出或迁移')
  }
  if (latest?.status === 'pending') {
    if (latest.path.unitId === unitId && latest.room.toUpperCase() === room.toUpperCase()) return latest
    throw new DomainError(JoinErrors.PENDING_EXISTS, '您已有一个待审核的入格申请')
  }
  return null
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

import type { JoinPolicy, OrgPath } from '../org/model'
import { holdsOver } from '../access'
import type { Actor, Role } from '../roles'

/** A request to join a household, decided by the community's policy. */
export const JoinStatuses = ['pending', 'approved', 'rejected', 'cancelled'] as const
export type JoinStatus = (typeof JoinStatuses)[number]

export type JoinMove = 'approve' | 'reject' | 'cancel'
export type JoinParty = 'decider' | 'applicant'

/** The join state machine as data: every move, from where, to where, by whom. */
export const joinTransitions: readonly {
  readonly move: JoinMove
  readonly from: JoinStatus
  readonly to: JoinStatus
  readonly by: JoinParty
}[] = [
  { move: 'approve', from: 'pending', to: 'approved', by: 'decider' },
  { move: 'reject', from: 'pending', to: 'rejected', by: 'decider' },
  { move: 'cancel', from: 'pending', to: 'cancelled', by: 'applicant' },
]

export function nextJoinStatus(from: JoinStatus, move: JoinMove, by: JoinParty): JoinStatus | null {
  return joinTransitions.find((t) => t.from === from && t.move === move && t.by === by)?.to ?? null
}

/**
 * Who decides a join in a community with this policy. The first role is the primary decider (gets
 * the notification); the others may also decide so that no request waits forever (a building with
 * no leader, a grid worker on leave). `auto` needs nobody: the request is approved on submit.
 */
export const JoinDeciders: Readonly<Record<JoinPolicy, readonly Role[]>> = {
  auto: [],
  grid_worker: ['grid_worker', 'community_admin'],
  building_leader: ['building_leader', 'grid_worker', 'community_admin'],
}

/** May `actor` decide a join into `target` (a unit/household path) under `policy`? */
export function mayDecideJoin(actor: Actor, policy: JoinPolicy, target: OrgPath): boolean {
  return holdsOver(actor, JoinDeciders[policy], target)
}

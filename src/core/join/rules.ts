import type { JoinPolicy, OrgPath } from '../org/model'
import { holdsOver } from '../access'
import type { Actor, Role } from '../roles'
import { joinMachine, type JoinMove, type JoinParty, type JoinStatus } from './machine'

export { JoinStatuses, joinMachine, type JoinMove, type JoinParty, type JoinStatus } from './machine'

/** The rows of the join machine (core/join/machine.ts). */
export const joinTransitions = joinMachine.rows

/** Where `move` by `by` takes a request in `from`, or null when it may not. */
export function nextJoinStatus(from: JoinStatus, move: JoinMove, by: JoinParty): JoinStatus | null {
  const step = joinMachine.next(from, move, by)
  return step.ok ? step.to : null
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

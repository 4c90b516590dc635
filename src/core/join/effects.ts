/** Who is told about a join request, and what they read (src/core/effects.ts), written once. */
import type { Effect } from '../effects'
import { joinPendingMessage } from '../notify/templates'
import type { JoinRecord } from './model'
import { JoinDeciders } from './rules'

/**
 * A pending request: the holders of the policy's first decider role that has anyone for the place
 * (JoinDeciders order: a building without a leader falls to the grid worker), never the applicant,
 * and only while it is still pending (a withdrawn request tells nobody).
 */
export function pendingEffects(
  join: Pick<JoinRecord, 'policy' | 'path' | 'userId' | 'name' | 'room' | 'moveFrom' | 'createdAt'>,
  names: { readonly building: string; readonly unit: string },
): Effect[] {
  const roles = JoinDeciders[join.policy]
  if (roles.length === 0) return []
  return [
    {
      kind: 'notify',
      key: 'join.pending',
      to: { staff: roles, over: join.path, cascade: true },
      except: [join.userId],
      onlyIf: { status: 'pending' },
      template: 'joinPending',
      data: joinPendingMessage({
        applicantName: join.name,
        buildingName: names.building,
        unitName: names.unit,
        room: join.room,
        submittedAt: join.createdAt,
        move: Boolean(join.moveFrom),
      }),
    },
  ]
}

/**
 * Meetings' part of the deliberation declaration (./feature.ts spreads it): who may call the
 * meeting actions (the copy of their codes is in ./copy.ts, with the subpackage). Which meeting a caller may see or move is
 * ./meeting.ts and ./meeting-machine.ts (whoever may see the topic; the organiser and staff over it).
 * Light on purpose (the main package imports it through the error copy): the codes are written out
 * here as ./meeting.ts `MeetingErrors` names them.
 */
import type { Permission } from '../permissions'

const everyone = ['resident', 'council_member', 'grid_worker', 'community_admin', 'street_admin'] as const
/** Staff of the place and the grid's council (议事会成员) run meetings. */
const runners = ['council_member', 'grid_worker', 'community_admin', 'street_admin'] as const

export const meetingPermissions = {
  'meeting.schedule': { roles: [...runners] },
  'meeting.get': { roles: [...everyone] },
  'meeting.list': { roles: [...everyone] },
  'meeting.close': { roles: [...runners] },
  // A council member cancels the meetings they organised (the machine's `organiser`), not staff's.
  'meeting.cancel': { roles: [...runners] },
} as const satisfies Readonly<Record<string, Permission>>

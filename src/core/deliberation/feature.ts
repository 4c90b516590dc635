import { defineFeature } from '../feature'
import { meetingPermissions } from './meeting-feature'

const everyone = ['resident', 'council_member', 'grid_worker', 'community_admin', 'street_admin'] as const
const staff = ['grid_worker', 'community_admin', 'street_admin'] as const
/** Staff, and the grid's council (议事会成员): they put topics on the agenda and open votes. */
const council = ['council_member', ...staff] as const

/**
 * Deliberation (五步议事): who may call its actions. Its error copy is ./copy.ts, shipped with the
 * deliberation subpackage (registered by its client, src/features/deliberation/api.ts) so that the
 * main package stays within its 420 KiB: only the deliberation pages (and the activity publish
 * page, for a topic's activity) meet these codes. Which topic a caller may
 * see or move is core/deliberation/rules.ts and machine.ts (a resident of its grid; a member of its
 * council; staff over it).
 */
export const deliberationFeature = defineFeature({
  name: 'deliberation',
  permissions: {
    ...meetingPermissions,
    'topic.list': [...everyone],
    'topic.get': [...everyone],
    'topic.propose': ['resident'],
    'topic.support': ['resident'],
    // 民事民提 from reports: staff over the named grid (checked by the store, raise.ts).
    'topic.raise': [...staff],
    'topic.sources': [...staff],
    'topic.move': [...everyone],
    'topic.openVote': [...council],
    'topic.closeVote': [...staff],
    // In the app a household's member (a resident); on paper or by proxy staff over the place.
    'ballot.cast': ['resident', ...staff],
    'topic.carry': [...staff],
    'topic.workOptions': [...staff],
    'topic.workPhotos': [...staff],
    'topic.rate': ['resident'],
    'topic.stats': [...staff],
    'deliberation.config': { roles: [...staff], place: 'communityId', inside: ['grid_worker'] },
    'deliberation.configure': { roles: ['community_admin', 'street_admin'], place: 'communityId' },
    // Comments (民议): which topic, and who may hide, is comments.ts (a resident of its grid; staff over it).
    'comment.list': [...everyone],
    'comment.post': [...everyone],
    'comment.hide': [...staff],
  },
})

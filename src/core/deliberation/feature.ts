import { defineFeature } from '../feature'
import { meetingCopy, meetingPermissions } from './meeting-feature'

const everyone = ['resident', 'grid_worker', 'community_admin', 'street_admin'] as const
const staff = ['grid_worker', 'community_admin', 'street_admin'] as const

/**
 * Deliberation (五步议事): who may call its actions, and its error copy. Which topic a caller may
 * see or move is core/deliberation/rules.ts and machine.ts (a resident of its grid; staff over it).
 */
export const deliberationFeature = defineFeature({
  name: 'deliberation',
  permissions: {
    ...meetingPermissions,
    'topic.list': { roles: [...everyone] },
    'topic.get': { roles: [...everyone] },
    'topic.propose': { roles: ['resident'] },
    'topic.support': { roles: ['resident'] },
    'topic.move': { roles: [...everyone] },
    'topic.openVote': { roles: [...staff] },
    'topic.closeVote': { roles: [...staff] },
    'ballot.cast': { roles: [...everyone] },
  },
  copy: {
    ...meetingCopy,
    'DELIBERATION.NO_HOUSEHOLD': '请先加入网格',
    'DELIBERATION.BAD_TEXT': '请填写议题标题和内容',
    'DELIBERATION.REASON_REQUIRED': '请填写理由',
    'DELIBERATION.OTHER_PLACE': '只有本网格的居民户可以参与',
    'DELIBERATION.BAD_STEP': '议题已进入下一步，请刷新',
    'DELIBERATION.BAD_WINDOW': '投票时间不正确',
    'DELIBERATION.VOTE_NOT_OPEN': '不在投票时间内',
    'DELIBERATION.VOTE_OPEN': '投票尚未结束',
    'DELIBERATION.NO_CONSENT': '代投需要居民本人同意',
    'DELIBERATION.UNKNOWN_HOUSEHOLD': '该户不在本网格',
  },
})

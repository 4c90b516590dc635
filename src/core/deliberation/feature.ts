import { defineFeature } from '../feature'
import { meetingCopy, meetingPermissions } from './meeting-feature'

const everyone = ['resident', 'council_member', 'grid_worker', 'community_admin', 'street_admin'] as const
const staff = ['grid_worker', 'community_admin', 'street_admin'] as const
/** Staff, and the grid's council (议事会成员): they put topics on the agenda and open votes. */
const council = ['council_member', ...staff] as const

/**
 * Deliberation (五步议事): who may call its actions, and its error copy. Which topic a caller may
 * see or move is core/deliberation/rules.ts and machine.ts (a resident of its grid; a member of its
 * council; staff over it).
 */
export const deliberationFeature = defineFeature({
  name: 'deliberation',
  permissions: {
    ...meetingPermissions,
    'topic.list': { roles: [...everyone] },
    'topic.get': { roles: [...everyone] },
    'topic.propose': { roles: ['resident'] },
    'topic.support': { roles: ['resident'] },
    // 民事民提 from reports: staff over the named grid (checked by the store, raise.ts).
    'topic.raise': { roles: [...staff] },
    'topic.sources': { roles: [...staff] },
    'topic.move': { roles: [...everyone] },
    'topic.openVote': { roles: [...council] },
    'topic.closeVote': { roles: [...staff] },
    // In the app a household's member (a resident); on paper or by proxy staff over the place.
    'ballot.cast': { roles: ['resident', ...staff] },
    'topic.carry': { roles: [...staff] },
    'topic.workOptions': { roles: [...staff] },
    'topic.workPhotos': { roles: [...staff] },
    'topic.rate': { roles: ['resident'] },
    'topic.stats': { roles: [...staff] },
    'deliberation.config': { roles: [...staff], place: 'communityId', inside: ['grid_worker'] },
    'deliberation.configure': { roles: ['community_admin', 'street_admin'], place: 'communityId' },
    // Comments (民议): which topic, and who may hide, is comments.ts (a resident of its grid; staff over it).
    'comment.list': { roles: [...everyone] },
    'comment.post': { roles: [...everyone] },
    'comment.hide': { roles: [...staff] },
  },
  copy: {
    ...meetingCopy,
    'DELIBERATION.NO_HOUSEHOLD': '请先加入网格',
    'DELIBERATION.BAD_TEXT': '请填写议题标题和内容',
    'DELIBERATION.REASON_REQUIRED': '请填写理由',
    'DELIBERATION.OTHER_PLACE': '只有议题涉及的网格或楼栋的居民户可以参与',
    'DELIBERATION.BAD_STEP': '议题已进入下一步，请刷新',
    'DELIBERATION.BAD_WINDOW': '投票时间不正确',
    'DELIBERATION.VOTE_NOT_OPEN': '不在投票时间内',
    'DELIBERATION.VOTE_OPEN': '投票尚未结束',
    'DELIBERATION.NO_CONSENT': '代投需要居民本人同意',
    'DELIBERATION.UNKNOWN_HOUSEHOLD': '该户不在议题涉及的网格或楼栋',
    'DELIBERATION.WORK_OPEN': '还有工作未完成',
    'DELIBERATION.BAD_WORK': '请检查实施工作：至少一项，且最多 12 项',
    'DELIBERATION.BAD_TIER': '只能把工单交给本级或下级办理',
    'DELIBERATION.EVALUATION_OPEN': '评价尚未结束',
    'DELIBERATION.NOT_EVALUATING': '现在不在评价时间内',
    'DELIBERATION.BAD_CONFIG': '设置超出范围',
    'DELIBERATION.COMMENT_TEXT': '请填写评论（不超过 500 字）',
    'DELIBERATION.REPLY_DEPTH': '只能回复主评论',
    'DELIBERATION.COMMENT_HIDDEN': '该评论已隐藏，不能回复',
    'DELIBERATION.COMMENTS_CLOSED': '议题未立项、已撤回或已办结，讨论已关闭',
    'DELIBERATION.BAD_OPTIONS': '请填写 2–6 个不重复的方案，每个不超过 20 字',
    'DELIBERATION.BAD_OPTION': '请选择一个方案或弃权',
    'DELIBERATION.WRONG_BALLOT': '投票方式与本次投票不符，请刷新',
    'DELIBERATION.NO_AREA': '有住户未登记建筑面积，无法按业主共同决定表决',
    'DELIBERATION.BAD_BUILDINGS': '所选楼栋不在本网格，请重新选择（最多 10 栋）',
    'DELIBERATION.OWN_BUILDING': '所选楼栋须包括您家所在的楼栋',
    'DELIBERATION.BAD_SOURCES': '请选择 1–20 件可转为议题的工单',
    'DELIBERATION.SOURCE_TAKEN': '所选工单已转为议题，请打开该议题',
    'DELIBERATION.SOURCE_OTHER_GRID': '所选工单不在本网格',
    'DELIBERATION.OTHER_COMMUNITY': '议题不属于这个社区，不能为它发布活动',
    'DELIBERATION.NOT_DOING': '议题实施中才能为它发布志愿活动（决议后请先安排实施）',
    'DELIBERATION.WORK_PHOTOS_STEP': '议题实施中或评价中才能更改实施照片',
  },
})

/**
 * Meetings' part of the deliberation declaration (./feature.ts spreads it): who may call the
 * meeting actions and the copy of their codes. Which meeting a caller may see or move is
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

export const meetingCopy: Readonly<Record<string, string>> = {
  'DELIBERATION.MEETING_TOPIC_STEP': '议题立项后、形成决议前才能安排议事会',
  'DELIBERATION.MEETING_PLACE': '请填写会议地点（不超过 60 字）',
  'DELIBERATION.MEETING_TITLE': '会议名称过长',
  'DELIBERATION.MEETING_TIME': '会议时间应在现在之后、90 天之内',
  'DELIBERATION.MEETING_DONE': '会议已关闭或已取消，请刷新',
  'DELIBERATION.MEETING_NOT_STARTED': '会议开始后才能填写纪要',
  'DELIBERATION.MINUTES_REQUIRED': '请填写会议纪要',
  'DELIBERATION.MINUTES_TOO_LONG': '会议纪要不超过 2000 字',
  'DELIBERATION.BAD_ATTENDANCE': '参会户数和人数应为整数，户数不多于人数',
  'DELIBERATION.TOO_MANY_PHOTOS': '照片最多 9 张',
  'DELIBERATION.PHOTO_INVALID': '照片上传未完成，请重新添加',
  'DELIBERATION.MEETING_PHOTOS_STAFF': '会议照片由本网格工作人员上传',
  'DELIBERATION.BAD_OPTIONS': '决议选项最多 6 个，每个不超过 20 字，不能重复',
}

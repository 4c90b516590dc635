import { clock } from '@core/china-time'
import type { ActivityCard, ActivityDetail, ActivityMove, SignupStatus } from '@core/activities/api'

/** Pages of the activities subpackage (the notify templates and the on-site wxacode point at detail and checkin). */
export const INDEX_URL = '/features/activities/pages/index/index'
export const DETAIL_URL = '/features/activities/pages/detail/index'
export const CHECKIN_URL = '/features/activities/pages/checkin/index'
export const PUBLISH_URL = '/features/activities/pages/publish/index'
export const MANAGE_URL = '/features/activities/pages/manage/index'
export const HOURS_URL = '/features/points/pages/hours/index'
export const detailUrl = (activityId: string) => `${DETAIL_URL}?activityId=${encodeURIComponent(activityId)}`
export const manageUrl = (activityId: string) => `${MANAGE_URL}?activityId=${encodeURIComponent(activityId)}`
export const publishUrl = (communityId: string) =>
  `${PUBLISH_URL}?communityId=${encodeURIComponent(communityId)}`

export { clock }
export { fullDate, shortTime, spanText as windowText } from '@core/china-time'

/** `+5 积分 · 2 小时` */
export const rewardText = (a: Pick<ActivityCard, 'points' | 'hours'>) => `+${a.points} 积分 · ${a.hours} 小时`

export const SignupLabel: Readonly<Record<SignupStatus, string>> = {
  signed: '已报名',
  withdrawn: '已取消报名',
  checked_in: '已签到',
  confirmed: '已确认出勤',
}

export const MoveLabel: Readonly<Record<ActivityMove, string>> = {
  signup: '我要报名',
  withdraw: '取消报名',
  checkin: '扫码签到',
  manage: '管理',
}

/** The volunteer teams communities use (suggestions on the publish form; any name may be typed). */
export const TEAMS = [
  '彩虹桥·助老服务队',
  '彩虹桥·环境守护队',
  '彩虹桥·文明劝导队',
  '彩虹桥·邻里调解队',
] as const

/** Safe decode of a scene as WeChat delivers it (`c%3DAB12CD`); a malformed escape is passed on as is. */
export function decodeScene(scene: string): string {
  try {
    return decodeURIComponent(scene)
  } catch {
    return scene
  }
}

/**
 * What to send as activity.checkin's `code` after scanning: the wxacode's page path carries the
 * scene (`…/checkin/index?scene=c%3DAB12CD` → `c=AB12CD`); a plain QR code carries its text.
 */
export function codeFromScan(res: { readonly path?: string; readonly result?: string }): string {
  for (const text of [res.path, res.result]) {
    const m = /[?&]scene=([^&#]*)/.exec(text ?? '')
    if (m?.[1]) return decodeScene(m[1])
  }
  return (res.result || res.path || '').trim()
}

/** Where I stand, in one line (null when I have not signed up). */
export function statusLine(a: ActivityDetail): string | null {
  switch (a.mine) {
    case 'signed':
      return '已报名，请按时到场签到'
    case 'checked_in':
      return a.checkedInAt ? `已签到 ${clock(a.checkedInAt)}，活动结束后由社区确认` : '已签到'
    case 'confirmed':
      return `已确认，获得 ${a.points} 积分、${a.hours} 小时志愿时长`
    case 'withdrawn':
      return '已取消报名'
    default:
      return null
  }
}

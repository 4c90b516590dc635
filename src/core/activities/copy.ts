/**
 * The friendly Chinese copy of volunteer activities' error codes. Not in the feature's declaration: it ships with
 * the subpackages whose pages meet these codes, which register it (`registerCopy`,
 * src/services/error-copy.ts) when their client loads, keeping the main package within its budget.
 */
export const activitiesCopy: Readonly<Record<string, string>> = {
  'ACTIVITY.BAD_TEXT': '请填写活动名称、队伍和地点（名称不超过 60 字，介绍不超过 1000 字）',
  'ACTIVITY.BAD_TIME': '活动时间有误：结束须晚于开始，且不能早于现在',
  'ACTIVITY.BAD_CAPACITY': '名额应为 1–500 的整数',
  'ACTIVITY.BAD_REWARD': '积分应为 0–100 的整数，时长为 0.5–12 小时',
  'ACTIVITY.NOT_FOUND': '活动不存在或已删除',
  'ACTIVITY.NOT_IN_SCOPE': '这是其他社区的活动',
  'ACTIVITY.FULL': '名额已满，下次早点来报名',
  'ACTIVITY.CANCELLED': '活动已取消',
  'ACTIVITY.STARTED': '活动已开始，不能再报名或取消报名',
  'ACTIVITY.NOT_SIGNED_UP': '您还没有报名这个活动',
  'ACTIVITY.BAD_CODE': '签到码无效或已更新，请扫描现场最新的签到码',
  'ACTIVITY.OUTSIDE_WINDOW': '不在签到时间内（活动开始前 30 分钟至结束）',
  'ACTIVITY.ALREADY_CHECKED_IN': '您已经签到过了',
  'ACTIVITY.BAD_RANGE': '导出的时间范围有误（不超过一年）',
}

/**
 * The friendly Chinese copy of errands's error codes. Not in the feature's declaration: it ships with
 * the subpackages whose pages meet these codes, which register it (`registerCopy`,
 * src/services/error-copy.ts) when their client loads, keeping the main package within its budget.
 */
export const errandsCopy: Readonly<Record<string, string>> = {
  'ERRAND.NO_HOUSEHOLD': '请先加入网格再发布互助',
  'ERRAND.TEXT_EMPTY': '请简单描述需要帮什么忙',
  'ERRAND.TEXT_TOO_LONG': '描述不能超过 100 个字',
  'ERRAND.WINDOW_INVALID': '结束时间应晚于开始时间',
  'ERRAND.WINDOW_PAST': '开始时间已经过去了，请重新选择',
  'ERRAND.WINDOW_TOO_LONG': '时间段不能超过 12 小时',
  'ERRAND.WINDOW_TOO_SHORT': '时间段至少 15 分钟',
  'ERRAND.WINDOW_TOO_FAR': '只能发布 7 天内的互助',
  'ERRAND.NO_TRUSTED_HELPERS': '代接送小孩请先选择信任的帮办人',
  'ERRAND.NOT_GRID_HELPER': '只能选择本网格经过认证的帮办人',
  'ERRAND.TAKEN': '已被其他邻居接单',
  'ERRAND.OWN_ERRAND': '不能接自己发布的互助',
  'ERRAND.OUTSIDE_GRID': '只能接本网格的互助',
  'ERRAND.NOT_APPROVED': '代接送小孩只能由家长指定的帮办人接单',
  'ERRAND.BAD_STATE': '互助状态已变化，请刷新后再操作',
  'ERRAND.CODE_REQUIRED': '请输入交接码',
  'ERRAND.CODE_WRONG': '交接码不正确，请核对后再试',
  'ERRAND.CODE_LOCKED': '交接码错误次数过多，已锁定，请联系网格员处理',
  'ERRAND.REASON_REQUIRED': '请说明原因',
  'ERRAND.ALREADY_THANKED': '您已经感谢过了',
}

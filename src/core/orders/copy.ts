/**
 * The friendly Chinese copy of the reports' and work orders' error codes. Not in the feature's
 * declaration: it ships with the subpackages whose pages meet these codes (reports, the admin's
 * order settings, deliberation's carry form), each registering it (`registerCopy`,
 * src/services/error-copy.ts) when its client loads; elsewhere a code reads the function's own words.
 */
export const ordersCopy: Readonly<Record<string, string>> = {
  'REPORT.TEXT_EMPTY': '请描述一下遇到的问题',
  'REPORT.TEXT_TOO_LONG': '问题描述不能超过 500 个字，请精简后再提交',
  'REPORT.TOO_MANY_PHOTOS': '最多上传 9 张照片',
  'REPORT.PHOTO_TOO_LARGE': '照片太大了，请重新选择或拍摄',
  'REPORT.PHOTO_INVALID': '照片上传未完成或已失效，请重新上传',
  'REPORT.UNKNOWN_CATEGORY': '请选择问题类别',
  'REPORT.NO_HOUSEHOLD': '您还未加入网格，请先扫码入格或选择问题所在楼栋',
  'REPORT.NOT_STAFF': '只有该网格的工作人员可以代居民登记',
  'ORDER.OUTSIDE_GRID': '所选位置不在本社区任何网格内，请重新选择位置',
  'ORDER.BAD_STATE': '工单状态已变化，请刷新后再操作',
  'ORDER.ALREADY_ACCEPTED': '该工单已被其他工作人员接单',
  'ORDER.OUTCOME_REQUIRED': '请选择办理结果（当场办、限期办、解释说明或转办）',
  'ORDER.PROMISED_DATE_REQUIRED': '限期办请填写承诺办结日期',
  'ORDER.PROMISED_DATE_INVALID': '承诺办结日期应在今天之后，且不超过本社区规定的最长承诺期限',
  'ORDER.REASON_REQUIRED': '解释说明请填写原因',
  'ORDER.TRANSFER_TARGET_REQUIRED': '转办请填写承办单位',
  'ORDER.ALREADY_RATED': '您已评价过这次办理结果',
  'ORDER.NOT_REPLIED': '工单还没有答复，暂不能评价',
  'ORDER.REOPEN_EXPIRED': '已超过可重新办理的期限，如有问题请重新上报',
  'ORDER.TOP_TIER': '已转至职能部门办理，无法继续上报',
  'ORDER.NOT_REPORTER': '只有上报人可以进行此操作',
  'ORDER.NOT_HELD': '该工单无需审核',
  'ORDER.OWN_ORDER': '这是您自己上报的问题，可在“我的上报”查看进展',
  'ORDER.CONFIG_INVALID': '设置有误，请按提示修改后再保存',
}

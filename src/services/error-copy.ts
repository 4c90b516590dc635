import { CommonErrorCodes, type ErrorCode } from '@core/errors'

/** Friendly Chinese copy for each error code. Feature issues add their codes here. */
const copy: Record<string, string> = {
  [CommonErrorCodes.UNAUTHENTICATED]: '请先登录后再试',
  [CommonErrorCodes.FORBIDDEN]: '您没有权限进行此操作',
  [CommonErrorCodes.INVALID_INPUT]: '填写的内容有误，请检查后再提交',
  [CommonErrorCodes.UNKNOWN_ACTION]: '当前版本不支持此操作，请更新小程序',
  [CommonErrorCodes.NOT_FOUND]: '内容不存在或已被删除',
  [CommonErrorCodes.CONFLICT]: '操作冲突，请刷新后重试',
  [CommonErrorCodes.INTERNAL]: '服务开小差了，请稍后再试',
  NETWORK: '网络不太好，请稍后再试',
  // Org tree admin (src/core/admin)
  'ORG.NAME_TAKEN': '同一上级下已有这个名称，请换一个',
  'ORG.IMPORT_INVALID': '表格中有错误，未导入任何楼栋，请按提示修改后重新导入',
  'ROLE.LAST_ADMIN': '不能撤销自己唯一的管理员身份，请联系上级处理',
  // Joining, household, my data, helper profile (src/core/join, src/core/household, src/core/me)
  'JOIN.CODE_INVALID': '该二维码已失效，请扫描最新张贴的二维码或手动选择小区',
  'JOIN.ALREADY_MEMBER': '您已加入一个家庭，如需搬家请在“我的家庭”中申请迁移',
  'JOIN.PENDING_EXISTS': '您已有一个待审核的入格申请，请等待审核或先撤回',
  'JOIN.NOT_PENDING': '该申请已处理，请刷新查看',
  'JOIN.UNIT_NOT_FOUND': '所选单元不存在，请重新选择',
  'PHONE.CODE_INVALID': '获取手机号失败，请重试或手动填写',
  'CONTENT.RISKY': '内容含有不当信息，请修改后再提交',
  'CONTENT.CHECK_UNAVAILABLE': '内容安全检查暂不可用，请稍后再试',
  // Work orders (src/core/orders)
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
  'ORDER.PROMISED_DATE_INVALID': '承诺办结日期应在今天之后的 90 天内',
  'ORDER.REASON_REQUIRED': '解释说明请填写原因',
  'ORDER.TRANSFER_TARGET_REQUIRED': '转办请填写承办单位',
  'ORDER.ALREADY_RATED': '您已评价过这次办理结果',
  'ORDER.NOT_REPLIED': '工单还没有答复，暂不能评价',
  'ORDER.REOPEN_EXPIRED': '已超过可重新办理的期限，如有问题请重新上报',
  'ORDER.TOP_TIER': '已转至职能部门办理，无法继续上报',
  'ORDER.NOT_REPORTER': '只有上报人可以进行此操作',
  'ORDER.NOT_HELD': '该工单无需审核',
  'ORDER.OWN_ORDER': '这是您自己上报的问题，进展会自动通知您',
}

export function errorCopy(code: ErrorCode | 'NETWORK'): string {
  return copy[code] ?? copy[CommonErrorCodes.INTERNAL] ?? ''
}

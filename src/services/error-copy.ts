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
}

export function errorCopy(code: ErrorCode | 'NETWORK'): string {
  return copy[code] ?? copy[CommonErrorCodes.INTERNAL] ?? ''
}

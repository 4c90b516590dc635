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
}

export function errorCopy(code: ErrorCode | 'NETWORK'): string {
  return copy[code] ?? copy[CommonErrorCodes.INTERNAL] ?? ''
}

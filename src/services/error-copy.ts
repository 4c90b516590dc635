import { CommonErrorCodes, type ErrorCode } from '@core/errors'
import { features } from '@core/features'

/** Friendly Chinese copy for each error code: the common ones here, each feature's in its declaration. */
const copy: Record<string, string> = {
  [CommonErrorCodes.UNAUTHENTICATED]: '请先登录后再试',
  [CommonErrorCodes.FORBIDDEN]: '您没有权限进行此操作',
  [CommonErrorCodes.INVALID_INPUT]: '填写的内容有误，请检查后再提交',
  [CommonErrorCodes.UNKNOWN_ACTION]: '当前版本不支持此操作，请更新小程序',
  [CommonErrorCodes.NOT_FOUND]: '内容不存在或已被删除',
  [CommonErrorCodes.CONFLICT]: '操作冲突，请刷新后重试',
  [CommonErrorCodes.INTERNAL]: '服务开小差了，请稍后再试',
  NETWORK: '网络不太好，请稍后再试',
  'CONTENT.RISKY': '内容含有不当信息，请修改后再提交',
  'CONTENT.CHECK_UNAVAILABLE': '内容安全检查暂不可用，请稍后再试',
  // Each feature's codes: its declaration's `copy` (src/core/<feature>/feature.ts).
  ...Object.assign({}, ...features.map((f) => f.copy ?? {})),
}

/**
 * A subpackage's own copy, registered when its client loads (a feature whose codes only its own
 * pages meet keeps them out of the main package: src/core/deliberation/copy.ts).
 */
export function registerCopy(more: Readonly<Record<string, string>>): void {
  Object.assign(copy, more)
}

/** Is there copy for this code (here, or registered by a subpackage that has loaded)? */
export function hasCopy(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(copy, code)
}

export function errorCopy(code: ErrorCode | 'NETWORK'): string {
  return copy[code] ?? copy[CommonErrorCodes.INTERNAL] ?? ''
}

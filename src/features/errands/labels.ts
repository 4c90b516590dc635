import type { ErrandMove } from '@core/errands/machine'
import type { ErrandType } from '@core/errands/model'

/** Pages of the errands subpackage (the notify templates point at board and detail). */
export const POST_URL = '/features/errands/pages/index/index'
export const MINE_URL = '/features/errands/pages/mine/index'
export const BOARD_URL = '/features/errands/pages/board/index'
export const DETAIL_URL = '/features/errands/pages/detail/index'
export const detailUrl = (errandId: string) => `${DETAIL_URL}?id=${encodeURIComponent(errandId)}`

/** China time (the phone's zone may differ on H5 test machines). */
export { shortTime, spanText as windowText } from '@core/china-time'

/** The button text of each move the detail page shows (system moves never reach a page). */
export function moveLabel(move: ErrandMove, type: ErrandType): string {
  const child = type === 'child_pickup'
  const labels: Record<ErrandMove, string> = {
    accept: '我来帮忙（接单）',
    release: '放弃接单',
    cancel: '取消这条互助',
    expire: '过期',
    start: child ? '已接到孩子（输入交接码）' : '开始帮忙',
    done: child ? '已送到家' : '已办完',
    lock: '锁定',
    unlock: '解除锁定',
    confirm: '确认完成',
    dispute: '有异议',
    settle: '认定完成（发放积分）',
    close: '关闭异议（不发积分）',
  }
  return labels[move]
}
